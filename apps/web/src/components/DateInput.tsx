/** A date as typed into the three boxes of a GOV.UK date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** '2018-09-01' → { day: '1', month: '9', year: '2018' }; anything else → empty boxes. */
export function datePartsOf(iso: string | null | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : EMPTY_DATE;
}

export const isEmptyDate = (d: DateParts) => !d.day.trim() && !d.month.trim() && !d.year.trim();

/**
 * The boxes as 'YYYY-MM-DD': null when all are empty, 'invalid' when the date is incomplete or not a
 * real one (31 June), which the form reports as "Enter a real date".
 */
export function isoOf(d: DateParts): string | null | 'invalid' {
  if (isEmptyDate(d)) return null;
  const [day, month, year] = [d.day.trim(), d.month.trim(), d.year.trim()];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'invalid';
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : 'invalid';
}

/** Today in England, as 'YYYY-MM-DD'. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * GOV.UK date input: day, month and year boxes in a fieldset. The day box's id is `${id}-day`, which is
 * where an error summary link should point.
 */
export function DateInput({
  id,
  legend,
  legendSize,
  hint = 'For example, 27 3 2018',
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  legendSize?: 's' | 'm' | 'l';
  hint?: string;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : null;
  const parts: { key: keyof DateParts; label: string; width: string }[] = [
    { key: 'day', label: 'Day', width: 'govuk-input--width-2' },
    { key: 'month', label: 'Month', width: 'govuk-input--width-2' },
    { key: 'year', label: 'Year', width: 'govuk-input--width-4' },
  ];
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}>
        <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>{legend}</legend>
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
        {error && (
          <p id={errorId!} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input" id={id}>
          {parts.map((p) => (
            <div className="govuk-date-input__item" key={p.key}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${p.key}`}>
                  {p.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${p.width}${error ? ' govuk-input--error' : ''}`}
                  id={`${id}-${p.key}`}
                  name={`${id}-${p.key}`}
                  type="text"
                  inputMode="numeric"
                  value={value[p.key]}
                  onChange={(e) => onChange({ ...value, [p.key]: e.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
