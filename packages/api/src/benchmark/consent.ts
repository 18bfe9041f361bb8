import type { BenchmarkConsentMode, Tx } from '@concord/db';

/**
 * Benchmark consent (issue 6): each authority chooses, per partnership, whether the other members see its
 * figures named or anonymised ("Authority C"). With no choice recorded an authority is NAMED: members of
 * a network share figures by default, as the seed papers describe; anonymity is opted into.
 * An authority's own figures are always named to itself, whatever it chose.
 *
 * Reusable by any area that shows one member's figures to the others (e.g. cost-model comparisons).
 */
export const DEFAULT_CONSENT: BenchmarkConsentMode = 'named';

/** Every member's choice for a partnership of mine (row-level security: members only), default filled in. */
export async function consentByAuthority(tx: Tx, partnershipId: string): Promise<Map<string, BenchmarkConsentMode>> {
  const [members, choices] = await Promise.all([
    tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', partnershipId).execute(),
    tx.selectFrom('benchmark_consent').select(['authority_id', 'mode']).where('partnership_id', '=', partnershipId).execute(),
  ]);
  const byAuthority = new Map<string, BenchmarkConsentMode>(members.map((m) => [m.authority_id, DEFAULT_CONSENT]));
  for (const c of choices) byAuthority.set(c.authority_id, c.mode);
  return byAuthority;
}

/** Whether `viewerAuthorityId` may see `authorityId`'s figures under its name in this partnership. */
export function isNamedTo(consent: Map<string, BenchmarkConsentMode>, authorityId: string, viewerAuthorityId: string | null): boolean {
  return authorityId === viewerAuthorityId || (consent.get(authorityId) ?? DEFAULT_CONSENT) === 'named';
}

/**
 * Stable labels for anonymised members: "Authority A", "Authority B"… assigned in an order that does not
 * follow names or GSS codes (a keyed hash of partnership and authority), so the letter gives nothing away.
 */
export function anonymousLabels(partnershipId: string, anonymisedAuthorityIds: readonly string[]): Map<string, string> {
  const hash = (s: string) => {
    let h = 2166136261;
    for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    return h;
  };
  const ordered = [...anonymisedAuthorityIds].sort((a, b) => hash(`${partnershipId}:${a}`) - hash(`${partnershipId}:${b}`) || (a < b ? -1 : 1));
  return new Map(ordered.map((id, i) => [id, `Authority ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`]));
}

/** Records my authority's choice for a partnership of mine (row-level security refuses anyone else's). */
export async function setConsent(tx: Tx, authorityId: string, partnershipId: string, mode: BenchmarkConsentMode): Promise<void> {
  await tx
    .insertInto('benchmark_consent')
    .values({ authority_id: authorityId, partnership_id: partnershipId, mode, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['authority_id', 'partnership_id']).doUpdateSet({ mode, updated_at: new Date() }))
    .execute();
}
