import { comparedLabel, formatKpiAxis, formatKpiCell, formatKpiValue } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { errorMessage, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { useBenchmarkParams } from './useBenchmarkParams.ts';

type Benchmark = RouterOutputs['benchmark']['get'];
type Row = Benchmark['rows'][number];

type Unit = Benchmark['headlineUnit'];
const BLUE = '#1d70b8';
const ORANGE = '#d4351c';

/** The benchmark of one partnership × KPI × period: bar chart, funnel plot, SPC chart, each beside its table. */
export function BenchmarkPage() {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  const { params, choose: set } = useBenchmarkParams();
  const partnerships = mine.data?.partnerships ?? [];
  const partnershipId = params.get('partnership') ?? partnerships[0]?.id ?? '';
  const kpis = useQuery({ ...trpc.kpi.list.queryOptions({ partnershipId }), enabled: !!partnershipId });
  const kpiList = kpis.data?.partnerships[0]?.kpis ?? [];
  const kpiCode = params.get('kpi') ?? kpiList[0]?.code ?? '';
  const period = params.get('period') ?? undefined;
  const benchmark = useQuery({ ...trpc.benchmark.get.queryOptions({ partnershipId, kpiCode, period, periodCount: 12 }), enabled: !!partnershipId && !!kpiCode, retry: false });
  usePageTitle('Benchmark');

  if (!me.data || mine.isPending) return <Loading />;
  if (mine.isError) return <ProblemPage error={mine.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Benchmark</h1>
      <div className="govuk-grid-row concord-no-print">
        <div className="govuk-grid-column-one-third govuk-form-group">
          <label className="govuk-label" htmlFor="partnership">
            Partnership
          </label>
          <select className="govuk-select" id="partnership" value={partnershipId} onChange={(e) => set('partnership', e.target.value)}>
            {partnerships.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-grid-column-one-third govuk-form-group">
          <label className="govuk-label" htmlFor="kpi">
            KPI
          </label>
          <select className="govuk-select" id="kpi" value={kpiCode} onChange={(e) => set('kpi', e.target.value)}>
            {kpiList.map((k) => (
              <option key={k.code} value={k.code}>
                {k.code} {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-grid-column-one-third govuk-form-group">
          <label className="govuk-label" htmlFor="period">
            Period (first day)
          </label>
          <input className="govuk-input govuk-input--width-10" id="period" type="date" defaultValue={period ?? benchmark.data?.period.start ?? ''} onBlur={(e) => e.target.value && set('period', e.target.value)} />
        </div>
      </div>
      {kpis.data?.partnerships[0]?.canEdit && kpiCode ? (
        <p className="govuk-body concord-no-print">
          <Link className="govuk-link" to={`/returns/review?partnership=${partnershipId}&kpi=${kpiCode}${benchmark.data ? `&period=${benchmark.data.period.start}` : ''}`}>
            Review members’ returns for this KPI
          </Link>
        </p>
      ) : null}
      {benchmark.isPending && kpiCode ? <Loading /> : null}
      {benchmark.isError ? (
        <div className="govuk-inset-text" role="status">
          {errorMessage(benchmark.error)}
        </div>
      ) : null}
      {benchmark.data ? <BenchmarkView b={benchmark.data} partnershipId={partnershipId} /> : null}
    </>
  );
}

function BenchmarkView({ b, partnershipId }: { b: Benchmark; partnershipId: string }) {
  const [sort, setSort] = useState<{ key: 'label' | 'headline' | 'rank'; asc: boolean }>({ key: 'rank', asc: true });
  const client = trpcClient;
  const rows = [...b.rows].sort((x, y) => {
    const dir = sort.asc ? 1 : -1;
    if (sort.key === 'label') return x.label < y.label ? -dir : dir;
    const a = sort.key === 'rank' ? x.rank : typeof x.headline === 'number' ? x.headline : null;
    const c = sort.key === 'rank' ? y.rank : typeof y.headline === 'number' ? y.headline : null;
    if (a === null || c === null) return a === null ? 1 : -1;
    return (a - c) * dir;
  });
  const bars = b.rows.map((r) => ({ label: r.label, value: typeof r.headline === 'number' ? r.headline : 0, isMe: r.isMe, shown: typeof r.headline === 'number' }));

  const header = (key: 'label' | 'headline' | 'rank', text: string) => (
    <button type="button" className="concord-sort" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })} aria-label={`Sort by ${text}`}>
      {text}
      {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
    </button>
  );
  const own = b.spc.find((s) => s.isMe);
  // One formatter for every figure of the KPI (money in pounds): the headline in its unit, the value (a count
  // where the headline is per head) in the KPI's own unit. The value column is shown only where it differs.
  const unit: Unit = b.headlineUnit;
  const valueUnit = b.kpi.unit as Unit;
  const showValue = valueUnit !== unit;
  const fmt = (v: Row['headline'] | undefined) => formatKpiCell(v, unit);
  return (
    <div data-testid="benchmark">
      <h2 className="govuk-heading-m">
        {b.kpi.code} {b.kpi.name}: {b.period.label}
      </h2>
      <p className="govuk-body">{b.kpi.definition}</p>
      <p className="govuk-body">
        Compared: <strong>{comparedLabel(b)}</strong>
        {b.stats ? ` — partnership median ${fmt(b.stats.median)}, quartiles ${fmt(b.stats.q1)} to ${fmt(b.stats.q3)} (${b.stats.n} authorities)` : ''}
        {typeof b.total === 'number' ? `; partnership total ${formatKpiValue(b.total, valueUnit)}` : ''}.
      </p>
      <DownloadButtons
        className="concord-no-print"
        formats={['csv', 'xlsx', 'pdf'] as const}
        make={(format) => client.benchmark.export.query({ partnershipId, kpiCode: b.kpi.code, period: b.period.start, periodCount: 12, format })}
      />

      <h3 className="govuk-heading-s">Bar chart, with the partnership median and quartiles</h3>
      <figure className="concord-chart" aria-label={`Bar chart of ${comparedLabel(b)} by authority; the table below gives the same figures`}>
        <ResponsiveContainer width="100%" height={40 + b.rows.length * 36}>
          <BarChart data={bars} layout="vertical" margin={{ left: 40, right: 40 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => formatKpiAxis(v, unit)} />
            <YAxis type="category" dataKey="label" width={190} />
            <Bar dataKey="value" isAnimationActive={false} label={{ position: 'right', formatter: (v: unknown) => (typeof v === 'number' && v > 0 ? formatKpiValue(v, unit) : '') }}>
              {bars.map((d) => (
                <Cell key={d.label} fill={d.isMe ? ORANGE : BLUE} />
              ))}
            </Bar>
            {b.stats ? <ReferenceLine x={b.stats.median} stroke="#0b0c0c" strokeWidth={2} label={{ value: 'median', position: 'top' }} /> : null}
            {b.stats ? <ReferenceLine x={b.stats.q1} stroke="#0b0c0c" strokeDasharray="4 3" label={{ value: 'Q1', position: 'top' }} /> : null}
            {b.stats ? <ReferenceLine x={b.stats.q3} stroke="#0b0c0c" strokeDasharray="4 3" label={{ value: 'Q3', position: 'top' }} /> : null}
          </BarChart>
        </ResponsiveContainer>
      </figure>

      <div className="concord-table-scroll" role="region" aria-label="Benchmark table" tabIndex={0}>
        <table className="govuk-table" data-testid="benchmark-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            {b.kpi.name}, {b.period.label} (the figures behind the bar chart)
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th className="govuk-table__header" scope="col">
                {header('label', 'Authority')}
              </th>
              {showValue ? (
                <th className="govuk-table__header govuk-table__header--numeric" scope="col">
                  Value
                </th>
              ) : null}
              <th className="govuk-table__header govuk-table__header--numeric" scope="col">
                {header('headline', comparedLabel(b))}
              </th>
              <th className="govuk-table__header govuk-table__header--numeric" scope="col">
                {header('rank', 'Rank')}
              </th>
              <th className="govuk-table__header" scope="col">
                RAG
              </th>
              <th className="govuk-table__header" scope="col">
                Trend ({b.periods[0]?.label} to {b.period.label})
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.label} data-testid="benchmark-row">
                <th className="govuk-table__header" scope="row">
                  {r.label}
                  {r.isMe ? ' (you)' : ''}
                </th>
                {showValue ? <td className="govuk-table__cell govuk-table__cell--numeric">{formatKpiCell(r.value, valueUnit)}</td> : null}
                <td className="govuk-table__cell govuk-table__cell--numeric" data-testid="headline">
                  {fmt(r.headline)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.rank ?? '–'}</td>
                <td className="govuk-table__cell">{r.rag ? <strong className={`govuk-tag govuk-tag--${r.rag === 'green' ? 'green' : r.rag === 'amber' ? 'yellow' : 'red'}`}>{r.rag}</strong> : '–'}</td>
                <td className="govuk-table__cell">{r.trend.map((t) => fmt(t.headline)).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {b.funnel ? <Funnel f={b.funnel} unit={unit} unitLabel={comparedLabel(b)} leftOut={b.rows.filter((r) => !r.named).map((r) => r.label)} /> : null}
      {own ? <Spc s={own} unit={unit} unitLabel={comparedLabel(b)} /> : null}

      {b.notes.length ? (
        <div className="govuk-inset-text">
          {b.notes.map((n) => (
            <p className="govuk-body-s" key={n}>
              {n}
            </p>
          ))}
        </div>
      ) : null}
      <p className="govuk-body concord-no-print">
        <Link className="govuk-link" to="/kpis">
          KPI library
        </Link>
      </p>
    </div>
  );
}

function Funnel({ f, unit, unitLabel, leftOut }: { f: NonNullable<Benchmark['funnel']>; unit: Unit; unitLabel: string; leftOut: string[] }) {
  // A proportion funnel plots percentages whatever the KPI's unit.
  const shown: Unit = f.measure === 'proportion' ? 'percent' : unit;
  const points = f.points.map((p) => ({ denominator: p.denominator, point: p.value, label: p.label, isMe: p.isMe }));
  const data = [...f.curve.map((c) => ({ ...c, point: undefined as number | undefined })), ...points].sort((a, b) => a.denominator - b.denominator);
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-top-6">Funnel plot: each authority against its {f.measure === 'proportion' ? 'denominator' : 'population'}</h3>
      <figure className="concord-chart" aria-label="Funnel plot; the table below lists each point and whether it is outside the limits">
        <ResponsiveContainer width="100%" height={320}>
          <ComposedChart data={data} margin={{ left: 20, right: 40, top: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="denominator" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => Math.round(v).toLocaleString('en-GB')} />
            <YAxis tickFormatter={(v: number) => formatKpiAxis(v, shown)} />
            <ReferenceLine y={f.target} stroke="#00703c" label={{ value: 'partnership', position: 'insideTopRight' }} />
            <Line dataKey="upper95" dot={false} stroke="#505a5f" connectNulls isAnimationActive={false} />
            <Line dataKey="lower95" dot={false} stroke="#505a5f" connectNulls isAnimationActive={false} />
            <Line dataKey="upper998" dot={false} stroke="#505a5f" strokeDasharray="4 3" connectNulls isAnimationActive={false} />
            <Line dataKey="lower998" dot={false} stroke="#505a5f" strokeDasharray="4 3" connectNulls isAnimationActive={false} />
            <Scatter dataKey="point" fill={BLUE} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      {leftOut.length ? (
        <p className="govuk-body-s" data-testid="funnel-left-out">
          Not plotted: {leftOut.join(', ')}. An anonymised member is left out of the funnel plot and of its partnership figure, because its position would give its size.
        </p>
      ) : null}
      <table className="govuk-table" data-testid="funnel-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Funnel plot points (partnership figure {formatKpiValue(f.target, shown)})</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th className="govuk-table__header">Authority</th>
            <th className="govuk-table__header govuk-table__header--numeric">{f.measure === 'proportion' ? 'Denominator' : 'Population'}</th>
            <th className="govuk-table__header govuk-table__header--numeric">{f.measure === 'proportion' ? '%' : unitLabel}</th>
            <th className="govuk-table__header">Against the 95% limits</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {f.points.map((p) => (
            <tr className="govuk-table__row" key={p.label}>
              <th className="govuk-table__header" scope="row">
                {p.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{Math.round(p.denominator).toLocaleString('en-GB')}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatKpiValue(p.value, shown)}</td>
              <td className="govuk-table__cell">{p.position === 'within' ? 'within' : `${p.position}${p.outside998 ? ' (beyond 99.8%)' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Spc({ s, unit, unitLabel }: { s: Benchmark['spc'][number]; unit: Unit; unitLabel: string }) {
  const data = s.points.map((p) => ({ label: p.label, value: p.value, flagged: p.flags.length > 0 }));
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-top-6">SPC chart (XmR) for {s.label}</h3>
      <p className="govuk-body">
        Mean {formatKpiValue(s.mean, unit)}, process limits {formatKpiValue(s.lowerProcessLimit, unit)} to {formatKpiValue(s.upperProcessLimit, unit)}. Latest point: <strong>{s.latest.replace(/_/g, ' ')}</strong>
        {s.fewPoints ? ' (fewer than 15 points: the limits are indicative)' : ''}.
      </p>
      <figure className="concord-chart" aria-label="SPC chart; the table below gives each point and any special-cause flag">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ left: 20, right: 40, top: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => formatKpiAxis(v, unit)} />
            <ReferenceLine y={s.mean} stroke="#00703c" label={{ value: 'mean', position: 'insideTopRight' }} />
            <ReferenceLine y={s.upperProcessLimit} stroke="#505a5f" strokeDasharray="4 3" />
            <ReferenceLine y={s.lowerProcessLimit} stroke="#505a5f" strokeDasharray="4 3" />
            <Line dataKey="value" stroke={BLUE} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <table className="govuk-table" data-testid="spc-table">
        <caption className="govuk-table__caption govuk-table__caption--s">SPC points ({unitLabel})</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th className="govuk-table__header">Period</th>
            <th className="govuk-table__header govuk-table__header--numeric">Value</th>
            <th className="govuk-table__header">Special cause</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {s.points.map((p) => (
            <tr className="govuk-table__row" key={p.periodStart}>
              <td className="govuk-table__cell">{p.label}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatKpiValue(p.value, unit)}</td>
              <td className="govuk-table__cell">{p.flags.map((f) => `${f.rule.replace(/_/g, ' ')} (${f.side})`).join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
