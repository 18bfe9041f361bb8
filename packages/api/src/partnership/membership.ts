import { refreshPartnershipIds } from '@concord/db';
import { ROLE_LABELS, badRequest, checkLeavingDay, forbidden, notFound, type PartnershipRole } from '@concord/domain';
import { recordEvent, today, type PartnershipCtx } from './context.ts';
import { ledPartnership, memberPartnership } from './commands.ts';
import { lockKeyedVersion } from '../versions.ts';

/** The row holding the version of my authority's roles in a partnership. */
const rolesKey = (ctx: PartnershipCtx, partnershipId: string) => ({ authority_id: ctx.session.authorityId, partnership_id: partnershipId });

/**
 * Being a member (issue 10, item 4): naming the authority's people to partnership roles, leaving from a date,
 * and handing the lead to another member (the lead proposes, the other member accepts).
 */

/** A member other than the lead leaves from a day (today or later): from that day it sees nothing new of it. */
export async function leavePartnership(ctx: PartnershipCtx, input: { partnershipId: string; leaveOn: string }): Promise<{ leftOn: string }> {
  const p = await memberPartnership(ctx.tx, input.partnershipId);
  if (p.lead_authority_id === ctx.session.authorityId) throw forbidden('The lead authority cannot leave: hand the lead to another member first');
  const member = await ctx.tx
    .selectFrom('partnership_member')
    .select(['joined_on', 'left_on'])
    .where('partnership_id', '=', p.id)
    .where('authority_id', '=', ctx.session.authorityId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  checkLeavingDay(input.leaveOn, today(ctx), member.joined_on);
  if (p.proposed_lead_authority_id === ctx.session.authorityId) {
    throw badRequest('The lead has proposed handing the lead to your authority: ask them to withdraw it before leaving', 'leaveOn');
  }
  await ctx.tx.updateTable('partnership_member').set({ left_on: input.leaveOn }).where('partnership_id', '=', p.id).where('authority_id', '=', ctx.session.authorityId).execute();
  await recordEvent(ctx, p.id, 'left', ctx.session.authorityId, input.leaveOn);
  return { leftOn: input.leaveOn };
}

async function colleague(ctx: PartnershipCtx, userId: string) {
  const person = await ctx.tx
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .where('id', 'in', ctx.tx.selectFrom('membership').select('user_id').where('authority_id', '=', ctx.session.authorityId))
    .executeTakeFirst();
  if (!person) throw badRequest('Choose an active person of your authority', 'userId');
  return person;
}

/**
 * Lead commissioners are named by the lead authority; network members by each member, from its own people. The
 * form's `version` of my authority's roles must still be theirs (the seed names without one); returns the new one.
 */
export async function nameRole(ctx: PartnershipCtx, input: { partnershipId: string; userId: string; role: PartnershipRole; version?: number }): Promise<number> {
  const p = input.role === 'lead_commissioner' ? await ledPartnership(ctx, input.partnershipId, 'names lead commissioners') : await memberPartnership(ctx.tx, input.partnershipId);
  const person = await colleague(ctx, input.userId);
  const rolesVersion = await lockKeyedVersion(ctx.tx, 'partnership_role_version', rolesKey(ctx, p.id), input.version);
  const inserted = await ctx.tx
    .insertInto('partnership_role')
    .values({ authority_id: ctx.session.authorityId, partnership_id: p.id, user_id: person.id, role: input.role })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!inserted) throw badRequest(`${person.display_name} already holds this role`, 'userId');
  await recordEvent(ctx, p.id, 'role_named', ctx.session.authorityId, `${person.display_name}, ${ROLE_LABELS[input.role].toLowerCase()}`);
  return rolesVersion;
}

export async function removeRole(ctx: PartnershipCtx, input: { partnershipId: string; userId: string; role: PartnershipRole }): Promise<void> {
  const p = input.role === 'lead_commissioner' ? await ledPartnership(ctx, input.partnershipId, 'removes lead commissioners') : await memberPartnership(ctx.tx, input.partnershipId);
  const removed = await ctx.tx
    .deleteFrom('partnership_role')
    .where('authority_id', '=', ctx.session.authorityId)
    .where('partnership_id', '=', p.id)
    .where('user_id', '=', input.userId)
    .where('role', '=', input.role)
    .returning('user_id')
    .executeTakeFirst();
  if (!removed) throw notFound('Partnership role');
  await lockKeyedVersion(ctx.tx, 'partnership_role_version', rolesKey(ctx, p.id));
  const person = await ctx.tx.selectFrom('app_user').select('display_name').where('id', '=', input.userId).executeTakeFirst();
  await recordEvent(ctx, p.id, 'role_removed', ctx.session.authorityId, `${person?.display_name ?? 'Someone'}, ${ROLE_LABELS[input.role].toLowerCase()}`);
}

/** The lead proposes another current member as lead (or, with null, withdraws its proposal). */
export async function proposeLead(ctx: PartnershipCtx, input: { partnershipId: string; authorityId: string | null }): Promise<void> {
  const p = await ledPartnership(ctx, input.partnershipId, 'hands over the lead');
  if (input.authorityId === null) {
    if (!p.proposed_lead_authority_id) throw badRequest('No handover has been proposed', 'authorityId');
    await ctx.tx.updateTable('partnership').set({ proposed_lead_authority_id: null }).where('id', '=', p.id).execute();
    await recordEvent(ctx, p.id, 'lead_handover_withdrawn', p.proposed_lead_authority_id);
    return;
  }
  const code = input.authorityId.toUpperCase();
  if (code === ctx.session.authorityId) throw badRequest('Choose another member: your authority is the lead already', 'authorityId');
  const member = await ctx.tx
    .selectFrom('partnership_member')
    .innerJoin('authority', 'authority.id', 'partnership_member.authority_id')
    .select(['left_on', 'authority.active'])
    .where('partnership_id', '=', p.id)
    .where('authority_id', '=', code)
    .executeTakeFirst();
  if (!member || member.left_on !== null || !member.active) throw badRequest('Choose a current, active member of the partnership', 'authorityId');
  await ctx.tx.updateTable('partnership').set({ proposed_lead_authority_id: code }).where('id', '=', p.id).execute();
  await recordEvent(ctx, p.id, 'lead_handover_proposed', code);
}

/** The proposed member accepts and becomes the lead authority. */
export async function acceptLead(ctx: PartnershipCtx, partnershipId: string): Promise<void> {
  const p = await memberPartnership(ctx.tx, partnershipId);
  if (p.proposed_lead_authority_id !== ctx.session.authorityId) throw forbidden('The lead has not proposed handing the lead to your authority');
  const updated = await ctx.tx
    .updateTable('partnership')
    .set({ lead_authority_id: ctx.session.authorityId, proposed_lead_authority_id: null })
    .where('id', '=', p.id)
    .where('proposed_lead_authority_id', '=', ctx.session.authorityId)
    .execute();
  if (Number(updated[0]?.numUpdatedRows ?? 0) !== 1) throw notFound('Partnership');
  // The lead's write policies read app.led_partnership_ids (migration 0052): the new lead writes as one from here on.
  await refreshPartnershipIds(ctx.tx);
  await recordEvent(ctx, p.id, 'lead_handed_over', ctx.session.authorityId, p.lead_authority_id);
}
