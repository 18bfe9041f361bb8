import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe } from '../../session.tsx';
import { AuditLog } from './AuditLog.tsx';

/**
 * The audit log (issue 10, item 5): an authority's own, for its commissioners and authority administrators; for
 * a platform administrator acting for no authority, the registry and administration events of every authority
 * and the platform's own. Plain words, UK time, filtered, newest first, paged by the time of the last event.
 */
export function AuditPage() {
  usePageTitle('Audit log');
  const me = useMe();
  const platform = me.data?.isPlatformAdmin === true && me.data.authorityId === null;
  return (
    <AuditLog
      base="/audit"
      platform={platform}
      whoMaySee="Only your authority’s commissioners and authority administrators can see it. Ask one of them if you need to know who did what."
      intro={
        platform ? (
          <>
            <p className="govuk-body">
              Administration across Concord, newest first: authorities registered and changed, people invited and their roles changed, and partnership steps, in every authority; and what platform
              administrators did for no authority. Refused attempts are shown too.
            </p>
            <p className="govuk-body">An authority’s own records (contracts, placements, returns, budgets) and its sign-ins are in its own log, not here.</p>
          </>
        ) : (
          <p className="govuk-body">Who did what in your authority’s part of Concord, newest first. Refused attempts are shown too. Quote the reference when you report a problem.</p>
        )
      }
    />
  );
}
