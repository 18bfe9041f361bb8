import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, openSeededDatabase, outcomeWithField, type Caller } from '../support/api.ts';

/**
 * The KPI library a page at a time (issue 14, item 3): at national scale one authority's partnerships hold over a
 * thousand KPI definitions, so kpi.list answers at most 200 KPIs a page (100 by default) with the total over all pages.
 */
let connection: Connection;
let as: Record<'devon' | 'plymouth' | 'kent', Caller>;
let peninsula: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  as = await callersFor(connection, {
    devon: 'commissioner.devon@concord.example',
    plymouth: 'commissioner.plymouth@concord.example',
    kent: 'commissioner.kent@concord.example',
  });
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

/** The current, not retired, KPI codes of a partnership, as the table holds them. */
async function currentCodes(partnershipId: string): Promise<string[]> {
  const rows = await connection.db.selectFrom('kpi_definition').select(['code', 'version', 'retired']).where('partnership_id', '=', partnershipId).orderBy('code').orderBy('version', 'desc').execute();
  return [...new Map(rows.map((r) => [r.code, r] as const).reverse()).values()].filter((r) => !r.retired).map((r) => r.code).sort();
}

const rowsOf = (page: Awaited<ReturnType<Caller['kpi']['list']>>) => page.partnerships.flatMap((p) => (p.kpis.length ? p.kpis.map((k) => `${p.id}|${k.code}`) : [`${p.id}|`]));

describe('the KPI library, a page at a time', () => {
  it('a partnership’s current KPIs by code, its lead may edit them, a member may not', async () => {
    const codes = await currentCodes(peninsula);
    expect(codes.length).toBeGreaterThan(3);
    const asLead = await as.devon.kpi.list({ partnershipId: peninsula });
    expect(asLead).toMatchObject({ total: codes.length, partnerships: [{ id: peninsula, name: 'South West Peninsula', canEdit: true }] });
    expect(asLead.partnerships[0]!.kpis.map((k) => k.code)).toEqual(codes);
    expect((await as.plymouth.kpi.list({ partnershipId: peninsula })).partnerships[0]!.canEdit).toBe(false);
  });

  it('pages without overlap or gaps, partnerships by name and KPIs by code, the total over all pages', async () => {
    const whole = await as.plymouth.kpi.list({ limit: 200 });
    expect(whole.total).toBe(rowsOf(whole).length);
    const names = whole.partnerships.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    for (const p of whole.partnerships) expect(p.kpis.map((k) => k.code)).toEqual(await currentCodes(p.id));
    const pages: string[] = [];
    for (let offset = 0; offset < whole.total; offset += 4) {
      const page = await as.plymouth.kpi.list({ limit: 4, offset });
      expect(page.total).toBe(whole.total);
      expect(rowsOf(page).length).toBeLessThanOrEqual(4);
      pages.push(...rowsOf(page));
    }
    expect(pages).toEqual(rowsOf(whole));
    // Past the last page: nothing, but the total still holds.
    expect(await as.plymouth.kpi.list({ limit: 4, offset: whole.total })).toEqual({ partnerships: [], total: whole.total });
  });

  it('a partnership with no current KPI is a row of its own, so its lead can add one', async () => {
    await connection.db.updateTable('kpi_definition').set({ retired: true }).where('partnership_id', '=', peninsula).execute();
    try {
      expect(await as.devon.kpi.list({ partnershipId: peninsula })).toEqual({ partnerships: [{ id: peninsula, name: 'South West Peninsula', canEdit: true, kpis: [] }], total: 1 });
    } finally {
      await connection.db.updateTable('kpi_definition').set({ retired: false }).where('partnership_id', '=', peninsula).execute();
    }
  });

  it('a page is at most 200 KPIs; a partnership not mine is not found', async () => {
    expect(await outcomeWithField(as.plymouth.kpi.list({ limit: 201 }))).toBe('BAD_REQUEST limit');
    expect(await outcomeWithField(as.plymouth.kpi.list({ offset: -1 }))).toBe('BAD_REQUEST offset');
    expect(await outcomeWithField(as.kent.kpi.list({ partnershipId: peninsula }))).toMatch(/^NOT_FOUND/);
  });
});
