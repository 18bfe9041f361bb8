import { longDate, standstillPeriod, type ServiceType } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { trpc } from '../../trpc.ts';
import { dateOf, numberOf, poundsOf, textOf } from '../contract/formFields.ts';
import type { Procurement } from '../procurement/shared.tsx';
import { refreshNotices } from './shared.tsx';

const FIELD_IDS = { reference: 'contractReference', providerId: 'awardedProvider', lotId: 'awardedProvider', startDate: 'contractStart-day', termMonths: 'contractTerm', annualValuePence: 'contractAnnualValue' };

/** The standstill the published contract award notice began, in words, or null when it cannot be worked out here. */
function standstillText(uk6PublishedOn: string, observed: boolean): string | null {
  if (!observed) return `The contract award notice of ${longDate(uk6PublishedOn)} observes no standstill period (a light touch contract, Procurement Act 2023, s.51(3)): the contract can start from that day.`;
  try {
    const s = standstillPeriod(uk6PublishedOn);
    return `The voluntary standstill began with the contract award notice on ${longDate(uk6PublishedOn)} and runs to the end of ${longDate(s.lastDay)}: the contract can start from ${longDate(s.earliestEntryDate)}.`;
  } catch {
    return null;
  }
}

/**
 * After the award and its contract award notice (UK6): record the contract entered into with a provider on the
 * approved list, so its contract details notice (UK7) falls due. Concord refuses a start inside the standstill
 * (Procurement Act 2023, s.51), when the contract award notice observes one, and says why in words.
 */
export function RecordContractForm({ p, uk6PublishedOn, standstillObserved }: { p: Procurement; uk6PublishedOn: string; standstillObserved: boolean }) {
  const list = useQuery(trpc.approvedList.get.queryOptions({ procurementId: p.id }));
  const [choice, setChoice] = useState('');
  const [reference, setReference] = useState('');
  const [start, setStart] = useState<DateParts>(EMPTY_DATE);
  const [term, setTerm] = useState('');
  const [annual, setAnnual] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.contract.create.mutationOptions(),
    onSuccess: async (created) => {
      setErrors(NO_ERRORS);
      formKey.renew();
      await refreshNotices();
      setDone(`Contract ${created.reference} is recorded in your register. Its contract details notice (UK7) is now due.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, FIELD_IDS)),
  });
  const options = (list.data?.lots ?? []).flatMap((l) =>
    l.entries.filter((e) => e.status === 'active').map((e) => ({ value: `${l.lot.id}|${e.provider.id}`, label: `${e.provider.legalName}, lot ${l.lot.number}: ${l.lot.name}` })),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    if (!choice) problems.push({ id: 'awardedProvider', text: 'Choose the provider the contract is with' });
    const ref = textOf(reference, 'contractReference', 'the contract reference', problems);
    const startDate = dateOf(start, 'contractStart-day', 'the day the contract starts', problems);
    const termMonths = numberOf(term, 'contractTerm', 'the term', problems, { min: 1, max: 600, unit: 'months' }, true);
    if (termMonths !== undefined && !Number.isInteger(termMonths)) problems.push({ id: 'contractTerm', text: 'The term must be a whole number of months' });
    const annualValuePence = poundsOf(annual, 'contractAnnualValue', 'the annual value', problems);
    setErrors(clientErrors(problems));
    if (problems.length) return;
    setDone(null);
    const [lotId, providerId] = choice.split('|') as [string, string];
    create.mutate({
      reference: ref,
      title: p.title,
      providerId,
      serviceType: p.serviceType as ServiceType,
      source: 'block_contract',
      procurementId: p.id,
      lotId,
      startDate: startDate!,
      termMonths: termMonths!,
      annualValuePence: annualValuePence!,
      idempotencyKey: formKey.key,
    });
  };
  const standstill = standstillText(uk6PublishedOn, standstillObserved);
  return (
    <section aria-labelledby="record-contract" className="govuk-!-margin-top-8">
      <h3 className="govuk-heading-m" id="record-contract">
        Record the contract
      </h3>
      {done && (
        <div className="govuk-inset-text" role="status" data-testid="contract-recorded">
          {done}
        </div>
      )}
      <form noValidate onSubmit={submit} data-testid="record-contract">
        <ErrorSummary errors={errors.summary} />
        {standstill && (
          <p className="govuk-body" data-testid="standstill">
            {standstill}
          </p>
        )}
        <Select id="awardedProvider" name="awardedProvider" label="Provider" hint="On the procurement’s approved list" placeholder="Choose a provider" options={options} value={choice} onChange={setChoice} error={errors.fields.awardedProvider} />
        <TextInput id="contractReference" name="contractReference" label="Contract reference" hint="Like LCC-EC-2027" className="govuk-input--width-20" value={reference} onChange={(e) => setReference(e.target.value)} error={errors.fields.contractReference} />
        <DateInput id="contractStart" legend="Day the contract starts" legendSize="s" hint="The day it is entered into. For example, 4 1 2027" value={start} onChange={setStart} error={errors.fields['contractStart-day']} />
        <TextInput id="contractTerm" name="contractTerm" label="Term" suffix="months" inputMode="numeric" className="govuk-input--width-4" value={term} onChange={(e) => setTerm(e.target.value)} error={errors.fields.contractTerm} />
        <TextInput id="contractAnnualValue" name="contractAnnualValue" label="Annual value" prefix="£" inputMode="decimal" className="govuk-input--width-10" value={annual} onChange={(e) => setAnnual(e.target.value)} error={errors.fields.contractAnnualValue} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
          Record the contract
        </button>
      </form>
    </section>
  );
}
