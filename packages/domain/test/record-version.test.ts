import { describe, expect, it } from 'vitest';
import { momentInWords, staleEdit, staleEditMessage } from '../src/record-version.ts';

describe('a stale edit is refused naming who changed the record and when', () => {
  it('says the time in UK time, GOV.UK style', () => {
    expect(momentInWords(new Date('2025-03-03T14:05:00Z'))).toBe('2:05pm on 3 March 2025');
    // British Summer Time: 09:30 UTC is 10:30am in London.
    expect(momentInWords(new Date('2025-07-01T09:30:00Z'))).toBe('10:30am on 1 July 2025');
    expect(momentInWords(new Date('2025-12-31T00:00:00Z'))).toBe('12:00am on 31 December 2025');
  });

  it('names the person, or someone else when the change is not theirs to see', () => {
    const at = new Date('2025-03-03T14:05:00Z');
    expect(staleEditMessage('Sam Okafor', at)).toBe('Changed by Sam Okafor at 2:05pm on 3 March 2025 — reload to see it');
    expect(staleEditMessage(null, at)).toBe('Changed by someone else at 2:05pm on 3 March 2025 — reload to see it');
  });

  it('is a CONFLICT on the version field, with a lead-in when a state moved on', () => {
    const error = staleEdit('Sam Okafor', new Date('2025-03-03T14:05:00Z'), 'This was already decided');
    expect(error.kind).toBe('CONFLICT');
    expect(error.field).toBe('version');
    expect(error.message).toBe('This was already decided. Changed by Sam Okafor at 2:05pm on 3 March 2025 — reload to see it');
  });
});
