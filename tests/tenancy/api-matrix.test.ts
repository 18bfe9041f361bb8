import { randomUUID } from 'node:crypto';
import { appRouter, type SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, DEMO_PASSWORD, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import {
  fixtureApplication,
  fixtureEntry,
  fixtureProcurement,
  fixtureProvider,
  fixtureSpecification,
  LIVERPOOL_COMMISSIONER,
  LIVERPOOL_OFFICER,
  LIVERPOOL_VIEWER,
  PLYMOUTH_COMMISSIONER,
  seededTripartite,
  SEFTON_COMMISSIONER,
  userIdOf,
} from '../support/procurement.ts';
import { ACTORS, API_MATRIX, PROCUREMENT_ACTORS, PROCUREMENT_MATRIX, type Actor, type ProcurementActor } from './api-matrix.ts';
import { PARTNERSHIP_MATRIX } from './partnership-matrix.ts'; // issue 10, item 4: its calls are in partnership-api-matrix.test.ts
import { PRIVATE_MATRIX } from './private-matrix.ts'; // issue 4: its calls are in private-api-matrix.test.ts
import { COST_MODEL_MATRIX } from './cost-model-matrix.ts'; // issue 5: its calls are in cost-model-api-matrix.test.ts
import { BUSINESS_CASE_MATRIX } from './business-case-matrix.ts'; // issue 7: its calls are in business-case-api-matrix.test.ts
import { BENCHMARK_MATRIX } from './benchmark-matrix.ts'; // issue 6: its calls are in benchmark-api-matrix.test.ts
import { registryCalls } from './registry-calls.ts'; // issue 10, item 2
import { setupCalls } from './setup-calls.ts'; // issue 10, item 1
import { PEOPLE_MATRIX } from './people-matrix.ts'; // issue 10, item 3: its calls are in people-api-matrix.test.ts
import { twoStepCalls } from './two-step-calls.ts'; // issue 10, item 3
import { ALSO_CLASSIFIED_FOR_AUTHORITIES, PROVIDER_MATRIX } from './provider-matrix.ts'; // issue 11: its calls are in provider-api-matrix.test.ts

const EMAIL: Record<Exclude<Actor, 'signedOut'>, string> = {
  viewer: 'viewer.sefton@concord.example',
  contract_officer: 'officer.sefton@concord.example',
  commissioner: 'commissioner.sefton@concord.example',
  admin: 'admin@concord.example',
};

let connection: Connection;
let tripartiteId: string;
let peninsulaId: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  const ids = await connection.db.selectFrom('partnership').select(['id', 'name']).execute();
  tripartiteId = ids.find((p) => p.name === 'LCR Tripartite')!.id;
  peninsulaId = ids.find((p) => p.name === 'South West Peninsula')!.id;
  // An event of another authority that no Sefton caller may ever see.
  await connection.db.insertInto('audit_event').values({ authority_id: GSS.kent, procedure: 'marker.kent', outcome: 'success', request_id: 'kent' }).execute();
});
afterAll(() => connection.close());

type Caller = ReturnType<typeof callerFor>;
type Call = (caller: Caller, target: 'own' | 'other', actor: Actor, me: SessionIdentity | null) => Promise<unknown>;
const REGISTRY_CALLS: Record<string, Call> = registryCalls(() => connection);
const SETUP_CALLS: Record<string, Call> = setupCalls(() => connection);
const TWO_STEP_CALLS: Record<string, Call> = twoStepCalls(() => connection, (actor) => EMAIL[actor as Exclude<Actor, 'signedOut'>]);

/** How each procedure is called for a target, and what its result must (not) contain. */
const CALLS: Record<string, Call> = {
  'auth.signIn': (c, target, actor) =>
    c.auth.signIn({ email: EMAIL[actor === 'signedOut' ? 'viewer' : actor], password: target === 'own' ? DEMO_PASSWORD : 'wrong password' }),
  'auth.me': async (c, _t, actor, me) => {
    const result = await c.auth.me();
    expect(result?.userId ?? null).toBe(actor === 'signedOut' ? null : me!.userId);
  },
  'auth.signOut': (c) => c.auth.signOut(),
  'auth.sessions': async (c, _t, _a, me) => {
    const sessions = await c.auth.sessions();
    expect(sessions.find((s) => s.current)?.id).toBe(me!.sessionId);
  },
  'auth.revokeSession': async (c, target, actor) => {
    const victim = target === 'own' ? EMAIL[actor === 'signedOut' ? 'viewer' : actor] : 'viewer.kent@concord.example';
    const { session } = await signIn(connection, victim);
    return c.auth.revokeSession({ sessionId: session.sessionId });
  },
  'authority.mine': async (c) => {
    const mine = await c.authority.mine();
    expect(mine.authority.id).toBe(GSS.sefton);
    expect(mine.partnerships.map((p) => p.name)).toEqual(['LCR Tripartite']);
  },
  'partnership.get': async (c, target) => {
    const partnership = await c.partnership.get({ partnershipId: target === 'own' ? tripartiteId : peninsulaId });
    expect(partnership.lead.id).toBe(GSS.liverpool);
  },
  'apiToken.list': async (c) => {
    const kent = await kentToken();
    const mine = await c.apiToken.list();
    expect(mine.map((t) => t.id)).not.toContain(kent.id);
  },
  'apiToken.create': async (c) => {
    const created = await c.apiToken.create({ idempotencyKey: randomUUID(), label: 'Matrix token', expiresInDays: 30 });
    expect(created.token).toMatch(/^concord_pat_[A-Za-z0-9_-]{43}$/);
    expect((await c.apiToken.list()).find((t) => t.id === created.id)?.status).toBe('active');
  },
  'apiToken.revoke': async (c, target) => c.apiToken.revoke({ tokenId: target === 'own' ? (await c.apiToken.create({ idempotencyKey: randomUUID(), label: 'Matrix token' })).id : (await kentToken()).id }),
  ...REGISTRY_CALLS,
  ...SETUP_CALLS,
  ...TWO_STEP_CALLS,
};

/** A token of Kent's commissioner, which no Sefton caller may see or revoke. */
async function kentToken() {
  const { session } = await signIn(connection, 'commissioner.kent@concord.example');
  return callerFor(connection, session).apiToken.create({ idempotencyKey: randomUUID(), label: 'Kent token' });
}

describe('API tenancy matrix', () => {
  it('classifies every procedure of the router, each in exactly one matrix', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const providerOnly = Object.keys(PROVIDER_MATRIX).filter((p) => !ALSO_CLASSIFIED_FOR_AUTHORITIES.includes(p));
    const classified = [...Object.keys(API_MATRIX), ...Object.keys(PROCUREMENT_MATRIX), ...Object.keys(PRIVATE_MATRIX), ...Object.keys(COST_MODEL_MATRIX), ...Object.keys(BUSINESS_CASE_MATRIX), ...Object.keys(BENCHMARK_MATRIX), ...Object.keys(PEOPLE_MATRIX), ...Object.keys(PARTNERSHIP_MATRIX), ...providerOnly];
    expect(classified.sort()).toEqual(procedures);
    expect([...Object.keys(CALLS), ...Object.keys(PROCUREMENT_CALLS), ...Object.keys(PRIVATE_MATRIX), ...Object.keys(COST_MODEL_MATRIX), ...Object.keys(BUSINESS_CASE_MATRIX), ...Object.keys(BENCHMARK_MATRIX), ...Object.keys(PEOPLE_MATRIX), ...Object.keys(PARTNERSHIP_MATRIX), ...providerOnly].sort()).toEqual(procedures);
  });

  for (const [path, expectation] of Object.entries(API_MATRIX)) {
    for (const actor of ACTORS) {
      for (const target of ['own', 'other'] as const) {
        const expected = expectation[actor][target];
        it(`${path} as ${actor} on ${target}: ${expected}`, async () => {
          // A fresh session per cell: some cells sign out or revoke.
          const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
          expect(await outcome(CALLS[path]!(callerFor(connection, me), target, actor, me))).toBe(expected);
        });
      }
    }
  }
});

// ── Joint procurement (issue 3): the Tripartite's procurements, led by Liverpool ───────────────────────

const PROCUREMENT_EMAIL: Record<Exclude<ProcurementActor, 'signedOut'>, string> = {
  lead: LIVERPOOL_COMMISSIONER,
  leadOfficer: LIVERPOOL_OFFICER,
  leadViewer: LIVERPOOL_VIEWER,
  partner: SEFTON_COMMISSIONER,
  outsider: PLYMOUTH_COMMISSIONER,
  admin: 'admin@concord.example',
};

type ProcurementCall = (caller: Caller, actor: ProcurementActor) => Promise<unknown>;
const db = () => connection.db;
const today = () => new Date().toISOString().slice(0, 10);
const leadId = () => userIdOf(db(), LIVERPOOL_COMMISSIONER);

/**
 * How each procedure is called. Writes get a fresh fixture each time, so a cell that succeeds does not
 * change what the next one meets; reads use the seeded Tripartite Extra Care PDPS.
 */
const PROCUREMENT_CALLS: Record<string, ProcurementCall> = {
  'procurement.list': async (c, actor) => {
    const list = await c.procurement.list();
    expect(list.some((p) => p.reference === 'LCR-EC-2018')).toBe(actor !== 'outsider');
  },
  'procurement.get': async (c, actor) => {
    const p = await c.procurement.get({ procurementId: (await seededTripartite(db())).id });
    expect(p.lead.id).toBe(GSS.liverpool);
    expect(p.canEdit).toBe(actor === 'lead');
  },
  'procurement.create': async (c) =>
    c.procurement.create({
      idempotencyKey: randomUUID(),
      partnershipId: tripartiteId,
      title: 'Matrix procurement',
      serviceType: 'extra_care',
      route: 'pdps',
      regime: 'procurement_act_2023',
      buyerAuthorityIds: [GSS.liverpool],
    }),
  'procurement.update': async (c) => c.procurement.update({ procurementId: (await fixtureProcurement(db())).id, version: 1, title: 'Renamed' }),
  'procurement.transition': async (c) =>
    c.procurement.transition({ procurementId: (await fixtureProcurement(db())).id, to: 'market_engagement', decisionReference: 'Matrix decision' }),
  'procurement.setMilestones': async (c) =>
    c.procurement.setMilestones({ procurementId: (await fixtureProcurement(db())).id, version: 1, milestones: [{ name: 'Launch', plannedStart: '2030-01-01' }] }),
  'procurement.setBuyers': async (c) => c.procurement.setBuyers({ procurementId: (await fixtureProcurement(db())).id, version: 1, buyerAuthorityIds: [GSS.knowsley] }),
  'procurement.ocds': async (c) => {
    const pkg = await c.procurement.ocds({ procurementId: (await seededTripartite(db())).id });
    expect((pkg as { publisher: { name: string } }).publisher.name).toBe('Liverpool City Council');
  },
  'lot.create': async (c) => c.lot.create({ idempotencyKey: randomUUID(), procurementId: (await fixtureProcurement(db())).id, name: 'Matrix lot', basis: 'scheme' }),
  'lot.update': async (c) => c.lot.update({ lotId: (await fixtureProcurement(db())).lotIds[0]!, version: 1, expectedProviders: 2 }),
  'lot.delete': async (c) => c.lot.delete({ lotId: (await fixtureProcurement(db())).lotIds[1]! }),
  'criteria.set': async (c) =>
    c.criteria.set({
      procurementId: (await fixtureProcurement(db())).id,
      version: 1,
      criteria: [
        { kind: 'quality', name: 'Quality', weightPercent: 70 },
        { kind: 'price', name: 'Price', weightPercent: 30 },
      ],
    }),
  'criteria.setScale': async (c) =>
    c.criteria.setScale({
      procurementId: (await fixtureProcurement(db())).id,
      version: 1,
      scale: { scaleMax: 3, descriptors: [0, 1, 2, 3].map((score) => ({ score, descriptor: `Level ${score}` })) },
      qualityThresholdPercent: 60,
    }),
  'criteria.setGatewayQuestions': async (c) =>
    c.criteria.setGatewayQuestions({ procurementId: (await fixtureProcurement(db())).id, version: 1, questions: [{ question: 'Registered with the CQC' }] }),
  'reopening.create': async (c) =>
    c.reopening.create({
      idempotencyKey: randomUUID(),
      procurementId: (await fixtureProcurement(db(), { route: 'framework', status: 'live' })).id,
      opensOn: '2031-01-01',
      closesOn: '2031-01-31',
      reason: 'Unmet demand',
    }),
  'specification.list': async (c, actor) => {
    const specs = await c.specification.list();
    expect(specs.some((s) => s.partnershipId === tripartiteId)).toBe(actor !== 'outsider');
  },
  'specification.get': async (c) => {
    const spec = await c.specification.get({ specificationId: (await fixtureSpecification(db())).id });
    expect(spec.current.version).toBe(1);
  },
  'specification.diff': async (c) => c.specification.diff({ specificationId: (await fixtureSpecification(db(), { draft: true })).id, from: 1, to: 2 }),
  'specification.create': async (c) => c.specification.create({ idempotencyKey: randomUUID(), partnershipId: tripartiteId, title: 'Matrix specification', serviceType: 'extra_care' }),
  'specification.createDraft': async (c) => c.specification.createDraft({ specificationId: (await fixtureSpecification(db())).id, changeNote: 'Next version' }),
  'specification.updateDraft': async (c) =>
    c.specification.updateDraft({ versionId: (await fixtureSpecification(db(), { draft: true })).v2!, version: 1, changeNote: 'Reworded' }),
  'specification.publish': async (c) => c.specification.publish({ versionId: (await fixtureSpecification(db(), { draft: true })).v2! }),
  'provider.list': async (c) => {
    const { providers } = await c.provider.list({ search: 'Mersey Extra Care' });
    expect(providers.some((p) => p.legalName === 'Mersey Extra Care Ltd')).toBe(true);
  },
  'provider.get': async (c, actor) => {
    const mersey = await db().selectFrom('provider').select('id').where('legal_name', '=', 'Mersey Extra Care Ltd').executeTakeFirstOrThrow();
    const provider = await c.provider.get({ providerId: mersey.id });
    // The outsider sees the register entry, but not the Tripartite's list it is on.
    expect(provider.approvedLists.length > 0).toBe(actor !== 'outsider');
  },
  'provider.create': async (c) => c.provider.create({ idempotencyKey: randomUUID(), legalName: `Matrix Care ${Math.random().toString(36).slice(2)} Ltd` }),
  'application.list': async (c) => c.application.list({ procurementId: (await seededTripartite(db())).id }),
  'application.get': async (c) => c.application.get({ applicationId: await fixtureApplication(db(), await fixtureProcurement(db(), { status: 'published' })) }),
  'application.create': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'published' });
    return c.application.create({ idempotencyKey: randomUUID(), procurementId: p.id, providerId: await fixtureProvider(db()), lotIds: [p.lotIds[0]!] });
  },
  'application.recordGateway': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'published' });
    return c.application.recordGateway({ applicationId: await fixtureApplication(db(), p), version: 1, answers: [{ questionId: p.questionIds[0]!, passed: true }] });
  },
  'application.score': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'evaluation' });
    return c.application.score({ applicationId: await fixtureApplication(db(), p), version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Clear evidence' });
  },
  'application.moderate': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'evaluation' });
    const applicationId = await fixtureApplication(db(), p, { scoredBy: await userIdOf(db(), LIVERPOOL_OFFICER) });
    return c.application.moderate({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 3, rationale: 'Agreed at moderation' });
  },
  'application.evaluation': async (c) => {
    const lots = await c.application.evaluation({ procurementId: (await seededTripartite(db())).id });
    expect(lots.flatMap((l) => l.results).filter((r) => r.rank === 1).length).toBeGreaterThan(0);
  },
  'application.decide': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'evaluation' });
    return c.application.decide({ applicationId: await fixtureApplication(db(), p), outcome: 'rejected', reason: 'Did not meet the specification' });
  },
  'application.withdraw': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'evaluation' });
    return c.application.withdraw({ applicationId: await fixtureApplication(db(), p), withdrawnOn: '2024-06-03', reason: 'The provider has withdrawn from the market' });
  },
  'application.verifyProvider': async (c) => c.application.verifyProvider({ applicationId: await fixtureApplication(db(), await fixtureProcurement(db(), { status: 'published' })) }),
  'clarification.list': async (c) => c.clarification.list({ procurementId: (await seededTripartite(db())).id }),
  'clarification.publish': async (c) =>
    c.clarification.publish({ idempotencyKey: randomUUID(), procurementId: (await fixtureProcurement(db(), { status: 'published' })).id, questionIds: [], question: 'Matrix question?', answer: 'Matrix answer.' }),
  'approvedList.get': async (c) => {
    const list = await c.approvedList.get({ procurementId: (await seededTripartite(db())).id });
    expect(list.lots.flatMap((l) => l.entries).length).toBeGreaterThan(0);
  },
  'approvedList.change': async (c) => {
    const p = await fixtureProcurement(db(), { status: 'live' });
    return c.approvedList.change({ entryId: await fixtureEntry(db(), p, await leadId()), action: 'suspend', reason: 'Quality concern', effectiveOn: today() });
  },
};

describe('API tenancy matrix: joint procurement', () => {
  for (const [path, expectation] of Object.entries(PROCUREMENT_MATRIX)) {
    for (const actor of PROCUREMENT_ACTORS) {
      const expected = expectation[actor];
      it(`${path} as ${actor}: ${expected}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, PROCUREMENT_EMAIL[actor])).session;
        expect(await outcome(PROCUREMENT_CALLS[path]!(callerFor(connection, me), actor))).toBe(expected);
      });
    }
  }
});
