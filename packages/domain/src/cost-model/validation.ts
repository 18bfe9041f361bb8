import { z } from 'zod';
import { requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { formatPence } from '../money.ts';

/**
 * Shared zod building blocks for the calculation areas (cost model, uplift, appraisal, risk, demand). Each
 * message names the field in words a commissioner recognises; `parseInput` turns the first problem into a
 * DomainError whose `field` is the path, e.g. `placements[2].weeklyPence`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw badRequest(issue.message, fieldPath(issue.path));
}

function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

const atMostTwoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

/** A percentage from 0 to 100 with at most 2 decimal places. */
export const percentField = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .min(0, `${label} must be between 0% and 100%`)
    .max(100, `${label} must be between 0% and 100%`)
    .refine(atMostTwoDecimals, `${label} can have at most 2 decimal places`);

/** Whole pence from 0 to a ceiling that catches a slipped decimal point (pounds typed as pence, or 100× too much). */
export const penceField = (label: string, maxPence: number) =>
  z
    .number({ error: `${label} must be an amount in pence` })
    .int(`${label} must be a whole number of pence`)
    .min(0, `${label} must not be negative`)
    .max(maxPence, `${label} must not be more than ${formatPence(maxPence)}`);

/** Hours (or weeks) with at most 2 decimal places, from 0 to a sensible ceiling. */
export const quantityField = (label: string, max: number, unit: string) =>
  z
    .number({ error: `${label} must be a number` })
    .min(0, `${label} must not be negative`)
    .max(max, `${label} must not be more than ${max}${unit ? ` ${unit}` : ''}`)
    .refine(atMostTwoDecimals, `${label} can have at most 2 decimal places`);

/** A whole number from min to max. */
export const wholeField = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

export const nameField = (label: string, max = 200) => requiredText(label, max);
