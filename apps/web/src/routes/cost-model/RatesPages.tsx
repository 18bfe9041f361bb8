import { formatPence, parsePounds, RATE_SHARER_ROLES, RATE_WRITER_ROLES } from '@concord/domain';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { datePartsOf, DateInput, isoOf, todayIso, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, NotFoundPage, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { useMayDo, useMe, useMyAuthority } from '../../session.tsx';
import { RoleNote } from '../../components/RoleNote.tsx';
import { errorMessage, trpc, type RouterOutputs } from '../../trpc.ts';
import { andList, useActsForAuthority } from '../procurement/shared.tsx';
import { RateChart } from './RateChart.tsx';
import { CostOfCareNavigation, perUnit, rateText, refreshCostOfCare, SERVICE_TYPE_OPTIONS, serviceTypeLabel, signedPence, signedPercent, UNIT_OPTIONS } from './shared.tsx';

type MyRates = RouterOutputs['rate']['mine'];
type MyRate = MyRates['rates'][number];
type Shared = MyRates['shared'][number];
type Comparison = RouterOutputs['rate']['compare'];
type BandComparison = Comparison['bands'][number];

function useMyPartnerships() {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  return { partnerships: mine.data?.partnerships ?? [], authority: mine.data?.authority, isPending: mine.isPending };
}

/** What my authority pays per service and band (from its contracts' rate cards, or entered), and what it shares with its partnerships. */
export function MyRatesPage() {
  usePageTitle('My rates');
  const enabled = useActsForAuthority();
  const rates = useQuery({ ...trpc.rate.mine.queryOptions(), enabled });
  // Only the roles that may record or share rates are offered the forms (viewers and contract officers read).
  const record = useMayDo(RATE_WRITER_ROLES, 'record rates');
  const share = useMayDo(RATE_SHARER_ROLES, 'share rates with a partnership or withdraw them');
  if (!enabled) return <NotFoundPage />;
  if (rates.isPending) return <Loading />;
  if (rates.isError) return <ProblemPage error={rates.error} />;
  const sharedWith = (r: MyRate) =>
    rates.data.shared.filter((s) => s.serviceType === r.serviceType && s.band === r.band && s.unit === r.unit).map((s) => `${s.partnershipName} (${formatPence(s.ratePence)})`);
  return (
    <>
      <h1 className="govuk-heading-l">My rates</h1>
      <CostOfCareNavigation />
      <p className="govuk-body">
        What your authority pays now, per service and band: from your contracts’ rate cards, or entered where no contract holds them. Your rates are private until
        you share them with a partnership, for its members to compare.
      </p>
      {rates.data.rates.length === 0 ? (
        <p className="govuk-body">Your authority has no rates yet. Record one below.</p>
      ) : (
        <Table
          caption="Your current rates"
          rows={rates.data.rates}
          rowKey={(r) => `${r.serviceType}|${r.band}|${r.unit}`}
          rowTestId="my-rate"
          columns={[
            { header: 'Service', rowHeader: true, cell: (r: MyRate) => serviceTypeLabel(r.serviceType) },
            { header: 'Band', cell: (r: MyRate) => r.band },
            { header: 'Rate', numeric: true, cell: (r: MyRate) => <span className="concord-nowrap">{rateText(r.ratePence, r.unit)}</span> },
            {
              header: 'Source',
              cell: (r: MyRate) => (r.source === 'contract' ? `Contract rate card${r.contracts && r.contracts > 1 ? ` (median of ${r.contracts} contracts)` : ''}` : 'Entered'),
            },
            { header: 'Since', cell: (r: MyRate) => <span className="concord-nowrap">{formatDate(r.effectiveFrom)}</span> },
            { header: 'Shared with', cell: (r: MyRate) => (sharedWith(r).length ? andList(sharedWith(r)) : 'Not shared') },
          ]}
        />
      )}
      {rates.data.shared.length > 0 && (
        <Table
          caption="What you have shared"
          captionSize="s"
          rows={rates.data.shared}
          rowKey={(s) => `${s.partnershipId}|${s.serviceType}|${s.band}|${s.unit}`}
          columns={[
            { header: 'Partnership', rowHeader: true, cell: (s: Shared) => s.partnershipName },
            { header: 'Service and band', cell: (s: Shared) => `${serviceTypeLabel(s.serviceType)}, ${s.band}` },
            { header: 'Rate shared', numeric: true, cell: (s: Shared) => rateText(s.ratePence, s.unit) },
            { header: 'Shared on', cell: (s: Shared) => formatDate(s.sharedAt) },
            {
              header: 'Compare',
              cell: (s: Shared) => (
                <Link className="govuk-link" to={`/rates/compare?partnership=${s.partnershipId}&service=${s.serviceType}`}>
                  Compare<span className="govuk-visually-hidden"> {s.band} in {s.partnershipName}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
      <div className="govuk-grid-row govuk-!-margin-top-6">
        <div className="govuk-grid-column-two-thirds">
          {record.may ? <SetRateForm entered={rates.data.entered} /> : <RoleNote why={record.why} />}
          {share.may ? <ShareForm /> : record.may ? <RoleNote why={share.why} /> : null}
        </div>
      </div>
    </>
  );
}

/**
 * `entered` is every rate recorded, with its version as the page loaded it: recording one for the same service, band,
 * unit and date replaces it, and if someone changed it (or recorded it) meanwhile the save is refused naming them.
 */
function SetRateForm({ entered }: { entered: MyRates['entered'] }) {
  const [serviceType, setServiceType] = useState('');
  const [band, setBand] = useState('');
  const [unit, setUnit] = useState('week');
  const [amount, setAmount] = useState('');
  const [effective, setEffective] = useState<DateParts>(datePartsOf(todayIso()));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const set = useMutation({
    ...trpc.rate.set.mutationOptions(),
    onSuccess: async () => {
      await refreshCostOfCare();
      setDone(`${serviceTypeLabel(serviceType)}, ${band}: recorded. Share it with a partnership for members to compare.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { serviceType: 'rateServiceType', band: 'rateBand', unit: 'rateUnit', ratePence: 'rateAmount', effectiveFrom: 'rateEffective-day', note: 'rateNote' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (set.isPending) return;
    setDone(null);
    const problems: ClientError[] = [];
    if (!serviceType) problems.push({ id: 'rateServiceType', text: 'Choose a service' });
    if (!band.trim()) problems.push({ id: 'rateBand', text: 'Enter the band, for example Long-term' });
    let ratePence = 0;
    try {
      ratePence = parsePounds(amount);
    } catch {
      problems.push({ id: 'rateAmount', text: 'Enter the rate as an amount of money, like £245.00' });
    }
    const iso = isoOf(effective);
    if (iso === null || iso === 'invalid') problems.push({ id: 'rateEffective-day', text: iso === null ? 'Enter the date the rate applies from' : 'The date must be a real date' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    const replaces = entered.find((e) => e.serviceType === serviceType && e.band === band.trim() && e.unit === unit && e.effectiveFrom === iso);
    set.mutate({ serviceType: serviceType as 'shared_lives', band, unit: unit as 'week', ratePence, effectiveFrom: iso as string, ...(note.trim() && { note }), version: replaces?.rowVersion ?? null });
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="set-rate-heading" className="govuk-!-margin-bottom-8">
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m" id="set-rate-heading">
        Record a rate
      </h2>
      <p className="govuk-body">For a rate no contract holds, such as Shared Lives carer bands. A later date supersedes; the same date replaces.</p>
      {done && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {done}
        </p>
      )}
      <Radios name="rateServiceType" legend="Service" legendSize="s" small options={SERVICE_TYPE_OPTIONS} value={serviceType} onChange={setServiceType} error={errors.fields.rateServiceType} />
      <TextInput id="rateBand" name="rateBand" label="Band" hint="Use the band name of your partnership’s cost model, for example Long-term, so the rates can be compared." className="govuk-input--width-20" value={band} onChange={(e) => setBand(e.target.value)} error={errors.fields.rateBand} />
      <Radios name="rateUnit" legend="Paid per" legendSize="s" small inline options={UNIT_OPTIONS} value={unit} onChange={setUnit} error={errors.fields.rateUnit} />
      <TextInput id="rateAmount" name="rateAmount" label="Rate" prefix="£" inputMode="decimal" className="govuk-input--width-10" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.fields.rateAmount} />
      <DateInput id="rateEffective" legend="Applies from" legendSize="s" value={effective} onChange={setEffective} error={errors.fields['rateEffective-day']} />
      <TextInput id="rateNote" name="rateNote" label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields.rateNote} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={set.isPending}>
        Record rate
      </button>
    </form>
  );
}

function ShareForm() {
  const { partnerships } = useMyPartnerships();
  const [partnershipId, setPartnershipId] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const onError = (error: unknown) => setErrors(apiFormErrors(error, { partnershipId: 'sharePartnership', serviceType: 'shareService' }));
  const share = useMutation({ ...trpc.rate.share.mutationOptions(), onError });
  const withdraw = useMutation({ ...trpc.rate.withdraw.mutationOptions(), onError });
  const go = async (action: 'share' | 'withdraw') => {
    setDone(null);
    const problems: ClientError[] = [];
    if (!partnershipId) problems.push({ id: 'sharePartnership', text: 'Choose a partnership' });
    if (!serviceType) problems.push({ id: 'shareService', text: 'Choose a service' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    const name = partnerships.find((p) => p.id === partnershipId)?.name ?? 'the partnership';
    try {
      if (action === 'share') {
        const r = await share.mutateAsync({ partnershipId, serviceType: serviceType as 'shared_lives' });
        setDone(`${formatNumber(r.shared)} ${r.shared === 1 ? 'rate' : 'rates'} shared with ${name}.`);
      } else {
        const r = await withdraw.mutateAsync({ partnershipId, serviceType: serviceType as 'shared_lives' });
        setDone(`${formatNumber(r.withdrawn)} ${r.withdrawn === 1 ? 'rate' : 'rates'} withdrawn from ${name}.`);
      }
      await refreshCostOfCare();
    } catch {
      // shown by onError
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void go('share');
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="share-heading">
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m" id="share-heading">
        Share or withdraw your rates
      </h2>
      <p className="govuk-body">
        Sharing puts your current rates for a service before the partnership, replacing what you shared before. Members see them named or as “Authority A” according to
        your benchmark consent.
      </p>
      {done && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {done}
        </p>
      )}
      <Select
        id="sharePartnership"
        name="sharePartnership"
        label="Partnership"
        placeholder="Choose a partnership"
        options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
        value={partnershipId}
        onChange={setPartnershipId}
        error={errors.fields.sharePartnership}
      />
      <Select id="shareService" name="shareService" label="Service" placeholder="Choose a service" options={SERVICE_TYPE_OPTIONS} value={serviceType} onChange={setServiceType} error={errors.fields.shareService} />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={share.isPending || withdraw.isPending}>
          Share rates
        </button>
        <button type="button" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={share.isPending || withdraw.isPending} onClick={() => void go('withdraw')}>
          Withdraw rates
        </button>
      </div>
    </form>
  );
}

/** Partnership and service, chosen in the address so a comparison can be linked to. */
function ChooseComparison({ action, partnership, service }: { action: string; partnership: string; service: string }) {
  const navigate = useNavigate();
  const { partnerships } = useMyPartnerships();
  const [p, setP] = useState(partnership);
  const [s, setS] = useState(service);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(`${action}?partnership=${p}&service=${s}`);
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Choose what to compare">
      <div className="concord-button-group">
        <Select id="partnership" name="partnership" label="Partnership" placeholder="Choose a partnership" options={partnerships.map((x) => ({ value: x.id, label: x.name }))} value={p} onChange={setP} />
        <Select id="service" name="service" label="Service" placeholder="Choose a service" options={SERVICE_TYPE_OPTIONS} value={s} onChange={setS} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-top-6" data-module="govuk-button" disabled={!p || !s}>
          Compare
        </button>
      </div>
    </form>
  );
}

const SERVICES = new Set(SERVICE_TYPE_OPTIONS.map((o) => o.value));

/** Each member's rate against the model and the partnership median, and how far I am below (or above) each of them. */
export function CompareRatesPage() {
  const [params] = useSearchParams();
  const partnership = params.get('partnership') ?? '';
  const service = params.get('service') ?? '';
  const enabled = useActsForAuthority() && /^[0-9a-f-]{36}$/i.test(partnership) && SERVICES.has(service);
  const comparison = useQuery({ ...trpc.rate.compare.queryOptions({ partnershipId: partnership, serviceType: service as 'shared_lives' }), enabled });
  const title = comparison.data ? `Compare ${serviceTypeLabel(service)} rates – ${comparison.data.partnership.name}` : 'Compare rates';
  usePageTitle(title);
  return (
    <>
      <h1 className="govuk-heading-l">{comparison.data ? `${serviceTypeLabel(service)} rates across ${comparison.data.partnership.name}` : 'Compare rates'}</h1>
      <CostOfCareNavigation />
      <ChooseComparison action="/rates/compare" partnership={partnership} service={service} key={`${partnership}|${service}`} />
      {!enabled ? (
        <p className="govuk-body">Choose a partnership and a service to compare what its members pay.</p>
      ) : comparison.isPending ? (
        <Loading />
      ) : comparison.isError ? (
        <p className="govuk-body" role="alert">
          {errorMessage(comparison.error)}
        </p>
      ) : (
        <ComparisonView c={comparison.data} />
      )}
    </>
  );
}

function ComparisonView({ c }: { c: Comparison }) {
  return (
    <>
      <p className="govuk-body" data-testid="comparison-intro">
        {formatNumber(c.sharedBy)} of {formatNumber(c.members)} members have shared their rates.{' '}
        {c.model ? (
          <>
            Model: <Link className="govuk-link" to={`/cost-models/${c.model.costModelId}/versions/${c.model.version}`}>{c.model.name}</Link>, version {c.model.version}, in effect from{' '}
            {formatDate(c.model.effectiveFrom)}.
          </>
        ) : (
          'The partnership has no published cost model for this service, so rates are compared with each other only.'
        )}
      </p>
      {c.bands.length === 0 && <p className="govuk-body">No member has shared a rate for this service yet.</p>}
      {c.bands.map((b) => (
        <BandView key={`${b.band}|${b.unit}`} b={b} hasModel={c.model !== null} partnershipId={c.partnership.id} serviceType={c.serviceType} />
      ))}
    </>
  );
}

/** "Plymouth pays 2.8% less than Somerset (£7.06 a week less)". */
function gapSentence(me: string, g: { other: string; gapPence: number; gapPercent: number }, unit: string): string {
  if (g.gapPence === 0) return `${me} pays the same as ${g.other}`;
  const word = g.gapPence > 0 ? 'less' : 'more';
  return `${me} pays ${formatNumber(Math.abs(g.gapPercent))}% ${word} than ${g.other} (${formatPence(Math.abs(g.gapPence))} ${perUnit(unit)} ${word})`;
}

export function BandView({ b, hasModel, partnershipId, serviceType, headingLevel = 2 }: { b: BandComparison; hasModel: boolean; partnershipId: string; serviceType: string; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as 'h2';
  const c = b.comparison;
  const gaps = b.myGaps ? [...b.myGaps.gaps].sort((x, y) => x.gapPercent - y.gapPercent) : [];
  const allBelow = gaps.length > 0 && gaps.every((g) => g.gapPence > 0);
  type Row = (typeof c.authorities)[number];
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby={`band-${b.band}`} data-testid="band-comparison">
      <H className="govuk-heading-m" id={`band-${b.band}`}>
        {b.band}, {perUnit(b.unit)}
      </H>
      <SummaryList
        rows={[
          {
            key: 'Model rate',
            value:
              b.modelRatePence !== null ? formatPence(b.modelRatePence)
              : hasModel ? `The model has no rate called “${b.band}” priced ${perUnit(b.unit)}. Rates are matched to the model by band name: share under the model’s band name to compare.`
              : 'No model',
            testId: 'model-rate',
          },
          { key: 'Partnership median', value: `${formatPence(c.medianPence)} (of ${formatNumber(c.n)} ${c.n === 1 ? 'rate' : 'rates'})`, testId: 'median' },
          { key: 'Spread', value: `${formatPence(c.min.ratePence)} (${c.min.authority}) to ${formatPence(c.max.ratePence)} (${c.max.authority}): ${formatPence(c.spreadPence)}`, testId: 'spread' },
        ]}
      />
      {b.myGaps && b.me && (
        <div className="govuk-inset-text" data-testid="my-gaps">
          <p className="govuk-body govuk-!-font-weight-bold">
            {allBelow ? (
              <>
                {b.me} pays between <span data-testid="smallest-gap">{formatNumber(b.myGaps.smallest.gapPercent)}%</span> and{' '}
                <span data-testid="largest-gap">{formatNumber(b.myGaps.largest.gapPercent)}%</span> less than the other members.
              </>
            ) : (
              <>
                Smallest gap: <span data-testid="smallest-gap">{signedPercent(b.myGaps.smallest.gapPercent)}</span>; largest:{' '}
                <span data-testid="largest-gap">{signedPercent(b.myGaps.largest.gapPercent)}</span> (a plus means {b.me} pays less).
              </>
            )}
          </p>
          <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
            {gaps.map((g) => (
              <li key={g.other} data-testid="gap">
                {gapSentence(b.me!, g, b.unit)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!b.me && (
        <p className="govuk-body">
          Your authority has not shared a rate for this band. <Link className="govuk-link" to="/rates">Share your rates</Link> to see where you stand.
        </p>
      )}
      <RateChart
        title={`${b.band} rates ${perUnit(b.unit)} by member`}
        bars={c.authorities.map((a) => ({ label: a.authority, ratePence: a.ratePence, mine: a.authority === b.me }))}
        modelPence={b.modelRatePence}
        medianPence={c.medianPence}
      />
      <div className="concord-table-scroll" role="region" aria-label={`${b.band}: each member’s rate`} tabIndex={0}>
        <table className="govuk-table" data-testid="comparison-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Each member’s rate against the model and the median</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Member
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Rate
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Against the model
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Against the median
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {c.authorities.map((a: Row) => {
              const mine = a.authority === b.me;
              return (
                <tr className={`govuk-table__row${mine ? ' concord-my-row' : ''}`} key={a.authority} data-testid="comparison-row">
                  <th scope="row" className="govuk-table__header">
                    {a.authority}
                    {mine && ' (your authority)'}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(a.ratePence)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{a.vsModel ? `${signedPence(a.vsModel.pence)} (${signedPercent(a.vsModel.percent)})` : '–'}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{`${signedPence(a.vsMedian.pence)} (${signedPercent(a.vsMedian.percent)})`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {b.me && b.unit === 'week' && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/rates/scenario?partnership=${partnershipId}&service=${serviceType}&band=${encodeURIComponent(b.band)}`}>
            Model an uplift to your {b.band} rate
          </Link>
        </p>
      )}
    </section>
  );
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface ScenarioAsk {
  partnershipId: string;
  serviceType: string;
  band: string;
  risePercent: number;
  extraPaidWeeks: number;
  startMonth: number;
  placements?: number;
}

/** An uplift to one of my shared weekly rates (and extra paid weeks): its cost this year and a full year, and where I would then stand. */
export function ScenarioPage() {
  const [params] = useSearchParams();
  const enabled = useActsForAuthority();
  const rates = useQuery({ ...trpc.rate.mine.queryOptions(), enabled });
  const weekly = (rates.data?.shared ?? []).filter((s) => s.unit === 'week');
  const initial = weekly.find((s) => s.partnershipId === params.get('partnership') && s.serviceType === params.get('service') && s.band === params.get('band')) ?? weekly[0];
  const keyOf = (s: Shared) => `${s.partnershipId}|${s.serviceType}|${s.band}`;
  const [chosen, setChosen] = useState<string | null>(null);
  const [rise, setRise] = useState('');
  const [weeks, setWeeks] = useState('0');
  const [month, setMonth] = useState('4');
  const [placements, setPlacements] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [ask, setAsk] = useState<ScenarioAsk | null>(null);
  const scenario = useQuery(trpc.rate.scenario.queryOptions(ask ? { ...ask, serviceType: ask.serviceType as 'shared_lives' } : skipToken));
  const apiProblems = scenario.isError ? apiFormErrors(scenario.error, { risePercent: 'rise', extraPaidWeeks: 'weeks', startMonth: 'month', placements: 'placements', band: 'rate' }) : NO_ERRORS;
  const shown = hasErrors(errors) ? errors : apiProblems;
  usePageTitle('Uplift scenario', hasErrors(shown));
  if (!enabled) return <NotFoundPage />;
  if (rates.isPending) return <Loading />;
  if (rates.isError) return <ProblemPage error={rates.error} />;
  const value = chosen ?? (initial ? keyOf(initial) : '');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    const rate = weekly.find((s) => keyOf(s) === value);
    if (!rate) problems.push({ id: 'rate', text: 'Choose one of your shared weekly rates' });
    const number = (text: string, id: string, what: string) => {
      if (!/^\d+(\.\d+)?$/.test(text.trim())) {
        problems.push({ id, text: `${what} must be a number, like ${id === 'rise' ? '11.5' : '1'}` });
        return 0;
      }
      return Number(text.trim());
    };
    const risePercent = number(rise, 'rise', 'The uplift');
    const extraPaidWeeks = weeks.trim() ? number(weeks, 'weeks', 'Extra paid weeks') : 0;
    let count: number | undefined;
    if (placements.trim()) {
      if (!/^\d+$/.test(placements.trim())) problems.push({ id: 'placements', text: 'Placements must be a whole number, like 13' });
      else count = Number(placements.trim());
    }
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    setAsk({ partnershipId: rate!.partnershipId, serviceType: rate!.serviceType, band: rate!.band, risePercent, extraPaidWeeks, startMonth: Number(month), ...(count !== undefined && { placements: count }) });
  };

  return (
    <>
      <h1 className="govuk-heading-l">Uplift scenario</h1>
      <CostOfCareNavigation />
      <div className="govuk-grid-row">
        <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={shown.summary} />
          <p className="govuk-body">What a rise to one of your weekly rates would cost this financial year and in a full year, and where it would leave you against your partners.</p>
          {weekly.length === 0 ? (
            <p className="govuk-body">
              You have not shared a weekly rate with a partnership. <Link className="govuk-link" to="/rates">Share your rates</Link> first.
            </p>
          ) : (
            <>
              <Select
                id="rate"
                name="rate"
                label="Your rate"
                options={weekly.map((s) => ({ value: keyOf(s), label: `${s.partnershipName}: ${serviceTypeLabel(s.serviceType)}, ${s.band} (${rateText(s.ratePence, s.unit)})` }))}
                value={value}
                onChange={setChosen}
                error={shown.fields.rate}
              />
              <TextInput id="rise" name="rise" label="Uplift" suffix="%" inputMode="decimal" className="govuk-input--width-5" value={rise} onChange={(e) => setRise(e.target.value)} error={shown.fields.rise} />
              <TextInput id="weeks" name="weeks" label="Extra paid weeks a year" hint="For example, 1 more paid break week for Shared Lives carers." suffix="weeks" inputMode="decimal" className="govuk-input--width-5" value={weeks} onChange={(e) => setWeeks(e.target.value)} error={shown.fields.weeks} />
              <Select id="month" name="month" label="Starting in" hint="Costs run to the end of March." options={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))} value={month} onChange={setMonth} error={shown.fields.month} />
              <TextInput
                id="placements"
                name="placements"
                label="Number of placements (optional)"
                hint="Leave blank to use your placements of this service and band running when the uplift starts, as the budgets calculator counts them."
                inputMode="numeric"
                className="govuk-input--width-5"
                value={placements}
                onChange={(e) => setPlacements(e.target.value)}
                error={shown.fields.placements}
              />
              <button type="submit" className="govuk-button" data-module="govuk-button" disabled={scenario.isFetching}>
                Work out the cost
              </button>
            </>
          )}
        </form>
      </div>
      {ask && scenario.isPending && <Loading what="Working out the cost" />}
      {ask && scenario.data && <ScenarioResult s={scenario.data} ask={ask} />}
    </>
  );
}

function ScenarioResult({ s, ask }: { s: RouterOutputs['rate']['scenario']; ask: ScenarioAsk }) {
  const i = s.impact;
  const before = new Map(s.before.comparison.authorities.map((a) => [a.authority, a.ratePence]));
  type Row = (typeof s.after.comparison.authorities)[number];
  return (
    <section aria-labelledby="scenario-heading" data-testid="scenario-result">
      <NotificationBanner title="Result">
        {signedPercent(ask.risePercent)} from {MONTHS[ask.startMonth - 1]}: {rateText(s.currentRatePence, s.unit)} becomes {rateText(s.newRatePence, s.unit)}.
      </NotificationBanner>
      <h2 className="govuk-heading-m" id="scenario-heading">
        Cost of the uplift
      </h2>
      <SummaryList
        rows={[
          { key: 'Placements', value: `${formatNumber(s.placements)} ${s.placementsFrom === 'placements' ? '(your placements running when it starts)' : '(as entered)'}` },
          { key: 'Weekly rise, all placements', value: formatPence(i.weeklyRisePence) },
          {
            key: `This financial year (${i.monthsRemaining} months to March)`,
            value: (
              <>
                <strong data-testid="in-year-cost">{formatPence(i.restOfYear.totalPence)}</strong>: the rise {formatPence(i.restOfYear.risePence)}
                {i.restOfYear.extraWeeks > 0 ? `, ${formatNumber(i.restOfYear.extraWeeks)} extra paid weeks ${formatPence(i.restOfYear.extraWeeksPence)}` : ''}
              </>
            ),
          },
          {
            key: 'A full year',
            value: (
              <>
                <strong data-testid="annual-cost">{formatPence(i.fullYear.totalPence)}</strong>: the rise {formatPence(i.fullYear.risePence)}
                {i.fullYear.extraWeeks > 0 ? `, ${formatNumber(i.fullYear.extraWeeks)} extra paid weeks ${formatPence(i.fullYear.extraWeeksPence)}` : ''}
              </>
            ),
          },
        ]}
      />
      <h2 className="govuk-heading-m">Where you would stand</h2>
      <Table
        caption={`${s.band}: rates now and after your uplift (others unchanged)`}
        captionSize="s"
        rows={s.after.comparison.authorities}
        rowKey={(a) => a.authority}
        columns={[
          { header: 'Member', rowHeader: true, cell: (a: Row) => (a.authority === s.after.me ? <strong>{a.authority} (your authority)</strong> : a.authority) },
          { header: 'Now', numeric: true, cell: (a: Row) => formatPence(before.get(a.authority) ?? a.ratePence) },
          { header: 'After', numeric: true, cell: (a: Row) => formatPence(a.ratePence) },
          { header: 'Against the median after', numeric: true, cell: (a: Row) => `${signedPence(a.vsMedian.pence)} (${signedPercent(a.vsMedian.percent)})` },
          { header: 'Against the model', numeric: true, cell: (a: Row) => (a.vsModel ? signedPercent(a.vsModel.percent) : '–') },
        ]}
      />
      {s.after.myGaps && s.after.me && (
        <>
          <h3 className="govuk-heading-s">After the uplift</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="scenario-gaps">
            {[...s.after.myGaps.gaps]
              .sort((x, y) => x.gapPercent - y.gapPercent)
              .map((g) => (
                <li key={g.other}>{gapSentence(s.after.me!, g, s.unit)}</li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
