import { formatPence } from '../money.ts';
import type { BenchmarkKpi } from './report.ts';

/**
 * KPI figures as people read them (issue 13): ONE formatter, used by the benchmark page, its charts and its
 * exports. Money is stored in pence and shown in pounds, to the penny (a weekly cost of 99,602.6p → "£996.03");
 * every other unit at one precision per unit, the same for every figure of a KPI (table, chart, export).
 */
export type KpiUnit = BenchmarkKpi['unit'];

/** Decimal places of the figure shown (money: of pounds). */
const DECIMALS: Readonly<Record<BenchmarkKpi['unit'], number>> = { count: 0, percent: 1, pence: 2, hours: 1, rate_per_100k: 1 };

const number = (value: number, digits: number) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The decimal places a KPI's figures are shown to: money to the penny (2 dp of pounds), the rest at their display precision. */
export function kpiDecimals(unit: KpiUnit): number {
  return DECIMALS[unit];
}

/** A KPI figure in words: "£996.03", "62.5%", "1,234", "12.5". */
export function formatKpiValue(value: number, unit: KpiUnit): string {
  if (unit === 'pence') return formatPence(Math.round(value));
  if (unit === 'percent') return `${number(value, DECIMALS.percent)}%`;
  return number(value, DECIMALS[unit]);
}

/** A tick on a chart's axis: money in whole pounds ("£1,200"), the rest as figures. */
export function formatKpiAxis(value: number, unit: KpiUnit): string {
  if (unit === 'pence') return formatPence(Math.round(value / 100) * 100, { whole: true });
  if (unit === 'percent') return `${number(value, 0)}%`;
  return number(value, Number.isInteger(value) ? 0 : DECIMALS[unit]);
}

/** A cell of a benchmark table: a figure, "suppressed" (small number) or "–" (no figure). */
export function formatKpiCell(value: number | 'suppressed' | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined) return '–';
  if (value === 'suppressed') return 'suppressed';
  return formatKpiValue(value, unit);
}

/** The value in the unit people read, as a number for a spreadsheet cell: pounds for money (2 dp), else at the KPI's precision. */
export function kpiNumberForPeople(value: number, unit: KpiUnit): number {
  const digits = kpiDecimals(unit);
  const v = unit === 'pence' ? Math.round(value) / 100 : value;
  return Number(v.toFixed(digits));
}

/** The unit named in a heading: "£ (pounds)", "%", "number", "hours", "per 100,000". */
export function kpiUnitLabel(unit: KpiUnit): string {
  return { count: 'number', percent: '%', pence: '£ (pounds)', hours: 'hours', rate_per_100k: 'per 100,000' }[unit];
}

/**
 * The unit a benchmark result compares, in words. Meeting packs frozen before issue 13 hold the label
 * "pence" for a money KPI: their figures are now shown in pounds, so the label follows the unit.
 */
export function comparedLabel(result: { headlineUnit: KpiUnit; headlineLabel: string }): string {
  return result.headlineUnit === 'pence' ? kpiUnitLabel('pence') : result.headlineLabel;
}
