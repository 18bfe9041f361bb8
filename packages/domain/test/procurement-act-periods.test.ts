import { describe, expect, it } from 'vitest';
import {
  PROCUREMENT_ACT_THRESHOLDS,
  THRESHOLD_KINDS,
  checkTenderDeadline,
  isQualifyingPlannedProcurementNotice,
  meetsThreshold,
  minimumParticipationPeriod,
  minimumTenderingPeriod,
  regimeFor,
  thresholdFor,
  type TenderingPeriodFacts,
} from '../src/procurement-act/index.ts';

describe('the regime of a procurement', () => {
  it('is the 2015 rules before 24 February 2025 and the Act from that day', () => {
    expect(regimeFor({ startedOn: '2025-02-23' }).regime).toBe('pcr_2015_light_touch');
    expect(regimeFor({ startedOn: '2025-02-24' }).regime).toBe('procurement_act_2023');
    expect(regimeFor({ startedOn: '2025-02-23' }).reason).toContain('24 February 2025');
  });

  it('keeps a call-off from a framework or PDPS set up under the 2015 rules under them, whenever it starts', () => {
    expect(regimeFor({ startedOn: '2026-06-01', callOffFrom: { regime: 'pcr_2015_light_touch' } }).regime).toBe('pcr_2015_light_touch');
    expect(regimeFor({ startedOn: '2026-06-01', callOffFrom: { regime: 'procurement_act_2023' } }).regime).toBe('procurement_act_2023');
  });

  it('puts healthcare services arranged under the Provider Selection Regime under it', () => {
    expect(regimeFor({ startedOn: '2026-06-01', healthcareServicesUnderPsr: true }).regime).toBe('provider_selection_regime');
  });
});

describe('thresholds (Schedule 1, dated, with their source)', () => {
  it('holds every kind in every edition, oldest first, each with a source', () => {
    expect(PROCUREMENT_ACT_THRESHOLDS.map((e) => e.from)).toEqual(['2025-02-24', '2026-01-01']);
    for (const edition of PROCUREMENT_ACT_THRESHOLDS) {
      expect(edition.source.length).toBeGreaterThan(20);
      for (const kind of THRESHOLD_KINDS) expect(Number.isSafeInteger(edition.amountsPence[kind]), `${edition.from} ${kind}`).toBe(true);
    }
  });

  it('gives the light touch threshold, £663,540 in both editions', () => {
    expect(thresholdFor('light_touch', '2025-06-01').pence).toBe(66_354_000);
    expect(thresholdFor('light_touch', '2026-06-01').pence).toBe(66_354_000);
  });

  it('lowers a council’s goods and services threshold from £214,904 to £207,720 on 1 January 2026', () => {
    expect(thresholdFor('sub_central_government_goods_services', '2025-12-31').pence).toBe(21_490_400);
    const from2026 = thresholdFor('sub_central_government_goods_services', '2026-01-01');
    expect(from2026.pence).toBe(20_772_000);
    expect(from2026.source).toContain('S.I. 2025/1200');
    expect(thresholdFor('works', '2026-01-01').pence).toBe(519_300_000);
  });

  it('refuses a procurement begun before the Act', () => {
    expect(() => thresholdFor('light_touch', '2025-02-23')).toThrow(/Public Contracts Regulations 2015/);
  });

  it('is met at the threshold itself and not a penny below', () => {
    expect(meetsThreshold(66_354_000, 'light_touch', '2026-03-01').meets).toBe(true);
    const below = meetsThreshold(66_353_999, 'light_touch', '2026-03-01');
    expect(below.meets).toBe(false);
    expect(below.explanation).toBe('£663,539.99 is below the £663,540 threshold for a light touch contract, such as adult social care (from 1 January 2026).');
  });
});

describe('minimum tendering periods (s.54) and the qualifying planned procurement notice (s.15(3))', () => {
  const openTender: TenderingPeriodFacts = {
    procedure: 'open',
    tenderNoticePublishedOn: '2026-06-01',
    lightTouch: false,
    electronicSubmission: true,
    documentsAtPublication: true,
  };

  it('is 25 days for an open tender with electronic submission and documents published with the notice', () => {
    expect(minimumTenderingPeriod(openTender).days).toBe(25);
  });

  it('is 30 days with only one of the two, and 35 with neither', () => {
    expect(minimumTenderingPeriod({ ...openTender, documentsAtPublication: false }).days).toBe(30);
    expect(minimumTenderingPeriod({ ...openTender, electronicSubmission: false }).days).toBe(30);
    expect(minimumTenderingPeriod({ ...openTender, electronicSubmission: false, documentsAtPublication: false }).days).toBe(35);
  });

  it('shortens to 10 days after a UK3 published between 40 days and a year before the tender notice', () => {
    const period = minimumTenderingPeriod({ ...openTender, plannedProcurementNoticePublishedOn: '2026-03-02' });
    expect(period.days).toBe(10);
    expect(period.reason).toContain('2 March 2026');
    expect(period.verified).toBe(true);
  });

  it('does not shorten after a UK3 published too late (under 40 days) or too early (over 12 months)', () => {
    expect(minimumTenderingPeriod({ ...openTender, plannedProcurementNoticePublishedOn: '2026-05-01' }).days).toBe(25);
    expect(minimumTenderingPeriod({ ...openTender, plannedProcurementNoticePublishedOn: '2025-05-31' }).days).toBe(25);
  });

  it('qualifies a UK3 at exactly 40 days and exactly 12 months, not 39 days or 12 months and a day', () => {
    expect(isQualifyingPlannedProcurementNotice('2026-04-22', '2026-06-01')).toBe(true); // 40 days
    expect(isQualifyingPlannedProcurementNotice('2026-04-23', '2026-06-01')).toBe(false); // 39 days
    expect(isQualifyingPlannedProcurementNotice('2025-06-01', '2026-06-01')).toBe(true);
    expect(isQualifyingPlannedProcurementNotice('2025-05-31', '2026-06-01')).toBe(false);
  });

  it('is 10 days for a light touch contract, marked as not verified against the text', () => {
    const period = minimumTenderingPeriod({ ...openTender, lightTouch: true });
    expect(period.days).toBe(10);
    expect(period.verified).toBe(false);
  });

  it('refuses a deadline for tenders inside the minimum period, naming the earliest day', () => {
    const early = checkTenderDeadline('2026-06-25', openTender);
    expect(early.ok).toBe(false);
    expect(early.earliestDeadline).toBe('2026-06-26');
    expect(early.problem).toContain('26 June 2026');
    expect(checkTenderDeadline('2026-06-26', openTender).ok).toBe(true);
  });

  it('gives a participation period of 25 days, 10 in urgency', () => {
    expect(minimumParticipationPeriod({}).days).toBe(25);
    expect(minimumParticipationPeriod({ urgency: true }).days).toBe(10);
  });
});
