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

/** Exercise or decline the contract's next extension option (options are taken in order). */
export function ExtensionDecisionForm({ contract: c, onDone }: { contract: Contract; onDone: Done }) {
  const option = c.extensionOptions.find((o) => o.status === 'available');
  const [decision, setDecision] = useState('');
  const [reference, setReference] = useState('');
  const [decided, setDecided] = useState<DateParts>(EMPTY_DATE);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const decide = useMutation({
    ...trpc.contract.decideExtension.mutationOptions(),
    onSuccess: async (result, input) => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      setDecision('');
      setReference('');
      setDecided(EMPTY_DATE);
      setReason('');
      onDone(input.decision === 'exercise' ? `Option exercised: ${c.reference} now ends on ${formatDate(result.endDate)}.` : `Option declined: ${c.reference} still ends on ${formatDate(result.endDate)}.`);
    },
    onError: (error) =>
      setErrors(apiFormErrors(error, { decision: 'extension-decision', optionId: 'extension-decision', decisionReference: 'extension-decisionReference', decidedOn: 'extension-decidedOn-day', justification: 'extension-reason' })),
  });
  if (!option || !(LIVE_CONTRACT_STATUSES as readonly string[]).includes(c.status as ContractStatus)) return null;
  const newEnd = extendEnd(c.endDate, option.months);
  const adds = continuationExtraCost(c.annualValuePence, c.endDate, newEnd);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const problems: ClientError[] = [];
    if (!decision) problems.push({ id: 'extension-decision', text: `Choose whether to exercise or decline option ${option.position}` });
    const decisionReference = textOf(reference, 'extension-decisionReference', 'the decision reference', problems);
    const decidedOn = dateOf(decided, 'extension-decidedOn-day', 'the decision date', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    decide.mutate({ contractId: c.id, optionId: option.id, decision: decision as 'exercise' | 'decline', decisionReference, decidedOn: decidedOn!, ...(reason.trim() && { justification: reason.trim() }) });
  };

  return (
    <FormDetails summary={`Decide extension option ${option.position} (${option.months} months)`} testId="extension-form" errors={errors} onSubmit={submit}>
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
        value={decision}
        onChange={setDecision}
        error={errors.fields['extension-decision']}
      />
      <ReferenceAndDate prefix="extension-" reference={reference} onReference={setReference} decided={decided} onDecided={setDecided} errors={errors.fields} />
      <Textarea id="extension-reason" name="extension-reason" label="Reason (optional)" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields['extension-reason']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={decide.isPending}>
        Record the decision
      </button>
    </FormDetails>
  );
}

/** What happens at the current end date: extend, continue, recommission or let it expire. */
export function EndDecisionForm({ contract: c, onDone }: { contract: Contract; onDone: Done }) {
  const [decision, setDecision] = useState('');
  const [reference, setReference] = useState('');
  const [decided, setDecided] = useState<DateParts>(EMPTY_DATE);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const record = useMutation({
    ...trpc.contract.recordEndDecision.mutationOptions(),
    onSuccess: async (result, input) => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      setDecision('');
      setReference('');
      setDecided(EMPTY_DATE);
      setNote('');
      onDone(`End-of-term decision recorded for ${formatDate(result.forEndDate)}: ${END_DECISION_LABELS[input.decision].toLowerCase()}.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { decision: 'end-decision', decisionReference: 'end-decisionReference', decidedOn: 'end-decidedOn-day', note: 'end-note' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (record.isPending) return;
    const problems: ClientError[] = [];
    if (!decision) problems.push({ id: 'end-decision', text: 'Choose what happens at the end of the contract' });
    const decisionReference = textOf(reference, 'end-decisionReference', 'the decision reference', problems);
    const decidedOn = dateOf(decided, 'end-decidedOn-day', 'the decision date', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    record.mutate({ contractId: c.id, decision: decision as (typeof END_DECISIONS)[number], decisionReference, decidedOn: decidedOn!, note: note.trim() || null });
  };
  return (
    <FormDetails summary={c.endDecision ? 'Change the end-of-term decision' : 'Record the end-of-term decision'} testId="end-decision-form" errors={errors} onSubmit={submit}>
      <p className="govuk-body">What happens when the contract ends on {formatDate(c.endDate)}. Recording it clears the “ending with no decision” warning.</p>
      <Radios
        name="end-decision"
        legend="Decision"
        legendSize="s"
        options={END_DECISIONS.map((d) => ({ value: d, label: END_DECISION_LABELS[d] }))}
        value={decision}
        onChange={setDecision}
        error={errors.fields['end-decision']}
      />
      <ReferenceAndDate prefix="end-" reference={reference} onReference={setReference} decided={decided} onDecided={setDecided} errors={errors.fields} />
      <Textarea id="end-note" name="end-note" label="Note (optional)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields['end-note']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={record.isPending}>
        Record the decision
      </button>
    </FormDetails>
  );
}
