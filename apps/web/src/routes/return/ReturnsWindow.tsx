import { returnsWindow, returnsWindowProblem, type ReturnsWindow } from '@concord/domain';
import { useState, type FormEvent } from 'react';
import { DateInput, datePartsOf, isoOf, todayIso, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary.tsx';
import { formatDate } from '../../format.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The window the address asks for (`from`, `to`: due dates), ends that are not a day left out. */
export function windowAsked(params: URLSearchParams): { from?: string; to?: string } {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return { ...(ISO_DAY.test(from) ? { from } : {}), ...(ISO_DAY.test(to) ? { to } : {}) };
}

/**
 * The due dates the returns calendar covers (issue 14: a calendar is bounded by its window, whatever the history):
 * said in words, and changed with two GOV.UK date inputs. A window back to front or longer than the server takes
 * is refused here, against its field, with the domain's own rule.
 */
export function ReturnsWindowForm({ window, onApply }: { window: ReturnsWindow; onApply: (window: ReturnsWindow) => void }) {
  const [from, setFrom] = useState<DateParts>(datePartsOf(window.from));
  const [to, setTo] = useState<DateParts>(datePartsOf(window.to));
  const [errors, setErrors] = useState<Partial<Record<'from' | 'to', string>>>({});

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<'from' | 'to', string>> = {};
    const fromIso = isoOf(from);
    const toIso = isoOf(to);
    if (fromIso === 'invalid') found.from = 'The first due date must be a real date, for example 1 4 2025';
    if (toIso === 'invalid') found.to = 'The last due date must be a real date, for example 31 3 2026';
    if (!found.from && !found.to) {
      const asked = returnsWindow(todayIso(), { ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) });
      const problem = returnsWindowProblem(asked);
      if (problem) found[problem.field] = problem.message;
      else {
        setErrors({});
        return onApply(asked);
      }
    }
    setErrors(found);
  };

  const summary: ErrorItem[] = Object.entries(errors).map(([field, text]) => ({ text, href: `#returns-${field}-day` }));
  return (
    <form noValidate onSubmit={apply} aria-label="Due dates to show" data-testid="returns-window">
      <ErrorSummary errors={summary} />
      <p className="govuk-body" data-testid="returns-window-text">
        Returns due from {formatDate(window.from)} to {formatDate(window.to)}.
      </p>
      <details className="govuk-details" open={summary.length > 0}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Change the due dates</span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body">Choose due dates up to 5 years apart. Leave one out to show 15 months from the other.</p>
          <DateInput id="returns-from" legend="Due from" legendSize="s" hint="The first due date. For example, 1 4 2025" error={errors.from} value={from} onChange={setFrom} />
          <DateInput id="returns-to" legend="Due to" legendSize="s" hint="The last due date, included. For example, 31 3 2026" error={errors.to} value={to} onChange={setTo} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Show these dates
          </button>
        </div>
      </details>
    </form>
  );
}
