import { formatPence, LIVE_CONTRACT_STATUSES, planTermination, type ContractStatus } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { WarningText } from '../../components/WarningText.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { DecisionFields, decisionFieldIds, decisionOf, EMPTY_DECISION, type DecisionValues } from './DecisionFields.tsx';
import { dateOf } from './formFields.ts';
import { FormDetails } from './FormDetails.tsx';
import { refreshContracts, type Contract } from './shared.tsx';

const P = 'termination-';

/** What ending on the typed date does to the term and the value, or nothing while the date is not a usable one. */
function effectOf(c: Contract, on: DateParts): string | null {
  const iso = isoOf(on);
  if (!iso || iso === 'invalid') return null;
  try {
    const plan = planTermination({ reference: c.reference, status: c.status as ContractStatus, startDate: c.startDate, endDate: c.endDate, annualValuePence: c.annualValuePence, totalValuePence: c.totalValuePence }, iso);
    return plan.daysCut === 0
      ? `Ending on ${formatDate(iso)}, its last day, takes nothing off the total value.`
      : `Ending on ${formatDate(iso)} instead of ${formatDate(c.endDate)} cuts ${formatNumber(plan.daysCut)} days and takes ${formatPence(-plan.valueChangePence)} off the total value.`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** End a running contract early (a provider's failure, notice under a break clause), with the reason, the clause and the decision. */
export function TerminationForm({ contract: c, onDone }: { contract: Contract; onDone: (notice: string) => void }) {
  const [on, setOn] = useState<DateParts>(EMPTY_DATE);
  const [decision, setDecision] = useState<DecisionValues>(EMPTY_DECISION);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const terminate = useMutation({
    ...trpc.contract.terminate.mutationOptions(),
    onSuccess: async (result) => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      setOn(EMPTY_DATE);
      setDecision(EMPTY_DECISION);
      onDone(`${c.reference} is terminated: it ends on ${formatDate(result.endDate)}.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { ...decisionFieldIds(P), terminatedOn: `${P}terminatedOn-day`, contractId: `${P}terminatedOn-day` })),
  });
  if (!(LIVE_CONTRACT_STATUSES as readonly string[]).includes(c.status)) return null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (terminate.isPending) return;
    const problems: ClientError[] = [];
    const terminatedOn = dateOf(on, `${P}terminatedOn-day`, 'the date the contract ends', problems);
    const decided = decisionOf(decision, problems, P);
    setErrors(clientErrors(problems));
    if (problems.length) return;
    terminate.mutate({ contractId: c.id, version: c.rowVersion, terminatedOn: terminatedOn!, ...decided });
  };
  const effect = effectOf(c, on);
  return (
    <FormDetails summary="Terminate this contract" testId="termination-form" errors={errors} onSubmit={submit}>
      <WarningText>A terminated contract cannot be varied, extended or continued. Placements still running after it ends show as a warning until they are ended or moved.</WarningText>
      <DateInput id={`${P}terminatedOn`} legend="Last day of the contract" legendSize="s" hint={`From ${formatDate(c.startDate)} to ${formatDate(c.endDate)}. For example, 31 3 2027`} value={on} onChange={setOn} error={errors.fields[`${P}terminatedOn-day`]} />
      {effect && (
        <p className="govuk-body" data-testid="termination-effect" aria-live="polite">
          {effect}
        </p>
      )}
      <DecisionFields prefix={P} values={decision} onChange={setDecision} errors={errors.fields} />
      <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={terminate.isPending}>
        Terminate the contract
      </button>
    </FormDetails>
  );
}
