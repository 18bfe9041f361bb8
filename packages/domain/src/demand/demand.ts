import { z } from 'zod';
import { requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { multiplyDivideHalfUp, toHundredths } from '../cost-model/arithmetic.ts';
import { nameField, parseInput, quantityField, wholeField } from '../cost-model/validation.ts';

/**
 * Demand model: need = population of an age band × prevalence per 1,000, rounded half up to a whole unit,
 * worked in integers — population × (per-thousand × 100) ÷ 100,000 — so 29,900 × 15 / 1,000 = 448.5 is 449,
 * never 448 by floating-point accident. Gap = need − current supply (negative is a surplus); a type with no
 * supply given has no gap (null), rather than pretending supply is 0.
 */

export interface PrevalenceRate {
  type: string;
  label: string;
  /** Units needed per 1,000 people in the age band; up to 2 decimal places. */
  perThousand: number;
}

/**
 * Housing LIN / Elderly Accommodation Counsel toolkit (More Choice, Greater Voice), as used by Sefton
 * (seed 002, 3.7): about 111 units of specialised housing per 1,000 people aged 75+.
 */
export const HOUSING_LIN_PREVALENCE_75_PLUS = {
  ageBand: '75+',
  source: 'Housing LIN toolkit (with the Elderly Accommodation Counsel): units per 1,000 people aged 75 and over',
  rates: [
    { type: 'sheltered', label: 'Sheltered housing', perThousand: 60 },
    { type: 'extra_care_rent', label: 'Extra Care for rent', perThousand: 15 },
    { type: 'extra_care_sale', label: 'Extra Care for sale', perThousand: 30 },
    { type: 'dementia', label: 'Dementia provision', perThousand: 6 },
  ],
} as const satisfies { ageBand: string; source: string; rates: readonly PrevalenceRate[] };

/** Sefton's population aged 75+ as the paper gives it (seed 002, 3.7). */
export const SEFTON_75_PLUS_POPULATION = [
  { year: 2014, population: 29_900 },
  { year: 2030, population: 41_900 },
] as const;

export const demandModelInput = z.object({
  ageBand: nameField('the age band', 50).default(HOUSING_LIN_PREVALENCE_75_PLUS.ageBand),
  prevalence: z
    .array(
      z.object({
        type: requiredText('the type of provision', 100),
        label: nameField('the name of the provision', 200),
        perThousand: quantityField('Units per 1,000 people', 1_000, 'per 1,000'),
      }),
    )
    .min(1, 'Add at least one type of provision')
    .default(HOUSING_LIN_PREVALENCE_75_PLUS.rates.map((r) => ({ ...r }))),
  populations: z
    .array(z.object({ year: wholeField('Year', 1900, 2100), population: wholeField('Population', 0, 100_000_000) }))
    .min(1, 'Add the population for at least one year'),
  /** Current units of each type, by type. */
  supply: z.record(z.string(), wholeField('Current supply', 0, 10_000_000)).default({}),
});
export type DemandModelInput = z.input<typeof demandModelInput>;

export interface ProvisionNeed {
  type: string;
  label: string;
  perThousand: number;
  need: number;
  supply: number | null;
  /** need − supply; null when no supply was given. */
  gap: number | null;
}

export interface DemandYear {
  year: number;
  population: number;
  needs: ProvisionNeed[];
  totalNeed: number;
}

export interface DemandModel {
  ageBand: string;
  years: DemandYear[];
}

/** One figure: population × per-thousand ÷ 1,000, half up. */
export function needPerThousand(population: number, perThousand: number): number {
  if (!Number.isSafeInteger(population) || population < 0) throw badRequest('Population must be a whole number of 0 or more', 'population');
  if (!(perThousand >= 0) || Math.abs(perThousand * 100 - Math.round(perThousand * 100)) > 1e-6) {
    throw badRequest('Units per 1,000 people must be 0 or more, with at most 2 decimal places', 'perThousand');
  }
  return multiplyDivideHalfUp(population, toHundredths(perThousand), 100_000);
}

export function demandModel(input: DemandModelInput): DemandModel {
  const v = parseInput(demandModelInput, input);
  const types = new Set<string>();
  v.prevalence.forEach((p, i) => {
    if (types.has(p.type)) throw badRequest(`${p.label} is listed more than once`, `prevalence[${i}].type`);
    types.add(p.type);
  });
  for (const type of Object.keys(v.supply)) {
    if (!types.has(type)) throw badRequest(`Supply is given for ${type}, which the model does not include`, `supply.${type}`);
  }
  const years = new Set<number>();
  v.populations.forEach((p, i) => {
    if (years.has(p.year)) throw badRequest(`${p.year} is listed more than once`, `populations[${i}].year`);
    years.add(p.year);
  });

  return {
    ageBand: v.ageBand,
    years: [...v.populations]
      .sort((a, b) => a.year - b.year)
      .map(({ year, population }) => {
        const needs = v.prevalence.map((p) => {
          const need = needPerThousand(population, p.perThousand);
          const supply = v.supply[p.type] ?? null;
          return { type: p.type, label: p.label, perThousand: p.perThousand, need, supply, gap: supply === null ? null : need - supply };
        });
        return { year, population, needs, totalNeed: needs.reduce((t, n) => t + n.need, 0) };
      }),
  };
}
