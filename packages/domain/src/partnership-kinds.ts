/**
 * The kinds of partnership and their words (issue 10, item 4), kept apart from the partnership's inputs so that a page
 * naming a partnership's kind does not need zod (issue 14).
 */
export const PARTNERSHIP_KINDS = ['tripartite', 'regional_network', 'council_with_nhs', 'framework_consortium'] as const;
export type PartnershipKindCode = (typeof PARTNERSHIP_KINDS)[number];

export const PARTNERSHIP_KIND_LABELS: Record<PartnershipKindCode, string> = {
  tripartite: 'Tripartite',
  regional_network: 'Regional network or peninsula',
  council_with_nhs: 'Council with NHS partners',
  framework_consortium: 'Framework consortium',
};
