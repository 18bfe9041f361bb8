import { z } from 'zod';

export const AUTHORITY_ROLES = ['commissioner', 'contract_officer', 'finance', 'viewer', 'authority_admin'] as const;
export const PARTNERSHIP_ROLES = ['lead_commissioner', 'network_member'] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];
export const authorityRole = z.enum(AUTHORITY_ROLES);

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

export function hasAnyRole(held: readonly AuthorityRole[], allowed: readonly AuthorityRole[]): boolean {
  return held.some((role) => allowed.includes(role));
}
