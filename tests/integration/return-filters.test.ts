/**
 * What the returns calendar is filtered by comes once, from return.filters, not with every page of return.list
 * (issue 14: at national scale the lists were two thirds of each page's answer): my partnerships, and the current
 * KPIs of one chosen partnership only.
 */
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';

const NOW = () => new Date('2026-11-23T12:00:00Z');
let connection: Connection;
let peninsula: string;
let tripartite: string;
let plymouth: ReturnType<typeof callerFor>;
const db = () => connection.db;

/** The current, not retired, KPIs of a partnership straight from the table: code and name by code. */
async function currentKpis(partnershipId: string) {
  const versions = await db().selectFrom('kpi_definition').select(['code', 'name', 'retired']).where('partnership_id', '=', partnershipId).orderBy('version').execute();
  const latest = new Map(versions.map((k) => [k.code, k] as const));
  return [...latest.values()].filter((k) => !k.retired).map((k) => ({ code: k.code, name: k.name })).sort((a, b) => (a.code < b.code ? -1 : 1));
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  const id = async (name: string) => (await db().selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  peninsula = await id('South West Peninsula');
  tripartite = await id('LCR Tripartite');
  plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session, { now: NOW });
  // A KPI of the Peninsula renamed in a second version, and one retired: the filter names the one and leaves out the other.
  const kpi = { authority_id: GSS.devon, partnership_id: peninsula, definition: 'For the filters test', unit: 'count', direction: 'higher_better', source: 'manual', frequency: 'monthly', first_period: '2024-04-01' } as const;
  await db()
    .insertInto('kpi_definition')
    .values([
      { ...kpi, code: 'REN-01', name: 'First name', version: 1 },
      { ...kpi, code: 'REN-01', name: 'Second name', version: 2 },
      { ...kpi, code: 'RET-01', name: 'Retired count', version: 1 },
      { ...kpi, code: 'RET-01', name: 'Retired count', version: 2, retired: true },
    ])
    .execute();
});
afterAll(() => connection.close());

describe('return.filters', () => {
  it('a member of one partnership gets it and its current KPIs, by code, the latest name, none retired', async () => {
    const filters = await plymouth.return.filters();
    expect(filters.partnerships).toEqual([{ id: peninsula, name: 'South West Peninsula' }]);
    expect(filters.partnershipId).toBe(peninsula);
    expect(filters.kpis).toEqual(await currentKpis(peninsula));
    expect(filters.kpis).toContainEqual({ code: 'REN-01', name: 'Second name' });
    expect(filters.kpis.map((k) => k.code)).not.toContain('RET-01');
    expect(filters.kpis.length).toBeGreaterThan(2);
  });

  it('a member of two partnerships gets both by name, and KPIs only of the one it chooses', async () => {
    await db().insertInto('partnership_member').values({ authority_id: GSS.plymouth, partnership_id: tripartite, joined_on: '2024-04-01' }).execute();
    try {
      const both = await plymouth.return.filters();
      expect(both).toEqual({
        partnerships: [
          { id: tripartite, name: 'LCR Tripartite' },
          { id: peninsula, name: 'South West Peninsula' },
        ],
        partnershipId: null,
        kpis: [],
      });
      const lcr = await plymouth.return.filters({ partnershipId: tripartite });
      expect(lcr.partnershipId).toBe(tripartite);
      expect(lcr.kpis).toEqual(await currentKpis(tripartite));
      expect(lcr.kpis.map((k) => k.code)).not.toContain('REN-01');
      expect((await plymouth.return.filters({ partnershipId: peninsula })).kpis).toContainEqual({ code: 'REN-01', name: 'Second name' });
      // The calendar's entries still name their partnership, now read in the calendar's own statement.
      const page = await plymouth.return.list({ limit: 500 });
      expect(new Set(page.entries.map((e) => e.partnershipName))).toEqual(new Set(['LCR Tripartite', 'South West Peninsula']));
    } finally {
      await db().deleteFrom('partnership_member').where('authority_id', '=', GSS.plymouth).where('partnership_id', '=', tripartite).execute();
    }
  });

  it('another authority’s partnership, or none at all, is not found', async () => {
    expect(await outcome(plymouth.return.filters({ partnershipId: tripartite }))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.return.filters({ partnershipId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await outcome(plymouth.return.filters({ partnershipId: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });

  it('return.list no longer sends the lists to filter by, and filters by a KPI still', async () => {
    const page = await plymouth.return.list({ partnershipId: peninsula, kpiCode: 'REN-01', limit: 500 });
    expect(Object.keys(page).sort()).toEqual(['entries', 'missing', 'outstanding', 'total', 'window']);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.kpiCode === 'REN-01' && e.kpiName === 'Second name' && e.partnershipName === 'South West Peninsula')).toBe(true);
    expect((await plymouth.return.list({ partnershipId: peninsula, kpiCode: 'RET-01' })).total).toBe(0);
  });
});
