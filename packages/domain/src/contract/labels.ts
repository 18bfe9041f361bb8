import { z } from 'zod';

/** The words of the contract register, as stored (snake_case) and as shown to people. */

export const CONTRACT_SOURCES = ['call_off', 'block_contract', 'direct_award', 'single_source_continuation', 'spot_purchase'] as const;
export type ContractSource = (typeof CONTRACT_SOURCES)[number];
export const CONTRACT_SOURCE_LABELS: Record<ContractSource, string> = {
  call_off: 'Call-off',
  block_contract: 'Block contract',
  direct_award: 'Direct award',
  single_source_continuation: 'Single-source continuation',
  spot_purchase: 'Spot purchase',
};

export const CONTRACT_STATUSES = ['draft', 'active', 'extended', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  extended: 'Extended',
  expired: 'Expired',
  terminated: 'Terminated',
};
/** Statuses of a contract that is still running (and so can be varied, continued and warned about). */
export const LIVE_CONTRACT_STATUSES: readonly ContractStatus[] = ['active', 'extended'];

export const PROVIDER_ROLES = ['lead', 'supplementary'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];
export const PROVIDER_ROLE_LABELS: Record<ProviderRole, string> = { lead: 'Lead provider', supplementary: 'Supplementary provider' };

export const VARIATION_KINDS = ['extension', 'continuation', 'price_change', 'scope_change'] as const;
export type VariationKind = (typeof VARIATION_KINDS)[number];
/** A variation as recorded: the kinds above, or a termination (recorded by terminating the contract). */
export type RecordedVariationKind = VariationKind | 'termination';
export const VARIATION_KIND_LABELS: Record<RecordedVariationKind, string> = {
  extension: 'Extension (an option in the contract)',
  continuation: 'Continuation (single-source justification)',
  price_change: 'Price change',
  scope_change: 'Scope change',
  termination: 'Termination (ended early)',
};

export const RATE_UNITS = ['hour', 'week', 'night'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];
export const RATE_UNIT_LABELS: Record<RateUnit, string> = { hour: 'per hour', week: 'per week', night: 'per night' };

export const EXTENSION_OPTION_STATUSES = ['available', 'exercised', 'declined'] as const;
export type ExtensionOptionStatus = (typeof EXTENSION_OPTION_STATUSES)[number];

export const END_DECISIONS = ['extend', 'continue', 'recommission', 'let_expire'] as const;
export type EndDecision = (typeof END_DECISIONS)[number];
export const END_DECISION_LABELS: Record<EndDecision, string> = {
  extend: 'Extend (use an option)',
  continue: 'Continue (single-source justification)',
  recommission: 'Recommission (new procurement)',
  let_expire: 'Let it expire',
};

export const contractSource = z.enum(CONTRACT_SOURCES, { message: 'Choose how the contract came about' });
export const contractStatus = z.enum(CONTRACT_STATUSES, { message: 'Choose a status' });
export const providerRole = z.enum(PROVIDER_ROLES, { message: 'Choose lead or supplementary' });
export const variationKind = z.enum(VARIATION_KINDS, { message: 'Choose the kind of variation' });
export const rateUnit = z.enum(RATE_UNITS, { message: 'Choose per hour, per week or per night' });
export const endDecision = z.enum(END_DECISIONS, { message: 'Choose what happens at the end of the contract' });
