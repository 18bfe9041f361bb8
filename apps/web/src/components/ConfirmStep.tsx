import { useEffect, useRef } from 'react';
import { WarningText } from './WarningText.tsx';

/**
 * The step before an action that cannot be undone (issue 13, item 4): what will happen, and a button to go ahead
 * or go back to the form. Takes focus when it appears, so keyboard and screen reader users land on the question.
 */
export function ConfirmStep({ question, consequence, confirmLabel, pending, onConfirm, onCancel }: { question: string; consequence: string; confirmLabel: string; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div data-testid="confirm-step">
      <h2 className="govuk-heading-m" tabIndex={-1} ref={ref}>
        {question}
      </h2>
      <WarningText>{consequence}</WarningText>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" data-module="govuk-button" disabled={pending} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Go back
        </button>
      </div>
    </div>
  );
}
