import { CALL_OFF_STATUS_LABELS, canCancelCallOff, CONTRACT_WRITER_ROLES, CRITERION_KIND_LABELS, deadlineText, formatPence, parsePounds, type CallOffStatus, type CriterionKind } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { OcdsDownload } from '../../components/OcdsDownload.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Radios } from '../../components/Radios.tsx';
import { RoleNote } from '../../components/RoleNote.tsx';
import { useMayDo } from '../../session.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { queryClient, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractsNavigation, refreshContracts, serviceTypeLabel, useCanChangeContracts } from '../contract/shared.tsx';
import { CancelCallOff } from './CancelCallOff.tsx';
import { ScoreResponse } from './ScoreResponse.tsx';
import { CallOffCriteriaTable, SealedResponses } from './SealedResponses.tsx';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';

type CallOffSummary = RouterOutputs['callOff']['list'][number];
type CallOff = RouterOutputs['callOff']['get'];
type Options = RouterOutputs['callOff']['options'];
type Ranked = RouterOutputs['callOff']['evaluate']['results'][number];

const statusLabel = (s: string) => CALL_OFF_STATUS_LABELS[s as CallOffStatus] ?? s;
const methodLabel = (m: string) => (m === 'direct' ? 'Direct call-off' : 'Mini-competition');

async function refreshCallOffs() {
  await Promise.all([refreshAfterChange(trpc.callOff.pathKey()), refreshContracts()]);
}

/** Dates typed in three boxes: the ISO day, or a problem. */
function dateOf(d: DateParts, id: string, what: string, problems: ClientError[]): string | undefined {
  const iso = isoOf(d);
  if (iso === null) problems.push({ id, text: `Enter ${what}` });
  else if (iso === 'invalid') problems.push({ id, text: `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date` });
  else return iso;
  return undefined;
}
function poundsOf(text: string, id: string, what: string, problems: ClientError[]): number | undefined {
  if (!text.trim()) {
    problems.push({ id, text: `Enter ${what}` });
    return undefined;
  }
  try {
    return parsePounds(text);
  } catch {
    problems.push({ id, text: `${what[0]!.toUpperCase()}${what.slice(1)} must be an amount in pounds, like 1,250.00` });
    return undefined;
  }
}
function wholeOf(text: string, id: string, what: string, problems: ClientError[], optional = false): number | undefined {
  if (!text.trim()) {
    if (!optional) problems.push({ id, text: `Enter ${what}` });
    return undefined;
  }
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n < 0) {
    problems.push({ id, text: `${what[0]!.toUpperCase()}${what.slice(1)} must be a number, 0 or more` });
    return undefined;
  }
  return n;
}

/** My authority's call-offs from joint procurements. */
export function CallOffsPage() {
  usePageTitle('Call-offs');
  const list = useQuery(trpc.callOff.list.queryOptions());
  const mayStart = useMayDo(CONTRACT_WRITER_ROLES, 'start a call-off');
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Call-offs</h1>
      <ContractsNavigation />
      <p className="govuk-body">Care for one scheme or person called off from a live joint procurement your authority buys from: directly, or by mini-competition.</p>
      {mayStart.may ? (
        <Link to="/call-offs/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Start a call-off
        </Link>
      ) : (
        <RoleNote why={mayStart.why} />
      )}
      {list.data.length === 0 ? (
        <p className="govuk-body">No call-offs yet.</p>
      ) : (
        <Table
          caption="Your call-offs"
          captionHidden
          rows={list.data}
          rowKey={(c) => c.id}
          rowTestId="call-off"
          columns={[
            {
              header: 'Reference',
              rowHeader: true,
              cell: (c: CallOffSummary) => (
                <Link className="govuk-link" to={`/call-offs/${c.id}`}>
                  {c.reference}
                </Link>
              ),
            },
            { header: 'Scheme', cell: (c: CallOffSummary) => c.schemeName },
            { header: 'Method', cell: (c: CallOffSummary) => methodLabel(c.method) },
            { header: 'Start', cell: (c: CallOffSummary) => formatDate(c.startDate) },
            { header: 'Status', cell: (c: CallOffSummary) => <Tag colour={c.status === 'awarded' ? 'green' : c.status === 'inviting' ? 'blue' : 'grey'}>{statusLabel(c.status)}</Tag> },
            { header: 'Awarded to', cell: (c: CallOffSummary) => c.awardedTo ?? '–' },
          ]}
        />
      )}
    </>
  );
}

/** Step 1: a live procurement where my authority buys, a lot open to me, the individual specification and the method. */
export function NewCallOffPage() {
  const navigate = useNavigate();
  const options = useQuery(trpc.callOff.options.queryOptions());
  const [procurementId, setProcurementId] = useState('');
  const [lotId, setLotId] = useState('');
  const [schemeName, setSchemeName] = useState('');
  const [clientGroup, setClientGroup] = useState('');
  const [units, setUnits] = useState('');
  const [people, setPeople] = useState('');
  const [dayHours, setDayHours] = useState('');
  const [nightHours, setNightHours] = useState('');
  const [locality, setLocality] = useState('');
  const [start, setStart] = useState<DateParts>(EMPTY_DATE);
  const [term, setTerm] = useState('');
  const [method, setMethod] = useState('');
  const [priceUnit, setPriceUnit] = useState('hour');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Start a call-off', hasErrors(errors));
  const mayStart = useMayDo(CONTRACT_WRITER_ROLES, 'start a call-off');
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.callOff.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshCallOffs();
      navigate(`/call-offs/${created.id}`);
    },
    onError: (error) =>
      setErrors(
        apiFormErrors(error, {
          procurementId: 'procurementId',
          lotId: 'lotId',
          method: 'method',
          'specification.schemeName': 'schemeName',
          'specification.clientGroup': 'clientGroup',
          'specification.units': 'units',
          'specification.people': 'people',
          'specification.dayHoursPerWeek': 'dayHours',
          'specification.nightHoursPerWeek': 'nightHours',
          'specification.locality': 'locality',
          'specification.startDate': 'startDate-day',
          'specification.termMonths': 'termMonths',
        }),
      ),
  });
  if (options.isPending) return <Loading />;
  if (options.isError) return <ProblemPage error={options.error} />;
  if (!mayStart.may) {
    return (
      <>
        <Link className="govuk-back-link" to="/call-offs">
          Back to call-offs
        </Link>
        <h1 className="govuk-heading-l">Start a call-off</h1>
        {mayStart.why ? <RoleNote why={mayStart.why} /> : <Loading />}
      </>
    );
  }
  const procurement = options.data.find((o) => o.procurement.id === procurementId);
  const openLots = procurement?.lots.filter((l) => l.open) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    if (!procurement) problems.push({ id: 'procurementId', text: 'Choose a procurement' });
    if (procurement && !openLots.some((l) => l.id === lotId)) problems.push({ id: 'lotId', text: 'Choose a lot' });
    if (!schemeName.trim()) problems.push({ id: 'schemeName', text: 'Enter the scheme name' });
    if (!clientGroup.trim()) problems.push({ id: 'clientGroup', text: 'Enter the client group, for example older people' });
    const u = wholeOf(units, 'units', 'the number of units', problems, true);
    const p = wholeOf(people, 'people', 'the number of people', problems, true);
    if (!u && !p) problems.push({ id: 'units', text: 'Enter the number of units or of people' });
    const day = wholeOf(dayHours, 'dayHours', 'day hours a week', problems);
    const night = wholeOf(nightHours, 'nightHours', 'night hours a week', problems);
    if (!locality.trim()) problems.push({ id: 'locality', text: 'Enter the locality' });
    const startDate = dateOf(start, 'startDate-day', 'the start date', problems);
    const termMonths = wholeOf(term, 'termMonths', 'the term in months', problems);
    if (!method) problems.push({ id: 'method', text: 'Choose a direct call-off or a mini-competition' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({
      idempotencyKey: formKey.key,
      procurementId,
      lotId,
      method: method as 'direct' | 'mini_competition',
      priceUnit: priceUnit as 'hour' | 'week',
      specification: {
        schemeName,
        clientGroup,
        ...(u !== undefined && { units: u }),
        ...(p !== undefined && { people: p }),
        dayHoursPerWeek: day!,
        nightHoursPerWeek: night!,
        locality,
        startDate: startDate!,
        termMonths: termMonths!,
      },
    });
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/call-offs">
          Back to call-offs
        </Link>
        <form noValidate onSubmit={submit}>
          <ErrorSummary errors={errors.summary} />
          <h1 className="govuk-heading-l">Start a call-off</h1>
          {options.data.length === 0 ? (
            <p className="govuk-body" data-testid="no-live-procurements">
              Your authority is not a buyer on any live procurement, so there is nothing to call off from.
            </p>
          ) : (
            <>
              <Radios
                name="procurementId"
                legend="Procurement"
                legendSize="m"
                hint="Live procurements where your authority is a buyer."
                options={options.data.map((o: Options[number]) => ({
                  value: o.procurement.id,
                  label: `${o.procurement.reference}: ${o.procurement.title}`,
                  hint: serviceTypeLabel(o.procurement.serviceType),
                }))}
                value={procurementId}
                onChange={(v) => {
                  setProcurementId(v);
                  setLotId('');
                }}
                error={errors.fields.procurementId}
              />
              {procurement && (
                <Radios
                  name="lotId"
                  legend="Lot"
                  legendSize="m"
                  options={openLots.map((l) => ({ value: l.id, label: `Lot ${l.number}: ${l.name}`, hint: `${l.providers.length} active approved providers` }))}
                  value={lotId}
                  onChange={setLotId}
                  error={errors.fields.lotId}
                />
              )}
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Individual specification</legend>
                <TextInput id="schemeName" name="schemeName" label="Scheme name" value={schemeName} onChange={(e) => setSchemeName(e.target.value)} error={errors.fields.schemeName} />
                <TextInput id="clientGroup" name="clientGroup" label="Client group" hint="For example, older people" value={clientGroup} onChange={(e) => setClientGroup(e.target.value)} error={errors.fields.clientGroup} />
                <TextInput id="units" name="units" label="Units (optional if you give people)" inputMode="numeric" className="govuk-input--width-5" value={units} onChange={(e) => setUnits(e.target.value)} error={errors.fields.units} />
                <TextInput id="people" name="people" label="People (optional if you give units)" inputMode="numeric" className="govuk-input--width-5" value={people} onChange={(e) => setPeople(e.target.value)} error={errors.fields.people} />
                <TextInput id="dayHours" name="dayHours" label="Day hours a week" inputMode="decimal" suffix="hours" className="govuk-input--width-5" value={dayHours} onChange={(e) => setDayHours(e.target.value)} error={errors.fields.dayHours} />
                <TextInput id="nightHours" name="nightHours" label="Night hours a week" inputMode="decimal" suffix="hours" className="govuk-input--width-5" value={nightHours} onChange={(e) => setNightHours(e.target.value)} error={errors.fields.nightHours} />
                <TextInput id="locality" name="locality" label="Locality" value={locality} onChange={(e) => setLocality(e.target.value)} error={errors.fields.locality} />
                <DateInput id="startDate" legend="Start date" legendSize="s" hint="For example, 1 4 2019" value={start} onChange={setStart} error={errors.fields['startDate-day']} />
                <TextInput id="termMonths" name="termMonths" label="Term" inputMode="numeric" suffix="months" className="govuk-input--width-4" value={term} onChange={(e) => setTerm(e.target.value)} error={errors.fields.termMonths} />
              </fieldset>
              <Radios
                name="method"
                legend="How will you call off?"
                legendSize="m"
                options={[
                  { value: 'direct', label: 'Direct call-off', hint: 'To one provider on the lot’s approved list, with your justification' },
                  { value: 'mini_competition', label: 'Mini-competition', hint: 'Invite providers on the lot, refine the criteria and rank their responses' },
                ]}
                value={method}
                onChange={setMethod}
                error={errors.fields.method}
              />
              <Radios name="priceUnit" legend="Prices" legendSize="s" inline options={[{ value: 'hour', label: 'Per hour' }, { value: 'week', label: 'Per week' }]} value={priceUnit} onChange={setPriceUnit} />
              <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
                Continue
              </button>
            </>
          )}
        </form>
      </div>
    </div>
  );
}

/** A call-off: its specification, then the next step (direct award, invitations, responses, ranking, award) or its contract. */
export function CallOffPage() {
  const { id, valid } = useRecordId();
  const callOff = useQuery({ ...trpc.callOff.get.queryOptions({ callOffId: id }), enabled: valid });
  const options = useQuery(trpc.callOff.options.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const canChange = useCanChangeContracts();
  usePageTitle(callOff.data ? `Call-off ${callOff.data.reference}` : 'Call-off');
  if (!valid || !callOff.isSuccess) return <RecordStatus query={callOff} valid={valid} />;
  if (!options.isSuccess) return <RecordStatus query={options} />;
  const c = callOff.data;
  const source = options.data.find((o) => o.procurement.id === c.procurement?.id);
  const lotProviders = source?.lots.find((l) => l.id === c.lot?.id)?.providers ?? [];
  const s = c.specification;
  return (
    <>
      <Link className="govuk-back-link" to="/call-offs">
        Back to call-offs
      </Link>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">{c.reference}</span>
      <h1 className="govuk-heading-l">{s.schemeName}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag colour={c.status === 'awarded' ? 'green' : c.status === 'cancelled' ? 'grey' : 'blue'}>{statusLabel(c.status)}</Tag>, testId: 'call-off-status' },
          ...(c.cancellation ? [{ key: 'Cancelled', value: `${formatDate(c.cancellation.cancelledOn)}: ${c.cancellation.reason}`, testId: 'call-off-cancellation' }] : []),
          { key: 'Method', value: methodLabel(c.method) },
          { key: 'Procurement', value: c.procurement ? `${c.procurement.reference}: ${c.procurement.title}` : '–' },
          { key: 'Lot', value: c.lot ? `Lot ${c.lot.number}: ${c.lot.name}` : '–' },
          { key: 'Client group', value: s.clientGroup },
          { key: 'Units / people', value: `${s.units ?? '–'} units, ${s.people ?? '–'} people` },
          { key: 'Hours a week', value: `${s.dayHoursPerWeek} day, ${s.nightHoursPerWeek} night` },
          { key: 'Locality', value: s.locality },
          { key: 'Start and term', value: `${formatDate(s.startDate)}, ${s.termMonths} months` },
          { key: 'Prices', value: c.priceUnit === 'week' ? 'Per week' : 'Per hour' },
          ...(c.responseDeadline ? [{ key: 'Response deadline', value: c.responses.deadlineAt ? deadlineText(c.responses.deadlineAt) : formatDate(c.responseDeadline), testId: 'response-deadline' }] : []),
        ]}
      />
      <OcdsDownload reference={c.reference} make={() => queryClient.fetchQuery({ ...trpc.callOff.ocds.queryOptions({ callOffId: c.id }), staleTime: 0 })} testId="download-call-off-ocds" />
      {c.award && (
        <section aria-labelledby="award-heading" data-testid="call-off-award">
          <h2 className="govuk-heading-m" id="award-heading">
            Award
          </h2>
          <SummaryList
            rows={[
              { key: 'Awarded to', value: c.award.provider.name, testId: 'award-provider' },
              { key: 'Award date', value: formatDate(c.award.awardedOn), testId: 'award-date' },
              ...(c.award.annualValuePence !== null ? [{ key: 'Annual value', value: formatPence(c.award.annualValuePence), testId: 'award-annual-value' }] : []),
              ...(c.award.totalValuePence !== null ? [{ key: 'Total value', value: formatPence(c.award.totalValuePence), testId: 'award-total-value' }] : []),
              ...(c.contract
                ? [
                    {
                      key: 'Contract',
                      value: (
                        <>
                          <Link className="govuk-link" to={`/contracts/${c.contract.id}`}>
                            {c.contract.reference}
                          </Link>
                          {`, ${formatDate(c.contract.startDate)} to ${formatDate(c.contract.endDate)}: ${c.contract.statusText}`}
                        </>
                      ),
                      testId: 'award-contract',
                    },
                  ]
                : []),
            ]}
          />
        </section>
      )}
      {!c.award && c.contract && (
        <p className="govuk-body" data-testid="call-off-contract">
          <Link className="govuk-link" to={`/contracts/${c.contract.id}`}>
            View contract {c.contract.reference}
          </Link>
        </p>
      )}
      {c.status === 'draft' && c.method === 'direct' && <DirectAward callOff={c} providers={lotProviders} onDone={setNotice} />}
      {c.status === 'draft' && c.method === 'mini_competition' && source && <Invite callOff={c} source={source} providers={lotProviders} onDone={setNotice} />}
      {c.status === 'inviting' && (c.responses.sealedUntil ? <SealedResponses callOff={c} /> : <Responses callOff={c} onDone={setNotice} />)}
      {canChange && canCancelCallOff(c.status) && (
        <CancelCallOff
          callOffId={c.id}
          inviting={c.status === 'inviting'}
          onCancelled={async (text) => {
            await refreshCallOffs();
            setNotice(text);
          }}
        />
      )}
    </>
  );
}

function ContractFields({ errors, reference, setReference, annual, setAnnual }: { errors: FormErrors; reference: string; setReference: (v: string) => void; annual: string; setAnnual: (v: string) => void }) {
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">The contract it makes</legend>
      <TextInput id="contractReference" name="contractReference" label="Contract reference" hint="Like SMBC-EC-BOOTLE" className="govuk-input--width-20" value={reference} onChange={(e) => setReference(e.target.value)} error={errors.fields.contractReference} />
      <TextInput id="annualValue" name="annualValue" label="Annual value" prefix="£" inputMode="decimal" className="govuk-input--width-10" value={annual} onChange={(e) => setAnnual(e.target.value)} error={errors.fields.annualValue} />
    </fieldset>
  );
}
const contractFieldIds = { 'contract.reference': 'contractReference', 'contract.annualValuePence': 'annualValue', awardedOn: 'awardedOn-day' };

/** The question before an award (issue 13, item 4): who wins and for how much, in pounds. */
function AwardConfirm({ providerName, annualValuePence, pending, onConfirm, onCancel }: { providerName: string; annualValuePence: number; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmStep
      question={`Award this call-off to ${providerName} for ${formatPence(annualValuePence)} a year?`}
      consequence="An award cannot be undone: the contract is created in your register at once."
      confirmLabel="Yes, award and create the contract"
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}

function DirectAward({ callOff, providers, onDone }: { callOff: CallOff; providers: { id: string; name: string }[]; onDone: (n: string) => void }) {
  const [providerId, setProviderId] = useState('');
  const [justification, setJustification] = useState('');
  const [awarded, setAwarded] = useState<DateParts>(EMPTY_DATE);
  const [reference, setReference] = useState('');
  const [annual, setAnnual] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // An award cannot be undone: the form's button asks first, naming the provider and the amount.
  const [confirming, setConfirming] = useState<Parameters<typeof award.mutate>[0] | null>(null);
  const award = useMutation({
    ...trpc.callOff.awardDirect.mutationOptions(),
    onSuccess: async () => {
      await refreshCallOffs();
      onDone('Called off directly: the contract is in your register.');
    },
    onError: (error) => {
      setConfirming(null);
      setErrors(apiFormErrors(error, { providerId: 'providerId', justification: 'justification', ...contractFieldIds }));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    if (!providerId) problems.push({ id: 'providerId', text: 'Choose a provider' });
    if (!justification.trim()) problems.push({ id: 'justification', text: 'Record why this provider is called off directly' });
    const awardedOn = dateOf(awarded, 'awardedOn-day', 'the award date', problems);
    if (!reference.trim()) problems.push({ id: 'contractReference', text: 'Enter the contract reference' });
    const annualValuePence = poundsOf(annual, 'annualValue', 'the annual value', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    award.reset();
    setConfirming({ callOffId: callOff.id, providerId, justification, awardedOn: awardedOn!, contract: { reference, annualValuePence: annualValuePence!, extensionOptions: [], rates: [] } });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="direct-award">
      <h2 className="govuk-heading-m">Call off directly</h2>
      <ErrorSummary errors={errors.summary} />
      <Select id="providerId" name="providerId" label="Provider" hint="Active on the lot’s approved list" placeholder="Choose a provider" options={providers.map((p) => ({ value: p.id, label: p.name }))} value={providerId} onChange={setProviderId} error={errors.fields.providerId} />
      <Textarea id="justification" name="justification" label="Justification" rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} error={errors.fields.justification} />
      <DateInput id="awardedOn" legend="Award date" legendSize="s" value={awarded} onChange={setAwarded} error={errors.fields['awardedOn-day']} />
      <ContractFields errors={errors} reference={reference} setReference={setReference} annual={annual} setAnnual={setAnnual} />
      {confirming ? (
        <AwardConfirm
          providerName={providers.find((p) => p.id === confirming.providerId)?.name ?? 'the chosen provider'}
          annualValuePence={confirming.contract.annualValuePence}
          pending={award.isPending}
          onConfirm={() => award.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={award.isPending}>
          Award and create the contract
        </button>
      )}
    </form>
  );
}

function Invite({ callOff, source, providers, onDone }: { callOff: CallOff; source: Options[number]; providers: { id: string; name: string }[]; onDone: (n: string) => void }) {
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<string[]>(providers.map((p) => p.id));
  const [condition, setCondition] = useState('');
  const [invitedOnParts, setInvitedOn] = useState<DateParts>(EMPTY_DATE);
  const [deadline, setDeadline] = useState<DateParts>(EMPTY_DATE);
  const [deadlineTime, setDeadlineTime] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const chosen = source.criteria.filter((c) => weights[c.id] !== undefined);
  const total = chosen.reduce((sum, c) => sum + (Number(weights[c.id]) || 0), 0);
  const start = useMutation({
    ...trpc.callOff.startMiniCompetition.mutationOptions(),
    onSuccess: async () => {
      await refreshCallOffs();
      onDone('Invitations sent. Responses are sealed until the deadline: you will see only how many have come in.');
    },
    onError: (error) => setErrors(apiFormErrors(error, { criteria: 'criteria', responseDeadline: 'responseDeadline-day', responseDeadlineTime: 'responseDeadlineTime', invitedOn: 'invitedOn-day', providerIds: 'providerIds', inviteCondition: 'inviteCondition' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    if (chosen.length === 0) problems.push({ id: 'criteria', text: 'Choose at least one criterion' });
    else if (Math.abs(total - 100) > 1e-9) problems.push({ id: 'criteria', text: `The weights must total 100%; they total ${total}%` });
    if (invited.length === 0) problems.push({ id: 'providerIds', text: 'Invite at least one provider' });
    const some = invited.length < providers.length;
    if (some && !condition.trim()) problems.push({ id: 'inviteCondition', text: 'State the condition the invited providers meet, or invite every provider' });
    const invitedOn = dateOf(invitedOnParts, 'invitedOn-day', 'the date of the invitations', problems);
    const responseDeadline = dateOf(deadline, 'responseDeadline-day', 'the deadline for responses', problems);
    const time = deadlineTime.trim();
    if (time && !/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time)) problems.push({ id: 'responseDeadlineTime', text: 'Enter the time as hours and minutes on a 24-hour clock, like 17:00' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    start.mutate({
      callOffId: callOff.id,
      criteria: chosen.map((c) => ({ criterionId: c.id, weightPercent: Number(weights[c.id]) })),
      invitedOn: invitedOn!,
      responseDeadline: responseDeadline!,
      ...(time && { responseDeadlineTime: time }),
      ...(some && { providerIds: invited, inviteCondition: condition }),
    });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="invite">
      <h2 className="govuk-heading-m">Invite providers</h2>
      <ErrorSummary errors={errors.summary} />
      <div className={`govuk-form-group${errors.fields.criteria ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Criteria and weights</legend>
          <div className="govuk-hint">Choose a subset of the procurement’s criteria and weight them to total 100%.</div>
          {errors.fields.criteria && (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.fields.criteria}
            </p>
          )}
          {source.criteria.map((c, i) => {
            const on = weights[c.id] !== undefined;
            const boxId = i === 0 ? 'criteria' : `criterion-${c.id}`;
            return (
              <div key={c.id} className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={boxId}
                    type="checkbox"
                    checked={on}
                    onChange={(e) =>
                      setWeights((w) => {
                        const next = { ...w };
                        if (e.target.checked) next[c.id] = String(c.weightPercent);
                        else delete next[c.id];
                        return next;
                      })
                    }
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={boxId}>
                    {c.name} ({CRITERION_KIND_LABELS[c.kind as CriterionKind] ?? c.kind} criterion, {c.weightPercent}% in the procurement)
                  </label>
                </div>
                {on && (
                  <div className="govuk-!-margin-left-6">
                    <TextInput
                      id={`weight-${c.id}`}
                      name={`weight-${c.id}`}
                      label={`Weight for ${c.name}`}
                      suffix="%"
                      inputMode="decimal"
                      className="govuk-input--width-4"
                      value={weights[c.id]!}
                      onChange={(e) => setWeights((w) => ({ ...w, [c.id]: e.target.value }))}
                    />
                  </div>
                )}
              </div>
            );
          })}
          <p className="govuk-body govuk-!-font-weight-bold" aria-live="polite" data-testid="weight-total">
            Total: {total}%{total === 100 ? '' : ' (must be 100%)'}
          </p>
        </fieldset>
      </div>
      <div className={`govuk-form-group${errors.fields.providerIds ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Providers to invite</legend>
          {errors.fields.providerIds && (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.fields.providerIds}
            </p>
          )}
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {providers.map((p, i) => (
              <div className="govuk-checkboxes__item" key={p.id}>
                <input
                  className="govuk-checkboxes__input"
                  id={i === 0 ? 'providerIds' : `invite-${p.id}`}
                  type="checkbox"
                  checked={invited.includes(p.id)}
                  onChange={(e) => setInvited((list) => (e.target.checked ? [...list, p.id] : list.filter((x) => x !== p.id)))}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? 'providerIds' : `invite-${p.id}`}>
                  {p.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {invited.length < providers.length && (
        <Textarea id="inviteCondition" name="inviteCondition" label="Why only these providers" hint="The condition every invited provider meets" rows={2} value={condition} onChange={(e) => setCondition(e.target.value)} error={errors.fields.inviteCondition} />
      )}
      <DateInput id="invitedOn" legend="Date of the invitations" legendSize="s" value={invitedOnParts} onChange={setInvitedOn} error={errors.fields['invitedOn-day']} />
      <DateInput id="responseDeadline" legend="Deadline for responses" legendSize="s" hint="For example, 31 1 2027. Responses are sealed until the deadline: nobody at your council can read one before it." value={deadline} onChange={setDeadline} error={errors.fields['responseDeadline-day']} />
      <TextInput
        id="responseDeadlineTime"
        name="responseDeadlineTime"
        label="Time of the deadline (optional)"
        hint="On a 24-hour clock, UK time, for example 17:00. Leave it blank for the end of the day (11:59pm)."
        className="govuk-input--width-5"
        value={deadlineTime}
        onChange={(e) => setDeadlineTime(e.target.value)}
        error={errors.fields.responseDeadlineTime}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={start.isPending}>
        Send invitations
      </button>
    </form>
  );
}

function Responses({ callOff, onDone }: { callOff: CallOff; onDone: (n: string) => void }) {
  const ranking = useQuery(trpc.callOff.evaluate.queryOptions({ callOffId: callOff.id }));
  const [providerId, setProviderId] = useState('');
  const [price, setPrice] = useState('');
  const [received, setReceived] = useState<DateParts>(EMPTY_DATE);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [awarded, setAwarded] = useState<DateParts>(EMPTY_DATE);
  const [reference, setReference] = useState('');
  const [annual, setAnnual] = useState('');
  const [awardErrors, setAwardErrors] = useState<FormErrors>(NO_ERRORS);
  const [feedback, setFeedback] = useState<Record<string, string>>({});
  const quality = callOff.criteria.filter((c) => c.kind !== 'price');
  const record = useMutation({
    ...trpc.callOff.recordResponse.mutationOptions(),
    onSuccess: async () => {
      await refreshCallOffs();
      setProviderId('');
      setPrice('');
      setScores({});
      onDone('Response recorded.');
    },
    onError: (error) => setErrors(apiFormErrors(error, { providerId: 'responseProvider', pricePence: 'price', receivedOn: 'receivedOn-day', scores: 'scores' })),
  });
  const [confirming, setConfirming] = useState<Parameters<typeof award.mutate>[0] | null>(null);
  const award = useMutation({
    ...trpc.callOff.award.mutationOptions(),
    onSuccess: async (result) => {
      await refreshCallOffs();
      onDone(`Awarded: contract ${result.contractReference} is in your register.`);
    },
    onError: (error) => {
      setConfirming(null);
      setAwardErrors(apiFormErrors(error, contractFieldIds));
    },
  });
  const topRanked = ranking.data?.results.find((r) => r.rank === 1)?.providerName ?? 'the top-ranked provider';
  const submitResponse = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    if (!providerId) problems.push({ id: 'responseProvider', text: 'Choose the provider who responded' });
    const pricePence = poundsOf(price, 'price', 'the price', problems);
    const receivedOn = dateOf(received, 'receivedOn-day', 'the date the response was received', problems);
    const scored = quality.map((c, i) => ({ criterionId: c.id, score: wholeOf(scores[c.id] ?? '', i === 0 ? 'scores' : `score-${c.id}`, `the score for ${c.name}`, problems) }));
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    record.mutate({ callOffId: callOff.id, providerId, pricePence: pricePence!, receivedOn: receivedOn!, scores: scored.map((s) => ({ criterionId: s.criterionId, score: s.score! })) });
  };
  const submitAward = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    const awardedOn = dateOf(awarded, 'awardedOn-day', 'the award date', problems);
    if (!reference.trim()) problems.push({ id: 'contractReference', text: 'Enter the contract reference' });
    const annualValuePence = poundsOf(annual, 'annualValue', 'the annual value', problems);
    if (problems.length) return setAwardErrors(clientErrors(problems));
    setAwardErrors(NO_ERRORS);
    const given = Object.entries(feedback).filter(([, text]) => text.trim()).map(([providerId, text]) => ({ providerId, feedback: text.trim() }));
    award.reset();
    setConfirming({ callOffId: callOff.id, awardedOn: awardedOn!, contract: { reference, annualValuePence: annualValuePence!, extensionOptions: [], rates: [] }, feedback: given });
  };
  const unit = callOff.priceUnit === 'week' ? 'per week' : 'per hour';
  return (
    <>
      <h2 className="govuk-heading-m">Criteria</h2>
      <CallOffCriteriaTable callOff={callOff} />
      <h2 className="govuk-heading-m">Invitations and responses</h2>
      <Table
        caption="Invited providers"
        captionHidden
        small
        rows={callOff.invitations}
        rowKey={(i) => i.providerId}
        rowTestId="invitation"
        columns={[
          { header: 'Provider', rowHeader: true, cell: (i) => i.providerName },
          { header: 'Invited', cell: (i) => formatDate(i.invitedOn) },
          { header: 'Response', cell: (i) => (i.response ? `Received ${formatDate(i.response.receivedOn)}${i.response.online ? ' online' : ' on paper'}` : 'None') },
          { header: `Price ${unit}`, numeric: true, cell: (i) => (i.response?.pricePence ? formatPence(i.response.pricePence) : '–') },
        ]}
      />
      <form noValidate onSubmit={submitResponse} data-testid="response-form">
        <h3 className="govuk-heading-s">Record a response</h3>
        <ErrorSummary errors={errors.summary} />
        <Select
          id="responseProvider"
          name="responseProvider"
          label="Provider"
          placeholder="Choose a provider"
          options={callOff.invitations.map((i) => ({ value: i.providerId, label: i.providerName }))}
          value={providerId}
          onChange={setProviderId}
          error={errors.fields.responseProvider}
        />
        <TextInput id="price" name="price" label={`Price ${unit}`} prefix="£" inputMode="decimal" className="govuk-input--width-10" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.fields.price} />
        {quality.map((c, i) => (
          <TextInput
            key={c.id}
            id={i === 0 ? 'scores' : `score-${c.id}`}
            name={`score-${c.id}`}
            label={`Quality score: ${c.name}`}
            inputMode="numeric"
            className="govuk-input--width-3"
            value={scores[c.id] ?? ''}
            onChange={(e) => setScores((s) => ({ ...s, [c.id]: e.target.value }))}
            error={errors.fields[i === 0 ? 'scores' : `score-${c.id}`]}
          />
        ))}
        <DateInput id="receivedOn" legend="Date received" legendSize="s" value={received} onChange={setReceived} error={errors.fields['receivedOn-day']} />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={record.isPending}>
          Record response
        </button>
      </form>
      <ScoreResponse callOff={callOff} onDone={onDone} />
      <h2 className="govuk-heading-m">Ranking</h2>
      {ranking.isPending ? (
        <Loading />
      ) : ranking.isError ? (
        <ProblemPage error={ranking.error} />
      ) : ranking.data.results.length === 0 ? (
        <p className="govuk-body">No responses yet.</p>
      ) : (
        <Table
          caption="Responses ranked"
          captionHidden
          small
          rows={[...ranking.data.results].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))}
          rowKey={(r) => r.responseId}
          rowTestId="ranked-response"
          columns={[
            { header: 'Rank', numeric: true, cell: (r: Ranked) => (r.rank === null ? 'Incomplete' : String(r.rank)) },
            { header: 'Provider', rowHeader: true, cell: (r: Ranked) => r.providerName },
            { header: `Price ${unit}`, numeric: true, cell: (r: Ranked) => (r.pricePence === null ? '–' : formatPence(r.pricePence)) },
            { header: 'Price points', numeric: true, cell: (r: Ranked) => (r.pricePoints === null ? '–' : String(r.pricePoints)) },
            { header: 'Quality points', numeric: true, cell: (r: Ranked) => (r.qualityPoints === null ? '–' : String(r.qualityPoints)) },
            { header: 'Total', numeric: true, cell: (r: Ranked) => (r.totalPoints === null ? '–' : String(r.totalPoints)) },
          ]}
        />
      )}
      <form noValidate onSubmit={submitAward} data-testid="award-form">
        <h2 className="govuk-heading-m">Award to the top-ranked provider</h2>
        <ErrorSummary errors={awardErrors.summary} />
        <DateInput id="awardedOn" legend="Award date" legendSize="s" value={awarded} onChange={setAwarded} error={awardErrors.fields['awardedOn-day']} />
        <ContractFields errors={awardErrors} reference={reference} setReference={setReference} annual={annual} setAnnual={setAnnual} />
        {callOff.invitations
          .filter((i) => i.response)
          .map((i, n) => (
            <Textarea
              key={i.providerId}
              id={`feedback-${n}`}
              name={`feedback-${i.providerId}`}
              label={`Feedback to ${i.providerName} (optional)`}
              hint="Only this provider reads it, with its own score and rank."
              rows={3}
              value={feedback[i.providerId] ?? ''}
              onChange={(e) => setFeedback((f) => ({ ...f, [i.providerId]: e.target.value }))}
            />
          ))}
        {confirming ? (
          <AwardConfirm providerName={topRanked} annualValuePence={confirming.contract.annualValuePence} pending={award.isPending} onConfirm={() => award.mutate(confirming)} onCancel={() => setConfirming(null)} />
        ) : (
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={award.isPending}>
            Award and create the contract
          </button>
        )}
      </form>
    </>
  );
}

