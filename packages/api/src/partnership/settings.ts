import type { PartnershipRole } from '@concord/domain';
import { currentKpis } from '../kpi/queries.ts';
import type { PartnershipCtx } from './context.ts';
import { memberPartnership } from './commands.ts';
import { standardLibrary } from './kpi-set.ts';
import { getPartnership } from './queries.ts';

/**
 * The Partnership settings page (issue 10, items 4 and 5): members with their joined and left days, invitations
 * (the lead's), partnership roles, the KPI set and the history, for a current member; and the invitations an
 * authority has received.
 */
export async function partnershipSettings(ctx: PartnershipCtx & { canManage: boolean }, partnershipId: string) {
  const { tx, session } = ctx;
  const p = await memberPartnership(tx, partnershipId);
  const summary = await getPartnership(tx, partnershipId);
  const isLead = p.lead_authority_id === session.authorityId;
  const names = new Map((await tx.selectFrom('authority').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : null);

  const invitations = isLead
    ? (
        await tx
          .selectFrom('partnership_invitation')
          .select(['id', 'invited_authority_id', 'status', 'invited_at', 'responded_at'])
          .where('partnership_id', '=', p.id)
          .orderBy('invited_at', 'desc')
          .execute()
      ).map((i) => ({ id: i.id, authority: { id: i.invited_authority_id, name: nameOf(i.invited_authority_id)! }, status: i.status, invitedAt: i.invited_at, respondedAt: i.responded_at }))
    : [];

  const rolesStamp = await tx
    .selectFrom('partnership_role_version')
    .select('row_version')
    .where('authority_id', '=', session.authorityId)
    .where('partnership_id', '=', p.id)
    .executeTakeFirst();
  const roleRows = await tx.selectFrom('partnership_role').select(['authority_id', 'user_id', 'role']).where('partnership_id', '=', p.id).execute();
  const people = await tx
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'membership.role'])
    .where('membership.authority_id', '=', session.authorityId)
    .where('app_user.disabled_at', 'is', null)
    .orderBy('app_user.display_name')
    .execute();
  const peopleById = new Map<string, { id: string; name: string; authorityRoles: string[] }>();
  for (const r of people) {
    const entry = peopleById.get(r.id) ?? { id: r.id, name: r.display_name, authorityRoles: [] };
    entry.authorityRoles.push(r.role);
    peopleById.set(r.id, entry);
  }
  const roles = roleRows
    // A lead commissioner counts only in the lead authority (an earlier lead's keep no say after a handover).
    .filter((r) => r.role !== 'lead_commissioner' || r.authority_id === p.lead_authority_id)
    .map((r) => ({
      authority: { id: r.authority_id, name: nameOf(r.authority_id)! },
      role: r.role as PartnershipRole,
      // People of another authority are not seen by name (row-level security): their authority is.
      person: r.authority_id === session.authorityId ? { id: r.user_id, name: peopleById.get(r.user_id)?.name ?? 'Former colleague' } : null,
    }));

  const history = await tx
    .selectFrom('partnership_event')
    .select(['id', 'at', 'authority_id', 'actor_name', 'action', 'about_authority_id', 'detail'])
    .where('partnership_id', '=', p.id)
    .orderBy('at', 'desc')
    .orderBy('id')
    .execute();

  const excluded = new Set([...summary.members.map((m) => m.id), ...invitations.filter((i) => i.status === 'invited').map((i) => i.authority.id)]);
  const candidates = isLead
    ? (await tx.selectFrom('authority').select(['id', 'name']).where('active', '=', true).orderBy('name').execute()).filter((a) => !excluded.has(a.id))
    : [];
  const me = summary.members.find((m) => m.id === session.authorityId);

  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    purpose: p.purpose,
    /** The partnership's version, sent back with a change of its KPI set. */
    rowVersion: p.row_version,
    lead: { id: p.lead_authority_id, name: nameOf(p.lead_authority_id)! },
    proposedLead: p.proposed_lead_authority_id ? { id: p.proposed_lead_authority_id, name: nameOf(p.proposed_lead_authority_id)! } : null,
    me: { authorityId: session.authorityId, isLead, canManage: ctx.canManage, leftOn: me?.leftOn ?? null, joinedOn: me?.joinedOn ?? null },
    members: summary.members.map((m) => ({ id: m.id, name: m.name, isLead: m.isLead, joinedOn: m.joinedOn, leftOn: m.leftOn })),
    invitations,
    roles,
    /** The version of my authority's partnership roles, sent back when naming someone to one. */
    rolesVersion: rolesStamp?.row_version ?? 1,
    people: [...peopleById.values()],
    kpis: (await currentKpis(tx, p.id)).map((k) => ({ code: k.code, name: k.name })),
    library: standardLibrary(),
    candidates,
    history: history.map((e) => ({
      id: e.id,
      at: e.at,
      authority: { id: e.authority_id, name: nameOf(e.authority_id)! },
      actorName: e.actor_name,
      action: e.action,
      about: e.about_authority_id ? { id: e.about_authority_id, name: nameOf(e.about_authority_id)! } : null,
      detail: e.detail,
    })),
  };
}

/** The invitations my authority has received and not yet answered. */
export async function myInvitations(ctx: PartnershipCtx) {
  const rows = await ctx.tx
    .selectFrom('partnership_invitation as i')
    .innerJoin('authority as lead', 'lead.id', 'i.lead_authority_id')
    .select(['i.id', 'i.partnership_id', 'i.partnership_name', 'i.partnership_kind', 'i.partnership_purpose', 'lead.id as lead_id', 'lead.name as lead_name', 'i.invited_at'])
    .where('i.invited_authority_id', '=', ctx.session.authorityId)
    .where('i.status', '=', 'invited')
    .orderBy('i.invited_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    name: r.partnership_name,
    kind: r.partnership_kind,
    purpose: r.partnership_purpose,
    lead: { id: r.lead_id, name: r.lead_name },
    invitedAt: r.invited_at,
  }));
}
