import { usePageTitle } from '../../../components/usePageTitle.ts';
import { AuditLog } from '../../audit/AuditLog.tsx';

/**
 * A provider organisation's own audit log (issue 11): what its people did acting for it (registering, documents,
 * applications, call-off responses, monitoring returns, people), refused attempts too. Read only, by its provider
 * administrators; the same log view as an authority's.
 */
export function OrganisationAuditPage() {
  usePageTitle('Audit log');
  return (
    <AuditLog
      base="/organisation/audit"
      platform={false}
      whoMaySee="Only your organisation’s provider administrators can see it. Ask one of them if you need to know who did what."
      intro={
        <p className="govuk-body">
          Who did what for your organisation on Concord, newest first: its details, documents, applications, responses to invitations, monitoring returns and people. Refused attempts are shown
          too. Quote the reference when you report a problem.
        </p>
      }
    />
  );
}
