import { notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import type { BenchmarkResult } from '../benchmark/compute.ts';
import { asShownNow } from '../benchmark/queries.ts';
import { isLeadCommissioner } from '../procurement/access.ts';
import { currentMember } from '../partnership/members.ts';

export interface MeetingAction {
  id: string;
  meetingId: string;
  meetingHeldOn: string;
  owner: { id: string; name: string };
  description: string;
  dueOn: string;
  status: 'open' | 'done' | 'dropped';
  /** Sent back with a status change: one made from a stale page is CONFLICT. */
  rowVersion: number;
}

export interface PackSnapshot {
  title: string;
  asAt: string;
  results: BenchmarkResult[];
}

async function authorityNames(tx: Tx): Promise<Map<string, string>> {
  return new Map((await tx.selectFrom('authority').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));
}

export async function listMeetings(tx: Tx, partnershipId?: string) {
  let q = tx
    .selectFrom('network_meeting as m')
    .innerJoin('partnership as p', 'p.id', 'm.partnership_id')
    .leftJoin('benchmark_pack as b', 'b.meeting_id', 'm.id')
    .select(['m.id', 'm.partnership_id', 'p.name as partnership_name', 'm.held_on', 'm.title', 'b.id as pack_id', 'b.issued_at'])
    .orderBy('m.held_on', 'desc');
  if (partnershipId) q = q.where('m.partnership_id', '=', partnershipId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
    heldOn: r.held_on,
    title: r.title,
    pack: r.pack_id ? { id: r.pack_id, issuedAt: new Date(r.issued_at!).toISOString() } : null,
  }));
}

/** A meeting with its agenda, attendance, its own actions and the open actions carried in from earlier meetings. */
export async function getMeeting(ctx: Pick<TenantContext, 'tx' | 'roles' | 'session'>, meetingId: string) {
  const { tx } = ctx;
  const m = await tx
    .selectFrom('network_meeting as m')
    .innerJoin('partnership as p', 'p.id', 'm.partnership_id')
    .selectAll('m')
    .select(['p.name as partnership_name', 'p.lead_authority_id'])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw notFound('Meeting');
  const names = await authorityNames(tx);
  const actions = await tx
    .selectFrom('meeting_action as a')
    .innerJoin('network_meeting as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'a.meeting_id', 'm.held_on', 'a.owner_authority_id', 'a.description', 'a.due_on', 'a.status', 'a.row_version'])
    .where('a.partnership_id', '=', m.partnership_id)
    .where((eb) => eb.or([eb('a.meeting_id', '=', m.id), eb.and([eb('m.held_on', '<', m.held_on), eb('a.status', '=', 'open')])]))
    .orderBy('a.due_on')
    .execute();
  const toAction = (a: (typeof actions)[number]): MeetingAction => ({
    id: a.id,
    meetingId: a.meeting_id,
    meetingHeldOn: a.held_on,
    owner: { id: a.owner_authority_id, name: names.get(a.owner_authority_id) ?? a.owner_authority_id },
    description: a.description,
    dueOn: a.due_on,
    status: a.status,
    rowVersion: a.row_version,
  });
  const pack = await tx.selectFrom('benchmark_pack').select(['id', 'title', 'issued_at', 'kpi_codes']).where('meeting_id', '=', m.id).executeTakeFirst();
  const members = await tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', m.partnership_id).where(currentMember()).execute();
  return {
    id: m.id,
    partnershipId: m.partnership_id,
    partnershipName: m.partnership_name,
    heldOn: m.held_on,
    title: m.title,
    agenda: m.agenda,
    attending: m.attending.map((id) => ({ id, name: names.get(id) ?? id })),
    members: members.map((x) => ({ id: x.authority_id, name: names.get(x.authority_id) ?? x.authority_id })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    actions: actions.filter((a) => a.meeting_id === m.id).map(toAction),
    carriedForward: actions.filter((a) => a.meeting_id !== m.id).map(toAction),
    pack: pack ? { id: pack.id, title: pack.title, issuedAt: new Date(pack.issued_at).toISOString(), kpiCodes: pack.kpi_codes } : null,
    canEdit: await isLeadCommissioner(ctx, { id: m.partnership_id, leadAuthorityId: m.lead_authority_id }),
  };
}

/** My authority's view of an issued pack: exactly as it was when issued. */
export async function getPack(tx: Tx, authorityId: string, packId: string): Promise<PackSnapshot & { packId: string; meetingId: string }> {
  const pack = await tx.selectFrom('benchmark_pack').select(['id', 'meeting_id']).where('id', '=', packId).executeTakeFirst();
  if (!pack) throw notFound('Benchmark pack');
  const view = await tx.selectFrom('benchmark_pack_view').select('snapshot').where('pack_id', '=', packId).where('viewer_authority_id', '=', authorityId).executeTakeFirst();
  if (!view) throw notFound('Benchmark pack');
  const snapshot = view.snapshot as PackSnapshot;
  // Frozen figures, but shown under today's anonymity rule: a pack issued before it may hold an exact size.
  const results = await Promise.all(snapshot.results.map((r) => asShownNow(tx, r)));
  return { packId: pack.id, meetingId: pack.meeting_id, ...snapshot, results };
}
