import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { detailRows } from './details.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { DocumentsSummary } from './documents/DocumentsSummary.tsx';
import { trpc, type RouterOutputs } from '../../trpc.ts';

type Mine = RouterOutputs['organisation']['mine'];
type Organisation = Mine['organisation'];

/** The organisation's home (issue 11, item 1): whether it is verified, its details and its people. */
export function OrganisationPage() {
  const mine = useQuery(trpc.organisation.mine.queryOptions());
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  usePageTitle(mine.data?.organisation.legalName ?? 'Your organisation');
  if (!mine.isSuccess) return <RecordStatus query={mine} />;
  const { organisation, people, myRoles } = mine.data;
  const isAdmin = myRoles.includes('provider_admin');
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">Your organisation</span>
      <h1 className="govuk-heading-l">{organisation.legalName}</h1>
      <Status organisation={organisation} />
      <h2 className="govuk-heading-m">Details</h2>
      <SummaryList rows={detailRows(organisation)} />
      {isAdmin && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/organisation/change" data-testid="change-details">
            Change the organisation’s details
          </Link>
        </p>
      )}
      <DocumentsSummary />
      <PeopleSection people={people} isAdmin={isAdmin} verified={organisation.verified} name={organisation.legalName} />
    </>
  );
}

function Status({ organisation }: { organisation: Organisation }) {
  if (organisation.verified) {
    return (
      <p className="govuk-body" data-testid="organisation-status">
        <Tag colour="green">Verified</Tag> on {organisation.verifiedOn} by {organisation.verifiedBy}.
      </p>
    );
  }
  return (
    <div className="govuk-inset-text" data-testid="organisation-status">
      <p className="govuk-body">
        <Tag colour="yellow">Waiting to be verified</Tag>
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">
        Your organisation is waiting to be verified: until then you can edit your profile and apply to procurements. The platform administrator, or the
        council leading a procurement you apply to, checks your details and verifies you.
      </p>
    </div>
  );
}
