import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { computeCostModel, fairCostOfCare, hourlyRate, supportedLivingWeeklyRate } from '@concord/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { failure as refusal } from '../support/procurement.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection?.close());

const caller = async (email: string) => callerFor(connection, (await signIn(connection, email)).session);
const partnershipId = async (name: string) =>
  (await connection.db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const modelId = async (name: string) => (await connection.db.selectFrom('cost_model').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const count = async (table: 'cost_model' | 'cost_model_version' | 'fair_cost_exercise' | 'fair_cost_submission') =>
  (await connection.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

const LEICESTERSHIRE = 'commissioner.leicestershire@concord.example';
const STAFFORDSHIRE = 'commissioner.staffordshire@concord.example';
const LIVERPOOL = 'commissioner.liverpool@concord.example';
const SEFTON = 'commissioner.sefton@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';

/** As seeded for Leicestershire (packages/db/src/seed/cost-models.ts). */
const HOME_CARE = {
  careWorkerPayPence: 1_042,
  travelTimePercent: 20,
  trainingAndSupervisionPercent: 5,
  employerNiPercent: 6.5,
  pensionPercent: 3,
  holidayPercent: 12.07,
  mileagePencePerContactHour: 150,
  backOfficePencePerContactHour: 450,
  surplusPercent: 3,
};
/** As seeded for Staffordshire. */
const SUPPORTED_LIVING = {
  hourlyRatePence: 2_150,
  schemeSizes: [4, 5, 6],
  bands: [
    { name: 'Less complex', sharedHoursPerWeek: 112, oneToOneHoursPerWeek: 0, sleepInNightsPerWeek: 7, sleepInRatePence: 9_500, wakingNightsPerWeek: 0, wakingNightRatePence: 0 },
    { name: 'Complex', sharedHoursPerWeek: 168, oneToOneHoursPerWeek: 7, sleepInNightsPerWeek: 7, sleepInRatePence: 9_500, wakingNightsPerWeek: 0, wakingNightRatePence: 0 },
    { name: 'Highly complex', sharedHoursPerWeek: 224, oneToOneHoursPerWeek: 21, sleepInNightsPerWeek: 0, sleepInRatePence: 0, wakingNightsPerWeek: 7, wakingNightRatePence: 16_500 },
  ],
};

describe('model maths through the API match the domain and the hand-worked figures', () => {
  it('hourly home care: the Leicestershire model builds up to £22.48 a contact hour, line by line', async () => {
    const c = await caller(LEICESTERSHIRE);
    const model = await c.costModel.get({ costModelId: await modelId('Help to Live at Home hourly rate') });
    const [rate] = model.version.result.rates;
    // By hand: pay 1042; travel 20% 208; training 5% 52; paid time 1302; NI 6.5% 85; pension 3% 39; holiday
    // 12.07% 157; mileage 150; back office 450; subtotal 2183; surplus 3% 65 → 2248.
    expect(rate!.lines.map((l) => l.pence)).toEqual([1042, 208, 52, 85, 39, 157, 150, 450, 65]);
    expect(rate!.ratePence).toBe(2248);
    expect(rate!.ratePence).toBe(hourlyRate(HOME_CARE).ratePence);
    expect(model.version.result.unit).toBe('hour');
  });

  it('weekly supported living: Staffordshire Complex at 5 people is £1,005.90 (shared 168h ÷ 5 + 7h 1:1 + sleep-ins ÷ 5)', async () => {
    const c = await caller(STAFFORDSHIRE);
    const model = await c.costModel.get({ costModelId: await modelId('Supported Living weekly rates') });
    expect(model.version.result.rates).toHaveLength(9); // 3 bands × scheme sizes 4, 5, 6
    const complex5 = model.version.result.rates.find((r) => r.band === 'Complex, 5 people')!;
    // 168 × £21.50 ÷ 5 = £722.40; 7 × £21.50 = £150.50; 7 × £95 ÷ 5 = £133.00; no waking night.
    expect(complex5.lines.map((l) => l.pence)).toEqual([72_240, 15_050, 13_300, 0]);
    expect(complex5.ratePence).toBe(100_590);
    const band = SUPPORTED_LIVING.bands[1]!;
    expect(complex5.ratePence).toBe(supportedLivingWeeklyRate({ hourlyRatePence: 2_150, schemeSize: 5, band }).weeklyPence);
  });

  it('every demo model computes, and the API shows what the domain computes', async () => {
    for (const [email, name] of [
      [LIVERPOOL, 'Tripartite Extra Care cost model'],
      ['commissioner.devon@concord.example', 'Peninsula Shared Lives carer payments'],
    ] as const) {
      const model = await (await caller(email)).costModel.get({ costModelId: await modelId(name) });
      expect(model.version.status).toBe('published');
      expect(model.version.result).toEqual(computeCostModel(model.kind, model.version.parameters));
      expect(model.version.result.rates.length).toBeGreaterThan(0);
    }
  });
});

describe('fair cost of care: quartiles with n, the median the fair rate', () => {
  it('an even count (the seeded six): LQ £21.26, median £22.03, UQ £22.75', async () => {
    const c = await caller(LEICESTERSHIRE);
    const [exercise] = await c.fairCost.list({ partnershipId: await partnershipId('Leicestershire with NHS partners') });
    expect(exercise!.result).toMatchObject({ n: 6, lowerQuartilePence: 2126, medianPence: 2203, upperQuartilePence: 2275, fairRatePence: 2203 });
  });

  it('an odd count through the API: the middle value is the median', async () => {
    const c = await caller(LEICESTERSHIRE);
    const values = [1_000, 400, 100, 300, 200];
    const created = await c.fairCost.create({
      idempotencyKey: randomUUID(),
      partnershipId: await partnershipId('Leicestershire with NHS partners'),
      name: 'Odd count check',
      serviceType: 'home_care',
      band: 'Standard',
      unit: 'hour',
      heldOn: '2024-01-10',
      submissions: values.map((pencePerUnit, i) => ({ provider: `P${i}`, pencePerUnit })),
    });
    const got = await c.fairCost.get({ exerciseId: created.id });
    expect(got.result).toMatchObject({ n: 5, minPence: 100, lowerQuartilePence: 200, medianPence: 300, upperQuartilePence: 400, maxPence: 1_000 });
    expect(got.result).toEqual(fairCostOfCare(values.map((pencePerUnit) => ({ provider: 'x', pencePerUnit }))));
  });

  it('a negative submission is refused, naming it, and nothing is written', async () => {
    const c = await caller(LEICESTERSHIRE);
    const before = [await count('fair_cost_exercise'), await count('fair_cost_submission')];
    const r = await refusal(
      c.fairCost.create({
        idempotencyKey: randomUUID(),
        partnershipId: await partnershipId('Leicestershire with NHS partners'),
        name: 'Bad',
        serviceType: 'home_care',
        band: 'Standard',
        unit: 'hour',
        heldOn: '2024-01-10',
        submissions: [{ provider: 'A', pencePerUnit: 2000 }, { provider: 'B', pencePerUnit: -5 }],
      }),
    );
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'submissions[1].pencePerUnit' });
    expect([await count('fair_cost_exercise'), await count('fair_cost_submission')]).toEqual(before);
  });
});

describe('who may change a shared model', () => {
  it('a partner (Sefton) cannot edit the Tripartite model: FORBIDDEN; an outsider (Plymouth) cannot see it: NOT_FOUND', async () => {
    const id = await modelId('Tripartite Extra Care cost model');
    const draft = (await connection.db.selectFrom('cost_model_version').select('id').where('cost_model_id', '=', id).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
    const sefton = await caller(SEFTON);
    expect(await outcome(sefton.costModel.get({ costModelId: id }))).toBe('ok');
    expect((await sefton.costModel.get({ costModelId: id })).canEdit).toBe(false);
    expect(await outcome(sefton.costModel.updateDraft({ versionId: draft, version: 1, effectiveFrom: '2019-05-01' }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.costModel.publish({ versionId: draft }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.costModel.createDraft({ costModelId: id, effectiveFrom: '2020-04-01', changeNote: 'x' }))).toBe('FORBIDDEN');
    const plymouth = await caller(PLYMOUTH);
    expect(await outcome(plymouth.costModel.get({ costModelId: id }))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.costModel.updateDraft({ versionId: draft, version: 1, effectiveFrom: '2019-05-01' }))).toBe('NOT_FOUND');
    expect((await plymouth.costModel.list()).map((m) => m.name)).not.toContain('Tripartite Extra Care cost model');
    const after = await connection.db.selectFrom('cost_model_version').select('effective_from').where('id', '=', draft).executeTakeFirstOrThrow();
    expect(after.effective_from).toBe('2019-04-01');
  });
});

describe('bad input: a clear 4xx naming the field, nothing written', () => {
  const create = async (parameters: unknown, kind: 'home_care' | 'supported_living' = 'home_care') =>
    (await caller(LEICESTERSHIRE)).costModel.create({
      idempotencyKey: randomUUID(),
      partnershipId: await partnershipId('Leicestershire with NHS partners'),
      name: `Bad ${Math.random()}`,
      kind,
      effectiveFrom: '2024-04-01',
      parameters,
    });

  it('a negative care worker pay', async () => {
    const before = [await count('cost_model'), await count('cost_model_version')];
    const r = await refusal(create({ ...HOME_CARE, careWorkerPayPence: -1 }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'parameters.careWorkerPayPence', message: 'Care worker hourly pay must not be negative' });
    expect([await count('cost_model'), await count('cost_model_version')]).toEqual(before);
  });

  it('on-costs over 100%', async () => {
    const before = [await count('cost_model'), await count('cost_model_version')];
    const r = await refusal(create({ ...HOME_CARE, employerNiPercent: 40, pensionPercent: 30, holidayPercent: 40 }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'parameters.employerNiPercent' });
    expect(r.message).toMatch(/On-costs must be between 0% and 100%/);
    expect([await count('cost_model'), await count('cost_model_version')]).toEqual(before);
  });

  it('a supported-living band with no staffing', async () => {
    const before = [await count('cost_model'), await count('cost_model_version')];
    const bands = SUPPORTED_LIVING.bands.map((b, i) => (i === 1 ? { ...b, sharedHoursPerWeek: 0, oneToOneHoursPerWeek: 0 } : b));
    const r = await refusal(create({ ...SUPPORTED_LIVING, bands }, 'supported_living'));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'parameters.bands[1].sharedHoursPerWeek' });
    expect(r.message).toMatch(/Complex band has no staffing/);
    expect([await count('cost_model'), await count('cost_model_version')]).toEqual(before);
  });

  it('editing a published version: refused by the API, and by the database even for a direct UPDATE', async () => {
    const id = await modelId('Help to Live at Home hourly rate');
    const published = await connection.db.selectFrom('cost_model_version').select(['id', 'parameters']).where('cost_model_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow();
    const c = await caller(LEICESTERSHIRE);
    const r = await refusal(c.costModel.updateDraft({ versionId: published.id, version: 1, parameters: { ...HOME_CARE, careWorkerPayPence: 1_100 } }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'versionId', message: 'A published cost model version cannot be changed; start a new version' });
    expect(await outcome(c.costModel.publish({ versionId: published.id }))).toBe('BAD_REQUEST');
    await expect(sql`UPDATE cost_model_version SET effective_from = '2020-01-01' WHERE id = ${published.id}`.execute(connection.db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`DELETE FROM cost_model_version WHERE id = ${published.id}`.execute(connection.db)).rejects.toThrow(/cannot be changed/);
    const after = await connection.db.selectFrom('cost_model_version').select('parameters').where('id', '=', published.id).executeTakeFirstOrThrow();
    expect(after.parameters).toEqual(published.parameters);
  });
});

describe('versions: a new draft, edited, published, and the diff between versions', () => {
  it('the lead raises pay in version 2 and sees the parameter and the rate move', async () => {
    const c = await caller(LEICESTERSHIRE);
    const id = await modelId('Help to Live at Home hourly rate');
    const draft = await c.costModel.createDraft({ costModelId: id, effectiveFrom: '2024-04-01', changeNote: 'National Living Wage £11.44' });
    expect(draft.version).toBe(2);
    expect(await outcome(c.costModel.createDraft({ costModelId: id, effectiveFrom: '2024-05-01', changeNote: 'again' }))).toBe('BAD_REQUEST');
    const updated = await c.costModel.updateDraft({ versionId: draft.id, version: 1, parameters: { ...HOME_CARE, careWorkerPayPence: 1_144 } });
    expect(updated.result.rates[0]!.ratePence).toBe(hourlyRate({ ...HOME_CARE, careWorkerPayPence: 1_144 }).ratePence);
    await c.costModel.publish({ versionId: draft.id });
    const diff = await c.costModel.diff({ costModelId: id, from: 1, to: 2 });
    expect(diff.parameters).toEqual([{ path: 'careWorkerPayPence', from: 1_042, to: 1_144 }]);
    expect(diff.rates).toEqual([{ band: 'Standard', fromPence: 2248, toPence: hourlyRate({ ...HOME_CARE, careWorkerPayPence: 1_144 }).ratePence, changePence: hourlyRate({ ...HOME_CARE, careWorkerPayPence: 1_144 }).ratePence - 2248 }]);
    const model = await c.costModel.get({ costModelId: id });
    expect(model.version.version).toBe(2);
    expect(model.versions.map((v) => v.status)).toEqual(['published', 'published']);
  });
});
