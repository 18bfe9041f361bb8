import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseDigest, seededSeftonDemand, SEFTON_COMMISSIONER } from '../support/business-case.ts';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { failure } from '../support/procurement.ts';

let connection: Connection;
let sefton: ReturnType<typeof callerFor>;
beforeAll(async () => {
  connection = await openSeededDatabase();
  sefton = callerFor(connection, (await signIn(connection, SEFTON_COMMISSIONER)).session);
});
afterAll(() => connection.close());

const needs = (m: Awaited<ReturnType<typeof sefton.demand.get>>) => m.model.years.map((y) => [y.year, y.population, ...y.needs.map((n) => n.need)]);

describe('demand model through the API', () => {
  it("Sefton's Extra Care model on the populations held: 2014 → 1,794 / 449 / 897 / 179; 2030 → 2,514 / 629 / 1,257 / 251", async () => {
    const m = await sefton.demand.get({ demandModelId: await seededSeftonDemand(connection.db) });
    expect(m.populationSource).toBe('held');
    expect(needs(m)).toEqual([
      [2014, 29_900, 1_794, 449, 897, 179],
      [2030, 41_900, 2_514, 629, 1_257, 251],
    ]);
    // 29,900 × 15 / 1,000 = 448.5 → 449 (half up); the paper's 230 for dementia in 2030 is its slip: 251.
    const rent = m.model.years.map((y) => y.needs.find((n) => n.type === 'extra_care_rent')!);
    expect(rent.map((n) => [n.supply, n.gap])).toEqual([
      [94, 355],
      [94, 535],
    ]);
    expect(m.model.years[0]!.needs.find((n) => n.type === 'sheltered')!.gap).toBeNull();
  });

  it('runs on entered populations with the Housing LIN defaults, and recomputes when a population changes', async () => {
    const { id } = await sefton.demand.create({ idempotencyKey: randomUUID(), title: 'Entered', populationSource: 'entered', populations: [{ year: 2014, population: 29_900 }] });
    expect(needs(await sefton.demand.get({ demandModelId: id }))).toEqual([[2014, 29_900, 1_794, 449, 897, 179]]);
    await sefton.demand.update({ demandModelId: id, version: 1, populations: [{ year: 2030, population: 41_900 }, { year: 2025, population: 35_000 }] });
    expect(needs(await sefton.demand.get({ demandModelId: id }))).toEqual([
      [2025, 35_000, 2_100, 525, 1_050, 210],
      [2030, 41_900, 2_514, 629, 1_257, 251],
    ]);
  });

  it('refuses a year with no population held, and a negative rate, naming the field; nothing is written', async () => {
    const before = await businessCaseDigest(connection.db);
    expect(await failure(sefton.demand.create({ idempotencyKey: randomUUID(), title: 'No 2031', populationSource: 'held', years: [2014, 2031] }))).toMatchObject({ code: 'BAD_REQUEST', field: 'years[1]' });
    const f = await failure(sefton.demand.create({ idempotencyKey: randomUUID(), title: 'Bad rate', populationSource: 'entered', populations: [{ year: 2014, population: 1000 }], prevalence: [{ type: 'x', label: 'X', perThousand: -1 }] }));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', field: 'prevalence[0].perThousand' });
    expect(await businessCaseDigest(connection.db)).toBe(before);
  });

  it('lists the populations held for my authority', async () => {
    const held = await sefton.demand.populations();
    expect(held.filter((p) => p.ageBand === '75+').map((p) => [p.year, p.population])).toEqual([
      [2014, 29_900],
      [2030, 41_900],
    ]);
  });
});
