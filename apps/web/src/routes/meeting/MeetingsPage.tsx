import { comparedLabel, formatKpiCell } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { IssuePackForm } from './IssuePackForm.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { ACTION_STATUS_LABELS, ActionStatusForm, AddActionForm } from './MeetingForms.tsx';
import { RecordMeetingForm } from './RecordMeetingForm.tsx';

/** Network meetings of my partnerships, newest first. */
export function MeetingsPage() {
  usePageTitle('Network meetings');
  const meetings = useQuery(trpc.meeting.list.queryOptions({}));
  if (meetings.isPending) return <Loading />;
  if (meetings.isError) return <ProblemPage error={meetings.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Network meetings</h1>
      <RecordMeetingForm />
      <table className="govuk-table" data-testid="meetings">
        <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">Meetings</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {['Date', 'Meeting', 'Partnership', 'Benchmark pack'].map((h) => (
              <th key={h} className="govuk-table__header" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {meetings.data.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">{formatDate(m.heldOn)}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/meetings/${m.id}`}>
                  {m.title}
                </Link>
              </td>
              <td className="govuk-table__cell">{m.partnershipName}</td>
              <td className="govuk-table__cell">{m.pack ? `Issued ${formatDateTime(m.pack.issuedAt)}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One meeting: agenda, attendance, actions (and those carried forward), and its frozen benchmark pack. */
export function MeetingPage() {
  const { id, valid } = useRecordId();
  const meeting = useQuery({ ...trpc.meeting.get.queryOptions({ meetingId: id }), enabled: valid });
  const packId = meeting.data?.pack?.id;
  const pack = useQuery({ ...trpc.meeting.pack.queryOptions({ packId: packId ?? '' }), enabled: !!packId });
  const [issued, setIssued] = useState<string | null>(null);
  usePageTitle(meeting.data?.title ?? 'Meeting');
  if (!valid || !meeting.isSuccess) return <RecordStatus query={meeting} valid={valid} />;
  const m = meeting.data;
  const actions = (list: typeof m.actions, caption: string, carried = false) => (
    <table className="govuk-table" data-testid={carried ? 'carried-actions' : 'actions'}>
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {['Action', ...(carried ? ['Agreed at'] : []), 'Owner', 'Due', 'Status'].map((h) => (
            <th key={h} className="govuk-table__header" scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {list.map((a) => (
          <tr className="govuk-table__row" key={a.id}>
            <td className="govuk-table__cell">{a.description}</td>
            {carried ? <td className="govuk-table__cell">Meeting of {formatDate(a.meetingHeldOn)}</td> : null}
            <td className="govuk-table__cell">{a.owner.name}</td>
            <td className="govuk-table__cell">{formatDate(a.dueOn)}</td>
            <td className="govuk-table__cell">{m.canEdit ? <ActionStatusForm key={a.status} action={a} /> : ACTION_STATUS_LABELS[a.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <Link className="govuk-back-link" to="/meetings">
        Back to meetings
      </Link>
      <span className="govuk-caption-l">{m.partnershipName}</span>
      <h1 className="govuk-heading-l">{m.title}</h1>
      <p className="govuk-body">
        {formatDate(m.heldOn)}. Attending: {m.attending.map((a) => a.name).join(', ') || '–'}.
      </p>
      <h2 className="govuk-heading-m">Agenda</h2>
      <p className="govuk-body" style={{ whiteSpace: 'pre-line' }}>
        {m.agenda}
      </p>
      {m.carriedForward.length ? actions(m.carriedForward, 'Open actions carried forward from earlier meetings', true) : null}
      {actions(m.actions, 'Actions from this meeting')}
      {m.canEdit ? <AddActionForm meetingId={m.id} members={m.members} /> : null}
      <h2 className="govuk-heading-m">Benchmark pack</h2>
      {!m.pack ? <p className="govuk-body">No pack has been issued for this meeting.</p> : null}
      {issued && m.pack ? <NotificationBanner success>{issued}</NotificationBanner> : null}
      {!m.pack && m.canEdit ? <IssuePackForm meetingId={m.id} partnershipId={m.partnershipId} onIssued={setIssued} /> : null}
      {pack.data ? (
        <div data-testid="pack">
          <p className="govuk-body">
            <strong>{pack.data.title}</strong> — as at {formatDateTime(pack.data.asAt)}. The pack is frozen: later returns do not change it.
          </p>
          <DownloadButtons formats={['pdf', 'xlsx', 'csv'] as const} make={(format) => trpcClient.meeting.exportPack.query({ packId: pack.data.packId, format })} />
          {pack.data.results.map((r) => (
            <table className="govuk-table" key={r.kpi.code}>
              <caption className="govuk-table__caption govuk-table__caption--s">
                {r.kpi.code} {r.kpi.name}, {r.period.label} ({comparedLabel(r)})
              </caption>
              <tbody className="govuk-table__body">
                {r.rows.map((row) => (
                  <tr className="govuk-table__row" key={row.label}>
                    <th className="govuk-table__header" scope="row">
                      {row.label}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {formatKpiCell(row.headline, r.headlineUnit)}
                    </td>
                    <td className="govuk-table__cell">{row.rank ? `rank ${row.rank}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      ) : null}
    </>
  );
}
