import { formatPence, parsePounds } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Loading, NotFoundPage, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { useActsForAuthority, usePartnershipsILead } from '../procurement/shared.tsx';
import { CostOfCareNavigation, perUnit, refreshCostOfCare, SERVICE_TYPE_OPTIONS, serviceTypeLabel, UNIT_OPTIONS } from './shared.tsx';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';
import { useFormKey } from '../../components/useFormKey.ts';

type Exercise = RouterOutputs['fairCost']['get'];

/** Fair cost of care exercises of my partnerships, each with its fair rate (the median) and n. */
export function FairCostExercisesPage() {
  usePageTitle('Fair cost exercises');
  const enabled = useActsForAuthority();
  const exercises = useQuery({ ...trpc.fairCost.list.queryOptions({}), enabled });
  const { partnerships: leading } = usePartnershipsILead();
  if (!enabled) return <NotFoundPage />;
  if (exercises.isPending) return <Loading />;
  if (exercises.isError) return <ProblemPage error={exercises.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Fair cost exercises</h1>
      <CostOfCareNavigation />
      <p className="govuk-body">
        Providers’ submitted costs per unit, summarised the Department of Health and Social Care’s way: the lower quartile, the median (the fair rate) and the upper
        quartile, with how many submissions each figure rests on.
      </p>
      {leading.length > 0 && (
        <Link to="/fair-cost/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Add an exercise
        </Link>
      )}
      {exercises.data.length === 0 ? (
        <p className="govuk-body">None of your partnerships has recorded a fair cost exercise yet.</p>
      ) : (
        <Table
          caption="Exercises of your partnerships"
          rows={exercises.data}
          rowKey={(e) => e.id}
          rowTestId="exercise"
          columns={[
            {
              header: 'Exercise',
              rowHeader: true,
              cell: (e: Exercise) => (
                <Link className="govuk-link" to={`/fair-cost/${e.id}`}>
                  {e.name}
                </Link>
              ),
            },
            { header: 'Partnership', cell: (e: Exercise) => e.partnershipName },
            { header: 'Service and band', cell: (e: Exercise) => `${serviceTypeLabel(e.serviceType)}, ${e.band}` },
            { header: 'Held', cell: (e: Exercise) => <span className="concord-nowrap">{formatDate(e.heldOn)}</span> },
            { header: 'Submissions', numeric: true, cell: (e: Exercise) => formatNumber(e.result.n) },
            { header: 'Fair rate (median)', numeric: true, cell: (e: Exercise) => `${formatPence(e.result.fairRatePence)} ${perUnit(e.unit)}` },
          ]}
        />
      )}
    </>
  );
}

/** One exercise: its quartiles with n, and every submission. */
export function FairCostExercisePage() {
  const { id, valid } = useRecordId();
  const exercise = useQuery({ ...trpc.fairCost.get.queryOptions({ exerciseId: id }), enabled: valid });
  usePageTitle(exercise.data?.name ?? 'Fair cost exercise');
  if (!valid || !exercise.isSuccess) return <RecordStatus query={exercise} valid={valid} />;
  const e = exercise.data;
  const r = e.result;
  const per = perUnit(e.unit);
  type Submission = Exercise['submissions'][number];
  return (
    <>
      <Link className="govuk-back-link" to="/fair-cost">
        Back to fair cost exercises
      </Link>
      <span className="govuk-caption-l">
        Fair cost exercise · {e.partnershipName}
      </span>
      <h1 className="govuk-heading-l">{e.name}</h1>
      <SummaryList
        rows={[
          { key: 'Service and band', value: `${serviceTypeLabel(e.serviceType)}, ${e.band}` },
          { key: 'Held', value: formatDate(e.heldOn) },
          { key: 'Submissions (n)', value: formatNumber(r.n), testId: 'fair-n' },
          { key: 'Lower quartile', value: `${formatPence(r.lowerQuartilePence)} ${per}`, testId: 'fair-lower' },
          { key: 'Median: the fair rate', value: <strong>{`${formatPence(r.fairRatePence)} ${per}`}</strong>, testId: 'fair-median' },
          { key: 'Upper quartile', value: `${formatPence(r.upperQuartilePence)} ${per}`, testId: 'fair-upper' },
          { key: 'Range', value: `${formatPence(r.minPence)} to ${formatPence(r.maxPence)}` },
        ]}
      />
      <p className="govuk-body-s">
        Quartiles are worked out as a spreadsheet’s QUARTILE.INC does, so each of the three figures rests on all {formatNumber(r.n)} submissions
        {r.n < 5 ? ' — too few to be confident in' : ''}.
      </p>
      <Table
        caption="Submissions, lowest first"
        rows={e.submissions}
        rowKey={(s) => s.providerLabel}
        rowTestId="submission"
        columns={[
          { header: 'Provider', rowHeader: true, cell: (s: Submission) => s.providerLabel },
          { header: `Cost ${per}`, numeric: true, cell: (s: Submission) => formatPence(s.pencePerUnit) },
          {
            header: 'Against the fair rate',
            numeric: true,
            cell: (s: Submission) => (s.pencePerUnit === r.fairRatePence ? 'At the median' : s.pencePerUnit < r.fairRatePence ? 'Below' : 'Above'),
          },
        ]}
      />
    </>
  );
}

/** The lead commissioner records an exercise: one provider submission per line. */
export function NewFairCostExercisePage() {
  const navigate = useNavigate();
  const { partnerships, isPending } = usePartnershipsILead();
  const [partnershipId, setPartnershipId] = useState('');
  const [name, setName] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [band, setBand] = useState('Standard');
  const [unit, setUnit] = useState('');
  const [heldOn, setHeldOn] = useState<DateParts>(EMPTY_DATE);
  const [submissions, setSubmissions] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Add a fair cost exercise', hasErrors(errors));
  const chosenId = partnerships.length === 1 ? partnerships[0]!.id : partnershipId;
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.fairCost.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshCostOfCare();
      navigate(`/fair-cost/${created.id}`);
    },
    onError: (error) =>
      setErrors(apiFormErrors(error, { partnershipId: 'partnershipId', name: 'name', serviceType: 'serviceType', band: 'band', unit: 'unit', heldOn: 'heldOn-day', submissions: 'submissions' })),
  });
  if (isPending) return <Loading />;
  if (partnerships.length === 0) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot add a fair cost exercise</h1>
        <p className="govuk-body">Only a partnership’s lead commissioner, acting for its lead authority, can record its fair cost exercises.</p>
      </>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    if (!chosenId) problems.push({ id: 'partnershipId', text: 'Choose a partnership' });
    if (!name.trim()) problems.push({ id: 'name', text: 'Enter a name for the exercise' });
    if (!serviceType) problems.push({ id: 'serviceType', text: 'Choose a service type' });
    if (!band.trim()) problems.push({ id: 'band', text: 'Enter the band' });
    if (!unit) problems.push({ id: 'unit', text: 'Choose what the costs are per' });
    const iso = isoOf(heldOn);
    if (iso === null || iso === 'invalid') problems.push({ id: 'heldOn-day', text: iso === null ? 'Enter the date of the exercise' : 'The date of the exercise must be a real date' });
    const lines = submissions.split('\n').map((l) => l.trim()).filter(Boolean);
    const parsed: { provider: string; pencePerUnit: number }[] = [];
    if (lines.length === 0) problems.push({ id: 'submissions', text: 'Add at least one provider submission' });
    lines.forEach((line, i) => {
      const m = /^(.+?)[,\t]\s*(£?[\d,]+(?:\.\d{1,2})?)$/.exec(line);
      if (!m) return problems.push({ id: 'submissions', text: `Line ${i + 1} must be a provider and a cost separated by a comma, like “Provider 1, 21.50”` });
      parsed.push({ provider: m[1]!.trim(), pencePerUnit: parsePounds(m[2]!) });
    });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({ partnershipId: chosenId, name, serviceType: serviceType as 'home_care', band, unit: unit as 'hour', heldOn: iso as string, submissions: parsed, idempotencyKey: formKey.key });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/fair-cost">
          Back to fair cost exercises
        </Link>
        <form noValidate onSubmit={submit}>
          <ErrorSummary errors={errors.summary} />
          <h1 className="govuk-heading-l">Add a fair cost exercise</h1>
          {partnerships.length > 1 && (
            <Radios
              name="partnershipId"
              legend="Partnership"
              legendSize="s"
              options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
              value={partnershipId}
              onChange={setPartnershipId}
              error={errors.fields.partnershipId}
            />
          )}
          <TextInput id="name" name="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
          <Radios name="serviceType" legend="Service type" legendSize="s" small options={SERVICE_TYPE_OPTIONS} value={serviceType} onChange={setServiceType} error={errors.fields.serviceType} />
          <TextInput id="band" name="band" label="Band" className="govuk-input--width-20" value={band} onChange={(e) => setBand(e.target.value)} error={errors.fields.band} />
          <Radios name="unit" legend="Costs are per" legendSize="s" small inline options={UNIT_OPTIONS} value={unit} onChange={setUnit} error={errors.fields.unit} />
          <DateInput id="heldOn" legend="When the exercise was held" legendSize="s" value={heldOn} onChange={setHeldOn} error={errors.fields['heldOn-day']} />
          <Textarea
            id="submissions"
            name="submissions"
            label="Submissions"
            hint="One provider a line: a label (not necessarily its name) and its cost per unit in pounds, like “Provider 1, 21.50”."
            rows={8}
            value={submissions}
            onChange={(e) => setSubmissions(e.target.value)}
            error={errors.fields.submissions}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
            Add exercise
          </button>
        </form>
      </div>
    </div>
  );
}
