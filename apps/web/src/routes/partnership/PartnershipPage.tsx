import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SummaryList } from '../../components/SummaryList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { partnershipKindLabel } from '../../labels.ts';
import { trpc, type Partnership } from '../../trpc.ts';
import { BenchmarkSharing } from './BenchmarkSharing.tsx';
import { MembersTable } from './MembersTable.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';

export function PartnershipPage() {
  // A platform administrator acting for no authority has no partnerships: not found, like an outsider.
  const { id, valid } = useRecordId();
  const partnership = useQuery({ ...trpc.partnership.get.queryOptions({ partnershipId: id }), enabled: valid });
  return (
    <RecordGate query={partnership} valid={valid}>
      {(p) => <PartnershipDetails partnership={p} />}
    </RecordGate>
  );
}

function PartnershipDetails({ partnership: p }: { partnership: Partnership }) {
  usePageTitle(p.name);
  return (
    <>
      <Link className="govuk-back-link" to="/">
        Back to your authority
      </Link>
      <span className="govuk-caption-l">Partnership</span>
      <h1 className="govuk-heading-l">{p.name}</h1>
      <div data-testid="partnership">
        <p className="govuk-body-l" data-testid="partnership-lead">
          Lead authority: <strong>{p.lead.name}</strong>
        </p>
        <SummaryList
          rows={[
            { key: 'Kind', value: partnershipKindLabel(p.kind) },
            { key: 'Lead authority', value: `${p.lead.name} (${p.lead.id})` },
            { key: 'Members', value: formatNumber(p.members.length) },
          ]}
        />
        <MembersTable caption="Members" members={p.members} detailed />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/partnerships/${p.id}/settings`} data-testid="settings-link">
            Partnership settings
          </Link>{' '}
          (members’ joining and leaving days, invitations, roles, KPI set and history)
        </p>
      </div>
      <BenchmarkSharing partnershipId={p.id} />
    </>
  );
}
