import type { ReactNode } from 'react';

/** A form's submit button (disabled while it is sent) beside the secondary button that closes the form. */
export function SubmitOrCancel({ children, pending, onCancel, warning = false }: { children: ReactNode; pending: boolean; onCancel: () => void; warning?: boolean }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className={`govuk-button${warning ? ' govuk-button--warning' : ''}`} data-module="govuk-button" disabled={pending}>
        {children}
      </button>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
