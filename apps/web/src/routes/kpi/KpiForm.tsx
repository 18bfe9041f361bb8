import { KPI_DERIVATION_RULES, SERVICE_TYPE_LABELS, type KpiDerivation } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Checkbox } from '../../components/Checkboxes.tsx';
import { DateInput, datePartsOf, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { Textarea } from '../../components/Textarea.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { DIRECTION, FREQUENCY, SOURCE, UNIT } from './labels.ts';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';

type Kpi = RouterOutputs['kpi']['list']['partnerships'][number]['kpis'][number];

/** Where each of the API's fields sits on the page (a radio group's first radio carries its name). */
const FIELD_IDS: Record<string, string> = {
  code: 'kpi-code',
  name: 'kpi-name',
  definition: 'kpi-definition',
  numeratorDefinition: 'kpi-numerator',
  denominatorDefinition: 'kpi-denominator',
  unit: 'unit',
  direction: 'direction',
  frequency: 'frequency',
  populationAgeBand: 'kpi-age-band',
  target: 'kpi-target',
  redThreshold: 'kpi-red',
  source: 'kpi-source',
  derivation: 'kpi-derivation',
  serviceType: 'kpi-service-type',
  firstPeriod: 'kpi-first-period-day',
  changeNote: 'kpi-change-note',
};

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const text = (v: string | null | undefined) => v ?? '';

/**
 * The lead commissioner adds a KPI to the partnership's library, or changes one: a change is saved as a
 * new version with a note of what changed; returns already made keep the version they answered.
 */
export function KpiForm({ partnershipId, kpi, existingCodes, onDone }: { partnershipId: string; kpi: Kpi | null; existingCodes: string[]; onDone: () => void }) {
  const [f, setF] = useState({
    code: text(kpi?.code),
    name: text(kpi?.name),
    definition: text(kpi?.definition),
    numeratorDefinition: text(kpi?.numeratorDefinition),
    denominatorDefinition: text(kpi?.denominatorDefinition),
    unit: text(kpi?.unit),
    direction: text(kpi?.direction),
    frequency: text(kpi?.frequency),
    populationAgeBand: text(kpi?.populationAgeBand),
    target: kpi?.target?.toString() ?? '',
    redThreshold: kpi?.redThreshold?.toString() ?? '',
    source: kpi?.source ?? 'manual',
    derivation: text(kpi?.derivation),
    serviceType: text(kpi?.serviceType),
    changeNote: '',
  });
  const [countsPeople, setCountsPeople] = useState(kpi?.countsPeople ?? false);
  const [perContract, setPerContract] = useState(kpi?.perContract ?? false);
  const [firstPeriod, setFirstPeriod] = useState<DateParts>(kpi ? datePartsOf(kpi.firstPeriod) : EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const set = (key: keyof typeof f) => (value: string) => setF((old) => ({ ...old, [key]: value }));
  const onText = (key: keyof typeof f) => (e: { target: { value: string } }) => set(key)(e.target.value);
  // One key per form: a double submit saves one version.
  const formKey = useFormKey();
  const save = useMutation(
    trpc.kpi.save.mutationOptions({
      onSuccess: async () => {
        await refreshAfterChange(trpc.kpi.pathKey(), trpc.benchmark.pathKey(), trpc.return.pathKey());
        onDone();
      },
      onError: (error) => setErrors(apiFormErrors(error, FIELD_IDS)),
    }),
  );
  const number = (s: string) => (s.trim() === '' ? null : Number(s.replace(/,/g, '')));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const first = isoOf(firstPeriod);
    const target = number(f.target);
    const redThreshold = number(f.redThreshold);
    const problems: ClientError[] = [
      ...(f.code.trim() ? [] : [{ id: 'kpi-code', text: 'Enter a code, such as SL-01' }]),
      ...(!kpi && existingCodes.includes(f.code.trim().toUpperCase()) ? [{ id: 'kpi-code', text: `${f.code.trim().toUpperCase()} is already in the library: change it from its row instead` }] : []),
      ...(f.name.trim() ? [] : [{ id: 'kpi-name', text: 'Enter a name' }]),
      ...(f.definition.trim() ? [] : [{ id: 'kpi-definition', text: 'Say in plain English what is counted' }]),
      ...(f.unit ? [] : [{ id: 'unit', text: 'Choose the unit' }]),
      ...(f.direction ? [] : [{ id: 'direction', text: 'Choose which direction is better' }]),
      ...(f.frequency ? [] : [{ id: 'frequency', text: 'Choose how often members return it' }]),
      ...(target === null || Number.isFinite(target) ? [] : [{ id: 'kpi-target', text: 'Enter the target as a number, such as 85' }]),
      ...(redThreshold === null || Number.isFinite(redThreshold) ? [] : [{ id: 'kpi-red', text: 'Enter the red threshold as a number, such as 70' }]),
      ...(first && first !== 'invalid' ? [] : [{ id: 'kpi-first-period-day', text: 'Enter the first period’s first day as a real date, for example 1 4 2024' }]),
      ...(kpi && !f.changeNote.trim() ? [{ id: 'kpi-change-note', text: 'Say what changed in this version' }] : []),
    ];
    const found = clientErrors(problems);
    if (hasErrors(found)) return setErrors(found);
    const orNull = (s: string) => s.trim() || null;
    save.mutate({
      partnershipId,
      idempotencyKey: formKey.key,
      code: f.code,
      name: f.name,
      definition: f.definition,
      numeratorDefinition: orNull(f.numeratorDefinition),
      denominatorDefinition: orNull(f.denominatorDefinition),
      unit: f.unit as Kpi['unit'],
      direction: f.direction as Kpi['direction'],
      frequency: f.frequency as Kpi['frequency'],
      populationAgeBand: orNull(f.populationAgeBand),
      target,
      redThreshold,
      source: f.source as Kpi['source'],
      derivation: f.source === 'manual' || !f.derivation ? null : (f.derivation as KpiDerivation),
      countsPeople,
      perContract,
      serviceType: orNull(f.serviceType),
      firstPeriod: first as string,
      changeNote: kpi ? f.changeNote.trim() : null,
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="kpi-form" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m">{kpi ? `Change ${kpi.code} ${kpi.name}` : 'Add a KPI'}</h2>
      {kpi ? <p className="govuk-body">Saving makes version {kpi.version + 1}. Returns already made keep version {kpi.version}.</p> : null}
      {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
      <TextInput id="kpi-code" name="code" label="Code" hint="2 to 20 capital letters, digits or hyphens, such as SL-01" className="govuk-input--width-10" value={f.code} onChange={onText('code')} readOnly={!!kpi} error={errors.fields['kpi-code']} />
      <TextInput id="kpi-name" name="name" label="Name" value={f.name} onChange={onText('name')} error={errors.fields['kpi-name']} />
      <Textarea id="kpi-definition" name="definition" label="Definition" hint="In plain English: what is counted, when, and for whom" rows={3} value={f.definition} onChange={onText('definition')} error={errors.fields['kpi-definition']} />
      <Textarea id="kpi-numerator" name="numeratorDefinition" label="Numerator definition (optional)" rows={2} value={f.numeratorDefinition} onChange={onText('numeratorDefinition')} error={errors.fields['kpi-numerator']} />
      <Textarea id="kpi-denominator" name="denominatorDefinition" label="Denominator definition (optional)" rows={2} value={f.denominatorDefinition} onChange={onText('denominatorDefinition')} error={errors.fields['kpi-denominator']} />
      <Radios name="unit" legend="Unit" legendSize="s" small options={options(UNIT)} value={f.unit} onChange={set('unit')} error={errors.fields.unit} />
      <Radios name="direction" legend="Which is better" legendSize="s" small inline options={options(DIRECTION)} value={f.direction} onChange={set('direction')} error={errors.fields.direction} />
      <Radios name="frequency" legend="Frequency" legendSize="s" small inline options={options(FREQUENCY)} value={f.frequency} onChange={set('frequency')} error={errors.fields.frequency} />
      <TextInput
        id="kpi-age-band"
        name="populationAgeBand"
        label="Population age band (optional)"
        hint="To compare per 100,000 residents: ‘all’, ‘18+’, ‘65+’ or ‘18-64’. Needed for a rate per 100,000."
        className="govuk-input--width-5"
        value={f.populationAgeBand}
        onChange={onText('populationAgeBand')}
        error={errors.fields['kpi-age-band']}
      />
      <TextInput id="kpi-target" name="target" label="Target (optional)" className="govuk-input--width-5" inputMode="decimal" value={f.target} onChange={onText('target')} error={errors.fields['kpi-target']} />
      <TextInput id="kpi-red" name="redThreshold" label="Red threshold (optional)" hint="Worse than this is red" className="govuk-input--width-5" inputMode="decimal" value={f.redThreshold} onChange={onText('redThreshold')} error={errors.fields['kpi-red']} />
      <Select id="kpi-source" name="source" label="Source" hint="Where members’ figures can be calculated from" options={options(SOURCE)} value={f.source} onChange={set('source')} error={errors.fields['kpi-source']} />
      {f.source !== 'manual' && (
        <Select
          id="kpi-derivation"
          name="derivation"
          label="How Concord works it out (optional)"
          hint="Members can then calculate their figure from their own records instead of typing it. The rule’s unit must match the KPI’s."
          placeholder="Members type it in"
          options={Object.entries(KPI_DERIVATION_RULES).map(([value, rule]) => ({ value, label: rule.label }))}
          value={f.derivation}
          onChange={set('derivation')}
          error={errors.fields['kpi-derivation']}
        />
      )}
      <Select id="kpi-service-type" name="serviceType" label="Service type (optional)" placeholder="Any service" options={options(SERVICE_TYPE_LABELS)} value={f.serviceType} onChange={set('serviceType')} error={errors.fields['kpi-service-type']} />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What it counts</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <Checkbox id="kpi-counts-people" label="It counts people" hint="Counts of 1 to 4 are suppressed in benchmarks" checked={countsPeople} onChange={setCountsPeople} />
            <Checkbox id="kpi-per-contract" label="Returned per contract" hint="Members return one figure for each contract" checked={perContract} onChange={setPerContract} />
          </div>
        </fieldset>
      </div>
      <DateInput id="kpi-first-period" legend="First period" legendSize="s" hint="The first day of the first period returned, for example 1 4 2024 (quarters and years start in April)" value={firstPeriod} onChange={setFirstPeriod} error={errors.fields['kpi-first-period-day']} />
      {kpi ? <Textarea id="kpi-change-note" name="changeNote" label="What changed" hint="Kept with the version for everyone to see" rows={2} value={f.changeNote} onChange={onText('changeNote')} error={errors.fields['kpi-change-note']} /> : null}
      <SubmitOrCancel pending={save.isPending} onCancel={onDone}>
        {kpi ? 'Save new version' : 'Add KPI'}
      </SubmitOrCancel>
    </form>
  );
}
