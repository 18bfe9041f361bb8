import { formatPence, SERVICE_TYPES, type ServiceType } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { Select } from '../../components/Select.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { formatDate } from '../../format.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { dateOf, poundsOf, textOf } from '../contract/formFields.ts';
import { FormDetails } from '../contract/FormDetails.tsx';
import { serviceTypeLabel } from '../contract/shared.tsx';
import { useMyRoles } from '../procurement/shared.tsx';

/** "2023/24" for the financial year starting April 2023. */
export const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

/** Who may set budgets and add block payments (the API's BUDGET_WRITERS): others only read. */
const BUDGET_WRITER_ROLES = ['finance', 'commissioner'];
export const useCanChangeBudgets = () => useMyRoles().some((r) => BUDGET_WRITER_ROLES.includes(r));

const SERVICE_OPTIONS = SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeLabel(s) }));

/** After a change the page shows `year` with its figures worked out again, and says what changed. */
type Done = (notice: string, year: number) => void;

async function refreshBudgets() {
  await refreshAfterChange(trpc.budget.pathKey());
}

/** Sets (or replaces) the budget for a service type and financial year. */
export function SetBudgetForm({ years, year, onDone }: { years: number[]; year: number; onDone: Done }) {
  const [serviceType, setServiceType] = useState('');
  const [financialYear, setFinancialYear] = useState(String(year));
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // The budget as it was when this service type and year were chosen (null: there was none), sent with the
  // save: if someone else sets it meanwhile, the save is refused naming them, and the typed figure stays.
  const list = useQuery(trpc.budget.list.queryOptions({ financialYear: Number(financialYear) }));
  const chosen = `${financialYear}:${serviceType}`;
  const [seen, setSeen] = useState<{ chosen: string; version: number | null } | null>(null);
  if (serviceType && list.data && seen?.chosen !== chosen) setSeen({ chosen, version: list.data.rows.find((r) => r.serviceType === serviceType)?.budgetVersion ?? null });
  const set = useMutation({
    ...trpc.budget.set.mutationOptions(),
    onSuccess: async (_, input) => {
      await refreshBudgets();
      setErrors(NO_ERRORS);
      setServiceType('');
      setAmount('');
      setNote('');
      onDone(`Budget set: ${serviceTypeLabel(input.serviceType)} ${yearLabel(input.financialYear)}, ${formatPence(input.amountPence)}.`, input.financialYear);
    },
    onError: (error) => setErrors(apiFormErrors(error, { serviceType: 'budget-serviceType', financialYear: 'budget-financialYear', amountPence: 'budget-amount', note: 'budget-note' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (set.isPending) return;
    const problems: ClientError[] = [];
    if (!serviceType) problems.push({ id: 'budget-serviceType', text: 'Choose a service type' });
    const amountPence = poundsOf(amount, 'budget-amount', 'the budget', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    set.mutate({ serviceType: serviceType as ServiceType, financialYear: Number(financialYear), amountPence: amountPence!, note: note.trim() || null, version: seen?.chosen === chosen ? seen.version : (list.data?.rows.find((r) => r.serviceType === serviceType)?.budgetVersion ?? null) });
  };
  return (
    <FormDetails summary="Set a budget" testId="set-budget-form" errors={errors} onSubmit={submit}>
      <p className="govuk-body">Setting a budget that already exists for the service type and year replaces it.</p>
      <Select id="budget-serviceType" name="budget-serviceType" label="Service type" placeholder="Choose a service type" options={SERVICE_OPTIONS} value={serviceType} onChange={setServiceType} error={errors.fields['budget-serviceType']} />
      <Select
        id="budget-financialYear"
        name="budget-financialYear"
        label="Financial year"
        options={years.map((y) => ({ value: String(y), label: yearLabel(y) }))}
        value={financialYear}
        onChange={setFinancialYear}
        error={errors.fields['budget-financialYear']}
      />
      <TextInput id="budget-amount" name="budget-amount" label="Budget" prefix="£" inputMode="decimal" className="govuk-input--width-10" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.fields['budget-amount']} />
      <Textarea id="budget-note" name="budget-note" label="Note (optional)" hint="For example, where the figure comes from" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields['budget-note']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={set.isPending}>
        Set budget
      </button>
    </FormDetails>
  );
}

/** Adds a block payment: it counts towards the committed spend of its service type in the year it falls due. */
export function BlockPaymentForm({ onDone }: { onDone: Done }) {
  const [serviceType, setServiceType] = useState('');
  const [contractId, setContractId] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [due, setDue] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const contracts = useQuery(trpc.contract.list.queryOptions(serviceType ? { serviceType: serviceType as ServiceType, sort: 'reference', direction: 'asc' } : { sort: 'reference', direction: 'asc' }));
  const formKey = useFormKey();
  const add = useMutation({
    ...trpc.budget.addBlockPayment.mutationOptions(),
    onSuccess: async (result, input) => {
      await refreshBudgets();
      formKey.renew();
      setErrors(NO_ERRORS);
      setContractId('');
      setDescription('');
      setAmount('');
      setDue(EMPTY_DATE);
      onDone(`Block payment added: ${formatPence(input.amountPence)} due ${formatDate(input.dueOn)}, counted in ${yearLabel(result.financialYear)}.`, result.financialYear);
    },
    onError: (error) =>
      setErrors(apiFormErrors(error, { serviceType: 'block-serviceType', contractId: 'block-contract', description: 'block-description', amountPence: 'block-amount', dueOn: 'block-dueOn-day' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: ClientError[] = [];
    if (!serviceType) problems.push({ id: 'block-serviceType', text: 'Choose a service type' });
    const describedAs = textOf(description, 'block-description', 'a description of the payment', problems);
    const amountPence = poundsOf(amount, 'block-amount', 'the amount', problems);
    const dueOn = dateOf(due, 'block-dueOn-day', 'the date the payment falls due', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    add.mutate({ serviceType: serviceType as ServiceType, contractId: contractId || null, description: describedAs, amountPence: amountPence!, dueOn: dueOn!, idempotencyKey: formKey.key });
  };
  const contractOptions = (contracts.data?.contracts ?? []).map((c) => ({ value: c.id, label: `${c.reference}: ${c.title}` }));
  return (
    <FormDetails summary="Add a block payment" testId="block-payment-form" errors={errors} onSubmit={submit}>
      <Select
        id="block-serviceType"
        name="block-serviceType"
        label="Service type"
        placeholder="Choose a service type"
        options={SERVICE_OPTIONS}
        value={serviceType}
        onChange={(s) => {
          setServiceType(s);
          setContractId('');
        }}
        error={errors.fields['block-serviceType']}
      />
      <Select
        id="block-contract"
        name="block-contract"
        label="Contract (optional)"
        hint={serviceType ? undefined : 'Choose the service type to see its contracts'}
        placeholder="No contract"
        options={contractOptions}
        value={contractId}
        onChange={setContractId}
        error={errors.fields['block-contract']}
      />
      <TextInput id="block-description" name="block-description" label="Description" hint="For example, the scheme fee for quarter 1" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields['block-description']} />
      <TextInput id="block-amount" name="block-amount" label="Amount" prefix="£" inputMode="decimal" className="govuk-input--width-10" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.fields['block-amount']} />
      <DateInput
        id="block-dueOn"
        legend="Date it falls due"
        legendSize="s"
        hint="For example, 1 2 2024. It counts in the financial year it falls due."
        value={due}
        onChange={setDue}
        error={errors.fields['block-dueOn-day']}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={add.isPending}>
        Add block payment
      </button>
    </FormDetails>
  );
}
