import { describe, expect, it } from 'vitest';
import { contractDateStatus, contractStatusText, type ContractForDateStatus } from '../../src/index.ts';

const TODAY = '2026-12-06';
const running: ContractForDateStatus = { status: 'active', startDate: '2024-04-01', endDate: '2027-03-31' };

describe('contractDateStatus: the status a person expects from the dates', () => {
  it('a contract recorded as active that starts after today has not started', () => {
    expect(contractDateStatus({ ...running, startDate: '2027-04-01', endDate: '2030-03-31' }, TODAY)).toBe('not_started');
    expect(contractDateStatus({ ...running, startDate: '2026-12-07' }, TODAY)).toBe('not_started');
  });

  it('started and not past its end date: active, on the first and the last day too', () => {
    expect(contractDateStatus(running, TODAY)).toBe('active');
    expect(contractDateStatus({ ...running, startDate: TODAY }, TODAY)).toBe('active');
    expect(contractDateStatus({ ...running, endDate: TODAY }, TODAY)).toBe('active');
    expect(contractDateStatus({ ...running, status: 'extended' }, TODAY)).toBe('active');
  });

  it('ended on 31 March 2024 with nothing recorded: past its end date, no decision', () => {
    expect(contractDateStatus({ ...running, startDate: '2021-04-01', endDate: '2024-03-31' }, TODAY)).toBe('past_end_no_decision');
    expect(contractDateStatus({ ...running, endDate: '2026-12-05' }, TODAY)).toBe('past_end_no_decision');
    // A decision recorded for an earlier end date is not a decision about this one.
    expect(contractDateStatus({ ...running, endDate: '2024-03-31', endDecision: 'let_expire', endDecisionFor: '2023-03-31' }, TODAY)).toBe('past_end_no_decision');
  });

  it('past its end date with a decision recorded for that date, or recorded as expired: ended', () => {
    expect(contractDateStatus({ ...running, endDate: '2024-03-31', endDecision: 'let_expire', endDecisionFor: '2024-03-31' }, TODAY)).toBe('ended');
    expect(contractDateStatus({ ...running, endDate: '2024-03-31', endDecision: 'recommission', endDecisionFor: '2024-03-31' }, TODAY)).toBe('ended');
    expect(contractDateStatus({ ...running, status: 'expired', endDate: '2024-03-31' }, TODAY)).toBe('ended');
    // The dates come first: the day before its end, a contract since recorded as expired was active.
    expect(contractDateStatus({ ...running, status: 'expired', startDate: '2021-04-01', endDate: '2024-03-31' }, '2024-03-30')).toBe('active');
  });

  it('terminated and draft are the recorded decisions, whatever the dates', () => {
    expect(contractDateStatus({ ...running, status: 'terminated' }, TODAY)).toBe('terminated');
    expect(contractDateStatus({ ...running, status: 'terminated', startDate: '2027-01-01' }, TODAY)).toBe('terminated');
    expect(contractDateStatus({ ...running, status: 'draft', endDate: '2024-03-31' }, TODAY)).toBe('draft');
  });

  it('says the recorded status beside it when the words differ', () => {
    expect(contractStatusText(running, TODAY)).toBe('Active');
    expect(contractStatusText({ ...running, endDate: '2024-03-31' }, TODAY)).toBe('Past its end date — no decision (recorded as active)');
    expect(contractStatusText({ ...running, status: 'extended', startDate: '2027-04-01' }, TODAY)).toBe('Not started (recorded as extended)');
    expect(contractStatusText({ ...running, status: 'terminated' }, TODAY)).toBe('Terminated');
  });
});
