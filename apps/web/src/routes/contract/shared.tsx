import {
  CONTRACT_DATE_STATUS_LABELS,
  CONTRACT_SOURCE_LABELS,
  CONTRACT_STATUS_LABELS,
  PROVIDER_ROLE_LABELS,
  SERVICE_TYPE_LABELS,
  type ContractDateStatus,
  type ContractSource,
  type ContractStatus,
  type ContractWarning,
  type ProviderRole,
  type ServiceType,
} from '@concord/domain';
import { Link } from 'react-router';
import { SubNavigation } from '../../components/SubNavigation.tsx';
import { Tag, type TagColour } from '../../components/Tag.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { useMyRoles } from '../procurement/shared.tsx';

export type Contract = RouterOutputs['contract']['get'];

export const serviceTypeLabel = (s: string) => SERVICE_TYPE_LABELS[s as ServiceType] ?? s;
export const sourceLabel = (s: string) => CONTRACT_SOURCE_LABELS[s as ContractSource] ?? s;
export const roleLabel = (r: string | null) => (r ? (PROVIDER_ROLE_LABELS[r as ProviderRole] ?? r) : 'Not set');

/** A contract's status from its dates as a tag's colour (the register's and the provider's contract pages). */
export const DATE_STATUS_COLOURS: Record<ContractDateStatus, TagColour> = { draft: 'grey', not_started: 'blue', active: 'green', past_end_no_decision: 'red', ended: 'grey', terminated: 'orange' };

/**
 * A contract's status as a person expects it from the dates (the API's dateStatus, from the domain's
 * contractDateStatus), with the recorded status beside it where the words differ ("recorded as extended").
 */
export function ContractStatusTag({ contract }: { contract: { status: string; dateStatus: ContractDateStatus } }) {
  const shown = CONTRACT_DATE_STATUS_LABELS[contract.dateStatus];
  const recorded = CONTRACT_STATUS_LABELS[contract.status as ContractStatus] ?? contract.status;
  return (
    <span data-testid="contract-status">
      <Tag colour={DATE_STATUS_COLOURS[contract.dateStatus] ?? 'grey'}>{shown}</Tag>
      {recorded !== shown && <span className="govuk-!-display-block govuk-!-margin-top-1 concord-secondary-text">Recorded as {recorded.toLowerCase()}</span>}
    </span>
  );
}

export const WARNING_KIND_LABELS: Record<string, string> = {
  past_end_with_placements: 'Past its end date and still paying for placements',
  ending_without_decision: 'Ending within 6 months, or ended, with no decision recorded',
  rates_not_reviewed: 'Rates not reviewed for 2 years',
};

/** The sections of the contracts area: the register, bulk continuation, placements, the market, budgets, call-offs. */
export function ContractsNavigation() {
  return (
    <SubNavigation
      label="Contracts"
      items={[
        { label: 'Contract register', href: '/contracts', exact: true },
        { label: 'Continue contracts', href: '/contracts/continue' },
        { label: 'Placements', href: '/placements' },
        { label: 'Market', href: '/market' },
        { label: 'Budgets', href: '/budgets' },
        { label: 'Call-offs', href: '/call-offs' },
      ]}
    />
  );
}

/**
 * The register's warnings as a GOV.UK warning, grouped by kind (the kind is said once, not on every line),
 * each linking to its contract. On one contract's page the kind goes with each warning.
 */
export function ContractWarnings({ warnings, limit, oneContract = false }: { warnings: ContractWarning[]; limit?: number; oneContract?: boolean }) {
  if (warnings.length === 0) return null;
  const shown = limit ? warnings.slice(0, limit) : warnings;
  const kinds = [...new Set(shown.map((w) => w.kind))];
  const item = (w: ContractWarning, withKind: boolean) => (
    <li key={`${w.contractId}-${w.kind}`} data-testid="contract-warning">
      {oneContract ? null : (
        <>
          <Link className="govuk-link" to={`/contracts/${w.contractId}`}>
            {w.reference}
          </Link>
          {': '}
        </>
      )}
      {withKind ? `${WARNING_KIND_LABELS[w.kind] ?? w.kind}: ` : null}
      {w.message}
    </li>
  );
  const list = 'govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-font-weight-regular';
  return (
    <div className="govuk-warning-text" data-testid="contract-warnings">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {oneContract ? `This contract needs attention (${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`})` : warnings.length === 1 ? '1 warning on your contract register' : `${warnings.length} warnings on your contract register`}
        {oneContract ? (
          <ul className={list}>{shown.map((w) => item(w, true))}</ul>
        ) : (
          kinds.map((kind) => {
            const ofKind = shown.filter((w) => w.kind === kind);
            return (
              <div key={kind} data-testid="contract-warning-group">
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-top-3 govuk-!-margin-bottom-0">
                  {WARNING_KIND_LABELS[kind] ?? kind} ({ofKind.length})
                </p>
                <ul className={list}>{ofKind.map((w) => item(w, false))}</ul>
              </div>
            );
          })
        )}
        {limit && warnings.length > limit && (
          <Link className="govuk-link" to="/contracts">
            See all {warnings.length} warnings
          </Link>
        )}
      </div>
    </div>
  );
}

/** After a change: the register, warnings, placements and budgets are read again. */
export async function refreshContracts(): Promise<void> {
  await refreshAfterChange(trpc.contract.pathKey(), trpc.placement.pathKey(), trpc.budget.pathKey(), trpc.market.pathKey());
}

/** Who may change the register, placements and call-offs (the API's CONTRACT_WRITERS): others only read. */
const CONTRACT_WRITER_ROLES = ['commissioner', 'contract_officer'];
export function useCanChangeContracts(): boolean {
  return useMyRoles().some((r) => CONTRACT_WRITER_ROLES.includes(r));
}
