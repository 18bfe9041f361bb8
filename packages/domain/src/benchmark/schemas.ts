import { z } from 'zod';
import { KPI_DIRECTIONS } from './kpi-direction.ts';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression.ts';

/** Inputs an API would take for benchmark calculations; the functions re-check what zod cannot. */
export const kpiDirection = z.enum(KPI_DIRECTIONS);

const count = z.number().int().min(0);
const finite = z.number().finite();

export const populationInput = z.object({
  value: z.number().positive(),
  ageBand: z.string().trim().min(1, 'Name the age band of the population, e.g. 18+ or 65+'),
});

export const rateInput = z.object({ count: z.number().min(0), population: populationInput });

export const quartilesInput = z.object({ values: z.array(finite).min(1, 'A median needs at least one value') });

export const rankInput = z.object({
  items: z.array(z.object({ key: z.string().min(1), value: finite })),
  direction: kpiDirection,
});

export const funnelMeasure = z.enum(['proportion', 'rate_per_100k']);

export const funnelUnitInput = z.object({ key: z.string().min(1), numerator: count, denominator: z.number().positive() });

export const funnelInput = z.object({
  measure: funnelMeasure,
  units: z.array(funnelUnitInput).min(1, 'A funnel plot needs at least one authority'),
});

export const funnelCurveInput = z.object({
  from: z.number().positive().optional(),
  to: z.number().positive().optional(),
  points: z.number().int().min(2).max(1000).default(50),
});

export const spcInput = z.object({
  values: z.array(finite).min(2, 'An XmR chart needs at least 2 points'),
  direction: kpiDirection,
});

export const countCellInput = z.object({
  key: z.string().min(1),
  count,
  derived: z.record(z.string(), finite).optional(),
});

export const suppressionInput = z.object({
  cells: z.array(countCellInput),
  total: count.optional(),
  threshold: z.number().int().min(2).default(DEFAULT_SUPPRESSION_THRESHOLD),
});
