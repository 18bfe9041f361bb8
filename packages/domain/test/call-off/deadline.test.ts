import { describe, expect, it } from 'vitest';
import { deadlineText, sealedResponsesText } from '../../src/call-off/deadline.ts';

describe('a response deadline in words', () => {
  it('says a time of day in London, in winter (GMT) and summer (BST)', () => {
    expect(deadlineText('2027-03-01T17:00:00Z')).toBe('5pm on 1 March 2027');
    expect(deadlineText('2027-07-01T16:00:00Z')).toBe('5pm on 1 July 2027');
    expect(deadlineText('2027-07-01T08:30:00Z')).toBe('9:30am on 1 July 2027');
    expect(deadlineText('2027-07-01T11:00:00Z')).toBe('midday on 1 July 2027');
  });

  it('says the end of a day as 11:59pm on that day', () => {
    expect(deadlineText('2027-03-02T00:00:00Z')).toBe('11:59pm on 1 March 2027');
    expect(deadlineText('2027-06-30T23:00:00Z')).toBe('11:59pm on 30 June 2027');
    expect(deadlineText('2027-01-01T00:00:00Z')).toBe('11:59pm on 31 December 2026');
  });

  it('counts the sealed responses', () => {
    expect(sealedResponsesText(2, '2027-03-01T17:00:00Z')).toBe('2 responses received, sealed until 5pm on 1 March 2027');
    expect(sealedResponsesText(1, '2027-03-01T17:00:00Z')).toBe('1 response received, sealed until 5pm on 1 March 2027');
    expect(sealedResponsesText(0, '2027-03-01T17:00:00Z')).toBe('No responses received, sealed until 5pm on 1 March 2027');
  });
});
