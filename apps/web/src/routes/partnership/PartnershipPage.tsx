import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Loading, NotFoundPage, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { partnershipKindLabel } from '../../labels.ts';
import { useMe } from '../../session.tsx';
import { errorCode, trpc, type Partnership } from '../../trpc.ts';
import { MembersTable } from './MembersTable.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function PartnershipPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const valid = UUID.test(id);
  // A platform administrator acting for no authority has no partnerships: treat as not found.
  const enabled = valid && !!me.data && me.data.authorityId !== null;
  const partnership = useQuery({ ...trpc.partnership.get.queryOptions({ partnershipId: id }), enabled });

  if (!enabled || errorCode(partnership.error) === 'NOT_FOUND') return <NotFoundPage />;
  if (partnership.isPending) return <Loading />;
  if (partnership.isError) return <ProblemPage error={partnership.error} />;
  return <PartnershipDetails partnership={partnership.data} />;
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
      </div>
    </>
  );
}
