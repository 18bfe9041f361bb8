import { longDate } from '@concord/domain';
import { WarningText } from '../../../components/WarningText.tsx';

interface Expiring {
  documentId: string;
  providerName: string;
  title: string;
  expiresOn: string;
  daysLeft: number;
}

const when = (e: Expiring) =>
  e.daysLeft < 0 ? `expired on ${longDate(e.expiresOn)}` : e.daysLeft === 0 ? 'expires today' : `expires in ${e.daysLeft} ${e.daysLeft === 1 ? 'day' : 'days'} (${longDate(e.expiresOn)})`;

/**
 * Certificates that have expired or expire within 30 days, soonest first: the organisation's own (on its pages), or
 * (`showProvider`) those of the providers an authority holds contracts with. Nothing when there are none.
 */
export function ExpiringList({ expiring, heading, showProvider = false }: { expiring: Expiring[]; heading: string; showProvider?: boolean }) {
  if (expiring.length === 0) return null;
  return (
    <section data-testid="expiring-certificates">
      <h2 className="govuk-heading-m">{heading}</h2>
      <WarningText>
        {expiring.length === 1 ? 'A certificate has expired or expires within 30 days.' : `${expiring.length} certificates have expired or expire within 30 days.`}
      </WarningText>
      <ul className="govuk-list govuk-list--bullet">
        {expiring.map((e) => (
          <li key={e.documentId} data-testid="expiring-certificate">
            {showProvider ? `${e.providerName}: ` : ''}
            {e.title} {when(e)}
          </li>
        ))}
      </ul>
    </section>
  );
}
