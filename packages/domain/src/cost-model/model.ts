import { z } from 'zod';
import { badRequest, DomainError } from '../errors.ts';
import type { Pence } from '../money.ts';
import type { CostLine } from './cost-line.ts';
import { extraCareSchemeCost, extraCareSchemeInput } from './extra-care.ts';
import { hourlyRate, hourlyRateInput } from './hourly-rate.ts';
import { sharedLivesAnnualCost } from './shared-lives.ts';
import { supportedLivingBand, supportedLivingWeeklyRate } from './supported-living.ts';
import { nameField, parseInput, penceField, quantityField, wholeField } from './validation.ts';

/**
 * A partnership's cost model, as stored (issue 5): one of four kinds, its parameters as JSON, and what the
 * domain computes from them — one or more model RATES (per band, scheme size or scheme), each with the lines
 * that build it up. The same function runs in the API (what is stored and compared) and in the browser (the
 * live breakdown while a model is edited), so the two can never disagree.
 */

export const COST_MODEL_KINDS = ['home_care', 'supported_living', 'shared_lives', 'extra_care'] as const;
export type CostModelKind = (typeof COST_MODEL_KINDS)[number];
export const COST_MODEL_KIND_LABELS: Record<CostModelKind, string> = {
  home_care: 'Hourly home care rate',
  supported_living: 'Weekly supported living rates',
  shared_lives: 'Shared Lives carer payments',
  extra_care: 'Extra Care scheme costs',
};
/** The unit each kind's model rates are in. */
export const COST_MODEL_UNITS: Record<CostModelKind, 'hour' | 'week'> = {
  home_care: 'hour',
  supported_living: 'week',
  shared_lives: 'week',
  extra_care: 'week',
};

const uniqueNames = <T extends { name?: string; scheme?: string }>(label: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const name = item.name ?? item.scheme;
      if (name === undefined) return;
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `There is more than one ${label} called ${name}`, path: [i, item.name !== undefined ? 'name' : 'scheme'] });
      seen.add(name);
    });
  };

export const homeCareModelParameters = hourlyRateInput;

export const supportedLivingModelParameters = z.object({
  hourlyRatePence: penceField('Hourly rate', 10_000).refine((p) => p > 0, 'Hourly rate must be more than £0.00'),
  schemeSizes: z
    .array(wholeField('Scheme size (people sharing)', 1, 20), { error: 'Scheme sizes must be a list' })
    .min(1, 'Add at least one scheme size')
    .refine((sizes) => new Set(sizes).size === sizes.length, 'Each scheme size can appear only once'),
  bands: z.array(supportedLivingBand, { error: 'Bands must be a list' }).min(1, 'Add at least one complexity band').superRefine(uniqueNames('band')),
});

export const sharedLivesBandParameters = z.object({
  name: nameField('the band', 100),
  weeklyPence: penceField('Weekly carer payment', 500_000).refine((p) => p > 0, 'Weekly carer payment must be more than £0.00'),
});
export const sharedLivesModelParameters = z.object({
  paidBreakWeeks: quantityField('Paid break weeks a year', 52, 'weeks'),
  bands: z.array(sharedLivesBandParameters, { error: 'Bands must be a list' }).min(1, 'Add at least one band').superRefine(uniqueNames('band')),
});

export const extraCareModelParameters = z.object({
  schemes: z
    .array(extraCareSchemeInput.extend({ scheme: nameField('the scheme name', 200) }), { error: 'Schemes must be a list' })
    .min(1, 'Add at least one scheme')
    .superRefine(uniqueNames('scheme')),
});

export const COST_MODEL_PARAMETERS = {
  home_care: homeCareModelParameters,
  supported_living: supportedLivingModelParameters,
  shared_lives: sharedLivesModelParameters,
  extra_care: extraCareModelParameters,
} as const;
export type CostModelParameters = {
  home_care: z.input<typeof homeCareModelParameters>;
  supported_living: z.input<typeof supportedLivingModelParameters>;
  shared_lives: z.input<typeof sharedLivesModelParameters>;
  extra_care: z.input<typeof extraCareModelParameters>;
};

/** One rate the model produces, with the lines that build it up (their sum is ratePence). */
export interface ModelRate {
  /** What actual rates are matched on: "Standard", "Complex, 5 people", "Long-term", a scheme's name. */
  band: string;
  ratePence: Pence;
  lines: CostLine[];
  /** Extra figures: a Shared Lives band's annual cost per placement, an Extra Care scheme's annual cost and per-unit rate. */
  annualPence?: Pence;
  perUnitWeeklyPence?: Pence;
  units?: number;
}

export interface CostModelResult {
  kind: CostModelKind;
  unit: 'hour' | 'week';
  rates: ModelRate[];
}

/** Re-throws a domain refusal about one item of a list with the item's path, e.g. bands[1].sharedHoursPerWeek. */
function within<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'BAD_REQUEST') {
      const field = error.field?.replace(/^band\./, '') ?? '';
      throw badRequest(error.message, field ? `${path}.${field}` : path);
    }
    throw error;
  }
}

/** Validates the parameters for the kind (naming the field on a refusal) and computes every model rate. */
export function computeCostModel(kind: CostModelKind, parameters: unknown): CostModelResult {
  const unit = COST_MODEL_UNITS[kind];
  switch (kind) {
    case 'home_care': {
      const p = parseInput(homeCareModelParameters, parameters);
      const r = hourlyRate(p);
      return { kind, unit, rates: [{ band: 'Standard', ratePence: r.ratePence, lines: r.lines }] };
    }
    case 'supported_living': {
      const p = parseInput(supportedLivingModelParameters, parameters);
      const rates = p.bands.flatMap((band, i) =>
        p.schemeSizes.map((schemeSize) => {
          const r = within(`bands[${i}]`, () => supportedLivingWeeklyRate({ hourlyRatePence: p.hourlyRatePence, schemeSize, band }));
          return { band: supportedLivingBandLabel(band.name, schemeSize), ratePence: r.weeklyPence, lines: r.lines };
        }),
      );
      return { kind, unit, rates };
    }
    case 'shared_lives': {
      const p = parseInput(sharedLivesModelParameters, parameters);
      const rates = p.bands.map((band) => {
        const r = sharedLivesAnnualCost({ band: band.name, weeklyPence: band.weeklyPence, paidBreakWeeks: p.paidBreakWeeks });
        return { band: band.name, ratePence: band.weeklyPence, lines: r.lines, annualPence: r.annualPerPlacementPence };
      });
      return { kind, unit, rates };
    }
    case 'extra_care': {
      const p = parseInput(extraCareModelParameters, parameters);
      const rates = p.schemes.map((scheme, i) => {
        const r = within(`schemes[${i}]`, () => extraCareSchemeCost(scheme));
        return {
          band: scheme.scheme,
          ratePence: r.weeklyPence,
          lines: r.lines,
          annualPence: r.annualPence,
          ...(r.units === undefined ? {} : { units: r.units, perUnitWeeklyPence: r.weeklyPerUnitPence! }),
        };
      });
      return { kind, unit, rates };
    }
  }
}

/** "Complex, 5 people": the band a supported-living rate is compared on. */
export const supportedLivingBandLabel = (band: string, schemeSize: number) => `${band}, ${schemeSize} ${schemeSize === 1 ? 'person' : 'people'}`;

export interface ParameterChange {
  /** e.g. "careWorkerPayPence", "bands[1].oneToOneHoursPerWeek". */
  path: string;
  from: unknown;
  to: unknown;
}

/** What changed between two versions' parameters, leaf by leaf (added and removed leaves have undefined on one side). */
export function diffParameters(from: unknown, to: unknown): ParameterChange[] {
  const a = flatten(from);
  const b = flatten(to);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p))).map((path) => ({ path, from: a.get(path), to: b.get(path) }));
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}
