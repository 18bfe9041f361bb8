import { comparedLabel, formatKpiAxis, formatKpiCell, formatKpiValue } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useNarrow } from '../../components/useMediaQuery.ts';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { errorMessage, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { FunnelChart } from './FunnelChart.tsx';
import { PeriodChooser } from './PeriodChooser.tsx';
import { SpcChart } from './SpcChart.tsx';
import { useBenchmarkParams } from './useBenchmarkParams.ts';

type Benchmark = RouterOutputs['benchmark']['get'];
type Row = Benchmark['rows'][number];

type Unit = Benchmark['headlineUnit'];
const BLUE = '#1d70b8';
const ORANGE = '#d4351c';
const RAG_WORDS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

/** A name cut to fit beside its bar on a narrow chart ("Cornwall Coun…"); the table gives it whole. */
const fitName = (name: string, chars: number) => (name.length <= chars ? name : `${name.slice(0, chars - 1).trimEnd()}…`);

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
  // The title names the KPI shown ("Benchmark: COST-01 Average weekly cost …"), as its heading does.
  const kpiShown = kpiList.find((k) => k.code === kpiCode);
  usePageTitle(kpiShown ? `Benchmark: ${kpiShown.code} ${kpiShown.name}` : 'Benchmark');

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
        <div className="govuk-grid-column-one-third">
          <PeriodChooser key={period ?? benchmark.data?.period.start ?? ''} shown={period ?? benchmark.data?.period.start ?? ''} onChoose={(iso) => set('period', iso)} />
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
  const narrow = useNarrow();
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

      {bars.some((d) => d.shown) ? null : (
        <div className="govuk-inset-text" data-testid="benchmark-no-figures">
          No charts for this KPI: no member has a figure to compare for {b.period.label}. {b.notes.find((n) => /population/i.test(n)) ?? ''}
        </div>
      )}
      {bars.some((d) => d.shown) ? <h3 className="govuk-heading-s">Bar chart, with the partnership median and quartiles</h3> : null}
      {bars.some((d) => d.shown) ? <figure className="concord-chart" aria-label={`Bar chart of ${comparedLabel(b)} by authority; the table below gives the same figures`}>
        <ResponsiveContainer width="100%" height={40 + b.rows.length * 36}>
          <BarChart data={bars} layout="vertical" margin={{ left: narrow ? 0 : 20, right: narrow ? 72 : 80 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickCount={narrow ? 3 : 5} tickFormatter={(v: number) => formatKpiAxis(v, unit)} />
            <YAxis type="category" dataKey="label" width={narrow ? 100 : 200} tickFormatter={(name: string) => fitName(name, narrow ? 14 : 28)} />
            <Bar dataKey="value" isAnimationActive={false} label={{ position: 'right', formatter: (v: unknown) => (typeof v === 'number' && v > 0 ? formatKpiValue(v, unit) : '') }}>
              {bars.map((d) => (
                <Cell key={d.label} fill={d.isMe ? ORANGE : BLUE} />
              ))}
            </Bar>
            {b.stats ? <ReferenceLine x={b.stats.median} stroke="#0b0c0c" strokeWidth={2} /> : null}
            {b.stats ? <ReferenceLine x={b.stats.q1} stroke="#0b0c0c" strokeDasharray="4 3" /> : null}
            {b.stats ? <ReferenceLine x={b.stats.q3} stroke="#0b0c0c" strokeDasharray="4 3" /> : null}
          </BarChart>
        </ResponsiveContainer>
        {b.stats ? (
          <figcaption className="govuk-body-s">
            Solid line: the partnership median ({fmt(b.stats.median)}). Dashed lines: the lower and upper quartiles ({fmt(b.stats.q1)} and {fmt(b.stats.q3)}). Your authority’s bar is red.
          </figcaption>
        ) : null}
      </figure> : null}

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
                <td className="govuk-table__cell">{r.rag ? <strong className={`govuk-tag govuk-tag--${r.rag === 'green' ? 'green' : r.rag === 'amber' ? 'yellow' : 'red'}`}>{RAG_WORDS[r.rag]}</strong> : '–'}</td>
                <td className="govuk-table__cell">{r.trend.map((t) => fmt(t.headline)).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {b.funnel ? <FunnelChart f={b.funnel} unit={unit} unitLabel={comparedLabel(b)} leftOut={b.rows.filter((r) => !r.named).map((r) => r.label)} /> : null}
      {own ? <SpcChart s={own} unit={unit} unitLabel={comparedLabel(b)} direction={b.kpi.direction} target={b.kpi.target} /> : null}

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
