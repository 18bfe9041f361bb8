import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());
const as = async (email: string) => callerFor(connection, (await signIn(connection, email)).session);

describe("Sefton's call-offs from the Tripartite PDPS (seed 002): 2 schemes, 94 units", () => {
  it('two awarded call-offs, one direct and one by mini-competition, for 94 units, each making a contract linked to the call-off and the PDPS', async () => {
    const api = await as('commissioner.sefton@concord.example');
    const callOffs = await api.callOff.list();
    expect(callOffs).toHaveLength(2);
    expect(callOffs.reduce((s, c) => s + (c.units ?? 0), 0)).toBe(94);
    expect(callOffs.map((c) => [c.method, c.status]).sort()).toEqual([
      ['direct', 'awarded'],
      ['mini_competition', 'awarded'],
    ]);
    const direct = await api.callOff.get({ callOffId: callOffs.find((c) => c.method === 'direct')!.id });
    expect(direct.justification).toContain('continuity');
    expect(direct.procurement?.reference).toBe('LCR-EC-2018');
    const mini = callOffs.find((c) => c.method === 'mini_competition')!;
    const { results } = await api.callOff.evaluate({ callOffId: mini.id });
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3]);
    const detail = await api.callOff.get({ callOffId: mini.id });
    expect(detail.awardedProviderId).toBe(results[0]!.providerId);
    expect(detail.criteria.map((c) => c.weightPercent)).toEqual([40, 20, 40]);

    const { contracts } = await api.contract.list({ source: 'call_off', sort: 'reference', direction: 'asc' });
    expect(contracts.map((c) => c.reference)).toEqual(['SEF-EC-BOOTLE', 'SEF-EC-SOUTHPORT']);
    for (const c of contracts) {
      const full = await api.contract.get({ contractId: c.id });
      expect(full.procurement?.reference).toBe('LCR-EC-2018');
      expect(full.lot?.name).toBe('Sefton');
      expect(full.callOff).not.toBeNull();
      expect([full.startDate, full.endDate]).toEqual(['2019-04-01', '2024-03-31']);
    }
  });

  it('none of it is visible to the lead (Liverpool) or the partner (Knowsley)', async () => {
    for (const email of ['commissioner.liverpool@concord.example', 'commissioner.knowsley@concord.example']) {
      const api = await as(email);
      expect(await api.callOff.list()).toEqual([]);
      expect((await api.contract.list({ source: 'call_off', sort: 'reference', direction: 'asc' })).contracts.some((c) => c.reference.startsWith('SEF-'))).toBe(false);
    }
  });
});
