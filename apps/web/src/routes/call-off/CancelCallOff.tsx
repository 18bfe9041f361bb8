import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Textarea } from '../../components/Textarea.tsx';
import { WarningText } from '../../components/WarningText.tsx';
import { trpc } from '../../trpc.ts';

/** Cancel a call-off before award, with the day and the reason. A mini-competition stops; its responses are kept. */
export function CancelCallOff({ callOffId, inviting, onCancelled }: { callOffId: string; inviting: boolean; onCancelled: (notice: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [on, setOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const cancel = useMutation({
    ...trpc.callOff.cancel.mutationOptions(),
    onSuccess: () => onCancelled('The call-off was cancelled.'),
    onError: (error) => setErrors(apiFormErrors(error, { reason: 'cancellationReason', cancelledOn: 'cancelledOn-day', callOffId: 'cancellationReason' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cancel.isPending) return;
    const problems: ClientError[] = [];
    if (!reason.trim()) problems.push({ id: 'cancellationReason', text: 'Give the reason for cancelling the call-off' });
    const cancelledOn = isoOf(on);
    if (cancelledOn === null) problems.push({ id: 'cancelledOn-day', text: 'Enter the date the call-off was cancelled' });
    else if (cancelledOn === 'invalid') problems.push({ id: 'cancelledOn-day', text: 'The date the call-off was cancelled must be a real date' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    cancel.mutate({ callOffId, reason, cancelledOn: cancelledOn! });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="cancel-call-off" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m">Cancel this call-off</h2>
      <ErrorSummary errors={errors.summary} />
      <WarningText>
        {inviting
          ? 'Cancelling stops the mini-competition: no more responses can be recorded and it cannot be awarded. The responses already recorded are kept.'
          : 'A cancelled call-off cannot be awarded. This cannot be undone.'}
      </WarningText>
      <Textarea id="cancellationReason" name="cancellationReason" label="Reason for cancelling" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.cancellationReason} />
      <DateInput id="cancelledOn" legend="Date cancelled" legendSize="s" hint="For example, 27 2 2026" value={on} onChange={setOn} error={errors.fields['cancelledOn-day']} />
      <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={cancel.isPending}>
        Cancel this call-off
      </button>
    </form>
  );
}
