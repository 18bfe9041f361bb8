import { useState, type FormEvent } from 'react';
import { DateInput, datePartsOf, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';

/**
 * The benchmark's period as a GOV.UK date input (day, month, year; issue 13: no browser date box, which shows
 * US-ordered dates in some browsers), applied by its own button. The period is the one shown until a real date
 * is entered. A date that is not real is shown the GOV.UK way: an error summary (which prefixes the title "Error: ")
 * and the message at the boxes.
 */
export function PeriodChooser({ shown, onChoose }: { shown: string; onChoose: (iso: string) => void }) {
  const [value, setValue] = useState<DateParts>(datePartsOf(shown));
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const iso = isoOf(value);
    if (!iso || iso === 'invalid') return setError('Enter the first day of the period as a real date, for example 1 7 2026');
    setError(undefined);
    onChoose(iso);
  };
  return (
    <form noValidate onSubmit={submit} data-testid="period-chooser">
      {error && <ErrorSummary errors={[{ text: error, href: '#period-day' }]} />}
      <DateInput id="period" legend="Period (first day)" legendSize="s" hint="For example, 1 7 2026" value={value} onChange={setValue} error={error} />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Show this period
      </button>
    </form>
  );
}
