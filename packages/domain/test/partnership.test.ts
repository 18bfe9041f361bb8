import { describe, expect, it } from 'vitest';
import { DomainError, PARTNERSHIP_KINDS, PARTNERSHIP_KIND_LABELS, checkLeavingDay, countsBeforeLeaving, kpiSetChange, proposePartnershipInput } from '../src/index.ts';

const fieldOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind} ${e.field}` : 'other';
  }
};

describe('partnership rules (issue 10, item 4)', () => {
  it('a member leaves today or later, never before it joined', () => {
    expect(fieldOf(() => checkLeavingDay('2026-12-06', '2026-12-06', '2024-01-01'))).toBe('ok');
    expect(fieldOf(() => checkLeavingDay('2026-12-05', '2026-12-06', '2024-01-01'))).toBe('BAD_REQUEST leaveOn');
    expect(fieldOf(() => checkLeavingDay('2027-01-01', '2026-12-06', '2027-02-01'))).toBe('BAD_REQUEST leaveOn');
  });

  it('a left member counts for periods that start before it left', () => {
    expect(countsBeforeLeaving('2026-09-30', '2026-10-01')).toBe(true);
    expect(countsBeforeLeaving('2026-10-01', '2026-10-01')).toBe(false);
    expect(countsBeforeLeaving('2030-01-01', null)).toBe(true);
  });

  it('a KPI set change adds and retires codes, and refuses codes outside the library', () => {
    expect(kpiSetChange(['A-1', 'B-1'], ['B-1', 'C-1'], ['A-1', 'B-1', 'C-1'])).toEqual({ add: ['C-1'], retire: ['A-1'] });
    expect(fieldOf(() => kpiSetChange([], ['ZZ-9'], ['A-1']))).toBe('BAD_REQUEST kpiCodes');
  });

  it('every kind has a label, and a proposal names its kind from the list', () => {
    for (const k of PARTNERSHIP_KINDS) expect(PARTNERSHIP_KIND_LABELS[k]).toMatch(/^[A-Z]/);
    const idempotencyKey = '00000000-0000-4000-8000-000000000001';
    expect(proposePartnershipInput.safeParse({ name: 'X', kind: 'joint_commissioning', purpose: 'p', kpiCodes: [], idempotencyKey }).success).toBe(false);
    expect(proposePartnershipInput.safeParse({ name: ' GM ', kind: 'tripartite', purpose: 'Home care', kpiCodes: ['SL-01', 'SL-01'], idempotencyKey }).data).toMatchObject({ name: 'GM', kpiCodes: ['SL-01'] });
  });
});
