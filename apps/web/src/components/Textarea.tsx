import type { TextareaHTMLAttributes } from 'react';

interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  id: string;
  name: string;
  label: string;
  /** Show the label as a heading-sized label ("s", "m" or "l"), for a page or section whose question it is. */
  labelSize?: 's' | 'm' | 'l';
  labelHidden?: boolean;
  hint?: string;
  error?: string | undefined;
}

/** GOV.UK textarea with its label, optional hint and inline error message. */
export function Textarea({ id, name, label, labelSize, labelHidden = false, hint, error, className, rows = 5, ...textarea }: TextareaProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelSize ? ` govuk-label--${labelSize}` : ''}${labelHidden ? ' govuk-visually-hidden' : ''}`} htmlFor={id}>
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
      <textarea
        {...textarea}
        id={id}
        name={name}
        rows={rows}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
