import { KPI_DERIVATION_RULES } from '@concord/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { KpiForm } from './KpiForm.tsx';
import { KpiHistory } from './KpiHistory.tsx';
import { DIRECTION, FREQUENCY, UNIT } from './labels.ts';
import './kpi.css';

/** Which form is open: a new KPI for a partnership, or a change to one KPI (by its current version's id). */
type Editing = { partnershipId: string; kpiId: string | null } | null;

const PER_PAGE = 100;

/**
 * The standard KPI library of each of my partnerships (current versions), each with its version history, 100 KPIs
 * a page (the page in the address, GOV.UK pagination). The partnership's lead commissioner adds KPIs and changes
 * them (a change is a new version).
 */
export function KpiLibraryPage() {
  usePageTitle('KPI library');
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const lib = useQuery({ ...trpc.kpi.list.queryOptions({ limit, offset }), placeholderData: keepPreviousData });
  const [editing, setEditing] = useState<Editing>(null);
  if (lib.isPending) return <Loading />;
  if (lib.isError) return <ProblemPage error={lib.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">KPI library</h1>
      <p className="govuk-body">
        The standard measures each partnership has agreed. A change adds a new version; past returns keep the version they answered. KPIs compared per 100,000 residents use the{' '}
        <Link className="govuk-link" to="/populations">
          population estimates
        </Link>
        .
      </p>
      {lib.data.partnerships.map((p) => {
        const open = editing?.partnershipId === p.id ? editing : null;
        const changing = open?.kpiId ? (p.kpis.find((k) => k.id === open.kpiId) ?? null) : null;
        return (
          <section key={p.id} className="govuk-!-margin-bottom-9" aria-label={p.name}>
            <h2 className="govuk-heading-m">{p.name}</h2>
            {p.canEdit && !open ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setEditing({ partnershipId: p.id, kpiId: null })}>
                Add a KPI<span className="govuk-visually-hidden"> to {p.name}</span>
              </button>
            ) : null}
            {open && !open.kpiId ? <NewKpiForm partnershipId={p.id} onDone={() => setEditing(null)} /> : null}
            {changing ? <KpiForm key={changing.id} partnershipId={p.id} kpi={changing} existingCodes={[]} onDone={() => setEditing(null)} /> : null}
            <div className="concord-table-scroll" role="region" aria-label={`KPIs of ${p.name}`} tabIndex={0}>
              <table className="govuk-table concord-kpi-table" data-testid="kpi-table">
                <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">KPIs of {p.name}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    {['Code', 'KPI', 'Unit', 'Frequency', 'Target', 'Version', ...(p.canEdit ? [''] : [])].map((h, i) => (
                      <th key={i} className="govuk-table__header" scope="col">
                        {/* The actions column has no visible heading, but a header cell must say something (axe). */}
                        {h || <span className="govuk-visually-hidden">Actions</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {p.kpis.map((k) => (
                    <KpiRows key={k.id} partnershipId={p.id} kpi={k} onChange={p.canEdit ? () => setEditing({ partnershipId: p.id, kpiId: k.id }) : null} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <Pagination page={page} pageCount={pageCount(lib.data.total)} />
    </>
  );
}

/** A new KPI's form, told every code the partnership's library holds (not only this page's), to refuse one again. */
function NewKpiForm({ partnershipId, onDone }: { partnershipId: string; onDone: () => void }) {
  const library = useQuery(trpc.kpi.list.queryOptions({ partnershipId, limit: 200 }));
  if (library.isPending) return <Loading />;
  if (library.isError) return <ProblemPage error={library.error} />;
  return <KpiForm key="new" partnershipId={partnershipId} kpi={null} existingCodes={library.data.partnerships.flatMap((p) => p.kpis.map((k) => k.code))} onDone={onDone} />;
}

const lowerFirst = (text: string) => `${text[0]!.toLowerCase()}${text.slice(1)}`;

type Kpi = RouterOutputs['kpi']['list']['partnerships'][number]['kpis'][number];

/** One KPI's row, and the row under it that opens its version history. */
function KpiRows({ partnershipId, kpi: k, onChange }: { partnershipId: string; kpi: Kpi; onChange: (() => void) | null }) {
  return (
    <>
      <tr className="govuk-table__row concord-kpi-row" data-testid="kpi-row">
        <td className="govuk-table__cell concord-nowrap">{k.code}</td>
        <th className="govuk-table__header" scope="row">
          <Link className="govuk-link" to={`/benchmark?partnership=${partnershipId}&kpi=${k.code}`}>
            {k.name}
          </Link>
          <p className="govuk-body-s govuk-!-margin-0">{k.definition}</p>
          {k.derivation ? (
            <p className="govuk-body-s govuk-!-margin-0 concord-secondary-text" data-testid="kpi-derivation">
              Members can calculate it from their records: {lowerFirst(KPI_DERIVATION_RULES[k.derivation].label)}.
            </p>
          ) : null}
        </th>
        <td className="govuk-table__cell">
          {UNIT[k.unit]}
          {k.populationAgeBand ? `, per 100,000 residents (${k.populationAgeBand})` : ''}
          <p className="govuk-body-s concord-secondary-text govuk-!-margin-0">{k.direction === 'neither' ? 'Neither higher nor lower is better' : DIRECTION[k.direction]}</p>
        </td>
        <td className="govuk-table__cell">{FREQUENCY[k.frequency]}</td>
        <td className="govuk-table__cell">{k.target ?? '–'}</td>
        <td className="govuk-table__cell">v{k.version}</td>
        {onChange ? (
          <td className="govuk-table__cell">
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-0" onClick={onChange}>
              Change<span className="govuk-visually-hidden"> {k.code}</span>
            </button>
          </td>
        ) : null}
      </tr>
      <tr className="govuk-table__row" data-testid="kpi-history-row">
        <td className="govuk-table__cell govuk-!-padding-top-0" />
        <td className="govuk-table__cell govuk-!-padding-top-0" colSpan={onChange ? 6 : 5}>
          <KpiHistory kpiId={k.id} code={k.code} />
        </td>
      </tr>
    </>
  );
}
