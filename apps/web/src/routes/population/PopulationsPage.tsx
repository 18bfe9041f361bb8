import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FileUpload } from '../../components/FileUpload.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type PopulationRow = RouterOutputs['population']['list'][number];
const BANDS = ['all', '18+', '65+', '75+'] as const;

interface AuthorityYear {
  authorityId: string;
  name: string;
  year: number;
  source: string;
  bands: Partial<Record<string, number>>;
}

/** One line per authority and year, with its bands side by side; the newest year first. */
function byAuthorityYear(rows: PopulationRow[]): AuthorityYear[] {
  const lines = new Map<string, AuthorityYear>();
  for (const r of rows) {
    const key = `${r.authority_id}|${r.year}`;
    const line = lines.get(key) ?? { authorityId: r.authority_id, name: r.authority_name, year: r.year, source: r.source, bands: {} };
    line.bands[r.age_band] = r.population;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.name.localeCompare(b.name) || b.year - a.year);
}

/**
 * The ONS mid-year population estimates Concord holds: the denominators of KPIs compared per 100,000
 * residents. Published figures, so everyone sees every authority's. A commissioner loads a new year for their
 * own authority, a platform administrator for every authority, from the ONS MYE2 persons CSV.
 */
export function PopulationsPage() {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  const list = useQuery(trpc.population.list.queryOptions({}));
  const fileRef = useRef<HTMLInputElement>(null);
  const [year, setYear] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Population estimates', hasErrors(errors));
  const load = useMutation({
    ...trpc.population.import.mutationOptions(),
    onSuccess: async (result, input) => {
      setErrors(NO_ERRORS);
      setYear('');
      if (fileRef.current) fileRef.current.value = '';
      await refreshAfterChange(trpc.population.pathKey(), trpc.benchmark.pathKey());
      const others = result.ignored ? ` ${formatNumber(result.ignored)} other ${result.ignored === 1 ? 'area was' : 'areas were'} left out.` : '';
      setNotice(`Loaded ${input.year}: ${formatNumber(result.rows)} figures for ${formatNumber(result.authorities)} ${result.authorities === 1 ? 'authority' : 'authorities'}.${others}`);
    },
    onError: (error) => {
      setNotice(null);
      setErrors(apiFormErrors(error, { year: 'year', csv: 'populationFile', file: 'populationFile', rows: 'populationFile' }));
    },
  });
  if (!me.data || list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;
  const admin = me.data.isPlatformAdmin && me.data.authorityId === null;
  const canLoad = admin || (mine.data?.roles ?? []).includes('commissioner');
  const lines = byAuthorityYear(list.data);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (load.isPending) return;
    const problems: ClientError[] = [];
    const y = year.trim();
    if (!/^\d{4}$/.test(y)) problems.push({ id: 'year', text: 'Enter the year of the estimates, like 2023' });
    const file = fileRef.current?.files?.[0];
    if (!file) problems.push({ id: 'populationFile', text: 'Choose the ONS CSV file' });
    setErrors(clientErrors(problems));
    if (problems.length) return;
    load.mutate({ year: Number(y), csv: await file!.text() });
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Population estimates</h1>
      <p className="govuk-body">
        Residents by age band, from the ONS mid-year estimates. A <Link className="govuk-link" to="/kpis">KPI</Link> compared per 100,000 residents divides each authority’s figure by
        its population in the KPI’s age band, in the year held nearest the period. These are published figures: every authority sees every authority’s.
      </p>
      <div className="concord-table-scroll" role="region" aria-label="Population estimates held" tabIndex={0}>
        <table className="govuk-table" data-testid="population-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Estimates held</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th className="govuk-table__header" scope="col">Authority</th>
              <th className="govuk-table__header" scope="col">Year</th>
              {BANDS.map((b) => (
                <th key={b} className="govuk-table__header govuk-table__header--numeric" scope="col">
                  {b === 'all' ? 'All ages' : b}
                </th>
              ))}
              <th className="govuk-table__header" scope="col">Source</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {lines.map((l) => (
              <tr key={`${l.authorityId}-${l.year}`} className="govuk-table__row" data-testid="population-row">
                <th className="govuk-table__header" scope="row">
                  {l.name}
                  {l.authorityId === me.data!.authorityId ? ' (you)' : ''}
                </th>
                <td className="govuk-table__cell">{l.year}</td>
                {BANDS.map((b) => (
                  <td key={b} className="govuk-table__cell govuk-table__cell--numeric">
                    {l.bands[b] === undefined ? '–' : formatNumber(l.bands[b]!)}
                  </td>
                ))}
                <td className="govuk-table__cell govuk-body-s">{l.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canLoad && (
        <form noValidate onSubmit={submit} data-testid="population-import">
          <h2 className="govuk-heading-m">Load a year of estimates</h2>
          <p className="govuk-body">
            {admin ? 'Every authority Concord knows is loaded from the file; other areas are left out.' : `Only ${mine.data?.authority.name ?? 'your authority'}’s row is loaded from the file.`} A year already held is
            replaced. If any row has a problem, nothing is loaded.
          </p>
          <TextInput id="year" name="year" label="Year of the estimates" hint="The mid-year the estimates are for, for example 2023" className="govuk-input--width-4" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={errors.fields.year} />
          <FileUpload
            id="populationFile"
            label="ONS file (CSV)"
            hint="The ONS “MYE2 – Persons” table saved as CSV: columns Code (GSS code), Name, Geography, All ages and each single year 0 to 89 and 90+. Title lines above the header are skipped."
            error={errors.fields.populationFile}
            accept=".csv,text/csv"
            ref={fileRef}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={load.isPending}>
            Load estimates
          </button>
        </form>
      )}
    </>
  );
}
