/**
 * Deterministic generators for the demo placements (issue 4). No randomness: every figure is a function of
 * the row's index, and each generator corrects its last rows so the totals are exactly the papers'. The
 * acceptance tests (tests/acceptance/market.test.ts) read the totals back through the API.
 */

/** Spreads `count` marks evenly over `n` positions: position k is marked when ⌊(k+1)c/n⌋ > ⌊kc/n⌋. Exactly `count` marks. */
export function evenlyMarked(n: number, count: number): boolean[] {
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 1) * count) / n) > Math.floor((k * count) / n));
}

/** Splits a whole `total` into `n` whole parts in proportion to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Makes `values` total exactly `target` by adding the difference a penny (unit) at a time from the end. */
export function correctTotal(values: number[], target: number): number[] {
  const out = [...values];
  let diff = target - out.reduce((s, v) => s + v, 0);
  const step = Math.sign(diff);
  let i = out.length - 1;
  // Spread the whole-unit part evenly, then the rest one unit at a time.
  const each = Math.trunc(diff / out.length);
  if (each !== 0) {
    for (let k = 0; k < out.length; k++) out[k]! += each;
    diff -= each * out.length;
  }
  while (diff !== 0) {
    out[i]! += step;
    diff -= step;
    i = i === 0 ? out.length - 1 : i - 1;
  }
  return out;
}

/** A date `days` after `from`. */
export function dayAfter(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ── Staffordshire supported living (seed 001, paragraph 2) ─────────────────────────────────────────────
/*
 * 509 placements with 81 providers, 433 in county and 76 out, £28.9m a year:
 *   426 council-paid with 70 providers (364 in, 62 out), £25.7m a year;
 *    83 by Direct Payment with 32 providers (69 in, 14 out), £3.2m a year.
 * 70 + 32 = 102 provider places but 81 providers, so 21 providers have both: providers 1–70 are paid by the
 * council, providers 50–81 by Direct Payments (50–70 both). Placements go round the providers in turn, so
 * every provider has at least one. Out-of-county placements are spread evenly (62 of 426, 14 of 83).
 * Weekly costs by complexity band (council: 65 highly complex, 300 complex, 61 less complex, from paragraph
 * 11's "around 65 … around 300"; Direct Payments: 40 complex, 43 less complex), varied by up to ±£100 by
 * index, then corrected to totals whose 52 weeks round to the paper's figures:
 *   council £494,231.00 a week × 52 = £25,700,012 → £25.7m
 *   Direct Payments £61,538.00 a week × 52 = £3,199,976 → £3.2m
 *   all £555,769.00 a week × 52 = £28,899,988 → £28.9m
 */
export const STAFFORDSHIRE_COUNCIL_WEEKLY_PENCE = 49_423_100;
export const STAFFORDSHIRE_DP_WEEKLY_PENCE = 6_153_800;

export interface GeneratedPlacement {
  reference: string;
  providerIndex: number; // 0-based into the authority's provider list
  serviceType: string;
  complexityBand: string | null;
  locality: string;
  inArea: boolean;
  fundingRoute: 'council_commissioned' | 'direct_payment' | 'nhs_funded';
  nhsSharePercent: number | null;
  startDate: string;
  weeklyCostPence: number;
  weeklyHours: number | null;
  /** Leicestershire: which contract the package is under (index into that authority's contract list). */
  contractIndex?: number;
  endDate?: string;
  /** When the placement was asked for and when a provider was found (PLC-01). */
  requestedOn?: string;
  sourcedOn?: string;
}

const STAFFS_DISTRICTS = ['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Tamworth'];
const STAFFS_OUT = ['Stoke-on-Trent', 'Derby', 'Wolverhampton', 'Shropshire', 'Cheshire East', 'Birmingham'];
const variation = (k: number) => (((k * 7919) % 41) - 20) * 500; // −£100 … +£100

function staffordshireGroup(options: {
  count: number;
  outOfCounty: number;
  bands: [string, number, number][]; // band, count, base weekly pence
  providers: (k: number) => number;
  targetWeekly: number;
  route: 'council_commissioned' | 'direct_payment';
  prefix: string;
  startOffset: number;
}): GeneratedPlacement[] {
  const out = evenlyMarked(options.count, options.outOfCounty);
  const bands: { band: string; base: number }[] = [];
  for (const [band, n, base] of options.bands) for (let i = 0; i < n; i++) bands.push({ band, base });
  if (bands.length !== options.count) throw new Error('band counts do not add up');
  // Interleave the bands so each provider gets a mix: position k takes band slot (k × 7) mod count (7 is coprime to both counts).
  const slot = (k: number) => bands[(k * 7) % options.count]!;
  const costs = correctTotal(
    Array.from({ length: options.count }, (_, k) => slot(k).base + variation(k + options.startOffset)),
    options.targetWeekly,
  );
  return Array.from({ length: options.count }, (_, k) => ({
    reference: `${options.prefix}-${String(k + 1).padStart(4, '0')}`,
    providerIndex: options.providers(k),
    serviceType: 'supported_living',
    complexityBand: slot(k).band,
    locality: out[k] ? STAFFS_OUT[k % STAFFS_OUT.length]! : STAFFS_DISTRICTS[k % STAFFS_DISTRICTS.length]!,
    inArea: !out[k],
    fundingRoute: options.route,
    nhsSharePercent: null,
    startDate: dayAfter('2015-01-05', ((k + options.startOffset) * 97) % 2_800),
    weeklyCostPence: costs[k]!,
    weeklyHours: null,
  }));
}

export function staffordshirePlacements(): GeneratedPlacement[] {
  const council = staffordshireGroup({
    count: 426,
    outOfCounty: 62,
    bands: [
      ['highly_complex', 65, 240_000],
      ['complex', 300, 100_000],
      ['less_complex', 61, 60_000],
    ],
    providers: (k) => k % 70, // providers 1–70
    targetWeekly: STAFFORDSHIRE_COUNCIL_WEEKLY_PENCE,
    route: 'council_commissioned',
    prefix: 'SCC-SL',
    startOffset: 0,
  });
  const directPayments = staffordshireGroup({
    count: 83,
    outOfCounty: 14,
    bands: [
      ['complex', 40, 90_000],
      ['less_complex', 43, 58_000],
    ],
    providers: (k) => 49 + (k % 32), // providers 50–81
    targetWeekly: STAFFORDSHIRE_DP_WEEKLY_PENCE,
    route: 'direct_payment',
    prefix: 'SCC-SL-DP',
    startOffset: 426,
  });
  return [...council, ...directPayments];
}

// ── Leicestershire home care, mid-August 2018 (seed 003, paragraph 10) ─────────────────────────────────
/*
 * Every package is a placement ("people" = packages; hours = weekly hours):
 *   lead providers          1,189 people, 12,533 hours, £208,166 a week
 *   supplementary providers   586 people,  6,092 hours, £101,195 a week
 *   total                   1,775 people, 18,625 hours, £309,361 a week (£16.1m a year); shares 67% / 33%
 * Lead packages are under the 15 lot contracts, each lot's hours being the lot's volume in the procurement
 * seed (they total 12,533); people per lot in proportion to hours. Supplementary packages are under 14
 * supplementary providers' contracts. Hours are in quarter hours, varied in pairs (+d, −d) around each
 * lot's average so a lot's total is exact; each package costs hours × the contract's hourly rate, then the
 * group's pence are corrected to the paper's weekly value. About a tenth of the value is NHS-funded (the
 * paper: £1.6m of the £16.1m a year is on behalf of the CCGs): every tenth package is NHS-funded at 100%.
 */
export const LEICESTERSHIRE_LEAD = { people: 1_189, hours: 12_533, weeklyPence: 20_816_600 };
export const LEICESTERSHIRE_SUPPLEMENTARY = { people: 586, hours: 6_092, weeklyPence: 10_119_500 };

function packages(options: {
  prefix: string;
  groups: { hours: number; people: number; ratePence: number; contractIndex: number; providerIndex: number; locality: string }[];
  targetWeekly: number;
  startOffset: number;
}): GeneratedPlacement[] {
  const rows: GeneratedPlacement[] = [];
  const raw: number[] = [];
  let k = 0;
  for (const g of options.groups) {
    const quarters = g.hours * 4;
    const base = Math.floor(quarters / g.people);
    let remainder = quarters - base * g.people;
    const hours: number[] = [];
    for (let i = 0; i < g.people; i++) {
      let q = base + (remainder > 0 ? 1 : 0);
      if (remainder > 0) remainder -= 1;
      hours.push(q);
    }
    // Vary in pairs, keeping the lot's total: +d then −d quarter hours (d up to 6 hours, never below 1 hour).
    for (let i = 0; i + 1 < hours.length; i += 2) {
      const d = Math.min(((i * 3 + g.contractIndex) % 7) * 4, hours[i + 1]! - 4);
      hours[i]! += d;
      hours[i + 1]! -= d;
    }
    for (const q of hours) {
      const weeklyHours = q / 4;
      raw.push(Math.round((q * g.ratePence) / 4));
      const nhs = (k + options.startOffset) % 10 === 0;
      rows.push({
        reference: `${options.prefix}-${String(k + 1).padStart(5, '0')}`,
        providerIndex: g.providerIndex,
        contractIndex: g.contractIndex,
        serviceType: 'home_care',
        complexityBand: 'standard',
        locality: g.locality,
        inArea: true,
        fundingRoute: nhs ? 'nhs_funded' : 'council_commissioned',
        nhsSharePercent: nhs ? 100 : null,
        startDate: dayAfter('2016-11-07', ((k + options.startOffset) * 61) % 640),
        weeklyCostPence: 0,
        weeklyHours,
      });
      k += 1;
    }
  }
  const costs = correctTotal(raw, options.targetWeekly);
  rows.forEach((r, i) => (r.weeklyCostPence = costs[i]!));
  return rows;
}

export function leicestershireLeadPackages(lots: { hours: number; ratePence: number; contractIndex: number; providerIndex: number; name: string }[]): GeneratedPlacement[] {
  const people = apportion(
    LEICESTERSHIRE_LEAD.people,
    lots.map((l) => l.hours),
  );
  return packages({
    prefix: 'LCC-HC-L',
    groups: lots.map((l, i) => ({ hours: l.hours, people: people[i]!, ratePence: l.ratePence, contractIndex: l.contractIndex, providerIndex: l.providerIndex, locality: l.name })),
    targetWeekly: LEICESTERSHIRE_LEAD.weeklyPence,
    startOffset: 0,
  });
}

export const SUPPLEMENTARY_WEIGHTS = [14, 12, 11, 10, 9, 8, 8, 7, 6, 5, 4, 3, 2, 1];

export function leicestershireSupplementaryPackages(providers: { ratePence: number; contractIndex: number; providerIndex: number; locality: string }[]): GeneratedPlacement[] {
  const hours = apportion(LEICESTERSHIRE_SUPPLEMENTARY.hours, SUPPLEMENTARY_WEIGHTS);
  const people = apportion(LEICESTERSHIRE_SUPPLEMENTARY.people, SUPPLEMENTARY_WEIGHTS);
  return packages({
    prefix: 'LCC-HC-S',
    groups: providers.map((p, i) => ({ hours: hours[i]!, people: people[i]!, ...p })),
    targetWeekly: LEICESTERSHIRE_SUPPLEMENTARY.weeklyPence,
    startOffset: 3,
  });
}

// ── Plymouth Shared Lives (seed 000) ───────────────────────────────────────────────────────────────────
/*
 * 13 long-term placements averaging £245 a week. They flex from £213 to £277 in £8 steps, symmetric about
 * £245 (so the average is exactly £245.00), each an odd number of whole pounds: then +11.5% rounds half up
 * on every one exactly as it does on £245.00, and the uplift costed from these rows equals the paper's
 * 13 × £245 case (£11,300.51 October–March, £22,601.02 a full year, under the domain's conventions).
 */
export const PLYMOUTH_SHARED_LIVES_WEEKLY = [21_300, 22_100, 22_900, 23_700, 24_500, 24_500, 24_500, 24_500, 24_500, 25_300, 26_100, 26_900, 27_700];

export function plymouthPlacements(): GeneratedPlacement[] {
  return PLYMOUTH_SHARED_LIVES_WEEKLY.map((weeklyCostPence, k) => ({
    reference: `PLY-SL-${String(k + 1).padStart(4, '0')}`,
    providerIndex: 0,
    serviceType: 'shared_lives',
    complexityBand: 'long_term',
    locality: 'Plymouth',
    inArea: true,
    fundingRoute: 'council_commissioned',
    nhsSharePercent: null,
    startDate: dayAfter('2013-02-04', k * 271),
    weeklyCostPence,
    weeklyHours: null,
  }));
}

/*
 * Plymouth's placements made in July to September 2022 (invented for the demo of derived KPIs, issue 6): five
 * Shared Lives placements under the old contract, each requested, sourced and started in turn, all ended by
 * 31 March 2023 (so the 2023/24 budget, the uplift and the 13 placements of August 2023 are untouched).
 * Worked by hand for 2022-23 Q2: PLC-01 — 5 requested and sourced, 3 within 5 working days (4, 5, 10, 4 and 7
 * working days; 29 August 2022 was a bank holiday, counted as a working day) = 60%; OOA-01 — 4 started in
 * the quarter (the fifth on 3 October), 1 of them out of area (Torbay) = 25%.
 */
export const PLYMOUTH_PLACEMENTS_2022: { requestedOn: string; sourcedOn: string; startDate: string; endDate: string; inArea: boolean }[] = [
  { requestedOn: '2022-07-04', sourcedOn: '2022-07-08', startDate: '2022-07-18', endDate: '2023-01-31', inArea: true },
  { requestedOn: '2022-07-20', sourcedOn: '2022-07-27', startDate: '2022-08-08', endDate: '2023-02-28', inArea: true },
  { requestedOn: '2022-08-12', sourcedOn: '2022-08-26', startDate: '2022-09-05', endDate: '2023-03-10', inArea: false },
  { requestedOn: '2022-08-24', sourcedOn: '2022-08-30', startDate: '2022-09-12', endDate: '2023-03-31', inArea: true },
  { requestedOn: '2022-09-14', sourcedOn: '2022-09-23', startDate: '2022-10-03', endDate: '2023-03-24', inArea: true },
];

export function plymouthPlacements2022(): GeneratedPlacement[] {
  return PLYMOUTH_PLACEMENTS_2022.map((p, k) => ({
    reference: `PLY-SL-${String(k + 14).padStart(4, '0')}`,
    providerIndex: 0,
    serviceType: 'shared_lives',
    complexityBand: 'long_term',
    locality: p.inArea ? 'Plymouth' : 'Torbay',
    inArea: p.inArea,
    fundingRoute: 'council_commissioned',
    nhsSharePercent: null,
    startDate: p.startDate,
    endDate: p.endDate,
    requestedOn: p.requestedOn,
    sourcedOn: p.sourcedOn,
    weeklyCostPence: 24_500,
    weeklyHours: null,
  }));
}
