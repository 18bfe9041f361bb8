import { useQuery } from '@tanstack/react-query';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';

export const CLAIM_PATH = '/claim';

/**
 * Someone who registered with the numbers of a provider a council already listed (issue 11, item 1): their claim waits
 * for a council to confirm it; once confirmed they sign in again acting for the organisation.
 */
export function ClaimPage() {
  const claim = useQuery(trpc.organisation.myClaim.queryOptions());
  usePageTitle('Your claim');
  if (claim.isPending) return <Loading />;
  if (claim.isError) return <ProblemPage error={claim.error} />;
  const c = claim.data;
  if (!c) {
    return (
      <>
        <h1 className="govuk-heading-l">Your claim</h1>
        <p className="govuk-body">You have no claim to an organisation on Concord.</p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds" data-testid="claim-status">
        <span className="govuk-caption-l">Your claim</span>
        <h1 className="govuk-heading-l">{c.legalName}</h1>
        {c.status === 'pending' && (
          <>
            <p className="govuk-body">
              <Tag colour="yellow">Waiting for a council to confirm</Tag>
            </p>
            <p className="govuk-body">
              A council already lists an organisation with the Companies House number or CQC provider ID you gave. A council that works with it will confirm
              that it is yours; you will then be its provider administrator. You registered on {formatDate(c.claimedOn)}.
            </p>
          </>
        )}
        {c.status === 'confirmed' && (
          <>
            <p className="govuk-body">
              <Tag colour="green">Confirmed</Tag> on {formatDate(c.decidedOn!)}
            </p>
            <p className="govuk-body">Sign out and sign in again to act for your organisation.</p>
          </>
        )}
        {c.status === 'refused' && (
          <>
            <p className="govuk-body">
              <Tag colour="red">Refused</Tag> on {formatDate(c.decidedOn!)}
            </p>
            <p className="govuk-body">The council said: {c.reason}</p>
          </>
        )}
      </div>
    </div>
  );
}
