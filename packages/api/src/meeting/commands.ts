import { badRequest, notFound } from '@concord/domain';
import type { MeetingActionStatus } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { benchmark } from '../benchmark/queries.ts';
import { lastPeriodEndedBy } from '../kpi/periods.ts';
import { alreadyChanged } from '../versions.ts';
import { currentKpi } from '../kpi/queries.ts';
import { assertLeadCommissioner, findPartnership } from '../procurement/access.ts';
import type { PackSnapshot } from './queries.ts';
import { currentMember } from '../partnership/members.ts';

/**
 * Network meetings are the partnership's record, kept by its lead commissioner (the convenor): the lead
 * schedules meetings, records actions (each owned by a member authority) and issues the benchmark pack.
 */
async function meetingForLead(ctx: TenantContext, meetingId: string) {
  const m = await ctx.tx.selectFrom('network_meeting').select(['id', 'partnership_id', 'held_on', 'title']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw notFound('Meeting');
  const partnership = await findPartnership(ctx.tx, m.partnership_id);
  await assertLeadCommissioner(ctx, partnership);
  return { ...m, partnership };
}

async function assertMembers(ctx: TenantContext, partnershipId: string, authorityIds: string[], field: string) {
  const members = new Set((await ctx.tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', partnershipId).where(currentMember()).execute()).map((m) => m.authority_id));
  const stranger = authorityIds.find((id) => !members.has(id));
  if (stranger) throw badRequest(`${stranger} is not a member of this partnership`, field);
}

export async function createMeeting(ctx: TenantContext, input: { partnershipId: string; heldOn: string; title: string; agenda: string; attending: string[] }) {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  await assertLeadCommissioner(ctx, partnership);
  await assertMembers(ctx, partnership.id, input.attending, 'attending');
  return ctx.tx
    .insertInto('network_meeting')
    .values({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, held_on: input.heldOn, title: input.title, agenda: input.agenda, attending: input.attending })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function addAction(ctx: TenantContext, input: { meetingId: string; ownerAuthorityId: string; description: string; dueOn: string }) {
  const m = await meetingForLead(ctx, input.meetingId);
  await assertMembers(ctx, m.partnership_id, [input.ownerAuthorityId], 'ownerAuthorityId');
  if (input.dueOn < m.held_on) throw badRequest('An action is due on or after the meeting that agreed it', 'dueOn');
  return ctx.tx
    .insertInto('meeting_action')
    .values({ authority_id: m.partnership.leadAuthorityId, partnership_id: m.partnership_id, meeting_id: m.id, owner_authority_id: input.ownerAuthorityId, description: input.description, due_on: input.dueOn })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/**
 * Moves an action to a status, from the version the person saw: the update itself checks that version, so of
 * two changes made from one page at once only one applies; the other is a CONFLICT naming who changed it.
 */
export async function setActionStatus(ctx: TenantContext, input: { actionId: string; status: MeetingActionStatus; version: number }) {
  const a = await ctx.tx.selectFrom('meeting_action').select(['id', 'meeting_id']).where('id', '=', input.actionId).executeTakeFirst();
  if (!a) throw notFound('Action');
  await meetingForLead(ctx, a.meeting_id);
  const changed = await ctx.tx
    .updateTable('meeting_action')
    .set({ status: input.status })
    .where('id', '=', a.id)
    .where('row_version', '=', input.version)
    .returning('row_version')
    .executeTakeFirst();
  if (!changed) throw await alreadyChanged(ctx.tx, 'meeting_action', a.id, 'This action was already changed');
  return { id: a.id, status: input.status, rowVersion: changed.row_version };
}

/**
 * Issues the meeting's benchmark pack: each chosen KPI's benchmark is computed NOW and frozen, once per
 * member (each sees its own figures named, the others as they consented), with the time as "as at".
 * The tables grant no UPDATE or DELETE: later returns, corrections or consent changes never alter it.
 * Each KPI compares its latest period with any return, or with `periodsEndedBy` its latest period ended
 * by that date (so a pack is not made of a month only one member has returned yet).
 */
export async function issuePack(ctx: TenantContext, input: { meetingId: string; kpiCodes: string[]; periodCount: number; title?: string | null | undefined; periodsEndedBy?: string | null | undefined }) {
  const m = await meetingForLead(ctx, input.meetingId);
  const existing = await ctx.tx.selectFrom('benchmark_pack').select('id').where('meeting_id', '=', m.id).executeTakeFirst();
  if (existing) throw badRequest('This meeting’s pack has already been issued: packs are frozen once issued', 'meetingId');
  const asAt = ctx.now().toISOString();
  const title = input.title?.trim() || `${m.partnership.name}: benchmark pack for ${m.title}`;
  const members = (await ctx.tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', m.partnership_id).where(currentMember()).execute()).map((x) => x.authority_id);
  const views = new Map<string, PackSnapshot>(members.map((id) => [id, { title, asAt, results: [] }]));
  for (const code of input.kpiCodes) {
    for (const viewer of members) {
      try {
        const period = input.periodsEndedBy ? lastPeriodEndedBy((await currentKpi(ctx.tx, m.partnership_id, code)).frequency, input.periodsEndedBy).start : undefined;
        views.get(viewer)!.results.push(await benchmark(ctx.tx, viewer, { partnershipId: m.partnership_id, kpiCode: code, periodCount: input.periodCount, period }));
      } catch (error) {
        if ((error as { kind?: string }).kind === 'NOT_FOUND') throw badRequest(`${code}: no such KPI, or nothing published for it yet`, 'kpiCodes');
        throw error;
      }
    }
  }
  const periods = [...new Set([...views.values()][0]!.results.flatMap((r) => r.periods.map((p) => p.start)))].sort();
  const pack = await ctx.tx
    .insertInto('benchmark_pack')
    .values({ authority_id: m.partnership.leadAuthorityId, partnership_id: m.partnership_id, meeting_id: m.id, title, kpi_codes: input.kpiCodes, periods, issued_at: asAt })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  for (const [viewer, snapshot] of views) {
    await ctx.tx
      .insertInto('benchmark_pack_view')
      .values({ authority_id: m.partnership.leadAuthorityId, partnership_id: m.partnership_id, pack_id: pack.id, viewer_authority_id: viewer, snapshot: JSON.stringify(snapshot) })
      .execute();
  }
  return { id: pack.id, asAt };
}
