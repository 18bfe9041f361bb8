import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { z } from 'zod';

/**
 * Two-step verification with an authenticator app (issue 10, item 3): TOTP as RFC 6238 with what every
 * authenticator app uses (SHA-1, 6 digits, 30-second steps), computed by the otpauth library. Server-only
 * (node:crypto), so it is its own entry point, `@concord/domain/two-step`, outside the web bundle.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code of the step before or after the current one is accepted too (clocks drift). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = 'Concord';

const totp = (secret: string, label = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** A new shared secret: 160 random bits, in base32 as apps show and take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a moment (for tests and the demo sign-in). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a code against the steps within the window around now. A code of a step at or before the last step
 * already used is refused as a replay, so a code seen over a shoulder (or sent twice) cannot be used again.
 */
export function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

// No 0/O, 1/I/L: read off a screen or a sheet of paper without doubt.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes of 10 characters (about 49 bits each), shown once as xxxxx-xxxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed: case, spaces and the hyphen do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Only this is stored: the codes are random enough that a fast hash is sound. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('base64url');
}

/** The short-lived token between the password and the code; only its hash is stored. */
export function newChallengeToken(): string {
  return randomBytes(32).toString('base64url');
}

export const totpCodeInput = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'));

export const recoveryCodeInput = z
  .string()
  .trim()
  .max(40, 'Enter a recovery code of 10 letters and numbers')
  .refine((s) => normaliseRecoveryCode(s).length === 10, 'Enter a recovery code of 10 letters and numbers');

/** The second step of signing in: the pending token and either a code from the app or a recovery code. */
export const verifyTwoStepInput = z.union([
  z.object({ challenge: z.string().min(1).max(100), code: totpCodeInput }),
  z.object({ challenge: z.string().min(1).max(100), recoveryCode: recoveryCodeInput }),
]);

/** A current code, or a recovery code, to prove it is still you (turning off, new recovery codes). */
export const twoStepProofInput = z.union([z.object({ code: totpCodeInput }), z.object({ recoveryCode: recoveryCodeInput })]);

/** Why two-step verification is required of a person, if it is: always for a platform administrator, or by their authority. */
export type TwoStepRequirement = 'platform_admin' | 'authority' | null;

export function twoStepRequirement(person: { isPlatformAdmin: boolean; authorityRequiresTwoStep: boolean }): TwoStepRequirement {
  if (person.isPlatformAdmin) return 'platform_admin';
  return person.authorityRequiresTwoStep ? 'authority' : null;
}

/**
 * A session opened for someone of whom two-step verification is required and who has not turned it on may only
 * enrol: every other procedure is refused with this message until they have.
 */
export function mustEnrolFirst(person: { isPlatformAdmin: boolean; authorityRequiresTwoStep: boolean; enrolled: boolean }): boolean {
  return twoStepRequirement(person) !== null && !person.enrolled;
}

export const ENROL_FIRST = 'Set up two-step verification first';

/** "Forgot your password?": an email address, as the sign-in form takes it. */
export const forgotPasswordInput = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.com'),
});
