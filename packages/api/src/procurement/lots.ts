import { LOT_COLUMNS } from '@concord/db';
import { badRequest, DomainError, notFound } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { lockForEdit } from '../versions.ts';
import { procurementForLead } from './access.ts';
import { assertBeforePublication, assertNotFinal } from './commands.ts';
import { VOLUME_MESSAGE, type CreateLotInput, type UpdateLotInput } from './input.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

async function assertNumberFree(ctx: Ctx, procurementId: string, number: number, exceptLotId?: string): Promise<void> {
  let query = ctx.tx.selectFrom('lot').select('id').where('procurement_id', '=', procurementId).where('number', '=', number);
  if (exceptLotId) query = query.where('id', '<>', exceptLotId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `There is already a lot ${number}`, 'number');
}

/** A lot is added before publication only: the lots are part of what providers apply to. */
export async function createLot(ctx: Ctx, input: CreateLotInput): Promise<{ id: string; number: number }> {
  const p = await procurementForLead(ctx, input.procurementId);
  assertBeforePublication(p, 'The lots', 'procurementId');
  let number = input.number;
  if (number === undefined) {
    const last = await ctx.tx.selectFrom('lot').select('number').where('procurement_id', '=', p.id).orderBy('number', 'desc').limit(1).executeTakeFirst();
    number = (last?.number ?? 0) + 1;
  } else {
    await assertNumberFree(ctx, p.id, number);
  }
  const { id } = await ctx.tx
    .insertInto('lot')
    .values({
      authority_id: p.authorityId,
      partnership_id: p.partnershipId,
      procurement_id: p.id,
      number,
      name: input.name,
      basis: input.basis,
      description: input.description ?? null,
      estimated_volume: input.estimatedVolume ?? null,
      volume_unit: input.volumeUnit ?? null,
      expected_providers: input.expectedProviders ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, number };
}

async function lotForLead(ctx: Ctx, lotId: string) {
  const lot = await ctx.tx.selectFrom('lot').select(LOT_COLUMNS).where('id', '=', lotId).executeTakeFirst();
  if (!lot) throw notFound('Lot');
  return { lot, procurement: await procurementForLead(ctx, lot.procurement_id) };
}

/**
 * A lot's details can be kept up to date (volumes, expected providers) until the procurement closes;
 * its number and basis, which providers applied against, only before publication.
 */
export async function updateLot(ctx: Ctx, input: UpdateLotInput): Promise<{ id: string; rowVersion: number }> {
  const { procurement } = await lotForLead(ctx, input.lotId);
  assertNotFinal(procurement, 'lotId');
  const rowVersion = await lockForEdit(ctx.tx, 'lot', input.lotId, input.version, 'Lot');
  const { lot } = await lotForLead(ctx, input.lotId);
  if (input.number !== undefined && input.number !== lot.number) {
    assertBeforePublication(procurement, 'A lot’s number', 'number');
    await assertNumberFree(ctx, procurement.id, input.number, lot.id);
  }
  if (input.basis !== undefined && input.basis !== lot.basis) assertBeforePublication(procurement, 'A lot’s basis', 'basis');
  const volume = input.estimatedVolume !== undefined ? input.estimatedVolume : lot.estimated_volume;
  const unit = input.volumeUnit !== undefined ? input.volumeUnit : lot.volume_unit;
  if (volume != null && unit == null) throw badRequest(VOLUME_MESSAGE.message, 'volumeUnit');
  const set = {
    ...(input.number !== undefined && { number: input.number }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.basis !== undefined && { basis: input.basis }),
    ...(input.description !== undefined && { description: input.description ?? null }),
    ...(input.estimatedVolume !== undefined && { estimated_volume: input.estimatedVolume ?? null }),
    ...(input.volumeUnit !== undefined && { volume_unit: input.volumeUnit ?? null }),
    ...(input.expectedProviders !== undefined && { expected_providers: input.expectedProviders ?? null }),
  };
  if (Object.keys(set).length === 0) return { id: lot.id, rowVersion };
  const { row_version } = await ctx.tx.updateTable('lot').set(set).where('id', '=', lot.id).returning('row_version').executeTakeFirstOrThrow();
  return { id: lot.id, rowVersion: row_version };
}

/** Only before publication: after that, providers may have applied to it. */
export async function deleteLot(ctx: Ctx, lotId: string): Promise<{ id: string }> {
  const { lot, procurement } = await lotForLead(ctx, lotId);
  assertBeforePublication(procurement, 'The lots', 'lotId');
  await ctx.tx.deleteFrom('lot').where('id', '=', lot.id).execute();
  return { id: lot.id };
}
