import { describe, expect, it } from 'vitest';
import { marketEngagementNoticeProblem, observesStandstill, standstillStatement, tenderNoticeDeadlineProblems, tenderNoticeRules, type TenderNoticeFacts } from '../src/procurement-act/index.ts';

/** A tender notice published on Monday 2 March 2026. */
const base: TenderNoticeFacts = { fields: {}, publishedOn: '2026-03-02', lightTouch: false };
const withDeadline = (tenderDeadline: string, more: Partial<TenderNoticeFacts> = {}): TenderNoticeFacts => ({ ...base, ...more, fields: { tenderDeadline, ...more.fields } });

describe('the earliest closing date of a tender notice (s.54)', () => {
  it('is 25 days after publication for an open procedure above threshold, counted from the day after', () => {
    const rules = tenderNoticeRules(base);
    expect(rules.procedure).toBe('open');
    expect(rules.participation).toBeNull();
    expect(rules.tender).toMatchObject({ field: 'tenderDeadline', earliest: '2026-03-27' });
    expect(rules.tender.period.days).toBe(25);
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-03-27'))).toEqual([]);
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-03-26'))).toEqual([
      {
        field: 'tenderDeadline',
        message: expect.stringMatching(/^“Tenders must be received by” must be on or after 27 March 2026, not 26 March 2026: the minimum period is 25 days.*s\.54\(4\)/),
      },
    ]);
  });

  it('is 10 days when a planned procurement notice was published between 40 days and 12 months before', () => {
    const facts = withDeadline('2026-03-12', { plannedNoticeOn: '2026-01-10' }); // 51 days before
    expect(tenderNoticeRules(facts).tender.earliest).toBe('2026-03-12');
    expect(tenderNoticeRules(facts).tender.period.reason).toContain('planned procurement notice was published on 10 January 2026');
    expect(tenderNoticeDeadlineProblems(facts)).toEqual([]);
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-03-11', { plannedNoticeOn: '2026-01-10' }))[0]!.message).toContain('ss.15(3)–(4) and 54(4)');
  });

  it('stays 25 days when the planned procurement notice came too late (fewer than 40 days before) or too early (over a year)', () => {
    expect(tenderNoticeRules({ ...base, plannedNoticeOn: '2026-02-01' }).tender.earliest).toBe('2026-03-27'); // 29 days before
    expect(tenderNoticeRules({ ...base, plannedNoticeOn: '2025-03-01' }).tender.earliest).toBe('2026-03-27'); // over 12 months
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-03-12', { plannedNoticeOn: '2026-02-01' }))).toHaveLength(1);
  });

  it('is 10 days for a light touch contract, and says so', () => {
    const facts = withDeadline('2026-03-11', { lightTouch: true });
    expect(tenderNoticeRules(facts).tender).toMatchObject({ earliest: '2026-03-12', text: expect.stringContaining('a light touch contract') });
    expect(tenderNoticeDeadlineProblems(facts)[0]!.message).toContain('must be on or after 12 March 2026, not 11 March 2026');
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-03-12', { lightTouch: true }))).toEqual([]);
  });

  it('asks for the tender deadline, and for a real date', () => {
    expect(tenderNoticeDeadlineProblems(base)).toEqual([{ field: 'tenderDeadline', message: 'Enter the day tenders must be received by' }]);
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-02-30'))[0]!.message).toBe('“Tenders must be received by” must be a real date');
  });

  it('gives a competitive flexible procedure 25 days of participation, and counts tendering from when requests close', () => {
    const fields = { procedure: 'competitive_flexible', participationDeadline: '2026-03-27', tenderDeadline: '2026-04-06' };
    const rules = tenderNoticeRules({ ...base, lightTouch: true, fields });
    expect(rules.participation).toMatchObject({ field: 'participationDeadline', earliest: '2026-03-27' });
    expect(rules.tender.earliest).toBe('2026-04-06');
    expect(tenderNoticeDeadlineProblems({ ...base, lightTouch: true, fields })).toEqual([]);
    const early = tenderNoticeDeadlineProblems({ ...base, lightTouch: true, fields: { ...fields, participationDeadline: '2026-03-20', tenderDeadline: '2026-03-25' } });
    expect(early.map((p) => p.field)).toEqual(['participationDeadline', 'tenderDeadline']);
    expect(early[0]!.message).toContain('s.54(3)');
    // Urgency (a reason given) shortens participation to 10 days.
    expect(tenderNoticeRules({ ...base, fields: { ...fields, urgencyReason: 'Provider failure' } }).participation!.earliest).toBe('2026-03-12');
  });

  it('refuses a participation deadline on an open procedure', () => {
    expect(tenderNoticeDeadlineProblems(withDeadline('2026-04-30', { fields: { participationDeadline: '2026-04-01' } }))[0]).toMatchObject({ field: 'participationDeadline', message: expect.stringContaining('An open procedure has no participation stage') });
  });
});

describe('the preliminary market engagement notice before the tender notice (s.17)', () => {
  const engaged = { engagementTookPlace: true, uk2PublishedOn: null, noNoticeReason: null, uk4PublishedOn: null };
  it('is needed only where engagement took place, unless the reason is given', () => {
    expect(marketEngagementNoticeProblem({ ...engaged, engagementTookPlace: false })).toBeNull();
    expect(marketEngagementNoticeProblem(engaged)).toContain('publish the preliminary market engagement notice (UK2) before the tender notice');
    expect(marketEngagementNoticeProblem({ ...engaged, noNoticeReason: 'One open webinar' })).toBeNull();
  });
  it('must be published on or before the tender notice', () => {
    expect(marketEngagementNoticeProblem({ ...engaged, uk2PublishedOn: '2026-02-01' })).toBeNull();
    expect(marketEngagementNoticeProblem({ ...engaged, uk2PublishedOn: '2026-02-01', uk4PublishedOn: '2026-02-01' })).toBeNull();
    expect(marketEngagementNoticeProblem({ ...engaged, uk2PublishedOn: '2026-02-02', uk4PublishedOn: '2026-02-01' })).toContain('published on 2 February 2026 is after the tender notice');
  });
});

describe('the voluntary standstill of a light touch contract (s.51(3))', () => {
  it('is observed unless the contract award notice says no', () => {
    expect(observesStandstill({})).toBe(true);
    expect(observesStandstill({ voluntaryStandstill: 'yes' })).toBe(true);
    expect(observesStandstill({ voluntaryStandstill: 'no' })).toBe(false);
    expect(standstillStatement('2026-11-30', true)).toContain('ending at the end of 9 December 2026');
    expect(standstillStatement('2026-11-30', false)).toContain('No standstill period is observed');
  });
});
