import { AUTHORITY_ROLES, recordVersion } from '@concord/domain';
import { z } from 'zod';

/** A colleague's email address, as an invitation form takes it. */
export const colleagueEmail = z
  .string({ error: 'Enter their email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter their email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .email('Enter an email address in the correct format, like name@example.com');
/** One or more roles from `allowed`, each once. */
export const rolesFrom = <R extends string>(allowed: readonly [R, ...R[]]) =>
  z
    .array(z.enum(allowed, { error: 'Choose a role from the list' }), { error: 'Choose at least one role' })
    .min(1, 'Choose at least one role')
    .max(allowed.length, 'Choose each role once')
    .transform((chosen) => [...new Set(chosen)]);
const email = colleagueEmail;
const roles = rolesFrom(AUTHORITY_ROLES);
const userId = z.uuid('Choose a person');
const token = z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'This link is not complete or not valid: copy the whole link');

export const inviteInput = z.object({ email, roles });
/** The platform administrator invites an authority's first administrator, choosing the authority from the registry. */
export const inviteAdministratorInput = z.object({
  authorityId: z.string({ error: 'Choose an authority' }).trim().min(1, 'Choose an authority').max(20, 'Choose an authority'),
  email,
});
export const cancelInvitationInput = z.object({ invitationId: z.uuid('Choose an invitation') });
/** `version`: the person's roles as the page loaded them (people.list's rowVersion): a stale one is CONFLICT. */
export const setRolesInput = z.object({ userId, roles, version: recordVersion });
export const setActiveInput = z.object({ userId, active: z.boolean({ error: 'Choose active or inactive' }) });
export const issueResetInput = z.object({ userId });
export const linkInput = z.object({ token });
export const resetPasswordInput = z
  .object({ token, password: z.string().max(1200, 'Password must be 200 characters or fewer'), confirmPassword: z.string().max(2000) })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match: enter the same password twice' });
export const setTwoStepRequiredInput = z.object({ required: z.boolean({ error: 'Choose whether two-step verification is required' }), rowVersion: recordVersion });
