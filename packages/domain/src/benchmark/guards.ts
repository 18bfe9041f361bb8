import { badRequest } from '../errors.ts';

/** Every benchmark figure rests on finite numbers; NaN or Infinity would silently poison a median or a limit. */
export function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw badRequest(`${field} must be a finite number`, field);
}

/** Counts of people or events: whole and never negative. */
export function requireCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw badRequest(`${field} must be a whole number of 0 or more`, field);
}
