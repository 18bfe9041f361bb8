import type { SelectHTMLAttributes } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'onChange'> {
  id: string;
  name: string;
  label: string;
  labelHidden?: boolean;
  hint?: string;
  error?: string | undefined;
  options: SelectOption[];
  /** A first, empty choice such as "Choose a provider". */
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}

/** GOV.UK select. Use radios for short lists; a select for long ones (providers, versions). */
export function Select({ id, name, label, labelHidden = false, hint, error, options, placeholder, value, onChange, className, ...select }: SelectProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelHidden ? ' govuk-visually-hidden' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={hintId!} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId!} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <select
        {...select}
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`govuk-select${error ? ' govuk-select--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
