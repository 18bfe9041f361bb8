import { describe, expect, it } from 'vitest';
import { financialYearName, pipelineNoticeDue, pipelineNoticeDueBy, pipelineNoticeReason, pipelineNoticeRule, pipelineYearFor } from '../src/index.ts';

describe('the pipeline notice (UK1, s.93)', () => {
  it('is due within 56 days beginning with 1 April: 1 April is day 1, so 26 May is the last', () => {
    expect(pipelineNoticeDueBy('2027-04-01')).toBe('2027-05-26');
    expect(pipelineNoticeDueBy('2028-04-01')).toBe('2028-05-26');
    // the same day the domain's own UK1 rule gives when the spend is above the threshold
    expect(pipelineNoticeDue({ financialYearStartsOn: '2027-04-01', expectedRelevantContractPaymentsPence: pipelineNoticeRule('2027-04-01').spendThresholdPence + 1, published: [] }, '2027-01-01').dueBy).toBe('2027-05-26');
  });

  it('names the financial year as GOV.UK does', () => {
    expect(financialYearName('2027-04-01')).toBe('2027 to 2028');
    expect(financialYearName('2026-04-01')).toBe('2026 to 2027');
  });

  it('looks at the current year while its period runs, then at the next', () => {
    expect(pipelineYearFor('2026-12-06')).toBe('2027-04-01');
    expect(pipelineYearFor('2027-05-26')).toBe('2027-04-01');
    expect(pipelineYearFor('2027-05-27')).toBe('2028-04-01');
    expect(pipelineYearFor('2027-03-31')).toBe('2027-04-01');
  });

  it('holds the threshold as dated configuration, and says the condition, the date and the floor in words', () => {
    expect(pipelineNoticeRule('2027-04-01')).toMatchObject({ spendThresholdPence: 10_000_000_000, days: 56, source: 'Procurement Act 2023, s.93' });
    expect(() => pipelineNoticeRule('2024-04-01')).toThrow(/24 February 2025/);
    expect(pipelineNoticeReason('2027-04-01')).toBe(
      'Required only if your authority expects to pay more than £100,000,000 under public contracts in the year (Procurement Act 2023, s.93). Concord does not hold all of your authority’s spend: what its contracts come to is a floor.',
    );
  });
});
