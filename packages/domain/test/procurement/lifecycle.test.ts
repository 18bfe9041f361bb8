import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { allowedTransitions, assertTransition, isTerminal, PROCUREMENT_STATUSES, TRANSITIONS, transitionInput, type ProcurementStatus } from '../../src/procurement/index.ts';

// Written out by hand, row = from, column = to, in PROCUREMENT_STATUSES order:
//                        draft  m.e.  publ  eval  award live  closed cancelled
const EXPECTED: Record<ProcurementStatus, string> = {
  draft: /*             */ '.     Y     Y     .     .     .     .     Y',
  market_engagement: /* */ '.     .     Y     .     .     .     .     Y',
  published: /*         */ '.     .     .     Y     .     .     .     Y',
  evaluation: /*        */ '.     .     .     .     Y     .     .     Y',
  award_approval: /*    */ '.     .     .     .     .     Y     .     Y',
  live: /*              */ '.     .     .     .     .     .     Y     .',
  closed: /*            */ '.     .     .     .     .     .     .     .',
  cancelled: /*         */ '.     .     .     .     .     .     .     .',
};

function allows(from: ProcurementStatus, to: ProcurementStatus): boolean {
  try {
    assertTransition(from, to);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('BAD_REQUEST');
    expect((error as DomainError).field).toBe('to');
    return false;
  }
}

describe('procurement lifecycle', () => {
  it('allows exactly the transitions in the table, and refuses the other 52 of 64', () => {
    const actual = Object.fromEntries(PROCUREMENT_STATUSES.map((from) => [from, PROCUREMENT_STATUSES.map((to) => (allows(from, to) ? 'Y' : '.')).join('')]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([from, row]) => [from, row.replace(/\s+/g, '')]));
    expect(actual).toEqual(expected);
    expect(Object.values(actual).join('').split('Y').length - 1).toBe(12);
  });

  it('allowedTransitions and TRANSITIONS agree with assertTransition', () => {
    for (const from of PROCUREMENT_STATUSES) {
      expect(allowedTransitions(from)).toEqual(PROCUREMENT_STATUSES.filter((to) => allows(from, to)));
      expect(allowedTransitions(from)).toEqual([...TRANSITIONS[from]]);
    }
  });

  it('allowedTransitions returns a copy the caller cannot use to change the rules', () => {
    allowedTransitions('draft').push('live');
    expect(TRANSITIONS.draft).not.toContain('live');
  });

  it('only closed and cancelled are terminal', () => {
    expect(PROCUREMENT_STATUSES.filter(isTerminal)).toEqual(['closed', 'cancelled']);
  });

  it('explains a refusal in the commissioner’s words, listing where it can go', () => {
    expect(() => assertTransition('draft', 'live')).toThrow(
      'A procurement cannot move from Draft to Live: from Draft it can move to Market engagement, Published (open for applications) or Cancelled',
    );
    expect(() => assertTransition('live', 'cancelled')).toThrow('A procurement cannot move from Live to Cancelled: from Live it can move to Closed');
    expect(() => assertTransition('evaluation', 'published')).toThrow('from Evaluation it can move to Award approval or Cancelled');
    expect(() => assertTransition('closed', 'live')).toThrow('A procurement cannot move from Closed to Live: Closed is final');
    expect(() => assertTransition('published', 'published')).toThrow('The procurement is already at the Published (open for applications) stage');
  });
});

describe('transition input', () => {
  const valid = { procurementId: '7d2b8c1e-4f3a-4b6e-9c1d-2a3b4c5d6e7f', to: 'published', decisionReference: 'Cabinet 8 March 2018, item 7' };

  it('accepts a recorded decision', () => {
    expect(transitionInput.parse({ ...valid, decisionLink: 'https://modgov.sefton.gov.uk/ieDecisionDetails.aspx?ID=1234', decidedOn: '2018-03-08' })).toMatchObject({
      to: 'published',
      decidedOn: '2018-03-08',
    });
  });

  it('requires the decision reference', () => {
    const result = transitionInput.safeParse({ ...valid, decisionReference: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter the decision reference, for example the cabinet or delegated decision');
  });

  it('takes only web addresses as links, and real dates', () => {
    expect(transitionInput.safeParse({ ...valid, decisionLink: 'modgov.sefton.gov.uk' }).error?.issues[0]?.message).toBe('Enter a full web address, starting https://');
    expect(transitionInput.safeParse({ ...valid, decisionLink: 'javascript:alert(1)' }).success).toBe(false);
    expect(transitionInput.safeParse({ ...valid, decidedOn: '2018-02-30' }).error?.issues[0]?.message).toBe('Enter a real date, for example 2018-09-01');
    expect(transitionInput.safeParse({ ...valid, to: 'approved' }).error?.issues[0]?.message).toBe('Choose a stage');
  });
});
