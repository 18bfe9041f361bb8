import { WEEKS_PER_YEAR } from '../cost-model/arithmetic.ts';
import type { Pence } from '../money.ts';
import type { ProviderRole } from '../contract/labels.ts';
import type { FundingRoute } from '../placement/labels.ts';

/**
 * The market for one service type, from placement rows (a home-care package is a placement: "people"
 * counts placements, hours are weekly hours). Nothing here is stored as a total: every figure is a sum of rows.
 *
 * - Weekly value = Σ weekly cost; annual value = weekly × 52.
 * - Market share is by people (service users), as Leicestershire's table labels it ("Market share (service
 *   users)": 1,189 ÷ 1,775 = 66.99% → 67%). Shares by hours and by value are given too (both 67.29% there).
 *   Shares are whole percentages by the largest-remainder method, so a breakdown always totals 100%.
 * - By role: the provider role of the contract a placement is under (lead / supplementary); placements with
 *   no contract or a contract with no role are 'none'.
 */
export interface MarketRow {
  providerId: string;
  providerName: string;
  role: ProviderRole | null;
  inArea: boolean;
  fundingRoute: FundingRoute;
  weeklyCostPence: Pence;
  weeklyHours: number | null;
}

/**
 * Placements summed in the database by provider, role, area and funding route: the view is worked out from
 * these few cells, never from every placement row. One placement is a cell of one (`marketCell`).
 */
export interface MarketCell {
  providerId: string;
  providerName: string;
  role: ProviderRole | null;
  inArea: boolean;
  fundingRoute: FundingRoute;
  people: number;
  weeklyPence: Pence;
  /** Σ weekly hours × 100, each placement's hours rounded to hundredths first. */
  hoursHundredths: number;
}

/** One placement row as a market cell. */
export function marketCell(r: MarketRow): MarketCell {
  const { weeklyCostPence, weeklyHours, ...key } = r;
  return { ...key, people: 1, weeklyPence: weeklyCostPence, hoursHundredths: Math.round((weeklyHours ?? 0) * 100) };
}

export interface MarketFigures {
  people: number;
  providers: number;
  /** Weekly hours, to 2 decimal places. */
  hours: number;
  weeklyPence: Pence;
  annualPence: Pence;
  inArea: number;
  outOfArea: number;
}

export interface MarketShare extends MarketFigures {
  peopleSharePercent: number;
  hoursSharePercent: number;
  valueSharePercent: number;
}

export interface MarketView {
  totals: MarketFigures;
  byProvider: (MarketShare & { providerId: string; providerName: string; roles: ProviderRole[] })[];
  byRole: (MarketShare & { role: ProviderRole | 'none' })[];
  byArea: (MarketShare & { area: 'in_area' | 'out_of_area' })[];
  byFundingRoute: (MarketShare & { fundingRoute: FundingRoute })[];
}

/** Whole percentages of `parts` that total exactly 100 (largest remainder; ties to the earlier part). */
export function largestRemainderPercents(parts: readonly number[]): number[] {
  const total = parts.reduce((s, p) => s + p, 0);
  if (total === 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((s, f) => s + f, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

function figures(rows: readonly MarketCell[]): MarketFigures {
  const sum = (of: (r: MarketCell) => number) => rows.reduce((s, r) => s + of(r), 0);
  const people = sum((r) => r.people);
  const weekly = sum((r) => r.weeklyPence);
  const inArea = sum((r) => (r.inArea ? r.people : 0));
  return {
    people,
    providers: new Set(rows.map((r) => r.providerId)).size,
    hours: sum((r) => r.hoursHundredths) / 100,
    weeklyPence: weekly,
    annualPence: weekly * WEEKS_PER_YEAR,
    inArea,
    outOfArea: people - inArea,
  };
}

function withShares<K>(groups: { key: K; rows: MarketCell[] }[]): (MarketShare & { key: K })[] {
  const f = groups.map((g) => figures(g.rows));
  const people = largestRemainderPercents(f.map((x) => x.people));
  const hours = largestRemainderPercents(f.map((x) => Math.round(x.hours * 100)));
  const value = largestRemainderPercents(f.map((x) => x.weeklyPence));
  return groups.map((g, i) => ({ key: g.key, ...f[i]!, peopleSharePercent: people[i]!, hoursSharePercent: hours[i]!, valueSharePercent: value[i]! }));
}

function groupBy<K>(rows: readonly MarketCell[], key: (r: MarketCell) => K): { key: K; rows: MarketCell[] }[] {
  const map = new Map<K, MarketCell[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return [...map.entries()].map(([k, rs]) => ({ key: k, rows: rs }));
}

const ROLE_ORDER = ['lead', 'supplementary', 'none'] as const;

export function marketView(rows: readonly MarketCell[]): MarketView {
  const byProvider = withShares(groupBy(rows, (r) => r.providerId))
    .map(({ key, ...rest }) => {
      const own = rows.filter((r) => r.providerId === key);
      const roles = [...new Set(own.map((r) => r.role).filter((r): r is ProviderRole => r !== null))].sort();
      return { providerId: key, providerName: own[0]!.providerName, roles, ...rest };
    })
    .sort((a, b) => b.people - a.people || b.weeklyPence - a.weeklyPence || a.providerName.localeCompare(b.providerName));
  const byRole = withShares(groupBy(rows, (r) => r.role ?? ('none' as const)))
    .map(({ key, ...rest }) => ({ role: key, ...rest }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const byArea = withShares(groupBy(rows, (r) => (r.inArea ? ('in_area' as const) : ('out_of_area' as const))))
    .map(({ key, ...rest }) => ({ area: key, ...rest }))
    .sort((a, b) => a.area.localeCompare(b.area));
  const routes = ['council_commissioned', 'direct_payment', 'individual_service_fund', 'nhs_funded'];
  const byFundingRoute = withShares(groupBy(rows, (r) => r.fundingRoute))
    .map(({ key, ...rest }) => ({ fundingRoute: key, ...rest }))
    .sort((a, b) => routes.indexOf(a.fundingRoute) - routes.indexOf(b.fundingRoute));
  return { totals: figures(rows), byProvider, byRole, byArea, byFundingRoute };
}

/** '£28.9m': pence as millions of pounds to `decimals` places, rounded half up. */
export function formatMillions(pence: Pence, decimals = 1): string {
  const scale = 10 ** decimals;
  const units = Math.floor((pence * scale) / 100_000_000 + 0.5);
  return `£${(units / scale).toFixed(decimals)}m`;
}
