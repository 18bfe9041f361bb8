import { ProviderChooser } from '../../components/ProviderChooser.tsx';
import { CONTRACT_DATE_STATUS_LABELS, formatPence, FUNDING_ROUTE_LABELS, FUNDING_ROUTES, PLACEMENT_REFERENCE, PLACEMENT_REFERENCE_MESSAGE, SERVICE_TYPES, type FundingRoute, type ServiceType } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DateInput, datePartsOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { dateOf, numberOf, poundsOf } from '../contract/formFields.ts';
import { refreshContracts, serviceTypeLabel, useCanChangeContracts } from '../contract/shared.tsx';
import { useActsForAuthority } from '../procurement/shared.tsx';

type Placement = RouterOutputs['placement']['get'];

/** The API's field names → the ids of the fields on this page (a date's error goes to its day box). */
const FIELD_IDS: Record<string, string> = {
  reference: 'reference',
  contractId: 'contractId',
  providerId: 'providerId',
  serviceType: 'serviceType',
  complexityBand: 'complexityBand',
  locality: 'locality',
  inArea: 'inArea',
  fundingRoute: 'fundingRoute',
  nhsSharePercent: 'nhsSharePercent',
  startDate: 'startDate-day',
  endDate: 'endDate-day',
  weeklyCostPence: 'weeklyCost',
  weeklyHours: 'weeklyHours',
  requestedOn: 'requestedOn-day',
  sourcedOn: 'sourcedOn-day',
};

type ContractChoice = RouterOutputs['contract']['list']['contracts'][number];
/** A contract in the choice: its reference and provider (titles are too long for a select), and its status unless active. */
const contractLabel = (c: ContractChoice) =>
  `${c.reference}, ${c.provider.name}${c.dateStatus === 'active' ? '' : ` (${CONTRACT_DATE_STATUS_LABELS[c.dateStatus].toLowerCase()})`}`;

const textOfNumber = (n: number | null) => (n === null ? '' : String(n));

/** What the form holds, as typed. */
function initialValues(p: Placement | undefined) {
  return {
    reference: p?.reference ?? '',
    contractId: p?.contract?.id ?? '',
    providerId: p?.provider.id ?? '',
    serviceType: p?.serviceType ?? '',
    complexityBand: p?.complexityBand ?? '',
    locality: p?.locality ?? '',
    inArea: p ? (p.inArea ? 'yes' : 'no') : '',
    fundingRoute: p?.fundingRoute ?? '',
    nhsShare: textOfNumber(p?.nhsSharePercent ?? null),
    start: datePartsOf(p?.startDate),
    end: datePartsOf(p?.endDate),
    weeklyCost: p ? formatPence(p.weeklyCostPence).replace('£', '') : '',
    weeklyHours: textOfNumber(p?.weeklyHours ?? null),
    requested: datePartsOf(p?.requestedOn),
    sourced: datePartsOf(p?.sourcedOn),
  };
}
type Values = ReturnType<typeof initialValues>;

/** The form's values checked as far as the page can: what to send, or the problems found. */
function checked(v: Values, adding: boolean, problems: ClientError[]) {
  const reference = v.reference.trim().toUpperCase();
  if (adding && !reference) problems.push({ id: 'reference', text: 'Enter the placement reference' });
  else if (adding && !PLACEMENT_REFERENCE.test(reference)) problems.push({ id: 'reference', text: PLACEMENT_REFERENCE_MESSAGE });
  if (adding && !v.contractId && !v.providerId) problems.push({ id: 'providerId', text: 'Choose the provider, or the contract the placement is under' });
  if (adding && !v.serviceType) problems.push({ id: 'serviceType', text: 'Choose a service type' });
  if (!v.inArea) problems.push({ id: 'inArea', text: 'Say whether the placement is in or out of area' });
  if (!v.fundingRoute) problems.push({ id: 'fundingRoute', text: 'Choose a funding route' });
  const nhsSharePercent = numberOf(v.nhsShare, 'nhsSharePercent', 'the NHS share', problems, { min: 0, max: 100, unit: 'per cent' }, v.fundingRoute === 'nhs_funded');
  const startDate = dateOf(v.start, 'startDate-day', 'the start date', problems);
  const endDate = dateOf(v.end, 'endDate-day', 'the end date', problems, false);
  if (startDate && endDate && endDate < startDate) problems.push({ id: 'endDate-day', text: `The end date (${formatDate(endDate)}) cannot be before the start date (${formatDate(startDate)})` });
  const weeklyCostPence = poundsOf(v.weeklyCost, 'weeklyCost', 'the weekly cost', problems);
  if (weeklyCostPence !== undefined && weeklyCostPence < 0) problems.push({ id: 'weeklyCost', text: 'The weekly cost must not be negative' });
  const weeklyHours = numberOf(v.weeklyHours, 'weeklyHours', 'weekly hours', problems, { min: 0, max: 168 });
  const requestedOn = dateOf(v.requested, 'requestedOn-day', 'the date requested', problems, false);
  const sourcedOn = dateOf(v.sourced, 'sourcedOn-day', 'the date sourced', problems, false);
  if (sourcedOn && !requestedOn && !problems.some((p) => p.id === 'requestedOn-day')) problems.push({ id: 'requestedOn-day', text: 'Enter the date requested as well as the date sourced' });
  if (sourcedOn && requestedOn && sourcedOn < requestedOn) problems.push({ id: 'sourcedOn-day', text: `The date sourced (${formatDate(sourcedOn)}) cannot be before the date requested (${formatDate(requestedOn)})` });
  return {
    reference,
    contractId: v.contractId || null,
    complexityBand: v.complexityBand.trim() || null,
    locality: v.locality.trim() || null,
    inArea: v.inArea === 'yes',
    fundingRoute: v.fundingRoute as FundingRoute,
    nhsSharePercent: nhsSharePercent ?? null,
    startDate: startDate!,
    endDate: endDate ?? null,
    weeklyCostPence: weeklyCostPence!,
    weeklyHours: weeklyHours ?? null,
    requestedOn: requestedOn ?? null,
    sourcedOn: sourcedOn ?? null,
  };
}

/** Add one placement without a CSV file (commissioners and contract officers). */
export function PlacementFormPage() {
  return <Gate>{() => <PlacementForm />}</Gate>;
}

/** Correct one placement: everything but its reference, provider and service type. */
export function ChangePlacementPage() {
  const { id = '' } = useParams();
  return <Gate>{() => <LoadedPlacementForm placementId={id} />}</Gate>;
}

function LoadedPlacementForm({ placementId }: { placementId: string }) {
  const placement = useQuery(trpc.placement.get.queryOptions({ placementId }));
  if (placement.isPending) return <Loading />;
  if (placement.isError) return <ProblemPage error={placement.error} />;
  return <PlacementForm placement={placement.data} />;
}

/** Only people who may change placements see the form; everyone else is told why not. */
function Gate({ children }: { children: () => ReactNode }) {
  const acts = useActsForAuthority();
  const canChange = useCanChangeContracts();
  if (!acts || !canChange) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot add or change placements</h1>
        <p className="govuk-body">Only your authority’s commissioners and contract officers can add or change placements.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/placements">
            Back to placements
          </Link>
        </p>
      </>
    );
  }
  return <>{children()}</>;
}

function PlacementForm({ placement }: { placement?: Placement }) {
  const adding = !placement;
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(() => initialValues(placement));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(adding ? 'Add a placement' : `Change placement ${placement.reference}`, hasErrors(errors));
  const contracts = useQuery(trpc.contract.list.queryOptions({ sort: 'reference', direction: 'asc' }));
  const done = async (notice: string) => {
    await refreshContracts();
    navigate('/placements', { state: { notice } });
  };
  const onError = (error: unknown) => setErrors(apiFormErrors(error, FIELD_IDS));
  const formKey = useFormKey();
  const create = useMutation({ ...trpc.placement.create.mutationOptions(), onSuccess: (made) => done(`Placement ${made.reference} was added.`), onError });
  const update = useMutation({ ...trpc.placement.update.mutationOptions(), onSuccess: () => done(`Placement ${placement?.reference ?? ''} was changed.`), onError });
  const pending = create.isPending || update.isPending;

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const text = (key: 'reference' | 'complexityBand' | 'locality' | 'nhsShare' | 'weeklyCost' | 'weeklyHours') => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key)(e.target.value),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const problems: ClientError[] = [];
    const { reference, ...fields } = checked(values, adding, problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    if (adding) {
      create.mutate({
        reference,
        ...fields,
        ...(!values.contractId && { providerId: values.providerId }),
        serviceType: values.serviceType as ServiceType,
        idempotencyKey: formKey.key,
      });
    } else {
      update.mutate({ placementId: placement.id, version: placement.rowVersion, ...fields });
    }
  };

  if (contracts.isPending) return <Loading />;
  if (contracts.isError) return <ProblemPage error={contracts.error} />;

  // A changed placement keeps its provider, so only that provider's contracts can be chosen.
  const contractChoices = contracts.data.contracts.filter((c) => adding || c.provider.id === placement.provider.id);
  const chosenContract = contracts.data.contracts.find((c) => c.id === values.contractId);
  const dateField = (id: 'start' | 'end' | 'requested' | 'sourced', fieldId: string, legend: string, hint?: string) => (
    <DateInput id={fieldId} legend={legend} legendSize="s" {...(hint && { hint })} value={values[id]} onChange={set(id) as (d: DateParts) => void} error={errors.fields[`${fieldId}-day`]} />
  );

  return (
    <div className="govuk-grid-row">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds" data-testid="placement-form">
        <Link className="govuk-back-link" to="/placements">
          Back to placements
        </Link>
        <ErrorSummary errors={errors.summary} />
        <span className="govuk-caption-l">Placements</span>
        <h1 className="govuk-heading-l">
          {adding ? 'Add a placement' : <>Change placement <span className="concord-nowrap">{placement.reference}</span></>}
        </h1>

        {adding ? (
          <TextInput
            id="reference"
            name="reference"
            label="Placement reference"
            hint="Your reference for the placement, not the person’s name. Capital letters, digits and hyphens, with at least one digit, like PLY-SL-0001."
            className="govuk-input--width-20"
            spellCheck={false}
            autoComplete="off"
            {...text('reference')}
            error={errors.fields.reference}
          />
        ) : (
          <SummaryList
            rows={[
              { key: 'Placement reference', value: placement.reference, testId: 'placement-reference' },
              { key: 'Provider', value: placement.provider.name },
              { key: 'Service type', value: serviceTypeLabel(placement.serviceType) },
            ]}
          />
        )}
        {!adding && (
          <p className="govuk-body">The reference, provider and service type cannot be changed. If one of them is wrong, add the placement again under the right details and end this one.</p>
        )}

        <Select
          id="contractId"
          name="contractId"
          label="Contract (optional)"
          hint={adding ? 'Leave as ‘No contract’ for a spot placement.' : `Contracts with ${placement.provider.name} only. Leave as ‘No contract’ for a spot placement.`}
          placeholder="No contract (spot placement)"
          options={contractChoices.map((c) => ({ value: c.id, label: contractLabel(c) }))}
          value={values.contractId}
          onChange={set('contractId')}
          error={errors.fields.contractId}
        />
        {adding &&
          (chosenContract ? (
            <p className="govuk-body" data-testid="contract-provider">
              Provider: <strong>{chosenContract.provider.name}</strong> (the contract’s provider)
            </p>
          ) : (
            <ProviderChooser
              id="providerId"
              label="Provider"
              hint="Needed for a spot placement: type part of its name and choose it. Under a contract, the placement is with the contract’s provider."
              value={values.providerId}
              onChange={set('providerId')}
              error={errors.fields.providerId}
            />
          ))}
        {adding && (
          <Radios
            name="serviceType"
            legend="Service type"
            legendSize="s"
            small
            options={SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeLabel(s) }))}
            value={values.serviceType}
            onChange={set('serviceType')}
            error={errors.fields.serviceType}
          />
        )}
        <TextInput
          id="complexityBand"
          name="complexityBand"
          label="Complexity band (optional)"
          hint="For example, standard, less complex, complex or highly complex."
          className="govuk-input--width-20"
          {...text('complexityBand')}
          error={errors.fields.complexityBand}
        />
        <TextInput id="locality" name="locality" label="Locality (optional)" hint="Where the care is given, for example a town or area of your authority." className="govuk-input--width-20" {...text('locality')} error={errors.fields.locality} />
        <Radios
          name="inArea"
          legend="Is the placement in your authority’s area?"
          legendSize="s"
          inline
          small
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No, out of area' },
          ]}
          value={values.inArea}
          onChange={set('inArea')}
          error={errors.fields.inArea}
        />
        <Radios
          name="fundingRoute"
          legend="Funding route"
          legendSize="s"
          small
          options={FUNDING_ROUTES.map((r) => ({ value: r, label: FUNDING_ROUTE_LABELS[r] }))}
          value={values.fundingRoute}
          onChange={set('fundingRoute')}
          error={errors.fields.fundingRoute}
        />
        <TextInput
          id="nhsSharePercent"
          name="nhsSharePercent"
          label="NHS share (optional)"
          hint="The part of the cost the NHS pays, from 0 to 100. Needed for an NHS-funded placement."
          suffix="%"
          inputMode="decimal"
          className="govuk-input--width-4"
          {...text('nhsShare')}
          error={errors.fields.nhsSharePercent}
        />
        {dateField('start', 'startDate', 'Start date', 'For example, 27 3 2025')}
        {dateField('end', 'endDate', 'End date (optional)', 'Leave blank while the placement is ongoing. For example, 31 3 2026')}
        <TextInput
          id="weeklyCost"
          name="weeklyCost"
          label="Weekly cost"
          hint="What your authority pays a week, in pounds, for example 1,250.00."
          prefix="£"
          inputMode="decimal"
          className="govuk-input--width-10"
          {...text('weeklyCost')}
          error={errors.fields.weeklyCost}
        />
        <TextInput
          id="weeklyHours"
          name="weeklyHours"
          label="Hours of care a week (optional)"
          suffix="hours"
          inputMode="decimal"
          className="govuk-input--width-4"
          {...text('weeklyHours')}
          error={errors.fields.weeklyHours}
        />

        <h2 className="govuk-heading-m">Sourcing</h2>
        <p className="govuk-body">
          The day the placement was asked for and the day a provider was found feed the KPI ‘placements sourced within 5 working days’. Leave them blank if you do not know them.
        </p>
        {dateField('requested', 'requestedOn', 'Date requested (optional)', 'When the placement was asked for. For example, 3 3 2025')}
        {dateField('sourced', 'sourcedOn', 'Date sourced (optional)', 'When a provider was found. For example, 7 3 2025')}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
            {adding ? 'Add placement' : 'Save changes'}
          </button>
          <Link className="govuk-link" to="/placements">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
