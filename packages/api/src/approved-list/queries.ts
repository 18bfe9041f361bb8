import type { ApprovedListAction, ApprovedListStatus } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { findProcurement } from '../procurement/access.ts';

type Ctx = Pick<TenantContext, 'tx'>;

export interface ApprovedListLot {
  lot: { id: string; number: number; name: string; basis: string; expectedProviders: number | null };
  entries: {
    id: string;
    provider: { id: string; legalName: string; isSme: boolean; isVcse: boolean; cqcProviderId: string | null };
    status: ApprovedListStatus;
    admittedOn: string;
    events: { action: ApprovedListAction; effectiveOn: string; reason: string; recordedAt: string; recordedBy: string | null }[];
  }[];
}

/**
 * The approved list of a procurement, lot by lot, with each entry's history. The outcome partners buy
 * from, so every member of the partnership reads it; outsiders get NOT_FOUND.
 */
export async function getApprovedList(ctx: Ctx, procurementId: string): Promise<{ procurementId: string; lots: ApprovedListLot[] }> {
  const procurement = await findProcurement(ctx.tx, procurementId);
  const lots = await ctx.tx
    .selectFrom('lot')
    .select(['id', 'number', 'name', 'basis', 'expected_providers'])
    .where('procurement_id', '=', procurement.id)
    .orderBy('number')
    .execute();
  const entries = await ctx.tx
    .selectFrom('approved_list_entry as e')
    .innerJoin('provider as p', 'p.id', 'e.provider_id')
    .select(['e.id', 'e.lot_id', 'e.status', 'e.admitted_on', 'p.id as provider_id', 'p.legal_name', 'p.is_sme', 'p.is_vcse', 'p.cqc_provider_id'])
    .where('e.procurement_id', '=', procurement.id)
    .orderBy('p.legal_name')
    .orderBy('e.admitted_on')
    .execute();
  const events =
    entries.length === 0
      ? []
      : await ctx.tx
          .selectFrom('approved_list_event as v')
          .leftJoin('app_user as u', 'u.id', 'v.recorded_by')
          .select(['v.entry_id', 'v.action', 'v.effective_on', 'v.reason', 'v.recorded_at', 'u.display_name'])
          .where(
            'v.entry_id',
            'in',
            entries.map((e) => e.id),
          )
          .orderBy('v.effective_on')
          .orderBy('v.recorded_at')
          .execute();
  return {
    procurementId: procurement.id,
    lots: lots.map((l) => ({
      lot: { id: l.id, number: l.number, name: l.name, basis: l.basis, expectedProviders: l.expected_providers },
      entries: entries
        .filter((e) => e.lot_id === l.id)
        .map((e) => ({
          id: e.id,
          provider: { id: e.provider_id, legalName: e.legal_name, isSme: e.is_sme, isVcse: e.is_vcse, cqcProviderId: e.cqc_provider_id },
          status: e.status,
          admittedOn: e.admitted_on,
          events: events
            .filter((v) => v.entry_id === e.id)
            .map((v) => ({
              action: v.action,
              effectiveOn: v.effective_on,
              reason: v.reason,
              recordedAt: v.recorded_at.toISOString(),
              // Partners cannot see the lead's staff: they see that the lead authority recorded it.
              recordedBy: v.display_name,
            })),
        })),
    })),
  };
}
