import { z } from 'zod';

export const AUTHORITY_ROLES = ['commissioner', 'contract_officer', 'finance', 'viewer', 'authority_admin'] as const;
export const PARTNERSHIP_ROLES = ['lead_commissioner', 'network_member'] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];
/** The roles of a person in a provider organisation (issue 11): its administrator, who writes bids, who manages contracts. */
export const PROVIDER_USER_ROLES = ['provider_admin', 'bid_writer', 'contract_manager'] as const;
export type ProviderUserRole = (typeof PROVIDER_USER_ROLES)[number];
// Marked pure so a bundle that uses only the role lists and helpers (the web app's first page) leaves zod out (issue 14).
export const providerUserRole = /* @__PURE__ */ z.enum(PROVIDER_USER_ROLES);
export const PROVIDER_USER_ROLE_LABELS: Record<ProviderUserRole, string> = {
  provider_admin: 'Provider administrator',
  bid_writer: 'Bid writer',
  contract_manager: 'Contract manager',
};
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];
export const authorityRole = /* @__PURE__ */ z.enum(AUTHORITY_ROLES);

export const ROLE_LABELS: Record<AuthorityRole | PartnershipRole | 'platform_admin', string> = {
  commissioner: 'Commissioner',
  contract_officer: 'Contract officer',
  finance: 'Finance officer',
  viewer: 'Viewer',
  authority_admin: 'Authority administrator',
  lead_commissioner: 'Lead commissioner',
  network_member: 'Network member',
  platform_admin: 'Platform administrator',
};

/*
 * Who may do what: the roles the API's procedures require, which the pages also use so that nobody is offered an
 * action their role cannot take (issue 13).
 */
/** Change the contract register, placements and call-offs; make KPI returns. Viewers and finance officers read. */
export const CONTRACT_WRITER_ROLES = ['commissioner', 'contract_officer'] as const satisfies readonly AuthorityRole[];
export const RETURN_MAKER_ROLES = ['commissioner', 'contract_officer'] as const satisfies readonly AuthorityRole[];
/** Record what the authority pays. */
export const RATE_WRITER_ROLES = ['commissioner', 'finance'] as const satisfies readonly AuthorityRole[];
/** Share rates with a partnership, or withdraw them. */
export const RATE_SHARER_ROLES = ['commissioner'] as const satisfies readonly AuthorityRole[];
/** Who in an authority may act for it in a partnership: its administrators and commissioners. */
export const PARTNERSHIP_MANAGER_ROLES = ['authority_admin', 'commissioner'] as const satisfies readonly AuthorityRole[];

export function hasAnyRole(held: readonly AuthorityRole[], allowed: readonly AuthorityRole[]): boolean {
  return held.some((role) => allowed.includes(role));
}

/** "a commissioner", "an authority administrator": a role in words, in a sentence. */
export function aRole(role: AuthorityRole | PartnershipRole | 'platform_admin'): string {
  const words = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** "a commissioner, a finance officer or a viewer". */
function anyOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * Why someone is refused what only some roles may do, naming the roles in words (never their codes):
 * "Only a commissioner or a contract officer can do this. You are signed in as a viewer." `what` names the
 * action ("make KPI returns") where the page says what it would be.
 */
export function roleRefusal(allowed: readonly AuthorityRole[], held: readonly AuthorityRole[], what = 'do this'): string {
  const only = `Only ${anyOf(allowed.map(aRole))} can ${what}.`;
  if (held.length === 0) return `${only} Your account has no role in this authority.`;
  return `${only} You are signed in as ${held.map(aRole).join(' and ')}.`;
}
