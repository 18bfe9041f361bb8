import { PARTNERSHIP_KIND_LABELS } from '@concord/domain';
import type { TagColour } from './components/Tag.tsx';

/** Human labels for the API's codes. Unknown codes fall back to a readable form of the code itself. */

export const ROLE_LABELS: Record<string, string> = {
  commissioner: 'Commissioner',
  contract_officer: 'Contract officer',
  finance: 'Finance officer',
  viewer: 'Viewer',
  authority_admin: 'Authority administrator',
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

/** Partnership kinds (issue 10, item 4), labelled in @concord/domain. */
export { PARTNERSHIP_KIND_LABELS } from '@concord/domain';

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

/* Joint procurement (issue 3). The domain's own labels (service types, routes, stages …) come from @concord/domain. */

/** The colour of each procurement stage's tag. */
export const PROCUREMENT_STATUS_COLOURS: Record<string, TagColour> = {
  draft: 'grey',
  market_engagement: 'light-blue',
  published: 'blue',
  evaluation: 'purple',
  award_approval: 'yellow',
  live: 'green',
  closed: 'grey',
  cancelled: 'red',
};

/** A provider's place on an approved list. */
export const LIST_STATUS_LABELS: Record<string, string> = { active: 'Active', suspended: 'Suspended', removed: 'Removed' };
export const LIST_STATUS_COLOURS: Record<string, TagColour> = { active: 'green', suspended: 'orange', removed: 'red' };
export const LIST_ACTION_LABELS: Record<string, string> = { admitted: 'Admitted', suspended: 'Suspended', reinstated: 'Reinstated', removed: 'Removed' };

export const APPLICATION_STATUS_LABELS: Record<string, string> = { received: 'Being evaluated', admitted: 'Admitted', rejected: 'Rejected', withdrawn: 'Withdrawn' };
export const APPLICATION_STATUS_COLOURS: Record<string, TagColour> = { received: 'blue', admitted: 'green', rejected: 'red', withdrawn: 'grey' };

/** Where an application stands in the evaluation of one lot (from the domain's ranking). */
export const EVALUATION_STATUS_LABELS: Record<string, string> = {
  ranked: 'Ranked',
  gateway_failed: 'Failed the gateway',
  below_threshold: 'Below the quality threshold',
  awaiting_scores: 'Awaiting scores',
  awaiting_moderation: 'Awaiting moderation',
};
export const EVALUATION_STATUS_COLOURS: Record<string, TagColour> = {
  ranked: 'green',
  gateway_failed: 'red',
  below_threshold: 'orange',
  awaiting_scores: 'grey',
  awaiting_moderation: 'yellow',
};

export const CQC_RATING_COLOURS: Record<string, TagColour> = {
  outstanding: 'turquoise',
  good: 'green',
  requires_improvement: 'orange',
  inadequate: 'red',
  not_yet_rated: 'grey',
};

export const SPECIFICATION_STATUS_LABELS: Record<string, string> = { draft: 'Draft', published: 'Published' };
export const SPECIFICATION_STATUS_COLOURS: Record<string, TagColour> = { draft: 'yellow', published: 'green' };
