import type { Ref } from 'react';

/** GOV.UK file upload: label, hint, the error beside the field, and the input the form reads the file from. */
export function FileUpload({ id, label, hint, error, accept, ref }: { id: string; label: string; hint?: string; error?: string | null | undefined; accept: string; ref: Ref<HTMLInputElement> }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id={id} name={id} type="file" accept={accept} ref={ref} aria-describedby={describedBy} />
    </div>
  );
}
