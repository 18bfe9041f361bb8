import { describe, expect, it } from 'vitest';
import { callersFor, GSS, type Caller } from '../support/api.ts';
import { seededFileWithCallers } from '../support/seeded-file.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { failure, fixtureProcurement, LIVERPOOL_COMMISSIONER, procurementSnapshot, refusedUnchanged, tablesSnapshot } from '../support/procurement.ts';

/**
 * Issue 12, item 4: every edit of procurements, business cases, cost models, evaluation criteria, the RAG matrix,
 * a partnership's KPI set and a person's roles REQUIRES the version of the record the person loaded. For each
 * procedure: without a version it is BAD_REQUEST on `version`; with the version a first editor has just moved on
 * from, it is CONFLICT on `version`, naming that editor and when, and nothing is written.
 */
const EMAILS = {
  liverpool: LIVERPOOL_COMMISSIONER,
  plymouth: 'commissioner.plymouth@concord.example',
  leicestershire: 'commissioner.leicestershire@concord.example',
  seftonAdmin: 'admin.sefton@concord.example',
};
type Who = keyof typeof EMAILS;

const { as, connection, db, nameOf } = seededFileWithCallers(EMAILS);

/** One edit, arranged on a fresh record: `save(version)` sends the edit from that version of it. */
interface Case {
  who: Who;
  arrange: () => Promise<{ version: number; save: (version: number | undefined) => Promise<unknown> }>;
  /** What must not change when the stale edit is refused (read as the owner). */
  snapshot: () => Promise<string>;
}

const procurementCase = (save: (c: Caller, procurementId: string, version: number | undefined) => Promise<unknown>): Case => ({
  who: 'liverpool',
  arrange: async () => {
    const p = await fixtureProcurement(db());
    return { version: (await as.liverpool.procurement.get({ procurementId: p.id })).rowVersion, save: (version) => save(as.liverpool, p.id, version) };
  },
  snapshot: () => procurementSnapshot(db()),
});

const scale = (scaleMax: number) => ({ scaleMax, descriptors: Array.from({ length: scaleMax + 1 }, (_, score) => ({ score, descriptor: `Level ${score}` })) });
const plymouthCaseId = async () => (await db().insertInto('business_case').values({ authority_id: GSS.plymouth, title: 'Versions case' }).returning('id').executeTakeFirstOrThrow()).id;
const tripartiteId = async () => (await db().selectFrom('partnership').select('id').where('name', 'like', '%Tripartite%').executeTakeFirstOrThrow()).id;
const homeCareModelId = async () => (await db().selectFrom('cost_model').select('id').where('name', '=', 'Help to Live at Home hourly rate').executeTakeFirstOrThrow()).id;

// `version as number` lets the missing-version call through the types: it is what a script leaving it out sends.
const CASES: Record<string, Case> = {
  'procurement.update': procurementCase((c, procurementId, version) => c.procurement.update({ procurementId, version: version as number, title: `Retitled ${version}` })),
  'procurement.setBuyers': procurementCase((c, procurementId, version) => c.procurement.setBuyers({ procurementId, version: version as number, buyerAuthorityIds: [GSS.liverpool, GSS.knowsley] })),
  'procurement.setMilestones': procurementCase((c, procurementId, version) =>
    c.procurement.setMilestones({ procurementId, version: version as number, milestones: [{ name: `Launch ${version}`, plannedStart: '2030-01-01' }] }),
  ),
  'criteria.set': procurementCase((c, procurementId, version) =>
    c.criteria.set({ procurementId, version: version as number, criteria: [{ kind: 'quality', name: `Quality ${version}`, weightPercent: 100 }] }),
  ),
  'criteria.setScale': procurementCase((c, procurementId, version) => c.criteria.setScale({ procurementId, version: version as number, scale: scale(version === 1 ? 3 : 4), qualityThresholdPercent: 40 })),
  'criteria.setGatewayQuestions': procurementCase((c, procurementId, version) =>
    c.criteria.setGatewayQuestions({ procurementId, version: version as number, questions: [{ question: `Insured (${version})` }] }),
  ),
  'businessCase.update': {
    who: 'plymouth',
    arrange: async () => {
      const businessCaseId = await plymouthCaseId();
      const { rowVersion } = await as.plymouth.businessCase.get({ businessCaseId });
      return { version: rowVersion, save: (version) => as.plymouth.businessCase.update({ businessCaseId, version: version as number, title: `Case ${version}` }) };
    },
    snapshot: () => tablesSnapshot(db(), ['business_case']),
  },
  'costModel.updateDraft': {
    who: 'leicestershire',
    arrange: async () => {
      const draft = await as.leicestershire.costModel.createDraft({ costModelId: await homeCareModelId(), effectiveFrom: '2031-04-01', changeNote: 'Versions test' });
      const { row_version } = await db().selectFrom('cost_model_version').select('row_version').where('id', '=', draft.id).executeTakeFirstOrThrow();
      return { version: row_version, save: (version) => as.leicestershire.costModel.updateDraft({ versionId: draft.id, version: version as number, changeNote: `Note ${version}` }) };
    },
    snapshot: () => tablesSnapshot(db(), ['cost_model_version']),
  },
  'risk.setMatrix': {
    who: 'plymouth',
    arrange: async () => ({
      version: (await as.plymouth.risk.matrix()).rowVersion,
      save: (version) => as.plymouth.risk.setMatrix({ amberFrom: 4 + (version ?? 0), redFrom: 15, version: version as number }),
    }),
    snapshot: () => tablesSnapshot(db(), ['risk_rag_matrix']),
  },
  'partnership.setKpiSet': {
    who: 'liverpool',
    arrange: async () => {
      const partnershipId = await tripartiteId();
      const settings = await as.liverpool.partnership.settings({ partnershipId });
      const current = settings.kpis.map((k) => k.code);
      return {
        version: settings.rowVersion,
        save: (version) => as.liverpool.partnership.setKpiSet({ partnershipId, version: version as number, kpiCodes: version === settings.rowVersion ? current : current.slice(1) }),
      };
    },
    snapshot: () => tablesSnapshot(db(), ['partnership', 'kpi_definition', 'partnership_event']),
  },
  'people.setRoles': {
    who: 'seftonAdmin',
    arrange: async () => {
      const { id: userId } = await db().selectFrom('app_user').select('id').where('email', '=', 'viewer.sefton@concord.example').executeTakeFirstOrThrow();
      const person = (await as.seftonAdmin.people.list()).people.find((p) => p.userId === userId)!;
      return { version: person.rowVersion, save: (version) => as.seftonAdmin.people.setRoles({ userId, version: version as number, roles: version === person.rowVersion ? ['viewer'] : ['viewer', 'finance'] }) };
    },
    snapshot: () => tablesSnapshot(db(), ['membership', 'membership_version']),
  },
};

describe('an edit from a stale version is refused with CONFLICT, naming who changed the record and when, and writes nothing', () => {
  it.each(Object.entries(CASES))('%s', async (_, c) => {
    const { version, save } = await c.arrange();
    expect(await refusedUnchanged(c.snapshot, () => save(undefined))).toMatchObject({ code: 'BAD_REQUEST', field: 'version' });

    // The first editor saves from the version they loaded; the second, who loaded the same one, is refused.
    await save(version);
    const refused = await refusedUnchanged(c.snapshot, () => save(version));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(refused.message).toMatch(changedBy(await nameOf(EMAILS[c.who])));
  });
});

describe('the version moves on with each save, so a form can save again from what it was told', () => {
  it('the procurement’s edits chain through the versions they return, and the last one is what stays', async () => {
    const p = await fixtureProcurement(db());
    const lead = as.liverpool;
    const updated = await lead.procurement.update({ procurementId: p.id, version: 1, title: 'Chained' });
    const buyers = await lead.procurement.setBuyers({ procurementId: p.id, version: updated.rowVersion, buyerAuthorityIds: [GSS.liverpool] });
    const timeline = await lead.procurement.setMilestones({ procurementId: p.id, version: buyers.rowVersion, milestones: [] });
    const criteria = await lead.criteria.set({ procurementId: p.id, version: timeline.rowVersion, criteria: [{ kind: 'quality', name: 'Quality', weightPercent: 100 }] });
    const scaled = await lead.criteria.setScale({ procurementId: p.id, version: criteria.rowVersion, scale: scale(3) });
    const questions = await lead.criteria.setGatewayQuestions({ procurementId: p.id, version: scaled.rowVersion, questions: [] });
    expect([updated, buyers, timeline, criteria, scaled, questions].map((r) => r.rowVersion)).toEqual([2, 3, 4, 5, 6, 7]);
    const after = await lead.procurement.get({ procurementId: p.id });
    expect(after).toMatchObject({ rowVersion: 7, title: 'Chained', criteriaTotalPercent: 100 });
    expect(after.gatewayQuestions).toEqual([]);
  });

  it('a first RAG matrix: the default bands are version 1; two editors who loaded them, the second is refused', async () => {
    const kent = (await callersFor(connection(), { kent: 'commissioner.kent@concord.example' })).kent;
    expect(await kent.risk.matrix()).toMatchObject({ isDefault: true, rowVersion: 1 });
    expect((await kent.risk.setMatrix({ amberFrom: 6, redFrom: 16, version: 1 })).rowVersion).toBe(2);
    const refused = await failure(kent.risk.setMatrix({ amberFrom: 3, redFrom: 9, version: 1 }));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const now = await kent.risk.matrix();
    expect(now).toMatchObject({ isDefault: false, rowVersion: 2 });
    // Likelihood 1 × impact 5 = 5: amber in the default bands and in the refused ones (amber from 3), green in the first editor's.
    expect(now.matrix[0]![4]).toBe('green');
  });

  it('at once (truly parallel on PostgreSQL): of two first matrices, or two role changes from version 1, one applies', async () => {
    const [devon, devonToo] = Object.values(await callersFor(connection(), { a: 'commissioner.devon@concord.example', b: 'commissioner.devon@concord.example' }));
    const matrices = await inParallel([() => devon!.risk.setMatrix({ amberFrom: 6, redFrom: 16, version: 1 }), () => devonToo!.risk.setMatrix({ amberFrom: 3, redFrom: 9, version: 1 })]);
    expect(matrices.ok).toHaveLength(1);
    expect(matrices.refused.map((r) => r.code)).toEqual(['CONFLICT']);
    expect((await devon!.risk.matrix()).rowVersion).toBe(2);

    const { id: userId } = await db().selectFrom('app_user').select('id').where('email', '=', 'commissioner.sefton@concord.example').executeTakeFirstOrThrow();
    const admins = await callersFor(connection(), { a: EMAILS.seftonAdmin, b: EMAILS.seftonAdmin });
    const roles = await inParallel([
      () => admins.a.people.setRoles({ userId, version: 1, roles: ['commissioner', 'finance'] }),
      () => admins.b.people.setRoles({ userId, version: 1, roles: ['commissioner', 'viewer'] }),
    ]);
    expect(roles.ok).toHaveLength(1);
    expect(roles.refused.map((r) => r.code)).toEqual(['CONFLICT']);
    const kept = (await db().selectFrom('membership').select('role').where('user_id', '=', userId).where('authority_id', '=', GSS.sefton).orderBy('role').execute()).map((r) => r.role);
    expect(kept).toEqual(roles.ok[0]!.roles.toSorted());
  });

  it('a person’s roles: version 1 until first changed, then each change moves it on, shown by people.list', async () => {
    const { id: userId } = await db().selectFrom('app_user').select('id').where('email', '=', 'officer.sefton@concord.example').executeTakeFirstOrThrow();
    const listed = async () => (await as.seftonAdmin.people.list()).people.find((p) => p.userId === userId)!;
    expect((await listed()).rowVersion).toBe(1);
    expect(await as.seftonAdmin.people.setRoles({ userId, version: 1, roles: ['contract_officer', 'finance'] })).toEqual({ roles: ['contract_officer', 'finance'], rowVersion: 2 });
    expect(await listed()).toMatchObject({ rowVersion: 2, roles: ['contract_officer', 'finance'] });
  });
});
