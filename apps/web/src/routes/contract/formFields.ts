import { parsePounds } from '@concord/domain';
import { isoOf, type DateParts } from '../../components/DateInput.tsx';
import type { ClientError } from '../../components/formErrors.ts';

const capital = (what: string) => `${what[0]!.toUpperCase()}${what.slice(1)}`;

/** A date typed in three boxes as 'YYYY-MM-DD', or a problem against the day box's id (none when optional and blank). */
export function dateOf(d: DateParts, id: string, what: string, problems: ClientError[], required = true): string | undefined {
  const iso = isoOf(d);
  if (iso === null) {
    if (required) problems.push({ id, text: `Enter ${what}` });
    return undefined;
  }
  if (iso === 'invalid') {
    problems.push({ id, text: `${capital(what)} must be a real date` });
    return undefined;
  }
  return iso;
}

/** Pounds typed as '1,250.00' or '£1250' in whole pence, or a problem naming the field (none when optional and blank). */
export function poundsOf(text: string, id: string, what: string, problems: ClientError[], required = true): number | undefined {
  if (!text.trim()) {
    if (required) problems.push({ id, text: `Enter ${what}` });
    return undefined;
  }
  try {
    return parsePounds(text);
  } catch {
    problems.push({ id, text: `${capital(what)} must be an amount in pounds, like 1,250.00` });
    return undefined;
  }
}

/** A required text field, or a problem. */
export function textOf(text: string, id: string, what: string, problems: ClientError[]): string {
  if (!text.trim()) problems.push({ id, text: `Enter ${what}` });
  return text.trim();
}

/** A number typed in a box, within [min, max], or a problem naming the field (none when optional and blank). */
export function numberOf(text: string, id: string, what: string, problems: ClientError[], range: { min: number; max: number; unit?: string }, required = false): number | undefined {
  const typed = text.replace(/[%,\s]/g, '');
  if (!typed) {
    if (required) problems.push({ id, text: `Enter ${what}` });
    return undefined;
  }
  const n = Number(typed);
  if (!Number.isFinite(n) || n < range.min || n > range.max) {
    problems.push({ id, text: `${capital(what)} must be a number from ${range.min} to ${range.max}${range.unit ? ` ${range.unit}` : ''}` });
    return undefined;
  }
  return n;
}
