import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';

const UNIT: Record<string, string> = { count: 'Count', percent: '%', pence: '£ (pence)', hours: 'Hours', rate_per_100k: 'Rate per 100,000' };
const DIRECTION: Record<string, string> = { higher_better: 'Higher is better', lower_better: 'Lower is better', neither: 'Neither' };

/** The standard KPI library of each of my partnerships (current versions). */
export function KpiLibraryPage() {
  usePageTitle('KPI library');
  const lib = useQuery(trpc.kpi.list.queryOptions({}));
  if (lib.isPending) return <Loading />;
  if (lib.isError) return <ProblemPage error={lib.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">KPI library</h1>
      <p className="govuk-body">The standard measures each partnership has agreed. A change adds a new version; past returns keep the version they answered.</p>
      {lib.data.partnerships.map((p) => (
        <div key={p.id} className="concord-table-scroll" role="region" aria-label={`KPIs of ${p.name}`} tabIndex={0}>
          <table className="govuk-table" data-testid="kpi-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{p.name}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {['Code', 'KPI', 'Unit', 'Per head of', 'Direction', 'Frequency', 'Target', 'Version'].map((h) => (
                  <th key={h} className="govuk-table__header" scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {p.kpis.map((k) => (
                <tr className="govuk-table__row" key={k.id}>
                  <td className="govuk-table__cell">{k.code}</td>
                  <th className="govuk-table__header" scope="row">
                    <Link className="govuk-link" to={`/benchmark?partnership=${p.id}&kpi=${k.code}`}>
                      {k.name}
                    </Link>
                    <p className="govuk-body-s govuk-!-margin-0">{k.definition}</p>
                  </th>
                  <td className="govuk-table__cell">{UNIT[k.unit]}</td>
                  <td className="govuk-table__cell">{k.populationAgeBand ? `100,000 (${k.populationAgeBand})` : '–'}</td>
                  <td className="govuk-table__cell">{DIRECTION[k.direction]}</td>
                  <td className="govuk-table__cell">{k.frequency}</td>
                  <td className="govuk-table__cell">{k.target ?? '–'}</td>
                  <td className="govuk-table__cell">v{k.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
