import { badRequest, forbidden, notFound, type PartnershipKindCode } from '@concord/domain';
import { refreshPartnershipIds, type Tx } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { recordEvent, today, type PartnershipCtx } from './context.ts';
import { addKpis } from './kpi-set.ts';

/**
 * Forming a partnership (issue 10, item 4): propose (the proposer's authority leads), invite authorities from the
 * registry, withdraw an invitation, and the invited authority accepts or declines. The policies of migration 0021
 * hold the same lines: only the lead invites, only the invited authority joins, nothing of the partnership but
 * the invitation's copy is seen until it has joined.
 */

async function activeAuthority(tx: Tx, id: string) {
  return tx.selectFrom('authority').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
}

/** A partnership the transaction's authority is a current member of (else NOT_FOUND), with its lead. */
export async function memberPartnership(tx: Tx, partnershipId: string) {
  const row = await tx
    .selectFrom('partnership')
    .select(['id', 'name', 'kind', 'purpose', 'lead_authority_id', 'proposed_lead_authority_id', 'row_version'])
    .where('id', '=', partnershipId)
    .where('id', '=', (eb) => eb.fn.any(eb.fn<string[]>('app_partnership_ids', [])))
    .executeTakeFirst();
  if (!row) throw notFound('Partnership');
  return row;
}

/** The same, for a step only the lead authority takes: another member is FORBIDDEN. */
export async function ledPartnership(ctx: PartnershipCtx, partnershipId: string, what: string) {
  const p = await memberPartnership(ctx.tx, partnershipId);
  if (p.lead_authority_id !== ctx.session.authorityId) throw forbidden(`Only the lead authority ${what}`);
  return p;
}

export async function proposePartnership(
  ctx: PartnershipCtx,
  input: { name: string; kind: PartnershipKindCode; purpose: string; kpiCodes: string[] },
): Promise<{ id: string }> {
  const me = await activeAuthority(ctx.tx, ctx.session.authorityId);
  if (!me?.active) throw forbidden('Your authority is marked inactive in the registry: it cannot lead a partnership');
  const id = randomUUID();
  // Names are unique across the platform, and another authority's partnership is unseen: the unique index answers.
  await ctx.tx
    .insertInto('partnership')
    .values({ id, name: input.name, kind: input.kind, purpose: input.purpose, lead_authority_id: ctx.session.authorityId })
    .execute()
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw badRequest('A partnership with this name already exists: choose another name', 'name');
      throw error;
    });
  await ctx.tx.insertInto('partnership_member').values({ authority_id: ctx.session.authorityId, partnership_id: id, joined_on: today(ctx) }).execute();
  await refreshPartnershipIds(ctx.tx);
  await addKpis(ctx, id, input.kpiCodes);
  await recordEvent(ctx, id, 'proposed', ctx.session.authorityId, input.name);
  return { id };
}

export async function inviteAuthority(ctx: PartnershipCtx, input: { partnershipId: string; authorityId: string }): Promise<{ invitationId: string }> {
  const p = await ledPartnership(ctx, input.partnershipId, 'invites authorities');
  const code = input.authorityId.toUpperCase();
  const invited = await activeAuthority(ctx.tx, code);
  if (!invited) throw badRequest('Choose an authority from the registry', 'authorityId');
  if (!invited.active) throw badRequest(`${invited.name} is marked inactive in the registry: it cannot join a partnership`, 'authorityId');
  if (code === ctx.session.authorityId) throw badRequest('Your own authority leads this partnership already', 'authorityId');
  const member = await ctx.tx.selectFrom('partnership_member').select(['left_on']).where('partnership_id', '=', p.id).where('authority_id', '=', code).executeTakeFirst();
  if (member) {
    throw badRequest(member.left_on ? `${invited.name} has left this partnership: rejoining is not possible yet` : `${invited.name} is already a member`, 'authorityId');
  }
  const pending = await ctx.tx.selectFrom('partnership_invitation').select('id').where('partnership_id', '=', p.id).where('invited_authority_id', '=', code).where('status', '=', 'invited').executeTakeFirst();
  if (pending) throw badRequest(`${invited.name} has already been invited: wait for its answer or withdraw the invitation`, 'authorityId');
  const { id } = await ctx.tx
    .insertInto('partnership_invitation')
    .values({
      authority_id: ctx.session.authorityId,
      partnership_id: p.id,
      invited_authority_id: code,
      partnership_name: p.name,
      partnership_kind: p.kind,
      partnership_purpose: p.purpose,
      lead_authority_id: p.lead_authority_id,
      invited_by: ctx.session.userId,
      invited_at: ctx.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(ctx, p.id, 'invited', code);
  return { invitationId: id };
}

async function pendingInvitation(ctx: PartnershipCtx, invitationId: string) {
  const row = await ctx.tx
    .selectFrom('partnership_invitation')
    .select(['id', 'partnership_id', 'invited_authority_id', 'status', 'lead_authority_id'])
    .where('id', '=', invitationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Invitation');
  if (row.status !== 'invited') throw badRequest('This invitation has already been answered or withdrawn: reload the page', 'invitationId');
  return row;
}

export async function withdrawInvitation(ctx: PartnershipCtx, invitationId: string): Promise<void> {
  const inv = await pendingInvitation(ctx, invitationId);
  if (inv.invited_authority_id === ctx.session.authorityId) throw forbidden('Only the lead authority withdraws an invitation: decline it instead');
  await ledPartnership(ctx, inv.partnership_id, 'withdraws invitations');
  await recordEvent(ctx, inv.partnership_id, 'invitation_withdrawn', inv.invited_authority_id);
  await answer(ctx, inv.id, 'withdrawn');
}

async function answer(ctx: PartnershipCtx, id: string, status: 'accepted' | 'declined' | 'withdrawn') {
  await ctx.tx.updateTable('partnership_invitation').set({ status, responded_by: ctx.session.userId, responded_at: ctx.now() }).where('id', '=', id).execute();
}

async function invitationToMe(ctx: PartnershipCtx, invitationId: string) {
  const inv = await pendingInvitation(ctx, invitationId);
  // The lead sees its invitations too, but only the invited authority answers one.
  if (inv.invited_authority_id !== ctx.session.authorityId) throw forbidden('Only the invited authority answers an invitation');
  return inv;
}

/** The invited authority joins from today: from now on it sees what the partnership shares. */
export async function acceptInvitation(ctx: PartnershipCtx, invitationId: string): Promise<{ partnershipId: string }> {
  const inv = await invitationToMe(ctx, invitationId);
  const me = await activeAuthority(ctx.tx, ctx.session.authorityId);
  if (!me?.active) throw forbidden('Your authority is marked inactive in the registry: it cannot join a partnership');
  await ctx.tx.insertInto('partnership_member').values({ authority_id: ctx.session.authorityId, partnership_id: inv.partnership_id, joined_on: today(ctx) }).execute();
  await recordEvent(ctx, inv.partnership_id, 'accepted', ctx.session.authorityId);
  await answer(ctx, inv.id, 'accepted');
  await refreshPartnershipIds(ctx.tx);
  return { partnershipId: inv.partnership_id };
}

/** Declined: nothing is shared, and the lead may invite the authority again. */
export async function declineInvitation(ctx: PartnershipCtx, invitationId: string): Promise<void> {
  const inv = await invitationToMe(ctx, invitationId);
  await recordEvent(ctx, inv.partnership_id, 'declined', ctx.session.authorityId);
  await answer(ctx, inv.id, 'declined');
}
