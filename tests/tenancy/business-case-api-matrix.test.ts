import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { PLYMOUTH_SHARED_LIVES_APPRAISAL } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { BUSINESS_CASE_ACTORS, BUSINESS_CASE_MATRIX, type BusinessCaseActor } from './business-case-matrix.ts';

const EMAIL: Record<Exclude<BusinessCaseActor, 'signedOut'>, string> = {
  own: 'commissioner.plymouth@concord.example',
  viewer: 'viewer.plymouth@concord.example',
  finance: 'finance.plymouth@concord.example',
  partner: 'commissioner.devon@concord.example',
  outsider: 'commissioner.sefton@concord.example',
  admin: 'admin@concord.example',
};
const PLYMOUTH_ACTORS: BusinessCaseActor[] = ['own', 'viewer', 'finance'];

let connection: Connection;
const db = () => connection.db;
const plymouth = { appraisal: '', businessCase: '', demand: '' };

const scale = JSON.stringify({ min: 0, max: 3, descriptors: [] });
/** Fresh Plymouth rows for writes, so a cell that succeeds does not change what the next one meets. */
const freshAppraisal = async () =>
  (
    await db()
      .insertInto('options_appraisal')
      .values({ authority_id: GSS.plymouth, title: 'Matrix appraisal', scale, options: JSON.stringify(PLYMOUTH_SHARED_LIVES_APPRAISAL.options), criteria: JSON.stringify(PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria), scores: JSON.stringify(PLYMOUTH_SHARED_LIVES_APPRAISAL.scores) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
const freshCase = async (status: 'draft' | 'submitted' = 'draft') =>
  (await db().insertInto('business_case').values({ authority_id: GSS.plymouth, title: 'Matrix case', status, appraisal_id: await freshAppraisal() }).returning('id').executeTakeFirstOrThrow()).id;
const freshRisk = async () =>
  (
    await db()
      .insertInto('risk')
      .values({ authority_id: GSS.plymouth, subject_kind: 'business_case', subject_id: plymouth.businessCase, description: 'Matrix risk', before_likelihood: 2, before_impact: 2, after_likelihood: 1, after_impact: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
const freshDemand = async () =>
  (
    await db()
      .insertInto('demand_model')
      .values({ authority_id: GSS.plymouth, title: 'Matrix demand', age_band: '75+', prevalence_source: 'Matrix', prevalence: JSON.stringify([{ type: 'x', label: 'X', perThousand: 10 }]), population_source: 'entered', populations: JSON.stringify([{ year: 2024, population: 1000 }]) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  connection = await openSeededDatabase();
  const seeded = await db().selectFrom('business_case').select(['id', 'appraisal_id']).where('authority_id', '=', GSS.plymouth).executeTakeFirstOrThrow();
  plymouth.businessCase = seeded.id;
  plymouth.appraisal = seeded.appraisal_id!;
  plymouth.demand = await freshDemand();
});
afterAll(() => connection.close());

type Caller = ReturnType<typeof callerFor>;
type Call = (caller: Caller, actor: BusinessCaseActor) => Promise<unknown>;
const isPlymouth = (actor: BusinessCaseActor) => PLYMOUTH_ACTORS.includes(actor);
const entered = { populationSource: 'entered' as const, populations: [{ year: 2024, population: 1000 }] };

const CALLS: Record<string, Call> = {
  'appraisal.list': async (c, actor) => expect((await c.appraisal.list()).some((a) => a.id === plymouth.appraisal)).toBe(isPlymouth(actor)),
  'appraisal.get': async (c) => expect((await c.appraisal.get({ appraisalId: plymouth.appraisal })).result!.recommended!.optionId).toBe('extend-existing'),
  'appraisal.create': async (c) => c.appraisal.create({ idempotencyKey: randomUUID(), title: 'Matrix' }),
  'appraisal.update': async (c) => c.appraisal.update({ appraisalId: await freshAppraisal(), version: 1, title: 'Renamed' }),
  'risk.list': async (c) => expect((await c.risk.list({ subjectKind: 'business_case', subjectId: plymouth.businessCase })).risks.length).toBeGreaterThanOrEqual(5),
  'risk.create': async (c) => c.risk.create({ idempotencyKey: randomUUID(), subjectKind: 'business_case', subjectId: plymouth.businessCase, description: 'Matrix', before: { likelihood: 1, impact: 1 }, after: { likelihood: 1, impact: 1 } }),
  'risk.update': async (c) => c.risk.update({ riskId: await freshRisk(), version: 1, owner: 'Matrix' }),
  'risk.delete': async (c) => c.risk.delete({ riskId: await freshRisk() }),
  'risk.matrix': async (c) => expect((await c.risk.matrix()).matrix).toHaveLength(5),
  'risk.setMatrix': async (c) => c.risk.setMatrix({ amberFrom: 5, redFrom: 15, version: (await c.risk.matrix()).rowVersion }),
  'demand.list': async (c, actor) => expect((await c.demand.list()).some((d) => d.id === plymouth.demand)).toBe(isPlymouth(actor)),
  'demand.get': async (c) => expect((await c.demand.get({ demandModelId: plymouth.demand })).model.years[0]!.needs[0]!.need).toBe(10),
  'demand.populations': async (c, actor) => expect((await c.demand.populations()).some((p) => p.ageBand === '75+')).toBe(actor === 'outsider'),
  'demand.create': async (c) => c.demand.create({ idempotencyKey: randomUUID(), title: 'Matrix', ...entered }),
  'demand.update': async (c) => c.demand.update({ demandModelId: await freshDemand(), version: 1, title: 'Renamed' }),
  'businessCase.list': async (c, actor) => expect((await c.businessCase.list()).some((b) => b.id === plymouth.businessCase)).toBe(isPlymouth(actor)),
  'businessCase.get': async (c) => expect((await c.businessCase.get({ businessCaseId: plymouth.businessCase })).figures.recommended!.total).toBe(21),
  'businessCase.create': async (c) => c.businessCase.create({ idempotencyKey: randomUUID(), title: 'Matrix' }),
  'businessCase.update': async (c) => c.businessCase.update({ businessCaseId: await freshCase(), version: 1, title: 'Renamed' }),
  'businessCase.submit': async (c) => c.businessCase.submit({ businessCaseId: await freshCase() }),
  'businessCase.approve': async (c) => c.businessCase.approve({ businessCaseId: await freshCase('submitted'), decisionMaker: 'Matrix board', approvedOn: '2024-01-01', decisionReference: 'M-1' }),
  'businessCase.export': async (c) => expect((await c.businessCase.export({ businessCaseId: plymouth.businessCase, format: 'docx' })).filename).toMatch(/\.docx$/),
};

describe('API tenancy matrix: business cases (issue 7)', () => {
  it('has a call for every procedure in the matrix', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(BUSINESS_CASE_MATRIX).sort());
  });

  for (const [path, expectation] of Object.entries(BUSINESS_CASE_MATRIX)) {
    for (const actor of BUSINESS_CASE_ACTORS) {
      const expected = expectation[actor];
      it(`${path} as ${actor}: ${expected}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        expect(await outcome(CALLS[path]!(callerFor(connection, me), actor))).toBe(expected);
      });
    }
  }
});
