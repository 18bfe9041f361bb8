import { continuationExtraCost, END_DECISIONS, END_DECISION_LABELS, extendEnd, formatPence, LIVE_CONTRACT_STATUSES, type ContractStatus } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { ReferenceAndDate } from './DecisionFields.tsx';
import { dateOf, textOf } from './formFields.ts';
import { FormDetails } from './FormDetails.tsx';
import { refreshContracts, type Contract } from './shared.tsx';

type Done = (notice: string) => void;

/**
 * A recorded decision on a contract (an option, the end of term): the choice, its reference and date, a note,
 * and the form's errors, with the problems a blank form has checked before anything is sent.
 */
function useContractDecision(prefix: string, noChoice: string) {
  const [decision, setDecision] = useState('');
  const [reference, setReference] = useState('');
  const [decided, setDecided] = useState<DateParts>(EMPTY_DATE);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const reset = () => {
    setErrors(NO_ERRORS);
    setDecision('');
    setReference('');
    setDecided(EMPTY_DATE);
    setNote('');
  };
  /** The decision as typed, or null once the problems are shown beside their fields. */
  const checked = () => {
    const problems: ClientError[] = [];
    if (!decision) problems.push({ id: `${prefix}decision`, text: noChoice });
    const decisionReference = textOf(reference, `${prefix}decisionReference`, 'the decision reference', problems);
    const decidedOn = dateOf(decided, `${prefix}decidedOn-day`, 'the decision date', problems);
    setErrors(problems.length ? clientErrors(problems) : NO_ERRORS);
    return problems.length ? null : { decision, decisionReference, decidedOn: decidedOn!, note: note.trim() };
  };
  const apiErrors = (error: Parameters<typeof apiFormErrors>[0], fields: Parameters<typeof apiFormErrors>[1]) =>
    setErrors(apiFormErrors(error, { decision: `${prefix}decision`, decisionReference: `${prefix}decisionReference`, decidedOn: `${prefix}decidedOn-day`, ...fields }));
  const referenceAndDate = <ReferenceAndDate prefix={prefix} reference={reference} onReference={setReference} decided={decided} onDecided={setDecided} errors={errors.fields} />;
  return { decision, setDecision, note, setNote, errors, reset, checked, apiErrors, referenceAndDate };
}

/** Exercise or decline the contract's next extension option (options are taken in order). */
export function ExtensionDecisionForm({ contract: c, onDone }: { contract: Contract; onDone: Done }) {
  const option = c.extensionOptions.find((o) => o.status === 'available');
  const form = useContractDecision('extension-', `Choose whether to exercise or decline option ${option?.position ?? ''}`);
  const decide = useMutation({
    ...trpc.contract.decideExtension.mutationOptions(),
    onSuccess: async (result, input) => {
      await refreshContracts();
      form.reset();
      onDone(input.decision === 'exercise' ? `Option exercised: ${c.reference} now ends on ${formatDate(result.endDate)}.` : `Option declined: ${c.reference} still ends on ${formatDate(result.endDate)}.`);
    },
    onError: (error) => form.apiErrors(error, { optionId: 'extension-decision', justification: 'extension-reason' }),
  });
  if (!option || !(LIVE_CONTRACT_STATUSES as readonly string[]).includes(c.status as ContractStatus)) return null;
  const newEnd = extendEnd(c.endDate, option.months);
  const adds = continuationExtraCost(c.annualValuePence, c.endDate, newEnd);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const typed = form.checked();
    if (!typed) return;
    decide.mutate({ contractId: c.id, version: c.rowVersion, optionId: option.id, decision: typed.decision as 'exercise' | 'decline', decisionReference: typed.decisionReference, decidedOn: typed.decidedOn, ...(typed.note && { justification: typed.note }) });
  };

  return (
    <FormDetails summary={`Decide extension option ${option.position} (${option.months} months)`} testId="extension-form" errors={form.errors} onSubmit={submit}>
      <p className="govuk-body" data-testid="extension-effect">
        Exercising option {option.position} moves the end date from {formatDate(c.endDate)} to <strong>{formatDate(newEnd)}</strong> and adds {formatPence(adds.extraPence)} to the total value ({formatNumber(adds.extraDays)} days at {formatPence(c.annualValuePence)} a year).
        {c.extensionOptions.filter((o) => o.status === 'available').length > 1 && ' Declining it gives up the later options too.'}
      </p>
      <Radios
        name="extension-decision"
        legend="Decision"
        legendSize="s"
        options={[
          { value: 'exercise', label: `Exercise option ${option.position}` },
          { value: 'decline', label: `Decline option ${option.position}` },
        ]}
        value={form.decision}
        onChange={form.setDecision}
        error={form.errors.fields['extension-decision']}
      />
      {form.referenceAndDate}
      <Textarea id="extension-reason" name="extension-reason" label="Reason (optional)" rows={2} value={form.note} onChange={(e) => form.setNote(e.target.value)} error={form.errors.fields['extension-reason']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={decide.isPending}>
        Record the decision
      </button>
    </FormDetails>
  );
}

/** What happens at the current end date: extend, continue, recommission or let it expire. */
export function EndDecisionForm({ contract: c, onDone }: { contract: Contract; onDone: Done }) {
  const form = useContractDecision('end-', 'Choose what happens at the end of the contract');
  const record = useMutation({
    ...trpc.contract.recordEndDecision.mutationOptions(),
    onSuccess: async (result, input) => {
      await refreshContracts();
      form.reset();
      onDone(`End-of-term decision recorded for ${formatDate(result.forEndDate)}: ${END_DECISION_LABELS[input.decision].toLowerCase()}.`);
    },
    onError: (error) => form.apiErrors(error, { note: 'end-note' }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (record.isPending) return;
    const typed = form.checked();
    if (!typed) return;
    record.mutate({ contractId: c.id, version: c.rowVersion, decision: typed.decision as (typeof END_DECISIONS)[number], decisionReference: typed.decisionReference, decidedOn: typed.decidedOn, note: typed.note || null });
  };
  return (
    <FormDetails summary={c.endDecision ? 'Change the end-of-term decision' : 'Record the end-of-term decision'} testId="end-decision-form" errors={form.errors} onSubmit={submit}>
      <p className="govuk-body">What happens when the contract ends on {formatDate(c.endDate)}. Recording it clears the “ending with no decision” warning.</p>
      <Radios
        name="end-decision"
        legend="Decision"
        legendSize="s"
        options={END_DECISIONS.map((d) => ({ value: d, label: END_DECISION_LABELS[d] }))}
        value={form.decision}
        onChange={form.setDecision}
        error={form.errors.fields['end-decision']}
      />
      {form.referenceAndDate}
      <Textarea id="end-note" name="end-note" label="Note (optional)" rows={2} value={form.note} onChange={(e) => form.setNote(e.target.value)} error={form.errors.fields['end-note']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={record.isPending}>
        Record the decision
      </button>
    </FormDetails>
  );
}
