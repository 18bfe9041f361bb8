import { aProviderRole, MONITORING_RETURN_SENDER_ROLES } from '@concord/domain';
import { Link } from 'react-router';
import { errorCode } from '../../../trpc.ts';
import { useMe } from '../../../session.tsx';

/** Whether the signed-in person may send monitoring returns (a provider administrator or contract manager), and if not why, in words. */
export function useMaySendReturns(): { may: boolean; why: string | null } {
  const me = useMe();
  const held = me.data?.providerRoles ?? [];
  if (!me.data) return { may: false, why: null };
  if (held.some((r) => (MONITORING_RETURN_SENDER_ROLES as readonly string[]).includes(r))) return { may: true, why: null };
  const only = `Only ${MONITORING_RETURN_SENDER_ROLES.map(aProviderRole).join(' or ')} can send monitoring returns.`;
  return { may: false, why: held.length ? `${only} You are signed in as ${held.map(aProviderRole).join(' and ')}.` : only };
}

/** Whether the API refused because the organisation is not verified yet (it sees no contracts until then). */
export const isNotVerified = (error: unknown) => errorCode(error) === 'FORBIDDEN';

/** A provider organisation not yet verified sees no contracts: said as a page, not as a service problem. */
export function NotVerifiedYet({ title }: { title: string }) {
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-inset-text" data-testid="not-verified">
        Your organisation must be verified before it can see its contracts. The platform administrator, or a council leading a procurement you apply to,
        verifies it.
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to="/organisation">
          Go to your organisation
        </Link>
      </p>
    </>
  );
}
