import { describe, expect, it } from 'vitest';
import {
  anonymiseResult,
  anonymisedRateStep,
  computeBenchmark,
  FUNNEL_WITHDRAWN_NOTE,
  roundToStep,
  type BenchmarkInput,
  type BenchmarkKpi,
} from '../../src/benchmark/index.ts';
import { SHARED_LIVES_AUG_2023 } from './seed.ts';

describe('rounding an anonymised figure', () => {
  it('rounds half away from zero to a step, without binary fractions', () => {
    expect(roundToStep(10.846, 1)).toBe(11);
    expect(roundToStep(10.5, 1)).toBe(11);
    expect(roundToStep(92.857142, 0.1)).toBe(92.9);
    expect(roundToStep(0.30000000000000004, 0.1)).toBe(0.3);
    expect(roundToStep(17, 5)).toBe(15);
    expect(roundToStep(-2.5, 1)).toBe(-3);
    expect(Object.is(roundToStep(-0.2, 1), 0)).toBe(true);
  });

  it('a rate per 100,000 is whole, coarser where one person moves the smallest population’s rate by more than 1', () => {
    // Torbay, 139,300: one person is 0.72 per 100,000 — a whole-number rate cannot be solved back to a count.
    expect(anonymisedRateStep(139_300)).toBe(1);
    expect(anonymisedRateStep(100_000)).toBe(1);
    // Sefton aged 75+, 29,900: one person is 3.3 per 100,000 → steps of 5.
    expect(anonymisedRateStep(29_900)).toBe(5);
    expect(anonymisedRateStep(60_000)).toBe(2);
    expect(anonymisedRateStep(9_000)).toBe(20);
    expect(anonymisedRateStep(null)).toBe(1);
    for (const p of [1_000, 12_345, 29_900, 99_999, 139_300, 811_600]) expect((anonymisedRateStep(p) * p) / 100_000).toBeGreaterThanOrEqual(1);
  });
});

const KPI: BenchmarkKpi = { code: 'SL-01', version: 1, unit: 'count', direction: 'higher_better', populationAgeBand: 'all', countsPeople: true, target: null, redThreshold: null };
const PERIODS = ['2023-06-01', '2023-07-01', '2023-08-01'];

/** The Peninsula's August 2023 Shared Lives figures (seed 000), with June and July a little lower; Torbay anonymised. */
function input(viewer: string, anonymised = ['Torbay']): BenchmarkInput {
  return {
    partnershipId: 'p',
    kpi: KPI,
    members: SHARED_LIVES_AUG_2023.map((a) => ({ id: a.key, name: a.key, population: { value: a.population, year: 2021, ageBand: 'all' } })),
    periods: PERIODS.map((start) => ({ start, label: start })),
    figures: SHARED_LIVES_AUG_2023.flatMap((a) => PERIODS.map((periodStart, i) => ({ authorityId: a.key, periodStart, value: a.count - 2 + i, numerator: a.count - 2 + i, denominator: null, kpiVersion: 1 }))),
    consent: new Map(anonymised.map((id) => [id, 'anonymised' as const])),
    viewerAuthorityId: viewer,
  };
}

describe('an anonymised member in a benchmark', () => {
  const asPlymouth = computeBenchmark(input('Plymouth'));
  const anon = asPlymouth.rows.find((r) => !r.named)!;

  it('shows no count, numerator, denominator or population, and a whole rate', () => {
    expect(anon).toMatchObject({ label: 'Authority A', authorityId: null, value: null, numerator: null, denominator: null, population: null });
    // Torbay: 28 / 139,300 × 100,000 = 20.1005 → 20.
    expect(anon.perHundredThousand).toBe(20);
    expect(anon.headline).toBe(20);
    expect(anon.trend.map((t) => t.headline)).toEqual([19, 19, 20]); // 26 → 18.66, 27 → 19.38, 28 → 20.10
  });

  it('every member’s population fits its rounded rate with a whole count', () => {
    for (const { population } of SHARED_LIVES_AUG_2023) {
      const low = ((20 - 0.5) * population) / 100_000;
      const high = ((20 + 0.5) * population) / 100_000;
      expect(Math.ceil(low) < high, String(population)).toBe(true);
    }
  });

  it('is left out of the funnel plot and its pooled figure', () => {
    expect(asPlymouth.funnel!.points.map((p) => p.label).sort()).toEqual(['Cornwall', 'Devon', 'Plymouth', 'Somerset']);
    // (130 + 73 + 62 + 13) / (570,300 + 811,600 + 571,600 + 264,700) × 100,000 — without Torbay's 28 and 139,300.
    expect(asPlymouth.funnel!.target).toBeCloseTo((278 / 2_218_200) * 100_000, 9);
    expect(asPlymouth.funnel!.points.some((p) => p.denominator === 139_300 || p.denominator === 140_000)).toBe(false);
    expect(asPlymouth.notes.join(' ')).toMatch(/left out of the funnel plot/);
  });

  it('its SPC chart is drawn from the rounded figures', () => {
    const s = asPlymouth.spc.find((x) => x.label === 'Authority A')!;
    expect(s.authorityId).toBeNull();
    expect(s.points.map((p) => p.value)).toEqual([19, 19, 20]);
    expect(s.mean).toBeCloseTo(58 / 3, 12);
  });

  it('quartiles and ranks rest on the rounded figure: no statistic gives its exact rate', () => {
    const exact = (28 / 139_300) * 100_000;
    const numbers = JSON.stringify(asPlymouth).match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
    expect(numbers.some((n) => Math.abs(n - exact) < 1e-6)).toBe(false);
    expect(anon.rank).toBe(2);
  });

  it('named members, and the anonymised member to itself, are shown in full', () => {
    const plymouth = asPlymouth.rows.find((r) => r.label === 'Plymouth')!;
    expect(plymouth).toMatchObject({ value: 13, numerator: 13, population: 264_700 });
    expect(plymouth.perHundredThousand).toBeCloseTo((13 / 264_700) * 100_000, 12);
    const asTorbay = computeBenchmark(input('Torbay'));
    expect(asTorbay.rows.find((r) => r.isMe)).toMatchObject({ label: 'Torbay', value: 28, population: 139_300 });
    expect(asTorbay.rows.find((r) => r.isMe)!.perHundredThousand).toBeCloseTo((28 / 139_300) * 100_000, 12);
    expect(asTorbay.funnel!.points).toHaveLength(5);
    // With nobody anonymised the result is as it always was.
    const open = computeBenchmark(input('Plymouth', []));
    expect(open.rows.find((r) => r.label === 'Torbay')!.perHundredThousand).toBeCloseTo((28 / 139_300) * 100_000, 12);
    expect(open.total).toBe(306 - 0);
  });

  it('mends a result frozen before the rule: exact figures rounded, a funnel with the member withdrawn; idempotent', () => {
    const open = computeBenchmark(input('Plymouth', []));
    const frozen = {
      ...open,
      rows: open.rows.map((r) => (r.label === 'Torbay' ? { ...r, label: 'Authority A', named: false, authorityId: null, value: null, numerator: null, population: null } : r)),
      funnel: { ...open.funnel!, points: open.funnel!.points.map((p) => (p.label === 'Torbay' ? { ...p, label: 'Authority A', denominator: 140_000 } : p)) },
      spc: open.spc.map((s) => (s.label === 'Torbay' ? { ...s, label: 'Authority A', authorityId: null } : s)),
    };
    const mended = anonymiseResult(frozen, 1);
    expect(mended.funnel).toBeNull();
    expect(mended.notes).toContain(FUNNEL_WITHDRAWN_NOTE);
    expect(mended.rows.find((r) => r.label === 'Authority A')!.perHundredThousand).toBe(20);
    expect(mended.total).toBeNull();
    expect(anonymiseResult(mended, 1)).toEqual(mended);
    expect(anonymiseResult(asPlymouth, 1)).toEqual(asPlymouth);
  });
});

describe('the note naming members without a population', () => {
  it('lists them by label, so an anonymised member’s place does not give its name away', () => {
    const members = ['Cornwall', 'Devon', 'Plymouth', 'Somerset', 'Torbay'].map((id) => ({ id, name: id, population: null }));
    const result = computeBenchmark({ ...input('Plymouth', ['Somerset']), members });
    expect(result.notes).toContain('No all population is held for Authority A, Cornwall, Devon, Plymouth, Torbay: import the ONS mid-year estimates to compare per head.');
  });
});

describe('an anonymised member’s percentage', () => {
  it('is rounded to 1 decimal place, with no numerator or denominator, and no total to subtract from', () => {
    const kpi: BenchmarkKpi = { ...KPI, code: 'PLC-01', unit: 'percent', populationAgeBand: null };
    const members = ['A', 'B', 'C'].map((id) => ({ id, name: id, population: null }));
    const figures = [
      { authorityId: 'A', numerator: 65, denominator: 70 },
      { authorityId: 'B', numerator: 40, denominator: 60 },
      { authorityId: 'C', numerator: 50, denominator: 75 },
    ].map((f) => ({ ...f, periodStart: '2023-04-01', value: (f.numerator / f.denominator) * 100, kpiVersion: 1 }));
    const b = computeBenchmark({ partnershipId: 'p', kpi, members, periods: [{ start: '2023-04-01', label: 'Q1' }], figures, consent: new Map([['A', 'anonymised']]), viewerAuthorityId: 'B' });
    const a = b.rows.find((r) => !r.named)!;
    expect(a).toMatchObject({ value: 92.9, headline: 92.9, numerator: null, denominator: null });
    expect(b.total).toBeNull();
    expect(b.funnel!.points.map((p) => p.label).sort()).toEqual(['B', 'C']);
    expect(JSON.stringify(b)).not.toMatch(/92\.85|"(numerator|denominator)":(65|70)[,}]/);
  });
});
