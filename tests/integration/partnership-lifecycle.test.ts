import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, outcome, outcomeWithField as refusal, type Caller } from '../support/api.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { partnershipIdOf, userIdOf } from '../support/procurement.ts';

/**
 * Issue 10, item 4: a partnership is proposed, authorities are invited and accept or decline, members name their
 * people, leave from a date, and hand the lead over. Nothing of the partnership is shared with an invited
 * authority until it accepts; a member that has left sees nothing of it; benchmarks keep its earlier figures.
 */
const NAME = 'Kent and Coast Home Care';
const today = () => new Date().toISOString().slice(0, 10);

let connection: Connection;
let kent: Caller;
let kentViewer: Caller;
let sefton: Caller;
let seftonAdmin: Caller;
let plymouth: Caller;
let devon: Caller;
let partnershipId: string;
let procurementId: string;

const actions = async (caller: Caller) => (await caller.partnership.settings({ partnershipId })).history.map((e) => e.action);

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ kent, kentViewer, sefton, seftonAdmin, plymouth, devon } = await callersFor(connection, {
    kent: 'commissioner.kent@concord.example',
    kentViewer: 'viewer.kent@concord.example',
    sefton: 'commissioner.sefton@concord.example',
    seftonAdmin: 'admin.sefton@concord.example',
    plymouth: 'commissioner.plymouth@concord.example',
    devon: 'commissioner.devon@concord.example',
  }));
});
afterAll(() => connection.close());

describe('forming a partnership', () => {
  it('Kent proposes it and leads it, with its KPI set from the standard library', async () => {
    const library = await kent.partnership.kpiLibrary();
    expect(library.map((k) => k.code)).toContain('SL-01');
    ({ id: partnershipId } = await kent.partnership.propose({ idempotencyKey: randomUUID(), name: NAME, kind: 'tripartite', purpose: 'Joint home care across Kent and the coast', kpiCodes: ['SL-01'] }));
    const settings = await kent.partnership.settings({ partnershipId });
    expect(settings).toMatchObject({ name: NAME, kind: 'tripartite', purpose: 'Joint home care across Kent and the coast', lead: { id: GSS.kent }, proposedLead: null });
    expect(settings.members).toEqual([{ id: GSS.kent, name: 'Kent County Council', isLead: true, joinedOn: today(), leftOn: null }]);
    expect(settings.kpis.map((k) => k.code)).toEqual(['SL-01']);
    expect((await kent.kpi.list({ partnershipId })).partnerships.flatMap((p) => p.kpis.map((k) => k.code))).toEqual(['SL-01']);

    await kent.partnership.nameRole({ partnershipId, userId: await userIdOf(connection.db, 'commissioner.kent@concord.example'), role: 'lead_commissioner', version: 1 });
    ({ id: procurementId } = await kent.procurement.create({
      idempotencyKey: randomUUID(),
      partnershipId,
      title: 'Kent and Coast home care framework',
      serviceType: 'extra_care',
      route: 'pdps',
      regime: 'procurement_act_2023',
      buyerAuthorityIds: [GSS.kent],
    }));
  });

  it('an invited authority sees the invitation and nothing else of the partnership; declining shares nothing', async () => {
    const { invitationId } = await kent.partnership.invite({ partnershipId, authorityId: GSS.sefton });
    const invitations = await sefton.partnership.invitations();
    expect(invitations).toEqual([
      expect.objectContaining({ id: invitationId, partnershipId, name: NAME, kind: 'tripartite', purpose: 'Joint home care across Kent and the coast', lead: { id: GSS.kent, name: 'Kent County Council' } }),
    ]);
    // The partnership, its history, its procurement and its KPIs stay unseen.
    expect(await outcome(sefton.partnership.get({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(sefton.partnership.settings({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(sefton.procurement.get({ procurementId }))).toBe('NOT_FOUND');
    expect(await outcome(sefton.kpi.list({ partnershipId }))).toBe('NOT_FOUND');

    await sefton.partnership.declineInvitation({ invitationId });
    expect(await sefton.partnership.invitations()).toEqual([]);
    expect(await outcome(sefton.partnership.get({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(sefton.procurement.get({ procurementId }))).toBe('NOT_FOUND');
    // Answered once: not again.
    expect(await refusal(sefton.partnership.acceptInvitation({ invitationId }))).toBe('BAD_REQUEST invitationId');
    const kentView = await kent.partnership.settings({ partnershipId });
    expect(kentView.invitations).toEqual([expect.objectContaining({ id: invitationId, authority: { id: GSS.sefton, name: 'Sefton Council' }, status: 'declined' })]);
    expect(kentView.members.map((m) => m.id)).toEqual([GSS.kent]);
  });

  it('invited again, it accepts and sees the partnership and its procurement', async () => {
    const { invitationId } = await kent.partnership.invite({ partnershipId, authorityId: GSS.sefton });
    expect(await sefton.partnership.acceptInvitation({ invitationId })).toEqual({ partnershipId });
    expect((await sefton.partnership.get({ partnershipId })).members.map((m) => m.id).sort()).toEqual([GSS.kent, GSS.sefton].sort());
    expect((await sefton.procurement.get({ procurementId })).id).toBe(procurementId);
    const settings = await sefton.partnership.settings({ partnershipId });
    expect(settings.members.find((m) => m.id === GSS.sefton)).toMatchObject({ joinedOn: today(), leftOn: null, isLead: false });
    expect(settings.invitations).toEqual([]); // the lead's list, not the members'
    // Sefton can now buy from the partnership's procurements.
    expect(await outcome(kent.procurement.create({ idempotencyKey: randomUUID(), partnershipId, title: 'With Sefton', serviceType: 'extra_care', route: 'pdps', regime: 'procurement_act_2023', buyerAuthorityIds: [GSS.kent, GSS.sefton] }))).toBe('ok');
  });

  it('bad input is refused against its field and changes nothing', async () => {
    expect(await refusal(kent.partnership.invite({ partnershipId, authorityId: GSS.kent }))).toBe('BAD_REQUEST authorityId');
    expect(await refusal(kent.partnership.invite({ partnershipId, authorityId: GSS.sefton }))).toBe('BAD_REQUEST authorityId');
    expect(await refusal(kent.partnership.invite({ partnershipId, authorityId: 'E06999999' }))).toBe('BAD_REQUEST authorityId');
    const { invitationId } = await kent.partnership.invite({ partnershipId, authorityId: GSS.plymouth });
    expect(await refusal(kent.partnership.invite({ partnershipId, authorityId: GSS.plymouth }))).toBe('BAD_REQUEST authorityId');
    await kent.partnership.withdrawInvitation({ invitationId });
    expect(await plymouth.partnership.invitations()).toEqual([]);
    expect(await refusal(plymouth.partnership.acceptInvitation({ invitationId }))).toBe('BAD_REQUEST invitationId');

    expect(await refusal(kent.partnership.propose({ idempotencyKey: randomUUID(), name: NAME, kind: 'tripartite', purpose: 'Again', kpiCodes: [] }))).toBe('BAD_REQUEST name');
    // A name taken by a partnership Kent cannot see is refused the same way.
    expect(await refusal(kent.partnership.propose({ idempotencyKey: randomUUID(), name: 'LCR Tripartite', kind: 'tripartite', purpose: 'Again', kpiCodes: [] }))).toBe('BAD_REQUEST name');
    expect(await refusal(kent.partnership.propose({ idempotencyKey: randomUUID(), name: 'Another', kind: 'joint_commissioning' as never, purpose: 'x', kpiCodes: [] }))).toBe('BAD_REQUEST kind');
    expect(await refusal(kent.partnership.propose({ idempotencyKey: randomUUID(), name: 'Another', kind: 'tripartite', purpose: 'x', kpiCodes: ['ZZ-99'] }))).toBe('BAD_REQUEST kpiCodes');
    expect(await refusal(sefton.partnership.leave({ partnershipId, leaveOn: '2020-01-01' }))).toBe('BAD_REQUEST leaveOn');
    expect(await refusal(sefton.partnership.nameRole({ partnershipId, userId: await userIdOf(connection.db, 'viewer.kent@concord.example'), role: 'network_member', version: 1 }))).toBe('BAD_REQUEST userId');
    const names = await connection.db.selectFrom('partnership').select('name').where('name', '=', 'Another').execute();
    expect(names).toEqual([]);
  });

  it('only an administrator or commissioner acts, only the lead takes lead steps, and outsiders cannot tell it exists', async () => {
    expect(await outcome(kentViewer.partnership.propose({ idempotencyKey: randomUUID(), name: 'Viewer’s', kind: 'tripartite', purpose: 'x', kpiCodes: [] }))).toBe('FORBIDDEN');
    expect(await outcome(kentViewer.partnership.invite({ partnershipId, authorityId: GSS.devon }))).toBe('FORBIDDEN');
    expect((await kentViewer.partnership.settings({ partnershipId })).me.canManage).toBe(false);
    expect(await outcome(sefton.partnership.invite({ partnershipId, authorityId: GSS.devon }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.partnership.setKpiSet({ partnershipId, kpiCodes: [], version: 1 }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.partnership.nameRole({ partnershipId, userId: await userIdOf(connection.db, 'commissioner.sefton@concord.example'), role: 'lead_commissioner', version: 1 }))).toBe('FORBIDDEN');
    expect(await outcome(kent.partnership.leave({ partnershipId, leaveOn: today() }))).toBe('FORBIDDEN');
    const { invitationId } = await kent.partnership.invite({ partnershipId, authorityId: GSS.devon });
    expect(await outcome(kent.partnership.acceptInvitation({ invitationId }))).toBe('FORBIDDEN');
    expect(await outcome(plymouth.partnership.acceptInvitation({ invitationId }))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.partnership.settings({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.partnership.invite({ partnershipId, authorityId: GSS.devon }))).toBe('NOT_FOUND');
    await kent.partnership.withdrawInvitation({ invitationId });
  });

  it('an inactive authority can neither lead nor join', async () => {
    await connection.db.updateTable('authority').set({ active: false }).where('id', '=', GSS.devon).execute();
    try {
      expect(await refusal(kent.partnership.invite({ partnershipId, authorityId: GSS.devon }))).toBe('BAD_REQUEST authorityId');
      expect(await outcome(devon.partnership.propose({ idempotencyKey: randomUUID(), name: 'Devon alone', kind: 'regional_network', purpose: 'x', kpiCodes: [] }))).toBe('FORBIDDEN');
    } finally {
      await connection.db.updateTable('authority').set({ active: true }).where('id', '=', GSS.devon).execute();
    }
    const { invitationId } = await kent.partnership.invite({ partnershipId, authorityId: GSS.devon });
    await connection.db.updateTable('authority').set({ active: false }).where('id', '=', GSS.devon).execute();
    try {
      expect(await outcome(devon.partnership.acceptInvitation({ invitationId }))).toBe('FORBIDDEN');
    } finally {
      await connection.db.updateTable('authority').set({ active: true }).where('id', '=', GSS.devon).execute();
    }
    await kent.partnership.withdrawInvitation({ invitationId });
  });

  it('members name their own people to partnership roles', async () => {
    const seftonCommissioner = await userIdOf(connection.db, 'commissioner.sefton@concord.example');
    const { rolesVersion } = await sefton.partnership.settings({ partnershipId });
    const named = await sefton.partnership.nameRole({ partnershipId, userId: seftonCommissioner, role: 'network_member', version: rolesVersion });
    expect(named.rolesVersion).toBe(rolesVersion + 1);
    expect(await refusal(sefton.partnership.nameRole({ partnershipId, userId: seftonCommissioner, role: 'network_member', version: named.rolesVersion }))).toBe('BAD_REQUEST userId');
    const roles = (await sefton.partnership.settings({ partnershipId })).roles;
    expect(roles).toContainEqual({ authority: { id: GSS.sefton, name: 'Sefton Council' }, role: 'network_member', person: { id: seftonCommissioner, name: expect.any(String) } });
    // Kent's lead commissioner is shown to Sefton by authority, not by name.
    expect(roles).toContainEqual({ authority: { id: GSS.kent, name: 'Kent County Council' }, role: 'lead_commissioner', person: null });
  });

  it('naming from a stale page is refused with CONFLICT naming who changed the roles, and names no one (issue 12, item 4)', async () => {
    const [viewer, admin, adminName] = [
      await userIdOf(connection.db, 'viewer.sefton@concord.example'),
      await userIdOf(connection.db, 'admin.sefton@concord.example'),
      (await connection.db.selectFrom('app_user').select('display_name').where('email', '=', 'admin.sefton@concord.example').executeTakeFirstOrThrow()).display_name,
    ];
    const seen = (await sefton.partnership.settings({ partnershipId })).rolesVersion;
    const { rolesVersion } = await seftonAdmin.partnership.nameRole({ partnershipId, userId: viewer, role: 'network_member', version: seen });
    expect(rolesVersion).toBe(seen + 1);
    const stale = await inParallel([() => sefton.partnership.nameRole({ partnershipId, userId: admin, role: 'network_member', version: seen })]);
    expect(stale.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(changedBy(adminName)) }]);
    const sefts = async () =>
      (await connection.db.selectFrom('partnership_role').select('user_id').where('partnership_id', '=', partnershipId).where('authority_id', '=', GSS.sefton).execute()).map((r) => r.user_id);
    expect(await sefts()).not.toContain(admin);
    // Two people naming from one page at once: one is named, the other refused; the version moved on once.
    const officer = await userIdOf(connection.db, 'officer.sefton@concord.example');
    const both = await inParallel([
      () => sefton.partnership.nameRole({ partnershipId, userId: admin, role: 'network_member', version: rolesVersion }),
      () => seftonAdmin.partnership.nameRole({ partnershipId, userId: officer, role: 'network_member', version: rolesVersion }),
    ]);
    expect(both.ok).toHaveLength(1);
    expect((await sefts()).filter((id) => id === admin || id === officer)).toHaveLength(1);
    expect(both.refused.map((r) => r.code)).toEqual(['CONFLICT']);
    expect((await seftonAdmin.partnership.settings({ partnershipId })).rolesVersion).toBe(rolesVersion + 1);
  });

  it('the lead changes the KPI set: added from the library, taken out by a retired version', async () => {
    const { rowVersion } = await kent.partnership.settings({ partnershipId });
    const added = await kent.partnership.setKpiSet({ partnershipId, kpiCodes: ['SL-01', 'COST-01'], version: rowVersion });
    expect(added).toEqual({ added: ['COST-01'], retired: [], rowVersion: rowVersion + 1 });
    expect(await kent.partnership.setKpiSet({ partnershipId, kpiCodes: ['COST-01'], version: added.rowVersion })).toEqual({ added: [], retired: ['SL-01'], rowVersion: rowVersion + 2 });
    expect((await sefton.partnership.settings({ partnershipId })).kpis.map((k) => k.code)).toEqual(['COST-01']);
    const versions = await connection.db.selectFrom('kpi_definition').select(['code', 'version', 'retired']).where('partnership_id', '=', partnershipId).orderBy('code').orderBy('version').execute();
    expect(versions).toEqual([
      { code: 'COST-01', version: 1, retired: false },
      { code: 'SL-01', version: 1, retired: false },
      { code: 'SL-01', version: 2, retired: true },
    ]);
  });

  it('the lead is handed over when the lead proposes it and the other member accepts', async () => {
    expect(await refusal(kent.partnership.proposeLead({ partnershipId, authorityId: GSS.plymouth }))).toBe('BAD_REQUEST authorityId');
    expect(await outcome(sefton.partnership.acceptLead({ partnershipId }))).toBe('FORBIDDEN');
    await kent.partnership.proposeLead({ partnershipId, authorityId: GSS.sefton });
    expect((await sefton.partnership.settings({ partnershipId })).proposedLead).toEqual({ id: GSS.sefton, name: 'Sefton Council' });
    expect((await kent.partnership.settings({ partnershipId })).lead.id).toBe(GSS.kent); // not until Sefton accepts
    await sefton.partnership.acceptLead({ partnershipId });
    const settings = await kent.partnership.settings({ partnershipId });
    expect(settings).toMatchObject({ lead: { id: GSS.sefton }, proposedLead: null, me: { isLead: false } });
    expect(settings.members.find((m) => m.isLead)!.id).toBe(GSS.sefton);
    expect(await outcome(kent.partnership.invite({ partnershipId, authorityId: GSS.plymouth }))).toBe('FORBIDDEN');
    expect((await sefton.partnership.settings({ partnershipId })).candidates.map((c) => c.id)).toContain(GSS.plymouth);
  });

  it('a member that leaves sees nothing of the partnership from that day; the others still do', async () => {
    await kent.partnership.leave({ partnershipId, leaveOn: today() });
    expect(await outcome(kent.partnership.get({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(kent.partnership.settings({ partnershipId }))).toBe('NOT_FOUND');
    expect(await outcome(kent.procurement.get({ procurementId }))).toBe('NOT_FOUND');
    expect(await outcome(kent.partnership.leave({ partnershipId, leaveOn: today() }))).toBe('NOT_FOUND');
    expect((await sefton.procurement.get({ procurementId })).id).toBe(procurementId);
    const members = (await sefton.partnership.settings({ partnershipId })).members;
    expect(members.find((m) => m.id === GSS.kent)).toMatchObject({ leftOn: today(), isLead: false });
  });

  it('every step is in the history, seen by current members only', async () => {
    expect(await actions(sefton)).toEqual(
      expect.arrayContaining(['proposed', 'role_named', 'invited', 'declined', 'accepted', 'invitation_withdrawn', 'kpi_set_changed', 'lead_handover_proposed', 'lead_handed_over', 'left']),
    );
    const history = (await sefton.partnership.settings({ partnershipId })).history;
    expect(history.find((e) => e.action === 'declined')).toMatchObject({ authority: { id: GSS.sefton }, about: { id: GSS.sefton } });
    expect(history.find((e) => e.action === 'left')).toMatchObject({ authority: { id: GSS.kent }, detail: today() });
    expect(history.filter((e) => e.action === 'invited').map((e) => e.about!.id)).toEqual(expect.arrayContaining([GSS.sefton, GSS.plymouth, GSS.devon]));
    expect(await outcome(plymouth.partnership.settings({ partnershipId }))).toBe('NOT_FOUND');
  });
});

describe('leaving a network with benchmarks', () => {
  it('a member that left keeps its figures before leaving in the benchmark, and sees the benchmark no more', async () => {
    const peninsula = await partnershipIdOf(connection.db, 'South West Peninsula');
    const query = { partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 1 };
    const before = await devon.benchmark.get(query);
    expect(before.rows.find((r) => r.authorityId === GSS.plymouth)?.value).toBe(13);

    await plymouth.partnership.leave({ partnershipId: peninsula, leaveOn: today() });
    expect(await outcome(plymouth.benchmark.get(query))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.partnership.get({ partnershipId: peninsula }))).toBe('NOT_FOUND');
    const after = await devon.benchmark.get(query);
    expect(after.rows.find((r) => r.authorityId === GSS.plymouth)?.value).toBe(13);
    expect(after.rows.length).toBe(before.rows.length);
  });
});
