import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Textarea } from '../../components/Textarea.tsx';
import { WarningText } from '../../components/WarningText.tsx';
import { trpc } from '../../trpc.ts';
import { refreshProcurements } from './shared.tsx';

/** The provider withdrew its application before a decision: the day and the reason it gave, recorded by the lead commissioner. */
export function WithdrawalForm({ procurementId, applicationId, providerName, onProblem }: { procurementId: string; applicationId: string; providerName: string; onProblem: (shown: boolean) => void }) {
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [on, setOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const fail = (e: FormErrors) => {
    setErrors(e);
    onProblem(hasErrors(e));
  };
  const withdraw = useMutation({
    ...trpc.application.withdraw.mutationOptions(),
    onSuccess: async () => {
      await refreshProcurements();
      navigate(`/procurements/${procurementId}/applications`, { state: { notice: `The withdrawal of ${providerName}’s application was recorded` } });
    },
    onError: (error) => fail(apiFormErrors(error, { reason: 'withdrawalReason', withdrawnOn: 'withdrawnOn-day', applicationId: 'withdrawalReason' })),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (withdraw.isPending) return;
    const problems: ClientError[] = [];
    if (!reason.trim()) problems.push({ id: 'withdrawalReason', text: 'Give the reason the provider withdrew' });
    const withdrawnOn = isoOf(on);
    if (withdrawnOn === null) problems.push({ id: 'withdrawnOn-day', text: 'Enter the date the provider withdrew' });
    else if (withdrawnOn === 'invalid') problems.push({ id: 'withdrawnOn-day', text: 'The date the provider withdrew must be a real date' });
    if (problems.length) return fail(clientErrors(problems));
    fail(NO_ERRORS);
    withdraw.mutate({ applicationId, reason, withdrawnOn: withdrawnOn! });
  }
  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="withdrawal-heading">
      <div className="govuk-grid-row">
        <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds" data-testid="withdrawal">
          <ErrorSummary errors={errors.summary} />
          <h3 className="govuk-heading-m" id="withdrawal-heading">
            Record a withdrawal
          </h3>
          <WarningText>The application leaves the evaluation and cannot be decided. Its gateway answers and scores are kept.</WarningText>
          <Textarea id="withdrawalReason" name="withdrawalReason" label="Reason the provider gave" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.withdrawalReason} />
          <DateInput id="withdrawnOn" legend="Date the provider withdrew" legendSize="s" hint="For example, 2 7 2018" value={on} onChange={setOn} error={errors.fields['withdrawnOn-day']} />
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={withdraw.isPending}>
            Record the withdrawal
          </button>
        </form>
      </div>
    </section>
  );
}
