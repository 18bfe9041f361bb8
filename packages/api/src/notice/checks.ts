import { badRequest, dayInput, marketEngagementNoticeProblem, tenderNoticeDeadlineProblems, type TenderNoticeFacts } from '@concord/domain';
import type { Scope } from './facts.ts';
import type { NoticeRow } from './items.ts';
import type { EditableField } from './types.ts';

/**
 * The gates of a notice's own fields (issue 16): each value a person supplies is one the field takes (a real day for
 * a date, one of its choices), and a tender notice (UK4) is not marked ready or published with a closing date that
 * leaves less than the minimum period of s.54, nor before the preliminary market engagement notice (UK2) it needs
 * (s.17). Refused as BAD_REQUEST on the field, in words.
 */
export function assertFieldValues(values: Readonly<Record<string, string>>, fields: readonly EditableField[]): void {
  for (const f of fields) {
    const value = values[f.name]?.trim();
    if (!value) continue;
    if (f.date) {
      const parsed = dayInput(`“${f.label}”`).safeParse(value);
      if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? `“${f.label}” must be a real date`, `fields.${f.name}`);
    }
    if (f.choices && !f.choices.some((c) => c.value === value)) throw badRequest(`Choose one of the answers to “${f.label}”`, `fields.${f.name}`);
  }
}

/** The day a notice of `type` was published in the scope (the first, if several). */
export function publishedOnOf(scope: Scope, type: string): string | null {
  return scope.facts.published.filter((p) => p.type === type).map((p) => p.publishedOn).sort()[0] ?? null;
}

/** What the s.54 rules need of a UK4: its fields, its publication day (or today's, unpublished), the UK3 before it. */
export function tenderNoticeFacts(fields: Record<string, string>, scope: Scope, publishedOn: string, unpublished: boolean): TenderNoticeFacts {
  return { fields, publishedOn, unpublished, plannedNoticeOn: publishedOnOf(scope, 'UK3'), lightTouch: scope.facts.lightTouch };
}

/**
 * A UK4 may be marked ready (`publishedOn` null: it would be published today at the earliest) or published on
 * `publishedOn` only with closing dates that leave the minimum periods, and after the UK2 where one is needed.
 */
export function assertTenderNoticeMayGo(row: NoticeRow, scope: Scope | null, today: string, publishedOn: string | null): void {
  if (row.notice_type !== 'UK4' || !scope) return;
  const fields = row.fields ?? {};
  const [problem] = tenderNoticeDeadlineProblems(tenderNoticeFacts(fields, scope, publishedOn ?? today, publishedOn === null));
  if (problem) throw badRequest(problem.message, `fields.${problem.field}`);
  const engagement = marketEngagementNoticeProblem({
    engagementTookPlace: scope.facts.marketEngagement?.tookPlace ?? false,
    uk2PublishedOn: publishedOnOf(scope, 'UK2'),
    noNoticeReason: fields.noMarketEngagementNoticeReason,
    uk4PublishedOn: publishedOn,
  });
  if (engagement) throw badRequest(engagement, 'fields.noMarketEngagementNoticeReason');
}

/** The end of a day in London as an ISO date-time with its offset (a deadline "by" that day). */
export function endOfLondonDay(day: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const hours = Number(/GMT([+-]\d+)?/.exec(name)?.[1] ?? 0);
  return `${day}T23:59:59${hours >= 0 ? '+' : '-'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}
