import { longDate, tenderNoticeRules, type TenderDeadlineField } from '@concord/domain';
import { todayIso } from '../../components/DateInput.tsx';

/** What a tender notice's deadlines depend on beyond its own fields. */
export interface TenderContext {
  /** The day the tender notice was published, or null while it is a draft (then: today at the earliest). */
  publishedOn: string | null;
  /** The day the procurement's planned procurement notice (UK3) was published, if it was. */
  plannedNoticeOn: string | null;
}

/** Adult social care is a light touch service (Procurement Regulations 2024, Schedule 1): every contract Concord holds. */
const LIGHT_TOUCH = true;

/**
 * Beside a tender notice's date input: the minimum period that applies (s.54) and the earliest closing day allowed,
 * worked out as the API checks it, from the fields as typed (the procedure, a participation deadline, urgency).
 */
export function TenderDeadlineRule({ field, context, fields }: { field: string; context: TenderContext; fields: Record<string, string> }) {
  if (field !== 'tenderDeadline' && field !== 'participationDeadline') return null;
  const rules = tenderNoticeRules({ fields, publishedOn: context.publishedOn ?? todayIso(), unpublished: !context.publishedOn, plannedNoticeOn: context.plannedNoticeOn, lightTouch: LIGHT_TOUCH });
  const rule = field === 'tenderDeadline' ? rules.tender : rules.participation;
  if (!rule) return null;
  return (
    <div className="govuk-inset-text govuk-!-margin-top-0" data-testid={`earliest-${field as TenderDeadlineField}`}>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>Earliest allowed: {longDate(rule.earliest)}</strong>
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">
        The minimum period is {rule.period.days} days, counted from the day after {rule.countedFrom}: {rule.period.reason.charAt(0).toLowerCase()}
        {rule.period.reason.slice(1)} ({rule.period.provision}).
      </p>
    </div>
  );
}
