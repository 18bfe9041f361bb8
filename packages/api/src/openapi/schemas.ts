import { KPI_DERIVATIONS } from '@concord/domain';
import { z } from 'zod';

/**
 * Output schemas of the procedures the read API for BI tools exposes (GET /api/v1/…). They describe, and at
 * run time check, exactly what the tRPC procedures already return; the OpenAPI document is generated from them
 * (trpc-to-openapi), so the REST surface is the tRPC router, not a second copy.
 */

const isoDate = z.string().describe('YYYY-MM-DD');
const kpiUnit = z.enum(['count', 'percent', 'pence', 'hours', 'rate_per_100k']);
const kpiDirection = z.enum(['higher_better', 'lower_better', 'neither']);
const kpiFrequency = z.enum(['monthly', 'quarterly', 'annual']);
const kpiSource = z.enum(['manual', 'placements', 'contracts', 'rates']);

export const kpiSchema = z.object({
  id: z.string(),
  partnershipId: z.string(),
  code: z.string(),
  version: z.number(),
  name: z.string(),
  definition: z.string(),
  numeratorDefinition: z.string().nullable(),
  denominatorDefinition: z.string().nullable(),
  unit: kpiUnit,
  direction: kpiDirection,
  frequency: kpiFrequency,
  populationAgeBand: z.string().nullable(),
  target: z.number().nullable(),
  redThreshold: z.number().nullable(),
  source: kpiSource,
  derivation: z.enum(KPI_DERIVATIONS).nullable().describe('The rule that works the KPI out from an authority’s records; null when typed in'),
  countsPeople: z.boolean(),
  perContract: z.boolean(),
  serviceType: z.string().nullable(),
  firstPeriod: isoDate,
  changeNote: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601 timestamp'),
});

export const kpiLibrarySchema = z.object({
  partnerships: z.array(z.object({ id: z.string(), name: z.string(), canEdit: z.boolean(), kpis: z.array(kpiSchema) })).describe('One page: partnerships by name, each with its KPIs on this page, by code'),
  total: z.number().int().describe('KPIs over all pages (a partnership with none counts as one)'),
});

export const calendarEntrySchema = z.object({
  partnershipId: z.string(),
  partnershipName: z.string(),
  kpiId: z.string(),
  kpiCode: z.string(),
  kpiName: z.string(),
  unit: z.string(),
  frequency: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
  periodLabel: z.string(),
  dueOn: isoDate,
  status: z.enum(['upcoming', 'due', 'missing', 'submitted', 'late', 'queried', 'accepted']),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  comment: z.string().nullable(),
  reviewReason: z.string().nullable().describe('Why the partnership lead queried the figure, when it did'),
  derivation: z.enum(KPI_DERIVATIONS).nullable().describe('The rule that can work the figure out from my records; null when it is typed in'),
  rowVersion: z.number().int().nullable().describe('The version of my return, sent back with a correction (null when there is none yet)'),
});

export const returnsCalendarSchema = z.object({
  entries: z.array(calendarEntrySchema).describe('One page of the calendar: what needs doing first, then newest first'),
  window: z.object({ from: isoDate, to: isoDate }).describe('The due dates covered: each KPI’s periods whose return falls due from `from` to `to`, both included'),
  total: z.number().int().describe('How many entries match the filters, over all pages'),
  outstanding: z.number().int().describe('How many periods of the filtered KPIs are due, missing or queried'),
  missing: z.number().int().describe('Of those, how many are past their due date with nothing returned'),
});

/** A figure, or the literal 'suppressed' (a small number, or one from which a small number could be derived), or null. */
const cell = z.union([z.number(), z.literal('suppressed'), z.null()]);
const period = z.object({ start: isoDate, label: z.string() });

export const benchmarkRowSchema = z.object({
  label: z.string().describe('The authority’s name, or "Authority A"… when it chose to be anonymised'),
  authorityId: z.string().nullable().describe('GSS code; null for an anonymised member'),
  isMe: z.boolean(),
  named: z.boolean(),
  value: cell,
  numerator: cell,
  denominator: cell,
  population: z.number().nullable(),
  perHundredThousand: cell,
  headline: cell,
  rank: z.number().nullable(),
  rag: z.enum(['green', 'amber', 'red']).nullable(),
  trend: z.array(z.object({ periodStart: isoDate, label: z.string(), headline: cell })),
});

export const benchmarkSchema = z.object({
  partnershipId: z.string(),
  kpi: kpiSchema,
  period,
  periods: z.array(period),
  headlineUnit: kpiUnit,
  headlineLabel: z.string(),
  rows: z.array(benchmarkRowSchema),
  stats: z.object({ n: z.number(), min: z.number(), q1: z.number(), median: z.number(), q3: z.number(), max: z.number() }).nullable(),
  total: cell,
  funnel: z
    .object({
      measure: z.enum(['proportion', 'rate_per_100k']),
      target: z.number(),
      points: z.array(
        z.object({
          label: z.string(),
          isMe: z.boolean(),
          denominator: z.number(),
          value: z.number(),
          position: z.enum(['above', 'below', 'within']),
          outside998: z.boolean(),
        }),
      ),
      curve: z.array(z.object({ denominator: z.number(), lower95: z.number(), upper95: z.number(), lower998: z.number(), upper998: z.number() })),
    })
    .nullable(),
  spc: z.array(
    z.object({
      label: z.string(),
      authorityId: z.string().nullable(),
      isMe: z.boolean(),
      points: z.array(
        z.object({
          periodStart: isoDate,
          label: z.string(),
          value: z.number(),
          flags: z.array(z.object({ rule: z.enum(['outside_limits', 'shift', 'trend', 'two_of_three']), side: z.enum(['high', 'low']) })),
        }),
      ),
      mean: z.number(),
      upperProcessLimit: z.number(),
      lowerProcessLimit: z.number(),
      fewPoints: z.boolean(),
      latest: z.enum(['improvement', 'concern', 'common_cause', 'special_cause_neither']),
    }),
  ),
  notes: z.array(z.string()),
});
