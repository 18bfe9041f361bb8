import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { trpc } from '../../trpc.ts';

/** Home-page reminder: the contract register's warnings, most urgent first (issue 4). Nothing when there are none. */
export function ContractWarningsPanel() {
  const warnings = useQuery(trpc.contract.warnings.queryOptions());
  if (!warnings.data || warnings.data.warnings.length === 0) return null;
  const all = warnings.data.warnings;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="contract-warnings-title" data-testid="home-contract-warnings">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="contract-warnings-title">
          Contracts need attention
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {all.length} warning{all.length === 1 ? '' : 's'} on your contract register.
        </p>
        <ul className="govuk-list govuk-list--bullet">
          {all.slice(0, 5).map((w) => (
            <li key={`${w.contractId}-${w.kind}`}>
              <Link className="govuk-notification-banner__link" to={`/contracts/${w.contractId}`}>
                {w.reference}
              </Link>
              : {w.message}
            </li>
          ))}
        </ul>
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to="/contracts">
            Go to the contract register
          </Link>
        </p>
      </div>
    </div>
  );
}
