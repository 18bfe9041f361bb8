import { isStorableText } from '@concord/domain';
import { z } from 'zod';

/** True when every string in a JSON value (keys and values, however deep) can be stored: no NUL, no lone surrogate. */
export function isStorableJson(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (typeof value === 'string') return isStorableText(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isStorableJson(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v, depth + 1));
  return true;
}

/**
 * A JSON value whose shape the domain checks (a cost model's parameters, fair-cost submissions) but which is
 * stored as jsonb: refused up front if any text in it cannot be stored.
 */
export const storableJson = () => z.unknown().refine(isStorableJson, { message: 'Remove the invisible control characters from this text' });
