import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { trpc } from '../../trpc.ts';

/** A demand model: need per year and type of provision (population × rate per 1,000, half up) against current supply. */
export function DemandPage() {
  const { id = '' } = useParams();
  const model = useQuery(trpc.demand.get.queryOptions({ demandModelId: id }));
  usePageTitle(model.data?.title ?? 'Demand model');
  if (model.isPending) return <Loading />;
  if (model.isError) return <ProblemPage error={model.error} />;
  const m = model.data;
  const last = m.model.years.at(-1);
  const chart = last ? last.needs.map((n) => ({ name: n.label, need: n.need, supply: n.supply ?? 0 })) : [];

  return (
    <>
      <Link to="/business-cases" className="govuk-back-link">
        Business cases
      </Link>
      <span className="govuk-caption-l">Demand model</span>
      <h1 className="govuk-heading-l">{m.title}</h1>
      <p className="govuk-body">
        Need for people aged {m.ageBand}: population × units per 1,000, rounded half up. Rates: {m.prevalenceSource}. Population:{' '}
        {m.populationSource === 'held' ? 'the figures held for your authority' : 'entered'}.
      </p>
      <table className="govuk-table" data-testid="demand-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Need, supply and gap</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Year</th>
            <th scope="col" className="govuk-table__header">Provision</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Per 1,000</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Need</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Supply</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Gap</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {m.model.years.flatMap((y) =>
            y.needs.map((n, i) => (
              <tr className="govuk-table__row" key={`${y.year}-${n.type}`} data-testid="need">
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={y.needs.length} className="govuk-table__header">
                    {y.year}
                    <span className="govuk-body-s govuk-!-display-block">population {formatNumber(y.population)}</span>
                  </th>
                )}
                <td className="govuk-table__cell">{n.label}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n.perThousand}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(n.need)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n.supply === null ? 'Not entered' : formatNumber(n.supply)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n.gap === null ? '–' : formatNumber(n.gap)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {last && (
        <figure className="govuk-!-margin-0" data-testid="demand-chart">
          <figcaption className="govuk-heading-s">
            Need against current supply, {last.year} (the table above has every figure)
          </figcaption>
          <div style={{ width: '100%', height: 320 }} aria-hidden="true">
            <ResponsiveContainer>
              <BarChart data={chart} margin={{ top: 10, right: 20, left: 10, bottom: 10 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis />
                <Tooltip />
                <Legend />
                <Bar dataKey="need" name="Need" fill="#1d70b8" isAnimationActive={false} />
                <Bar dataKey="supply" name="Current supply" fill="#00703c" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      <p className="govuk-body govuk-!-margin-top-4">Population figures: {m.populations.map((p) => `${p.year} ${formatNumber(p.population)} (${p.source})`).join('; ')}.</p>
    </>
  );
}
