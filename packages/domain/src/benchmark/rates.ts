import { badRequest } from '../errors.ts';
import { requireFinite } from './guards.ts';

/**
 * Authorities differ in size, so counts and spend are compared per head of the population they serve.
 * The population is always named by its age band (ONS mid-year estimates or Census, e.g. '18+', '65+',
 * 'all ages'): a rate per 100,000 adults is not comparable with one per 100,000 residents.
 */
export interface Population {
  value: number;
  ageBand: string;
}

export interface Rate {
  count: number;
  population: number;
  ageBand: string;
  /** count / population × 100,000, unrounded: round only when displaying. */
  perHundredThousand: number;
}

export const PER_HUNDRED_THOUSAND = 100_000;

function requirePopulation(population: number, field: string): void {
  requireFinite(population, field);
  if (population <= 0) throw badRequest(`${field} must be more than 0 to compute a rate`, field);
}

/** value / population × 100,000. */
export function perHundredThousand(count: number, population: number): number {
  requireFinite(count, 'count');
  if (count < 0) throw badRequest('count must not be negative', 'count');
  requirePopulation(population, 'population');
  return (count / population) * PER_HUNDRED_THOUSAND;
}

/** A rate that carries its population and age band, so every figure says what it is per head of. */
export function populationRate(count: number, population: Population): Rate {
  if (!population.ageBand.trim()) throw badRequest('name the age band of the population', 'ageBand');
  return {
    count,
    population: population.value,
    ageBand: population.ageBand,
    perHundredThousand: perHundredThousand(count, population.value),
  };
}

/** Spend per head in pence (fractional pence are kept: it is a ratio, not an amount of money to pay). */
export function pencePerHead(pence: number, population: number): number {
  if (!Number.isInteger(pence)) throw badRequest('money must be whole pence', 'pence');
  requirePopulation(population, 'population');
  return pence / population;
}
