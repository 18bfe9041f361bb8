import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { errorMessage, trpc, type RouterOutputs } from '../../trpc.ts';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';

/** A demand model: need per year and type of provision (population × rate per 1,000, half up) against current supply. */
export function DemandPage() {
  const { id, valid } = useRecordId();
  const model = useQuery({ ...trpc.demand.get.queryOptions({ demandModelId: id }), enabled: valid });
  usePageTitle(model.data?.title ?? 'Demand model');
  if (!valid || !model.isSuccess) return <RecordStatus query={model} valid={valid} />;
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
              <BarChart data={chart} margin={{ top: 10, right: 20, left: 10, bottom: 10 }} accessibilityLayer={false}>
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
      {m.canEdit && <DemandEditor m={m} />}
    </>
  );
}

/** Populations (entered, or the years held for my authority) and current supply per type of provision. */
function DemandEditor({ m }: { m: RouterOutputs['demand']['get'] }) {
  const client = useQueryClient();
  const [source, setSource] = useState(m.populationSource);
  const [populations, setPopulations] = useState(m.populationSource === 'entered' ? m.populations.map((p) => ({ year: String(p.year), population: String(p.population) })) : [{ year: '', population: '' }]);
  const [years, setYears] = useState(m.years.join(', '));
  const [supply, setSupply] = useState<Record<string, string>>(Object.fromEntries(m.prevalence.map((p) => [p.type, m.supply[p.type] === undefined ? '' : String(m.supply[p.type])])));
  // The version this form loaded, then each save's: a save over someone else's newer one is refused, naming them.
  const [rowVersion, setRowVersion] = useState(m.rowVersion);
  const save = useMutation(
    trpc.demand.update.mutationOptions({
      onSuccess: (done) => {
        setRowVersion(done.rowVersion);
        return client.invalidateQueries({ queryKey: trpc.demand.get.queryKey({ demandModelId: m.id }) });
      },
    }),
  );
  return (
    <form
      noValidate
      className="govuk-!-margin-top-6"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          demandModelId: m.id,
          version: rowVersion,
          populationSource: source,
          ...(source === 'entered'
            ? { populations: populations.filter((p) => p.year.trim()).map((p) => ({ year: Number(p.year), population: Number(p.population.replace(/,/g, '')) })) }
            : { years: years.split(/[ ,]+/).filter(Boolean).map(Number) }),
          supply: Object.fromEntries(Object.entries(supply).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v.replace(/,/g, ''))])),
        });
      }}
    >
      <h2 className="govuk-heading-m">Change the model</h2>
      {save.error && <ErrorSummary errors={[{ text: errorMessage(save.error) }]} />}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="population-source">
          Population
        </label>
        <select id="population-source" className="govuk-select" value={source} onChange={(e) => setSource(e.target.value as 'entered' | 'held')}>
          <option value="held">The figures held for your authority</option>
          <option value="entered">Entered here</option>
        </select>
      </div>
      {source === 'held' ? (
        <TextInput id="held-years" name="years" label="Years" hint="For example 2014, 2030" value={years} onChange={(e) => setYears(e.target.value)} className="govuk-input--width-20" />
      ) : (
        <>
          {populations.map((p, i) => (
            <div className="govuk-grid-row" key={i}>
              <div className="govuk-grid-column-one-quarter">
                <TextInput id={`pop-${i}-year`} name="year" label="Year" inputMode="numeric" value={p.year} onChange={(e) => setPopulations(populations.map((x, j) => (j === i ? { ...x, year: e.target.value } : x)))} />
              </div>
              <div className="govuk-grid-column-one-quarter">
                <TextInput id={`pop-${i}-population`} name="population" label={`People aged ${m.ageBand}`} inputMode="numeric" value={p.population} onChange={(e) => setPopulations(populations.map((x, j) => (j === i ? { ...x, population: e.target.value } : x)))} />
              </div>
            </div>
          ))}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setPopulations([...populations, { year: '', population: '' }])}>
            Add a year
          </button>
        </>
      )}
      <h3 className="govuk-heading-s">Current supply (units)</h3>
      {m.prevalence.map((p) => (
        <TextInput key={p.type} id={`supply-${p.type}`} name={p.type} label={p.label} inputMode="numeric" className="govuk-input--width-5" value={supply[p.type] ?? ''} onChange={(e) => setSupply({ ...supply, [p.type]: e.target.value })} />
      ))}
      <button type="submit" className="govuk-button" disabled={save.isPending}>
        Save model
      </button>
    </form>
  );
}
