import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { Tag } from '../../components/Tag.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { label, LIST_ACTION_LABELS, LIST_STATUS_COLOURS, LIST_STATUS_LABELS } from '../../labels.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { isFinal, refreshProcurements, SectionProblem, useDropArrivalNotice, useSectionTitle, type Procurement } from './shared.tsx';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';

type ListLot = RouterOutputs['approvedList']['get']['lots'][number];
type Entry = ListLot['entries'][number];
type Change = 'suspend' | 'reinstate' | 'remove';

const CHANGE_TEXT: Record<Change, string> = { suspend: 'Suspend', reinstate: 'Reinstate', remove: 'Remove' };
const CHANGE_HINT: Record<Change, string> = {
  suspend: 'Authorities cannot call off from a suspended provider until it is reinstated. For example, during a safeguarding enquiry or after an Inadequate CQC rating.',
  reinstate: 'The provider can be called off from again.',
  remove: 'Removal is final: to return, the provider applies again.',
};

/** Which changes a place on the list allows (as the domain rules: removal is final). */
const changesFor = (status: string): Change[] => (status === 'active' ? ['suspend', 'remove'] : status === 'suspended' ? ['reinstate', 'remove'] : []);

/**
 * The outcome partners buy from: per lot, the providers on the list with their history. Every member
 * reads it; only the lead commissioner suspends, reinstates or removes, with a reason and a date.
 */
export function ApprovedListTab({ p }: { p: Procurement }) {
  const list = useQuery(trpc.approvedList.get.queryOptions({ procurementId: p.id }));
  const dropArrivalNotice = useDropArrivalNotice();
  const [changing, setChanging] = useState<{ entry: Entry; lot: ListLot['lot']; change: Change } | null>(null);
  const [done, setDone] = useState<{ text: string; n: number } | null>(null);
  const [errorShown, setErrorShown] = useState(false);
  useSectionTitle('Approved list', p, errorShown);
  const canChange = p.canEdit && !isFinal(p);

  if (list.isPending) return <Loading />;
  if (list.isError) return <SectionProblem error={list.error} />;
  const total = new Set(list.data.lots.flatMap((l) => l.entries.filter((e) => e.status === 'active').map((e) => e.provider.id))).size;

  return (
    <>
      {done && (
        <NotificationBanner success key={done.n}>
          {done.text}
        </NotificationBanner>
      )}
      <h2 className="govuk-heading-m">Approved list</h2>
      <p className="govuk-body">
        {formatNumber(total)} {total === 1 ? 'provider is' : 'providers are'} active on the list.{' '}
        {p.admission.reason}.{!canChange && ' Only the lead commissioner can change the list.'}
      </p>
      {list.data.lots.length === 0 && <p className="govuk-body">The procurement has no lots yet.</p>}
      {list.data.lots.map((l) => (
        <section key={l.lot.id} aria-labelledby={`lot-${l.lot.id}`} className="govuk-!-margin-bottom-8" data-testid="approved-list-lot">
          <h3 className="govuk-heading-m" id={`lot-${l.lot.id}`}>
            Lot {l.lot.number}: {l.lot.name}
          </h3>
          <p className="govuk-body-s">
            {formatNumber(l.entries.filter((e) => e.status === 'active').length)} active{' '}
            {l.entries.filter((e) => e.status === 'active').length === 1 ? 'provider' : 'providers'}
            {l.lot.expectedProviders !== null ? ` (${formatNumber(l.lot.expectedProviders)} expected when the lot was let)` : ''}
          </p>
          {l.entries.length === 0 ? (
            <p className="govuk-body">No provider has been admitted to this lot yet.</p>
          ) : (
            <EntriesTable
              lot={l}
              canChange={canChange}
              onChange={(entry, change) => {
                setChanging({ entry, lot: l.lot, change });
              }}
            />
          )}
          {canChange && changing && changing.lot.id === l.lot.id && (
            <ChangeForm
              key={`${changing.entry.id}-${changing.change}`}
              entry={changing.entry}
              lot={changing.lot}
              change={changing.change}
              onCancel={() => {
                setChanging(null);
                setErrorShown(false);
              }}
              onErrors={(e) => setErrorShown(hasErrors(e))}
              onDone={(text) => {
                dropArrivalNotice();
                setChanging(null);
                setErrorShown(false);
                setDone((d) => ({ text, n: (d?.n ?? 0) + 1 }));
                void refreshProcurements();
              }}
            />
          )}
        </section>
      ))}
      {!canChange && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/procurements/${p.id}/timeline`}>
            See the decisions on the timeline
          </Link>
        </p>
      )}
    </>
  );
}

function EntriesTable({ lot, canChange, onChange }: { lot: ListLot; canChange: boolean; onChange: (entry: Entry, change: Change) => void }) {
  return (
    <div className="concord-table-scroll" role="region" aria-label={`Providers on lot ${lot.lot.number}`} tabIndex={0}>
      <table className="govuk-table concord-table--top concord-approved-table">
        <caption className="govuk-visually-hidden">Providers on lot {lot.lot.number}: {lot.lot.name}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header concord-approved-table__provider">
              Provider
            </th>
            <th scope="col" className="govuk-table__header concord-approved-table__date">
              Admitted
            </th>
            <th scope="col" className="govuk-table__header concord-approved-table__status">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              History
            </th>
            {canChange && (
              <th scope="col" className="govuk-table__header concord-approved-table__actions">
                <span className="govuk-visually-hidden">Changes</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {lot.entries.map((e) => (
            <tr className="govuk-table__row" key={e.id} data-testid="approved-provider">
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/providers/${e.provider.id}`}>
                  {e.provider.legalName}
                </Link>
                {(e.provider.isSme || e.provider.isVcse) && (
                  <div className="concord-tags govuk-!-margin-top-1">
                    {e.provider.isSme && <Tag colour="grey">SME</Tag>}
                    {e.provider.isVcse && <Tag colour="purple">VCSE</Tag>}
                  </div>
                )}
              </th>
              <td className="govuk-table__cell">
                {formatDate(e.admittedOn)}
              </td>
              <td className="govuk-table__cell">
                <Tag colour={LIST_STATUS_COLOURS[e.status] ?? 'grey'} testId="list-status">
                  {label(LIST_STATUS_LABELS, e.status)}
                </Tag>
              </td>
              <td className="govuk-table__cell">
                <History events={e.events} />
              </td>
              {canChange && (
                <td className="govuk-table__cell">
                  <div className="concord-button-group">
                    {changesFor(e.status).map((change) => (
                      <button
                        type="button"
                        key={change}
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                        data-module="govuk-button"
                        onClick={() => onChange(e, change)}
                      >
                        {CHANGE_TEXT[change]}
                        <span className="govuk-visually-hidden"> {e.provider.legalName} on lot {lot.lot.number}</span>
                      </button>
                    ))}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The entry's events, oldest first; long histories fold away after the latest two. */
function History({ events }: { events: Entry['events'] }) {
  const item = (v: Entry['events'][number], i: number) => (
    <li key={i}>
      <strong>{label(LIST_ACTION_LABELS, v.action)}</strong> {formatDate(v.effectiveOn)}
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{v.reason}</span>
    </li>
  );
  if (events.length <= 2) return <ul className="concord-history govuk-body-s">{events.map(item)}</ul>;
  const older = events.slice(0, -2);
  return (
    <>
      <details className="govuk-details govuk-!-margin-bottom-1">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{older.length} earlier</span>
        </summary>
        <div className="govuk-details__text">
          <ul className="concord-history govuk-body-s">{older.map(item)}</ul>
        </div>
      </details>
      <ul className="concord-history govuk-body-s">{events.slice(-2).map((v, i) => item(v, i + older.length))}</ul>
    </>
  );
}

function ChangeForm({
  entry,
  lot,
  change,
  onCancel,
  onDone,
  onErrors,
}: {
  entry: Entry;
  lot: ListLot['lot'];
  change: Change;
  onCancel: () => void;
  onDone: (text: string) => void;
  onErrors: (e: FormErrors) => void;
}) {
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrorsState] = useState<FormErrors>(NO_ERRORS);
  const setErrors = (e: FormErrors) => {
    setErrorsState(e);
    onErrors(e);
  };
  const apply = useMutation({
    ...trpc.approvedList.change.mutationOptions(),
    onSuccess: () => onDone(`${entry.provider.legalName} was ${change === 'suspend' ? 'suspended' : change === 'reinstate' ? 'reinstated' : 'removed'} on lot ${lot.number}`),
    onError: (error) => setErrors(apiFormErrors(error, { reason: 'change-reason', effectiveOn: 'effectiveOn-day', action: 'change-reason' })),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (apply.isPending) return;
    const date = isoOf(effectiveOn);
    if (date === null || date === 'invalid') return setErrors(clientErrors([{ id: 'effectiveOn-day', text: 'Enter the date the change takes effect, for example 15 3 2021' }]));
    apply.mutate({ entryId: entry.id, action: change, reason, effectiveOn: date });
  }
  return (
    <form noValidate onSubmit={submit} className="concord-row-form" data-testid="change-form">
      <ErrorSummary errors={errors.summary} />
      <h4 className="govuk-heading-s">
        {CHANGE_TEXT[change]} {entry.provider.legalName} on lot {lot.number}
      </h4>
      <p className="govuk-body">{CHANGE_HINT[change]}</p>
      <Textarea id="change-reason" name="reason" label="Reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields['change-reason']} autoFocus />
      <DateInput id="effectiveOn" legend="Date it takes effect" legendSize="s" hint="Today or earlier. For example, 15 3 2021" value={effectiveOn} onChange={setEffectiveOn} error={errors.fields['effectiveOn-day']} />
      <SubmitOrCancel pending={apply.isPending} onCancel={onCancel} warning={change === 'remove'}>
        {CHANGE_TEXT[change]} provider
      </SubmitOrCancel>
    </form>
  );
}
