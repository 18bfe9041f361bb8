import { formatKpiValue, parsePounds, RETURN_MAKER_ROLES, type KpiUnit } from '@concord/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { errorMessage, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { CalculateButton, DerivedReturnPanel } from './DerivedReturn.tsx';
import { ReviewLink } from './ReviewPage.tsx';
import { ReturnsWindowForm, windowAsked } from './ReturnsWindow.tsx';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { RoleNote } from '../../components/RoleNote.tsx';
import { useMayDo } from '../../session.tsx';

type Entry = RouterOutputs['return']['list']['entries'][number];
const STATUS: Record<string, { text: string; colour: string }> = {
  due: { text: 'Due', colour: 'yellow' },
  missing: { text: 'Missing', colour: 'red' },
  late: { text: 'Late', colour: 'orange' },
  queried: { text: 'Queried', colour: 'purple' },
  submitted: { text: 'Submitted', colour: 'green' },
  accepted: { text: 'Accepted', colour: 'green' },
  upcoming: { text: 'Not due yet', colour: 'grey' },
};
const PER_PAGE = 50;

/**
 * My returns: the due calendar (what needs doing first), entry of one return, and CSV / XLSX upload (all or
 * nothing). The calendar is filtered and paged by the server; the filters and page live in the address.
 */
export function ReturnsPage() {
  usePageTitle('My returns');
  const [params, setParams] = useSearchParams();
  const partnership = params.get('partnership') ?? '';
  const kpi = params.get('kpi') ?? '';
  const show = params.get('show') === 'outstanding' ? 'outstanding' : 'all';
  // The due dates shown (by default the server's: 12 months back to 3 ahead), in the address.
  const asked = windowAsked(params);
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const calendar = useQuery({
    ...trpc.return.list.queryOptions({
      ...(partnership ? { partnershipId: partnership } : {}),
      kpiCode: kpi,
      show,
      ...asked,
      limit,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const [entry, setEntry] = useState<Entry | null>(null);
  const [derived, setDerived] = useState<Entry | null>(null);
  // What to filter by, asked for apart from the calendar and kept a few minutes, so paging does not fetch it again:
  // my partnerships, and the KPIs of the one chosen (or of my only one).
  const choices = useQuery({
    ...trpc.return.filters.queryOptions(partnership ? { partnershipId: partnership } : {}),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  // Viewers and finance officers see the calendar, not the Enter, Correct and Calculate actions.
  const makeReturns = useMayDo(RETURN_MAKER_ROLES, 'make KPI returns');
  if (calendar.isPending || choices.isPending) return <Loading />;
  if (calendar.isError) return <ProblemPage error={calendar.error} />;
  if (choices.isError) return <ProblemPage error={choices.error} />;
  const setWindow = (window: { from: string; to: string }) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('from', window.from);
      next.set('to', window.to);
      next.delete('page');
      return next;
    });
  const setFilter = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      if (name === 'partnership') next.delete('kpi');
      next.delete('page');
      return next;
    });
  const partnerships = choices.data.partnerships.map((p) => [p.id, p.name] as [string, string]);
  // The KPI filter once a partnership is chosen (or when I have only one); not the last partnership's while the next loads.
  const kpis = choices.isPlaceholderData ? [] : choices.data.kpis.map((k) => ({ value: k.code, label: `${k.code} ${k.name}` }));
  const kpiFilter = choices.data.partnershipId !== null;
  const outstanding = calendar.data.outstanding;
  const shown = calendar.data.entries;
  return (
    <>
      <h1 className="govuk-heading-l">My returns</h1>
      <ReviewLink />
      {entry ? <ReturnForm entry={entry} onDone={() => setEntry(null)} /> : null}
      {derived ? <DerivedReturnPanel key={`${derived.kpiId}${derived.periodStart}`} entry={derived} onDone={() => setDerived(null)} /> : null}
      {makeReturns.may ? <Upload partnerships={partnerships} /> : <RoleNote why={makeReturns.why} />}
      <h2 className="govuk-heading-m">Returns calendar</h2>
      <ReturnsWindowForm key={`${calendar.data.window.from}${calendar.data.window.to}`} window={calendar.data.window} onApply={setWindow} />
      <p className="govuk-body" data-testid="returns-outstanding">
        {outstanding === 0 ? 'Nothing is due, missing or queried in these dates.' : `${outstanding} ${outstanding === 1 ? 'return needs' : 'returns need'} doing in these dates: due, missing or queried.`}
      </p>
      <form className="concord-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter returns">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select id="returns-partnership" name="partnership" label="Partnership" placeholder="All partnerships" options={partnerships.map(([value, label]) => ({ value, label }))} value={partnership} onChange={(v) => setFilter('partnership', v)} />
          </div>
          {kpiFilter ? (
            <div className="govuk-grid-column-one-third">
              <Select id="returns-kpi" name="kpi" label="KPI" placeholder="All KPIs" options={kpis} value={kpi} onChange={(v) => setFilter('kpi', v)} className="govuk-!-width-full" />
            </div>
          ) : null}
          <div className="govuk-grid-column-one-third">
            <Select
              id="returns-show"
              name="show"
              label="Show"
              options={[
                { value: 'all', label: 'Every return due in these dates' },
                { value: 'outstanding', label: 'Only what needs doing' },
              ]}
              value={show}
              onChange={(v) => setFilter('show', v === 'outstanding' ? v : '')}
              className="govuk-!-width-full"
            />
          </div>
        </div>
      </form>
      {shown.length === 0 ? (
        <p className="govuk-body" data-testid="returns-none">
          {show === 'outstanding' ? 'Nothing needs doing in these dates. Choose “Every return due in these dates” to see the returns already made.' : 'No returns are due in these dates.'}
        </p>
      ) : (
        <div className="concord-table-scroll" role="region" aria-label="Returns calendar" tabIndex={0}>
          <table className="govuk-table govuk-table--small-text-until-tablet" data-testid="returns-calendar">
            <caption className="govuk-visually-hidden">Returns calendar</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {['KPI', 'Period', 'Due', 'Status', 'Value'].map((h) => (
                  <th key={h} className="govuk-table__header" scope="col">
                    {h}
                  </th>
                ))}
                {makeReturns.may ? (
                  <th className="govuk-table__header" scope="col">
                    <span className="govuk-visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {shown.map((e) => (
                <tr className="govuk-table__row" key={`${e.partnershipId}${e.kpiCode}${e.periodStart}`}>
                  <td className="govuk-table__cell">
                    <strong>{e.kpiCode}</strong> {e.kpiName}
                    {partnerships.length > 1 ? <span className="govuk-!-display-block concord-secondary-text">{e.partnershipName}</span> : null}
                  </td>
                  <td className="govuk-table__cell concord-nowrap">{e.periodLabel}</td>
                  <td className="govuk-table__cell">{formatDate(e.dueOn)}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag govuk-tag--${STATUS[e.status]?.colour ?? 'grey'}`}>{STATUS[e.status]?.text ?? e.status}</strong>
                    {e.status === 'queried' && e.reviewReason ? <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">Queried: {e.reviewReason}</p> : null}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{e.value === null ? '–' : formatKpiValue(e.value, e.unit as KpiUnit)}</td>
                  {makeReturns.may ? (
                  <td className="govuk-table__cell">
                    <div className="concord-row-actions">
                      {e.status !== 'upcoming' ? (
                        <button type="button" className="concord-link-button" onClick={() => setEntry(e)}>
                          {e.value === null ? 'Enter' : 'Correct'}
                          <span className="govuk-visually-hidden">
                            {' '}
                            {e.kpiCode} {e.periodLabel}
                          </span>
                        </button>
                      ) : null}
                      <CalculateButton entry={e} onChoose={setDerived} />
                    </div>
                  </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount(calendar.data.total)} />
    </>
  );
}

function ReturnForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const qc = useQueryClient();
  // Money is returned in pence and typed in pounds.
  const money = entry.unit === 'pence';
  const [value, setValue] = useState(entry.value === null ? '' : money ? (entry.value / 100).toFixed(2) : entry.value.toString());
  const [valueError, setValueError] = useState<string | null>(null);
  const [numerator, setNumerator] = useState(entry.numerator?.toString() ?? '');
  const [denominator, setDenominator] = useState(entry.denominator?.toString() ?? '');
  const [comment, setComment] = useState(entry.comment ?? '');
  const submit = useMutation(
    trpc.return.submit.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries();
        onDone();
      },
    }),
  );
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  return (
    <form
      className="govuk-!-margin-bottom-6"
      onSubmit={(e) => {
        e.preventDefault();
        // The version of the return this form showed (null: none yet): a return changed meanwhile is refused, and
        // what was typed here stays on the form.
        let returned = num(value);
        if (money && value.trim() !== '') {
          try {
            returned = parsePounds(value);
          } catch {
            return setValueError('The value must be an amount in pounds, like 1,250.00');
          }
        }
        setValueError(null);
        submit.mutate({ partnershipId: entry.partnershipId, kpiCode: entry.kpiCode, period: entry.periodStart, value: returned, numerator: num(numerator), denominator: num(denominator), comment, version: entry.rowVersion });
      }}
    >
      <h2 className="govuk-heading-m">
        {entry.kpiCode} {entry.kpiName}: {entry.periodLabel}
      </h2>
      {valueError ? <ErrorSummary errors={[{ href: '#return-value', text: valueError }]} /> : submit.isError ? <ErrorSummary errors={apiFormErrors(submit.error).summary} /> : null}
      {[
        ['value', money ? 'Value in pounds' : 'Value', value, setValue],
        ...(entry.unit === 'percent' ? ([['numerator', 'Numerator', numerator, setNumerator], ['denominator', 'Denominator', denominator, setDenominator]] as const) : []),
      ].map(([id, label, v, set]) => (
        <div className="govuk-form-group" key={id as string}>
          <label className="govuk-label" htmlFor={`return-${id}`}>
            {label as string}
          </label>
          <input className="govuk-input govuk-input--width-10" id={`return-${id}`} inputMode="decimal" value={v as string} onChange={(e) => (set as (s: string) => void)(e.target.value)} />
        </div>
      ))}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="return-comment">
          Comment
        </label>
        <textarea className="govuk-textarea" id="return-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <SubmitOrCancel pending={submit.isPending} onCancel={onDone}>
        Submit return
      </SubmitOrCancel>
    </form>
  );
}

function Upload({ partnerships }: { partnerships: [string, string][] }) {
  const qc = useQueryClient();
  const [partnershipId, setPartnershipId] = useState(partnerships[0]?.[0] ?? '');
  const [result, setResult] = useState<{ written: number; errors: { row: number; field: string; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onFile = async (file: File) => {
    setError(null);
    setResult(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const input = { partnershipId, format: file.name.toLowerCase().endsWith('.xlsx') ? ('xlsx' as const) : ('csv' as const), contentBase64: btoa(binary) };
    try {
      const check = await trpcClient.return.upload.mutate({ ...input, dryRun: true });
      if (check.errors.length) return setResult(check);
      setResult(await trpcClient.return.upload.mutate(input));
      await qc.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Upload returns (CSV or XLSX)</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">Columns: kpi_code, period (e.g. “Aug 2023” or “2023-24 Q2”), value, numerator, denominator, comment. All rows are checked first: if any is wrong, nothing is saved.</p>
        <select className="govuk-select govuk-!-margin-bottom-3" aria-label="Partnership" value={partnershipId} onChange={(e) => setPartnershipId(e.target.value)}>
          {partnerships.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <input className="govuk-file-upload" type="file" aria-label="Returns file" accept=".csv,.xlsx" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
        {error ? <p className="govuk-error-message">{error}</p> : null}
        {result && result.errors.length ? (
          <table className="govuk-table" data-testid="upload-errors">
            <caption className="govuk-table__caption govuk-table__caption--s">Nothing was saved: correct these rows</caption>
            <tbody className="govuk-table__body">
              {result.errors.map((e) => (
                <tr className="govuk-table__row" key={`${e.row}${e.field}`}>
                  <td className="govuk-table__cell">Row {e.row}</td>
                  <td className="govuk-table__cell">{e.field}</td>
                  <td className="govuk-table__cell">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {result && !result.errors.length ? <p className="govuk-body">{result.written} returns saved.</p> : null}
      </div>
    </details>
  );
}
