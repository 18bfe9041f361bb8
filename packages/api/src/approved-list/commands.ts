import { badRequest, LIST_CHANGE_RECORDED, longDate, nextListStatus, notFound, type ListChangeInput } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { procurementForLead } from '../procurement/access.ts';
import { londonDate } from '../procurement/dates.ts';
import { alreadyChanged } from '../versions.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session' | 'now'>;

/**
 * Suspends, reinstates or removes a provider's place on a lot's list, with the reason and the date it
 * takes effect (not in the future: the list says what is true now). Lead commissioner only.
 */
export async function changeListEntry(ctx: Ctx, input: ListChangeInput): Promise<{ id: string; status: string }> {
  const entry = await ctx.tx.selectFrom('approved_list_entry').selectAll().where('id', '=', input.entryId).executeTakeFirst();
  if (!entry) throw notFound('Approved list entry');
  const procurement = await procurementForLead(ctx, entry.procurement_id);
  if (input.effectiveOn > londonDate(ctx.now())) throw badRequest('The change cannot take effect in the future', 'effectiveOn');
  if (input.effectiveOn < entry.admitted_on) throw badRequest(`The change cannot take effect before the provider was admitted (${longDate(entry.admitted_on)})`, 'effectiveOn');
  const status = nextListStatus(entry.status, input.action);
  // The status is checked in the statement that changes it: two changes made at once cannot both apply.
  const changed = await ctx.tx.updateTable('approved_list_entry').set({ status }).where('id', '=', entry.id).where('status', '=', entry.status).returning('id').executeTakeFirst();
  if (!changed) throw await alreadyChanged(ctx.tx, 'approved_list_entry', entry.id, 'This provider’s place on the list was already changed');
  await ctx.tx
    .insertInto('approved_list_event')
    .values({
      authority_id: procurement.authorityId,
      partnership_id: procurement.partnershipId,
      entry_id: entry.id,
      action: LIST_CHANGE_RECORDED[input.action],
      effective_on: input.effectiveOn,
      reason: input.reason,
      recorded_by: ctx.session.userId,
    })
    .execute();
  return { id: entry.id, status };
}
