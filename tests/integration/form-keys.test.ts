import type { Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn, type Caller } from '../support/api.ts';
import { inParallel } from '../support/concurrency.ts';
import { fixtureProcurement, fixtureProvider, LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';

/**
 * Issue 12, item 4: a create sent twice with one form key (a double submit, a retry after a lost answer)
 * creates one row, for the creates that took no key before: application.create, fairCost.create,
 * apiToken.create, reopening.create and provider.create. Each is sent twice at once: on PostgreSQL
 * (TEST_DATABASE_URL) truly in parallel, each its own transaction; on PGlite one after the other.
 * Where two different forms race for one thing (a provider's second pending application, overlapping
 * reopenings), the check is made under a lock, so exactly one wins.
 */
const LEICESTERSHIRE = 'commissioner.leicestershire@concord.example';

let connection: Connection;
const sessions: Record<string, Awaited<ReturnType<typeof signIn>>['session']> = {};
/** A fresh caller (its own context, so its own transaction) for a signed-in demo user. */
const as = (email: string): Caller => callerFor(connection, sessions[email]!);

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const email of [LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER, LEICESTERSHIRE]) sessions[email] = (await signIn(connection, email)).session;
});
afterAll(() => connection.close());

/** The same call twice at once; both answer, with the same record. */
async function twice<T extends { id: string }>(call: () => Promise<T>): Promise<T[]> {
  const { ok, refused } = await inParallel([call, call]);
  expect(refused).toEqual([]);
  expect(ok).toHaveLength(2);
  expect(ok[1]!.id).toBe(ok[0]!.id);
  return ok;
}

describe('a double submit creates one row', () => {
  it('application.create: one application; another form for the same provider at once is refused', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live', route: 'pdps' });
    const providerId = await fixtureProvider(connection.db);
    const input = { procurementId: p.id, providerId, lotIds: [p.lotIds[0]!], bidPricePence: 1_750, idempotencyKey: randomUUID() };
    const [first, second] = await twice(() => as(LIVERPOOL_COMMISSIONER).application.create(input));
    expect(second).toEqual(first);
    const rows = await connection.db.selectFrom('application').select(['id', 'bid_price_pence']).where('procurement_id', '=', p.id).execute();
    expect(rows).toEqual([{ id: first!.id, bid_price_pence: 1_750 }]);

    // Two different forms for another provider at once: the pending-application check is locked, so one is refused.
    const other = await fixtureProvider(connection.db);
    const form = () => as(LIVERPOOL_COMMISSIONER).application.create({ ...input, providerId: other, idempotencyKey: randomUUID() });
    const { ok, refused } = await inParallel([form, form]);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(/already has an application being evaluated$/) }]);
    expect(await connection.db.selectFrom('application').select('id').where('provider_id', '=', other).execute()).toEqual([{ id: ok[0]!.id }]);
  });

  it('fairCost.create: one exercise with its submissions', async () => {
    const partnership = await connection.db.selectFrom('partnership').select('id').where('name', '=', 'Leicestershire with NHS partners').executeTakeFirstOrThrow();
    const input = {
      partnershipId: partnership.id,
      name: 'Double submit exercise',
      serviceType: 'home_care' as const,
      band: 'Standard',
      unit: 'hour' as const,
      heldOn: '2024-01-10',
      submissions: [2_000, 2_100, 2_300].map((pencePerUnit, i) => ({ provider: `P${i}`, pencePerUnit })),
      idempotencyKey: randomUUID(),
    };
    const [first, second] = await twice(() => as(LEICESTERSHIRE).fairCost.create(input));
    expect(second).toEqual(first);
    expect(first!.result).toMatchObject({ n: 3, medianPence: 2_100 });
    const exercises = await connection.db.selectFrom('fair_cost_exercise').select('id').where('name', '=', input.name).execute();
    expect(exercises).toEqual([{ id: first!.id }]);
    expect(await connection.db.selectFrom('fair_cost_submission').select('id').where('exercise_id', '=', first!.id).execute()).toHaveLength(3);
  });

  it('apiToken.create: one token; the repeat is answered without the token’s text, which is never stored', async () => {
    const input = { label: 'Power BI double submit', expiresInDays: 30, idempotencyKey: randomUUID() };
    const answers = await twice(() => as(SEFTON_COMMISSIONER).apiToken.create(input));
    const texts = answers.map((a) => a.token);
    expect(texts.filter((t) => t === null)).toHaveLength(1);
    const text = texts.find((t) => t !== null)!;
    expect(text).toMatch(/^\S{20,}$/);
    const tokens = await connection.db.selectFrom('api_token').select('id').where('label', '=', input.label).execute();
    expect(tokens).toEqual([{ id: answers[0]!.id }]);
    const stored = await connection.db.selectFrom('idempotency_key').select('result').where('key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.result)).not.toContain(text);
    expect(stored.result).toMatchObject({ id: answers[0]!.id, token: null });
  });

  it('reopening.create: one reopening; another overlapping form at once is refused', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live', route: 'framework' });
    const input = { procurementId: p.id, opensOn: '2030-01-01', closesOn: '2030-01-31', reason: 'Unmet demand in lot 1', idempotencyKey: randomUUID() };
    const [first, second] = await twice(() => as(LIVERPOOL_COMMISSIONER).reopening.create(input));
    expect(second).toEqual(first);
    const reopenings = () => connection.db.selectFrom('reopening').select(['id', 'opens_on']).where('procurement_id', '=', p.id).orderBy('opens_on').execute();
    expect((await reopenings()).map((r) => r.id)).toEqual([first!.id]);

    // Two different forms for overlapping windows at once: the overlap check is locked, so one is refused.
    const form = () => as(LIVERPOOL_COMMISSIONER).reopening.create({ ...input, opensOn: '2031-01-01', closesOn: '2031-01-31', idempotencyKey: randomUUID() });
    const { ok, refused } = await inParallel([form, form]);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual([{ code: 'BAD_REQUEST', message: 'This overlaps the reopening from 2031-01-01 to 2031-01-31' }]);
    expect(await reopenings()).toHaveLength(2);
  });

  it('provider.create: one register entry with its locations', async () => {
    const input = { legalName: 'Double Submit Care Ltd', isSme: true, locations: [{ name: 'Double Submit House' }], idempotencyKey: randomUUID() };
    const [first, second] = await twice(() => as(SEFTON_COMMISSIONER).provider.create(input));
    expect(second).toEqual(first);
    const providers = await connection.db.selectFrom('provider').select(['id', 'is_sme']).where('legal_name', '=', input.legalName).execute();
    expect(providers).toEqual([{ id: first!.id, is_sme: true }]);
  });

  it('a create without its form key is refused, naming the field, and writes nothing', async () => {
    const { idempotencyKey: _, ...withoutKey } = { legalName: 'Keyless Care Ltd', idempotencyKey: randomUUID() };
    const e = (await as(SEFTON_COMMISSIONER)
      .provider.create(withoutKey as Parameters<Caller['provider']['create']>[0])
      .catch((x: unknown) => x)) as { code: string; cause?: { issues?: { path: PropertyKey[] }[] } };
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.cause?.issues?.map((i) => i.path.join('.'))).toEqual(['idempotencyKey']);
    expect(await connection.db.selectFrom('provider').select('id').where('legal_name', '=', 'Keyless Care Ltd').execute()).toEqual([]);
  });
});
