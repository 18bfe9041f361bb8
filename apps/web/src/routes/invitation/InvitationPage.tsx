import { CRITERION_KIND_LABELS, formatPence, type CriterionKind } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { STATE_COLOURS, STATE_LABELS } from './labels.ts';
import { Outcome } from './Outcome.tsx';
import { ResponseForm } from './ResponseForm.tsx';

export type Invitation = RouterOutputs['callOff']['invitation'];

/** One invitation (issue 11, item 4): what is called off, the criteria, my responses (replaceable until the deadline) and, after award, my own result. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function InvitationPage() {
  // The address's id (useRecordId is for people acting for an authority; this page is a provider's).
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const invitation = useQuery({ ...trpc.callOff.invitation.queryOptions({ callOffId: id }), enabled: valid });
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(invitation.data ? `${invitation.data.specification.schemeName}: invitation` : 'Invitation');
  if (!valid || !invitation.isSuccess) return <RecordStatus query={invitation} valid={valid} />;
  const i = invitation.data;
  const s = i.specification;
  const latest = i.responses.find((r) => r.latest);
  const unit = i.priceUnit === 'week' ? 'per week' : 'per hour';
  return (
    <>
      <Link className="govuk-back-link" to="/organisation/invitations">
        Back to invitations
      </Link>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">
        {i.authority}: {i.reference}
      </span>
      <h1 className="govuk-heading-l">{s.schemeName}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag colour={STATE_COLOURS[i.state]}>{STATE_LABELS[i.state]}</Tag>, testId: 'invitation-state' },
          { key: 'Deadline', value: i.deadlineText ?? '–', testId: 'invitation-deadline' },
          ...(i.procurement ? [{ key: 'Arrangement', value: `${i.procurement.reference}: ${i.procurement.title}` }] : []),
          ...(i.lot ? [{ key: 'Lot', value: `Lot ${i.lot.number}: ${i.lot.name}` }] : []),
          { key: 'Client group', value: s.clientGroup },
          { key: 'Units and people', value: `${s.units ?? '–'} units, ${s.people ?? '–'} people` },
          { key: 'Hours a week', value: `${s.dayHoursPerWeek} day, ${s.nightHoursPerWeek} night` },
          { key: 'Locality', value: s.locality },
          { key: 'Start and term', value: `${formatDate(s.startDate)}, ${s.termMonths} months` },
          { key: 'Prices', value: i.priceUnit === 'week' ? 'Per week' : 'Per hour' },
        ]}
      />
      <h2 className="govuk-heading-m">How responses are scored</h2>
      <Table
        caption="Criteria of this call-off"
        captionHidden
        small
        rows={i.criteria}
        rowKey={(c) => c.id}
        columns={[
          { header: 'Criterion', rowHeader: true, cell: (c) => c.name },
          { header: 'Kind', cell: (c) => CRITERION_KIND_LABELS[c.kind as CriterionKind] ?? 'Other' },
          { header: 'Weight', numeric: true, cell: (c) => `${c.weightPercent}%` },
        ]}
      />
      {i.outcome && <Outcome invitation={i} />}
      {latest && (
        <section aria-labelledby="your-response" data-testid="your-response">
          <h2 className="govuk-heading-m" id="your-response">
            Your response
          </h2>
          <p className="govuk-body">
            Version {latest.version}, sent {formatDateTime(latest.submittedAt)}
            {i.responses.length > 1 ? `, replacing ${i.responses.length - 1} earlier ${i.responses.length === 2 ? 'version' : 'versions'}` : ''}. The latest version counts.
          </p>
          <SummaryList
            rows={[
              ...(latest.pricePence !== null ? [{ key: `Price ${unit}`, value: formatPence(latest.pricePence), testId: 'your-price' }] : []),
              ...latest.answers.map((a) => ({ key: i.criteria.find((c) => c.id === a.criterionId)?.name ?? 'Answer', value: <span style={{ whiteSpace: "pre-line" }}>{a.answer}</span> })),
            ]}
          />
        </section>
      )}
      {i.state === 'open' && <ResponseForm invitation={i} onSent={setNotice} />}
      {i.state === 'closed' && !latest && <p className="govuk-body">The deadline has passed: this call-off takes no more responses.</p>}
      {i.state === 'closed' && latest && <p className="govuk-body">The deadline has passed. The council is scoring the responses; you will see your own result here after the award.</p>}
    </>
  );
}
