import { z } from 'zod';
import { isStorableText } from './input.ts';

/** Personal API tokens for BI tools (issue 6, item 6): how long one lives, and whether it still lets its holder in. */

/** A token's text starts with this, so it is recognisable (in a secret scanner, a log, a config file). */
export const API_TOKEN_PREFIX = 'concord_pat_';

/** The longest a token may live, and how long one lives unless its maker chooses less. */
export const API_TOKEN_MAX_DAYS = 365;

const DAY_MS = 86_400_000;

export const createApiTokenInput = z.object({
  label: z
    .string('Enter a label for the token')
    .trim()
    .min(1, 'Enter a label for the token, like “Power BI – monthly KPIs”')
    .max(100, 'Label must be 100 characters or fewer')
    .refine(isStorableText, 'Remove the invisible control characters from this text'),
  expiresInDays: z
    .number('Enter the number of days the token lasts')
    .int('Enter a whole number of days')
    .min(1, 'The token must last at least 1 day')
    .max(API_TOKEN_MAX_DAYS, `A token lasts at most ${API_TOKEN_MAX_DAYS} days`)
    .default(API_TOKEN_MAX_DAYS),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export function apiTokenExpiry(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + Math.min(days, API_TOKEN_MAX_DAYS) * DAY_MS);
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export function apiTokenStatus(token: { expiresAt: Date; revokedAt: Date | null }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (now.getTime() >= token.expiresAt.getTime()) return 'expired';
  return 'active';
}

/** The token in an `Authorization: Bearer <token>` header, or null when there is none or it is not one of ours. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const token = match?.[1];
  return token && token.startsWith(API_TOKEN_PREFIX) ? token : null;
}

/** Writing last_used_at on every read would turn each read into a write; a minute is precise enough. */
export const API_TOKEN_TOUCH_AFTER_MS = 60_000;

export function shouldTouch(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= API_TOKEN_TOUCH_AFTER_MS;
}
