import { describe, expect, it } from 'vitest';
import { aProviderRole, MONITORING_RETURN_COLUMNS, monitoringFieldLabel, monitoringPeriodText, monitoringReturnStatusText, monitoringReturnTemplateCsv, previousMonth, suggestedReturnPeriod } from '../src/monitoring-return.ts';

describe('monitoring returns in words (issue 11, item 5)', () => {
  it('names a month, a quarter, whole months across a year end, and any other days', () => {
    expect(monitoringPeriodText('2026-01-01', '2026-01-31')).toBe('January 2026');
    expect(monitoringPeriodText('2024-02-01', '2024-02-29')).toBe('February 2024');
    expect(monitoringPeriodText('2026-04-01', '2026-06-30')).toBe('April to June 2026');
    expect(monitoringPeriodText('2025-11-01', '2026-01-31')).toBe('November 2025 to January 2026');
    expect(monitoringPeriodText('2026-01-03', '2026-02-05')).toBe('3 January 2026 to 5 February 2026');
    expect(monitoringPeriodText('2026-02-01', '2026-02-28')).toBe('February 2026');
    expect(monitoringPeriodText('2026-02-01', '2026-02-27')).toBe('1 February 2026 to 27 February 2026');
  });

  it('suggests last month, the contract’s first month, or the month after the latest return held', () => {
    expect(suggestedReturnPeriod('2026-12-06', '2025-04-01', [])).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(suggestedReturnPeriod('2026-12-06', '2026-12-01', [])).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(suggestedReturnPeriod('2026-12-06', '2025-04-01', ['2026-10-01', '2026-11-01'])).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(suggestedReturnPeriod('2027-01-15', '2025-04-01', ['2026-12-01'])).toEqual({ start: '2027-01-01', end: '2027-01-31' });
    expect(suggestedReturnPeriod('2026-03-02', '2025-04-01', ['2026-01-01'])).toEqual({ start: '2026-02-01', end: '2026-02-28' });
  });

  it('says each status in words, never a code', () => {
    expect(['draft', 'submitted', 'accepted', 'queried', 'lost'].map(monitoringReturnStatusText)).toEqual(['Draft', 'Submitted', 'Accepted', 'Queried', 'Unknown status']);
  });

  it('names an upload problem’s column in words, whether the column or the form’s field', () => {
    expect(['hours_delivered', 'staffTurnoverPercent', 'staff_turnover_percent', 'period_end', 'contract_reference', 'file', 'someNewThing', 'odd_column', ''].map(monitoringFieldLabel)).toEqual([
      'Hours delivered',
      'Staff turnover (%)',
      'Staff turnover percent',
      'Period end',
      'Contract reference',
      'The file',
      'Some new thing',
      'Odd column',
      'The file',
    ]);
  });

  it('names a provider organisation’s roles in a sentence', () => {
    expect((['provider_admin', 'bid_writer', 'contract_manager'] as const).map(aProviderRole)).toEqual(['a provider administrator', 'a bid writer', 'a contract manager']);
  });

  it('the month before today, across a year end and in a leap year', () => {
    expect(previousMonth('2026-12-06')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(previousMonth('2027-01-15')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(previousMonth('2024-03-31')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('a template with the upload’s columns as headings in words (read as the columns) and a row a contract, its references quoted and made inert', () => {
    const csv = monitoringReturnTemplateCsv([
      { contractReference: 'SEF-2019-007', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      { contractReference: '=cmd,"x"', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Contract reference,Period start,Period end,Hours delivered,Missed visits,Late visits,Staff turnover percent,Complaints',
      'SEF-2019-007,2026-11-01,2026-11-30,,,,,',
      `"'=cmd,""x""",2026-11-01,2026-11-30,,,,,`,
      '',
    ]);
    expect(MONITORING_RETURN_COLUMNS).toHaveLength(8);
  });
});
