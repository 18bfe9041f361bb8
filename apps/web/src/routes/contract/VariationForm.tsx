import { VARIATION_KINDS, VARIATION_KIND_LABELS, type VariationKind } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { Radios } from '../../components/Radios.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';
import { decisionFieldIds, DecisionFields, decisionOf, EMPTY_DECISION, type DecisionValues } from './DecisionFields.tsx';
import { dateOf, poundsOf } from './formFields.ts';
import { FormDetails } from './FormDetails.tsx';
import { refreshContracts } from './shared.tsx';

/**
 * Record a variation: its kind, date, what changes, and the decision behind it. `version` is the contract's as the
 * page loaded it: if someone changed the contract meanwhile the form is refused, says who, and keeps what was typed.
 */
export function VariationForm({ contractId, version, onRecorded }: { contractId: string; version: number; onRecorded: (notice: string) => void }) {
  const [kind, setKind] = useState('');
  const [effective, setEffective] = useState<DateParts>(EMPTY_DATE);
  const [newEnd, setNewEnd] = useState<DateParts>(EMPTY_DATE);
  const [newAnnual, setNewAnnual] = useState('');
  const [valueChange, setValueChange] = useState('');
  const [decision, setDecision] = useState<DecisionValues>(EMPTY_DECISION);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formKey = useFormKey();
  const reset = () => {
    formKey.renew();
    setKind('');
    setEffective(EMPTY_DATE);
    setNewEnd(EMPTY_DATE);
    setNewAnnual('');
    setValueChange('');
    setDecision(EMPTY_DECISION);
  };
  const add = useMutation({
    ...trpc.contract.addVariation.mutationOptions(),
    onSuccess: async () => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      reset();
      onRecorded('Variation recorded.');
    },
    onError: (error) =>
      setErrors(
        apiFormErrors(error, { kind: 'kind', effectiveOn: 'effectiveOn-day', newEndDate: 'newEndDate-day', newAnnualValuePence: 'newAnnualValue', valueChangePence: 'valueChange', ...decisionFieldIds() }),
      ),
  });
  const movesEnd = kind === 'extension' || kind === 'continuation';
  const changesValue = kind === 'price_change' || kind === 'scope_change';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: ClientError[] = [];
    if (!kind) problems.push({ id: 'kind', text: 'Choose the kind of variation' });
    const effectiveOn = dateOf(effective, 'effectiveOn-day', 'the date the variation takes effect', problems);
    const newEndDate = movesEnd ? dateOf(newEnd, 'newEndDate-day', 'the new end date', problems) : undefined;
    const newAnnualValuePence = changesValue ? poundsOf(newAnnual, 'newAnnualValue', 'the new annual value', problems, kind === 'price_change') : undefined;
    const valueChangePence = poundsOf(valueChange, 'valueChange', 'the value change', problems, false);
    const decided = decisionOf(decision, problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    add.mutate({
      contractId,
      version,
      kind: kind as VariationKind,
      effectiveOn: effectiveOn!,
      ...(newEndDate && { newEndDate }),
      ...(newAnnualValuePence !== undefined && { newAnnualValuePence }),
      ...(valueChangePence !== undefined && { valueChangePence }),
      ...decided,
      idempotencyKey: formKey.key,
    });
  };

  return (
    <FormDetails summary="Record a variation" testId="variation-form" errors={errors} onSubmit={submit}>
      <Radios
        name="kind"
        legend="Kind of variation"
        legendSize="s"
        options={VARIATION_KINDS.map((k) => ({ value: k, label: VARIATION_KIND_LABELS[k] }))}
        value={kind}
        onChange={setKind}
        error={errors.fields.kind}
      />
      <DateInput id="effectiveOn" legend="Date it takes effect" legendSize="s" hint="For example, 1 4 2025" value={effective} onChange={setEffective} error={errors.fields['effectiveOn-day']} />
      {movesEnd && <DateInput id="newEndDate" legend="New end date" legendSize="s" value={newEnd} onChange={setNewEnd} error={errors.fields['newEndDate-day']} />}
      {changesValue && (
        <TextInput
          id="newAnnualValue"
          name="newAnnualValue"
          label={kind === 'price_change' ? 'New annual value' : 'New annual value (optional)'}
          prefix="£"
          inputMode="decimal"
          className="govuk-input--width-10"
          value={newAnnual}
          onChange={(e) => setNewAnnual(e.target.value)}
          error={errors.fields.newAnnualValue}
        />
      )}
      <TextInput
        id="valueChange"
        name="valueChange"
        label="Value change (optional)"
        hint="What it adds to the contract’s total value; a minus sign for a reduction. Left blank, Concord works it out."
        prefix="£"
        inputMode="decimal"
        className="govuk-input--width-10"
        value={valueChange}
        onChange={(e) => setValueChange(e.target.value)}
        error={errors.fields.valueChange}
      />
      <DecisionFields values={decision} onChange={setDecision} errors={errors.fields} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={add.isPending}>
        Record variation
      </button>
    </FormDetails>
  );
}
