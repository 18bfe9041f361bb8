import type { ReactNode } from 'react';

/** The ids of a field's hint and error message, and what its control is described by (GOV.UK pattern). */
export function fieldIds(id: string, hint: string | undefined, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

interface FieldGroupProps {
  id: string;
  label: string;
  /** Extra label classes, such as a heading size or govuk-visually-hidden. */
  labelClass?: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}

/** A GOV.UK form group: the label, an optional hint and the inline error message, then the control. */
export function FieldGroup({ id, label, labelClass, hint, error, children }: FieldGroupProps) {
  const { hintId, errorId } = fieldIds(id, hint, error);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ''}`} htmlFor={id}>
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
      {children}
    </div>
  );
}
