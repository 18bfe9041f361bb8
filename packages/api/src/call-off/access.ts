import { badRequest, notFound } from '@concord/domain';
import { CALL_OFF_COLUMNS, type Tx } from '@concord/db';

/**
 * What a partner authority may call off from. The procurement is read through its partnership's policies
 * (outsiders: NOT_FOUND); my authority must be one of its buyers and it must be live. A lot is open to every
 * buyer, except a geography lot named for a buyer authority's own area (the Tripartite's lots are Sefton,
 * Knowsley and Liverpool): only that authority buys from it.
 */
export interface CallOffSource {
  procurement: { id: string; reference: string; title: string; status: string; serviceType: string; scaleMax: number; specificationVersionId: string | null };
  lot: { id: string; number: number; name: string };
}

export async function buyerNames(tx: Tx, procurementId: string) {
  return tx
    .selectFrom('procurement_buyer as b')
    .innerJoin('authority as a', 'a.id', 'b.buyer_authority_id')
    .select(['a.id', 'a.name'])
    .where('b.procurement_id', '=', procurementId)
    .execute();
}

/** The authority a geography lot is reserved to, if its name is a buyer's area. */
export function lotReservedFor(lot: { name: string; basis: string }, buyers: { id: string; name: string }[]): string | null {
  if (lot.basis !== 'geography') return null;
  return buyers.find((b) => b.name.toLowerCase().startsWith(`${lot.name.toLowerCase()} `))?.id ?? null;
}

export async function callOffSource(tx: Tx, authorityId: string, procurementId: string, lotId: string): Promise<CallOffSource> {
  const p = await tx
    .selectFrom('procurement')
    .select(['id', 'reference', 'title', 'status', 'service_type', 'scale_max', 'specification_id', 'specification_version_id'])
    .where('id', '=', procurementId)
    .executeTakeFirst();
  if (!p) throw notFound('Procurement');
  const buyers = await buyerNames(tx, p.id);
  if (!buyers.some((b) => b.id === authorityId)) throw badRequest(`Your authority is not a buyer under ${p.reference}, so it cannot call off from it`, 'procurementId');
  if (p.status !== 'live') throw badRequest(`${p.reference} is not live (it is at the ${p.status.replace(/_/g, ' ')} stage): call off only from a live arrangement`, 'procurementId');
  const lot = await tx.selectFrom('lot').select(['id', 'number', 'name', 'basis', 'procurement_id']).where('id', '=', lotId).executeTakeFirst();
  if (!lot || lot.procurement_id !== p.id) throw badRequest(`That lot is not a lot of ${p.reference}`, 'lotId');
  const reserved = lotReservedFor(lot, buyers);
  if (reserved && reserved !== authorityId) throw badRequest(`Lot ${lot.number} (${lot.name}) is for ${buyers.find((b) => b.id === reserved)!.name} to buy from, not your authority`, 'lotId');
  let versionId = p.specification_version_id;
  if (!versionId && p.specification_id) {
    const v = await tx
      .selectFrom('specification_version')
      .select('id')
      .where('specification_id', '=', p.specification_id)
      .where('status', '=', 'published')
      .orderBy('version', 'desc')
      .executeTakeFirst();
    versionId = v?.id ?? null;
  }
  return {
    procurement: { id: p.id, reference: p.reference, title: p.title, status: p.status, serviceType: p.service_type, scaleMax: p.scale_max, specificationVersionId: versionId },
    lot: { id: lot.id, number: lot.number, name: lot.name },
  };
}

/** The active approved-list entry of a provider on a lot, or BAD_REQUEST naming the field. */
export async function activeEntry(tx: Tx, lotId: string, providerId: string, field = 'providerId'): Promise<{ id: string; providerName: string }> {
  const entry = await tx
    .selectFrom('approved_list_entry as e')
    .innerJoin('provider as p', 'p.id', 'e.provider_id')
    .select(['e.id', 'e.status', 'p.legal_name'])
    .where('e.lot_id', '=', lotId)
    .where('e.provider_id', '=', providerId)
    .where('e.status', '<>', 'removed')
    .executeTakeFirst();
  if (!entry) throw badRequest('That provider is not on this lot’s approved list', field);
  if (entry.status !== 'active') throw badRequest(`${entry.legal_name} is ${entry.status} on this lot’s approved list: only an active provider can be called off`, field);
  return { id: entry.id, providerName: entry.legal_name };
}

/**
 * The call-off a command changes, locked until its transaction ends: its status is checked and moved on by one
 * request at a time, so two awards (or an award and a cancellation) made at once cannot both apply.
 */
export async function findCallOff(tx: Tx, callOffId: string) {
  const row = await tx.selectFrom('call_off').select(CALL_OFF_COLUMNS).where('id', '=', callOffId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Call-off');
  return row;
}
