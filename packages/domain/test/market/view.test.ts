import { describe, expect, it } from 'vitest';
import { formatMillions, largestRemainderPercents, marketCell, marketView, type MarketCell, type MarketRow } from '../../src/market/view.ts';

const row = (providerId: string, role: MarketRow['role'], weeklyCostPence: number, weeklyHours: number | null, extra: Partial<MarketRow> = {}): MarketRow => ({
  providerId,
  providerName: providerId.toUpperCase(),
  role,
  inArea: true,
  fundingRoute: 'council_commissioned',
  weeklyCostPence,
  weeklyHours,
  ...extra,
});

describe('market view', () => {
  it('sums rows by provider, role, area and funding route, with shares that total 100%', () => {
    const rows = [
      row('a', 'lead', 10_000, 6.5),
      row('a', 'lead', 20_000, 12),
      row('b', 'supplementary', 15_000, 9.25, { inArea: false, fundingRoute: 'direct_payment' }),
      row('c', null, 5_000, null),
    ];
    const v = marketView(rows.map(marketCell));
    expect(v.totals).toEqual({ people: 4, providers: 3, hours: 27.75, weeklyPence: 50_000, annualPence: 2_600_000, inArea: 3, outOfArea: 1 });
    expect(v.byRole.map((r) => [r.role, r.people, r.peopleSharePercent, r.valueSharePercent])).toEqual([
      ['lead', 2, 50, 60],
      ['supplementary', 1, 25, 30],
      ['none', 1, 25, 10],
    ]);
    expect(v.byProvider[0]).toMatchObject({ providerId: 'a', people: 2, roles: ['lead'], hours: 18.5 });
    expect(v.byArea.map((a) => [a.area, a.people])).toEqual([
      ['in_area', 3],
      ['out_of_area', 1],
    ]);
    expect(v.byFundingRoute.map((f) => [f.fundingRoute, f.people, f.providers])).toEqual([
      ['council_commissioned', 3, 2],
      ['direct_payment', 1, 1],
    ]);
  });

  it('gives the same view from cells summed in the database as from the placements one by one', () => {
    const rows = [
      row('a', 'lead', 10_000, 6.5),
      row('a', 'lead', 20_000, 12.333),
      row('a', 'supplementary', 7_000, 3),
      row('b', 'supplementary', 15_000, 9.25, { inArea: false, fundingRoute: 'direct_payment' }),
      row('b', 'supplementary', 1_000, null, { inArea: false, fundingRoute: 'direct_payment' }),
      row('c', null, 5_000, null),
    ];
    // What GROUP BY provider, role, area and funding route gives.
    const cells = new Map<string, MarketCell>();
    for (const one of rows.map(marketCell)) {
      const key = [one.providerId, one.role, one.inArea, one.fundingRoute].join('|');
      const cell = cells.get(key);
      cells.set(key, cell ? { ...cell, people: cell.people + 1, weeklyPence: cell.weeklyPence + one.weeklyPence, hoursHundredths: cell.hoursHundredths + one.hoursHundredths } : one);
    }
    expect(cells.size).toBe(4);
    expect(marketView([...cells.values()])).toEqual(marketView(rows.map(marketCell)));
    expect(marketView([...cells.values()]).totals).toMatchObject({ people: 6, providers: 3, hours: 31.08, weeklyPence: 58_000 });
  });

  it("Leicestershire's shares: 1,189 and 586 service users are 67% and 33%", () => {
    expect(largestRemainderPercents([1_189, 586])).toEqual([67, 33]);
    expect(largestRemainderPercents([20_816_600, 10_119_500])).toEqual([67, 33]);
    expect(largestRemainderPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainderPercents([0, 0])).toEqual([0, 0]);
  });

  it('shows annual values as the papers do', () => {
    expect(formatMillions(309_361_00 * 52)).toBe('£16.1m');
    expect(formatMillions(2_889_998_800)).toBe('£28.9m');
    expect(formatMillions(1_082_463_200)).toBe('£10.8m');
  });
});
