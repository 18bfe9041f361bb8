import type { BenchmarkConsentMode, Tx } from '@concord/db';
import { DEFAULT_CONSENT } from '@concord/domain';

/**
 * Benchmark consent (issue 6): each authority chooses, per partnership, whether the other members see its
 * figures named or anonymised ("Authority C"). With no choice recorded an authority is NAMED: members of
 * a network share figures by default, as the seed papers describe; anonymity is opted into.
 * An authority's own figures are always named to itself, whatever it chose.
 *
 * Reusable by any area that shows one member's figures to the others (e.g. cost-model comparisons).
 */
export { DEFAULT_CONSENT, anonymousLabels, isNamedTo } from '@concord/domain';

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

/** Records my authority's choice for a partnership of mine (row-level security refuses anyone else's). */
export async function setConsent(tx: Tx, authorityId: string, partnershipId: string, mode: BenchmarkConsentMode): Promise<void> {
  await tx
    .insertInto('benchmark_consent')
    .values({ authority_id: authorityId, partnership_id: partnershipId, mode, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['authority_id', 'partnership_id']).doUpdateSet({ mode, updated_at: new Date() }))
    .execute();
}
