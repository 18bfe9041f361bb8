/** Human labels for the API's codes. Unknown codes fall back to a readable form of the code itself. */

export const ROLE_LABELS: Record<string, string> = {
  commissioner: 'Commissioner',
  contract_officer: 'Contract officer',
  finance: 'Finance officer',
  viewer: 'Viewer',
  lead_commissioner: 'Lead commissioner',
  network_member: 'Network member',
  platform_admin: 'Platform administrator',
};

export const AUTHORITY_KIND_LABELS: Record<string, string> = {
  county: 'County council',
  unitary: 'Unitary authority',
  metropolitan_district: 'Metropolitan district',
  london_borough: 'London borough',
  nhs_body: 'NHS body',
};

export const PARTNERSHIP_KIND_LABELS: Record<string, string> = {
  joint_commissioning: 'Joint commissioning',
  regional_network: 'Regional network',
};

/** What each audited procedure means, for the audit log. */
export const PROCEDURE_LABELS: Record<string, string> = {
  'auth.signIn': 'Signed in',
  'auth.signOut': 'Signed out',
  'auth.revokeSession': 'Signed out a session',
  'audit.list': 'Viewed the audit log',
  'authority.mine': 'Viewed their authority',
  'partnership.get': 'Viewed a partnership',
};

function readable(code: string): string {
  const text = code.replace(/[_.]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function label(labels: Record<string, string>, code: string): string {
  return labels[code] ?? readable(code);
}

export const roleLabel = (role: string) => label(ROLE_LABELS, role);
export const authorityKindLabel = (kind: string) => label(AUTHORITY_KIND_LABELS, kind);
export const partnershipKindLabel = (kind: string) => label(PARTNERSHIP_KIND_LABELS, kind);

/** "Commissioner and Finance officer"; "None" for no roles. */
export function rolesText(roles: readonly string[]): string {
  const labels = roles.map(roleLabel);
  if (labels.length === 0) return 'None';
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
