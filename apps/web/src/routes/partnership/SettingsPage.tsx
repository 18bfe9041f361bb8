import { PARTNERSHIP_EVENT_LABELS, type PartnershipEventAction } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { label, partnershipKindLabel } from '../../labels.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { HandOver, InviteAuthority, InvitationsTable, KpiSet } from './SettingsLead.tsx';
import { AcceptLead, Leave, PartnershipRoles } from './SettingsMember.tsx';

export type Settings = RouterOutputs['partnership']['settings'];
/** What a settings section tells the page after a step: a notice, or a problem for the error summary. */
export interface Report {
  done: (text: string) => void;
  failed: (text: string) => void;
}

/**
 * Partnership settings (issue 10, items 4 and 5): members with the days they joined and left, the lead's
 * invitations, partnership roles, the KPI set, handing over the lead, leaving, and the partnership's history.
 */
export function SettingsPage() {
  const { id, valid } = useRecordId();
  const settings = useQuery({ ...trpc.partnership.settings.queryOptions({ partnershipId: id }), enabled: valid });
  return (
    <RecordGate query={settings} valid={valid}>
      {(s) => <SettingsView settings={s} />}
    </RecordGate>
  );
}

function SettingsView({ settings: s }: { settings: Settings }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(`Settings: ${s.name}`, error !== null);
  const report: Report = {
    done: (text) => (setError(null), setNotice(text)),
    failed: (text) => (setNotice(null), setError(text)),
  };
  const manage = s.me.canManage;
  return (
    <>
      <Link className="govuk-back-link" to="/partnerships">
        Back to partnerships
      </Link>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {notice && (
        <NotificationBanner success>
          <span data-testid="settings-notice">{notice}</span>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Partnership settings</span>
      <h1 className="govuk-heading-l">{s.name}</h1>
      <SummaryList
        rows={[
          { key: 'Kind', value: partnershipKindLabel(s.kind) },
          { key: 'Purpose', value: s.purpose ?? 'Not given' },
          { key: 'Lead authority', value: s.lead.name, testId: 'settings-lead' },
          ...(s.proposedLead ? [{ key: 'Lead handover', value: `Proposed to ${s.proposedLead.name}, not yet accepted`, testId: 'proposed-lead' }] : []),
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/partnerships/${s.id}`}>
          View the partnership’s members and benchmark sharing
        </Link>
      </p>
      {manage && s.proposedLead?.id === s.me.authorityId && <AcceptLead settings={s} report={report} />}

      <Table
        caption="Members"
        captionSize="m"
        small
        rows={s.members}
        rowKey={(m) => m.id}
        rowTestId="settings-member"
        columns={[
          {
            header: 'Authority',
            rowHeader: true,
            cell: (m) => (
              <>
                {m.name}
                {m.isLead && (
                  <Tag colour="blue" className="concord-inline-tag">
                    Lead
                  </Tag>
                )}
              </>
            ),
          },
          { header: 'Joined', cell: (m) => (m.joinedOn ? formatDate(m.joinedOn) : 'Not recorded') },
          { header: 'Left', cell: (m) => (m.leftOn ? formatDate(m.leftOn) : 'Member') },
        ]}
      />

      {s.me.isLead && (
        <>
          <InvitationsTable settings={s} report={report} />
          {manage && <InviteAuthority settings={s} report={report} />}
        </>
      )}
      <PartnershipRoles settings={s} report={report} />
      <KpiSet settings={s} report={report} />
      {manage && s.me.isLead && <HandOver settings={s} report={report} />}
      {manage && !s.me.isLead && <Leave settings={s} report={report} />}

      <Table
        caption="History"
        captionSize="m"
        small
        rows={s.history}
        rowKey={(e) => e.id}
        rowTestId="history-event"
        columns={[
          { header: 'When', rowHeader: true, cell: (e) => formatDateTime(e.at) },
          { header: 'Who', cell: (e) => `${e.actorName}, ${e.authority.name}` },
          {
            header: 'What',
            cell: (e) => (
              <>
                {label(PARTNERSHIP_EVENT_LABELS as Record<PartnershipEventAction, string>, e.action)}
                {e.about && e.about.id !== e.authority.id ? `: ${e.about.name}` : ''}
                {e.action === 'left' && e.detail ? ` from ${formatDate(e.detail)}` : ''}
                {['role_named', 'role_removed', 'kpi_set_changed'].includes(e.action) && e.detail ? `: ${e.detail}` : ''}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
