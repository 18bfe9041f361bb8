import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, LIVERPOOL_VIEWER, PLYMOUTH_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import { PROCUREMENT_ACTORS, type ProcurementActor } from './api-matrix.ts';
import { COST_MODEL_MATRIX } from './cost-model-matrix.ts';

const EMAIL: Record<Exclude<ProcurementActor, 'signedOut'>, string> = {
  lead: LIVERPOOL_COMMISSIONER,
  leadOfficer: LIVERPOOL_OFFICER,
  leadViewer: LIVERPOOL_VIEWER,
  partner: SEFTON_COMMISSIONER,
  outsider: PLYMOUTH_COMMISSIONER,
  admin: 'admin@concord.example',
};

let connection: Connection;
let tripartite: string;
let seededModel: string;
let exercise: string;
const db = () => connection.db;

const HOURLY = {
  careWorkerPayPence: 1_100,
  travelTimePercent: 15,
  trainingAndSupervisionPercent: 5,
  employerNiPercent: 7,
  pensionPercent: 3,
  holidayPercent: 12.07,
  mileagePencePerContactHour: 120,
  backOfficePencePerContactHour: 400,
  surplusPercent: 3,
};

/** A fresh Tripartite model (as the owner), version 1 draft or published, so a write that succeeds changes nothing the next cell meets. */
async function fixtureModel(status: 'draft' | 'published'): Promise<{ id: string; versionId: string }> {
  const { id } = await db()
    .insertInto('cost_model')
    .values({ authority_id: GSS.liverpool, partnership_id: tripartite, name: `Matrix model ${Math.random()}`, kind: 'home_care' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await db()
    .insertInto('cost_model_version')
    .values({ authority_id: GSS.liverpool, partnership_id: tripartite, cost_model_id: id, version: 1, effective_from: '2024-04-01', status, parameters: JSON.stringify(HOURLY) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, versionId: v.id };
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  tripartite = (await db().selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
  seededModel = (await db().selectFrom('cost_model').select('id').where('name', '=', 'Tripartite Extra Care cost model').executeTakeFirstOrThrow()).id;
  exercise = (
    await db()
      .insertInto('fair_cost_exercise')
      .values({ authority_id: GSS.liverpool, partnership_id: tripartite, name: 'Matrix exercise', service_type: 'extra_care', band: 'Standard', unit: 'hour', held_on: '2018-01-15' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db().insertInto('fair_cost_submission').values({ authority_id: GSS.liverpool, partnership_id: tripartite, exercise_id: exercise, provider_label: 'Provider 1', pence_per_unit: 1_700 }).execute();
  // Liverpool's and Sefton's own Extra Care rates (private), each shared into the Tripartite.
  for (const authority of [GSS.liverpool, GSS.sefton, GSS.plymouth]) {
    const row = { authority_id: authority, service_type: 'extra_care' as const, band: 'Sefton: Bootle scheme', unit: 'week' as const, rate_pence: 110_000, effective_from: '2020-04-01' };
    await db().insertInto('actual_rate').values(row).execute();
    if (authority !== GSS.plymouth) await db().insertInto('shared_rate').values({ ...row, partnership_id: tripartite, source: 'entered' }).execute();
  }
});
afterAll(() => connection?.close());

type Caller = ReturnType<typeof callerFor>;
const CALLS: Record<string, (c: Caller, actor: ProcurementActor) => Promise<unknown>> = {
  'costModel.list': async (c, actor) => {
    const list = await c.costModel.list();
    expect(list.some((m) => m.id === seededModel)).toBe(actor !== 'outsider');
  },
  'costModel.get': async (c, actor) => {
    const model = await c.costModel.get({ costModelId: seededModel });
    expect(model.canEdit).toBe(actor === 'lead');
  },
  'costModel.diff': (c) => c.costModel.diff({ costModelId: seededModel, from: 1, to: 2 }),
  'costModel.create': (c) =>
    c.costModel.create({ idempotencyKey: randomUUID(), partnershipId: tripartite, name: `Matrix new ${Math.random()}`, kind: 'home_care', effectiveFrom: '2024-04-01', parameters: HOURLY }),
  'costModel.createDraft': async (c) => c.costModel.createDraft({ costModelId: (await fixtureModel('published')).id, effectiveFrom: '2025-04-01', changeNote: 'Matrix' }),
  'costModel.updateDraft': async (c) => c.costModel.updateDraft({ versionId: (await fixtureModel('draft')).versionId, version: 1, parameters: { ...HOURLY, surplusPercent: 4 } }),
  'costModel.publish': async (c) => c.costModel.publish({ versionId: (await fixtureModel('draft')).versionId }),
  'fairCost.list': async (c, actor) => {
    const list = await c.fairCost.list();
    expect(list.some((e) => e.id === exercise)).toBe(actor !== 'outsider');
  },
  'fairCost.get': (c) => c.fairCost.get({ exerciseId: exercise }),
  'fairCost.create': (c) =>
    c.fairCost.create({
      idempotencyKey: randomUUID(),
      partnershipId: tripartite,
      name: `Matrix ${Math.random()}`,
      serviceType: 'extra_care',
      band: 'Standard',
      unit: 'hour',
      heldOn: '2024-01-01',
      submissions: [{ provider: 'A', pencePerUnit: 1_800 }],
    }),
  'rate.mine': async (c) => {
    const mine = await c.rate.mine();
    expect(mine.rates.map((r) => r.ratePence)).toContain(110_000);
  },
  // A band of its own each call, so each is a first rate (version null) whoever of the authority records it.
  'rate.set': (c) => c.rate.set({ serviceType: 'extra_care', band: `Matrix band ${Math.random().toString(36).slice(2, 8)}`, unit: 'week', ratePence: 50_000, effectiveFrom: '2021-04-01', version: null }),
  'rate.share': (c) => c.rate.share({ partnershipId: tripartite, serviceType: 'extra_care' }),
  'rate.withdraw': (c) => c.rate.withdraw({ partnershipId: tripartite, serviceType: 'home_care' }),
  'rate.compare': async (c) => {
    const result = await c.rate.compare({ partnershipId: tripartite, serviceType: 'extra_care' });
    expect(result.sharedBy).toBeGreaterThanOrEqual(2);
  },
  'rate.scenario': (c) =>
    c.rate.scenario({ partnershipId: tripartite, serviceType: 'extra_care', band: 'Sefton: Bootle scheme', risePercent: 3, placements: 2 }),
};

describe('API tenancy matrix: cost models, fair cost and rates (issue 5)', () => {
  it('every issue-5 procedure has a call', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(COST_MODEL_MATRIX).sort());
  });

  for (const [path, expectation] of Object.entries(COST_MODEL_MATRIX)) {
    for (const actor of PROCUREMENT_ACTORS) {
      const expected = expectation[actor];
      it(`${path} as ${actor}: ${expected}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        expect(await outcome(CALLS[path]!(callerFor(connection, me), actor))).toBe(expected);
      });
    }
  }
});
