import { createRequire } from 'node:module';
import { z } from 'zod';
import { isStorableText, requiredText } from '../input.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './hint.ts';

/**
 * Passwords as the NCSC advises (https://www.ncsc.gov.uk/collection/passwords): long enough, not one of
 * the passwords attackers try first, and no composition rules (no "one capital, one digit, one symbol").
 *
 * The common passwords are the zxcvbn-ts project's list (@zxcvbn-ts/language-common, MIT: about 49,000
 * passwords most often found in breaches), compared without regard to case or surrounding spaces. The
 * list is loaded and built into a set the first time it is needed, not when the module loads: the package
 * decompresses its dictionaries as it is imported (~80 ms of CPU and garbage on each server start, issue 14,
 * item 5), and most starts check no password.
 *
 * Imported as `@concord/domain/password`, not from the package's index, so the web app (which shows only
 * the hint) does not carry the list.
 */

type CommonLanguage = typeof import('@zxcvbn-ts/language-common');

/**
 * The package, required when first asked for (the checks are synchronous: zod refinements call them). It is this
 * package's dependency, so it is found from this package's own folder: `@concord/domain/password` resolves there
 * both from this file and from a bundle that carries this file (the server's dist/main.js, whose own folder does not
 * have the package).
 */
function loadCommonLanguage(): CommonLanguage {
  const here = createRequire(import.meta.url);
  return createRequire(here.resolve('@concord/domain/password'))('@zxcvbn-ts/language-common') as CommonLanguage;
}

let common: ReadonlySet<string> | null = null;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(loadCommonLanguage().dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Whether a password is on the list of common passwords (any case). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/**
 * What is wrong with a password a person chose, in words to show against the field, or null when it may
 * be used. `email` is the account's: a password that is the email, or contains the part before the @
 * (when that part is 3 characters or more), is refused as the first thing someone would guess.
 */
export function passwordProblem(password: string, email: string | null): string | null {
  const length = [...password].length; // characters, not UTF-16 units
  if (length === 0) return 'Enter a password';
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  if (!isStorableText(password)) return 'Remove the invisible control characters from the password';
  if (isCommonPassword(password)) return 'This password is too common: it is among the first that attackers try. Choose another';
  const lower = password.toLowerCase();
  const address = email?.trim().toLowerCase() ?? '';
  const local = address.split('@')[0] ?? '';
  if (address && (lower === address || (local.length >= 3 && lower.includes(local)))) {
    return 'Your password must not contain your email address';
  }
  return null;
}

/**
 * A new password and its confirmation, checked against the form's email when it has one. (A link made for
 * one email has the email checked again by the server once the link is read.)
 */
function checkNewPassword(value: { password: string; confirmPassword: string; email?: string }, ctx: z.RefinementCtx) {
  const problem = passwordProblem(value.password, value.email ?? null);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  else if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match: enter the same password twice' });
  }
}

const token = z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'This link is not complete or not valid: copy the whole link');
const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .email('Enter an email address in the correct format, like name@example.com');
const password = z.string().max(MAX_PASSWORD_LENGTH + 1000, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`);

/** The first-run setup form: the link's token, who the first platform administrator is, and their password. */
export const setupInput = z
  .object({ token, email, displayName: requiredText('your full name', 200), password, confirmPassword: z.string().max(2000) })
  .superRefine((value, ctx) => checkNewPassword(value, ctx));
export type SetupInput = z.infer<typeof setupInput>;

/** Setting the password of an account made from the command line (`pnpm admin:create`): the email is the link's. */
export const setPasswordInput = z
  .object({ token, displayName: requiredText('your full name', 200), password, confirmPassword: z.string().max(2000) })
  .superRefine((value, ctx) => checkNewPassword(value, ctx));
export type SetPasswordInput = z.infer<typeof setPasswordInput>;

/** Companies House: eight characters, either digits (England and Wales) or a two-letter prefix and six digits. */
export const companiesHouseNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([0-9]{8}|[A-Z]{2}[0-9]{6})$/, 'Enter a Companies House number of 8 characters, like 01234567 or SC123456');

/** CQC identifiers look like 1-101634126. */
export const cqcId = (what: string) => z.string().trim().regex(/^1-[0-9]{6,12}$/, `Enter a CQC ${what} ID like 1-101634126`);

/** What a provider organisation tells us about itself (issue 11, item 1): the register's fields and its contacts. */
export const organisationDetails = z.object({
  legalName: requiredText('your organisation’s legal name', 300),
  companiesHouseNumber: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), companiesHouseNumber.nullish()),
  cqcProviderId: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), cqcId('provider').nullish()),
  registeredAddress: requiredText('the registered address', 500),
  contactName: requiredText('the name of a contact', 200),
  contactEmail: email,
  contactPhone: requiredText('a contact telephone number', 40).pipe(z.string().regex(/^[0-9+() -]{6,40}$/, 'Enter a telephone number, like 0151 123 4567')),
  isSme: z.boolean().default(false),
  isVcse: z.boolean().default(false),
});

/**
 * A provider organisation registers itself (issue 11, item 1): the person who registers (they become its provider
 * administrator) and the organisation, which needs a Companies House number or a CQC provider ID (or both).
 */
export const registerOrganisationInput = organisationDetails
  .extend({ email, displayName: requiredText('your full name', 200), password, confirmPassword: z.string().max(2000) })
  .superRefine((value, ctx) => {
    checkNewPassword(value, ctx);
    if (!value.companiesHouseNumber && !value.cqcProviderId) {
      ctx.addIssue({ code: 'custom', path: ['companiesHouseNumber'], message: 'Enter a Companies House number or a CQC provider ID' });
    }
  });
export type RegisterOrganisationInput = z.infer<typeof registerOrganisationInput>;
export type OrganisationDetails = z.infer<typeof organisationDetails>;
