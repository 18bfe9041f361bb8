import { badRequest } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { procurementForLead } from './access.ts';
import { assertNotFinal } from './commands.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

/**
 * A window in which a reopenable framework takes new providers. Frameworks only (a PDPS, DPS or dynamic
 * market is open all the time; a closed framework never reopens), and not once closed or cancelled.
 * Windows of one framework may not overlap: each admission belongs to exactly one reopening.
 */
export async function createReopening(
  ctx: Ctx,
  input: { procurementId: string; opensOn: string; closesOn: string; reason: string },
): Promise<{ id: string }> {
  const p = await procurementForLead(ctx, input.procurementId);
  if (p.route !== 'framework') throw badRequest('Only a reopenable framework agreement can be reopened', 'procurementId');
  assertNotFinal(p);
  // Two reopenings entered at once wait on the procurement's row, so they cannot both pass the overlap check.
  await ctx.tx.selectFrom('procurement').select('id').where('id', '=', p.id).forUpdate().execute();
  const overlapping = await ctx.tx
    .selectFrom('reopening')
    .select(['opens_on', 'closes_on'])
    .where('procurement_id', '=', p.id)
    .where('opens_on', '<=', input.closesOn)
    .where('closes_on', '>=', input.opensOn)
    .executeTakeFirst();
  if (overlapping) throw badRequest(`This overlaps the reopening from ${overlapping.opens_on} to ${overlapping.closes_on}`, 'opensOn');
  const { id } = await ctx.tx
    .insertInto('reopening')
    .values({
      authority_id: p.authorityId,
      partnership_id: p.partnershipId,
      procurement_id: p.id,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      reason: input.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}
