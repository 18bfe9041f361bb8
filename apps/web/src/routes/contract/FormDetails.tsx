import type { FormEvent, ReactNode } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { hasErrors, type FormErrors } from '../../components/formErrors.ts';

/** A form inside a GOV.UK details component, opened while it shows errors. */
export function FormDetails({ summary, testId, errors, onSubmit, children }: { summary: string; testId: string; errors: FormErrors; onSubmit: (e: FormEvent<HTMLFormElement>) => void; children: ReactNode }) {
  return (
    <details className="govuk-details" open={hasErrors(errors) || undefined} data-testid={`${testId}-details`}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={onSubmit} data-testid={testId}>
          <ErrorSummary errors={errors.summary} />
          {children}
        </form>
      </div>
    </details>
  );
}
