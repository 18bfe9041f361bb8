import { badRequest, DomainError, forbidden } from '@concord/domain';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, twoStepRequirement, type TwoStepRequirement } from '@concord/domain/two-step';
import type { Tx } from '@concord/db';
import { loadQrCode } from '../heavy.ts';
import type { SessionIdentity } from './sessions.ts';

/**
 * Two-step verification, the signed-in person's side (issue 10, item 3): enrol with an authenticator app,
 * turn it off, get new recovery codes. The row is the person's own (migration 0020's policy): nobody else,
 * not a colleague nor a platform administrator, can read or change it.
 */

export const WRONG_CODE = 'Enter the 6-digit code from your authenticator app, as it shows now';
export const WRONG_RECOVERY_CODE = 'Enter one of your recovery codes that has not been used';

export type TwoStepProof = { code: string } | { recoveryCode: string };

type TwoStepRow = { secret: string; last_used_step: number | null; recovery_code_hashes: string[] };

/**
 * Checks a code (not a replay) or an unused recovery code against the row, and gives the change that uses it
 * up: the step becomes the last used, or the recovery code is removed. Refused against its field.
 */
export function useProof(row: TwoStepRow, proof: TwoStepProof, now: Date): { last_used_step: number } | { recovery_code_hashes: string[] } {
  if ('code' in proof) {
    const check = checkTotp(row.secret, proof.code, now, row.last_used_step);
    if (!check.ok) throw badRequest(check.reason === 'replayed' ? 'That code has been used. Wait for the next code, then enter it' : WRONG_CODE, 'code');
    return { last_used_step: check.step };
  }
  const hash = hashRecoveryCode(proof.recoveryCode);
  if (!row.recovery_code_hashes.includes(hash)) throw badRequest(WRONG_RECOVERY_CODE, 'recoveryCode');
  return { recovery_code_hashes: row.recovery_code_hashes.filter((h) => h !== hash) };
}

/** Whether two-step verification is required of me: always as a platform administrator, or by the authority I act for. */
export async function requirementOf(tx: Tx, me: SessionIdentity): Promise<TwoStepRequirement> {
  const authority = me.authorityId
    ? await tx.selectFrom('authority').select('two_step_required').where('id', '=', me.authorityId).executeTakeFirst()
    : undefined;
  return twoStepRequirement({ isPlatformAdmin: me.isPlatformAdmin, authorityRequiresTwoStep: authority?.two_step_required === true });
}

export async function twoStepStatus(
  tx: Tx,
  me: SessionIdentity,
): Promise<{ enabled: boolean; recoveryCodesLeft: number; required: TwoStepRequirement; mustEnrol: boolean }> {
  const row = await tx.selectFrom('two_step').select(['enabled_at', 'recovery_code_hashes']).where('user_id', '=', me.userId).executeTakeFirst();
  return {
    enabled: Boolean(row?.enabled_at),
    recoveryCodesLeft: row?.enabled_at ? row.recovery_code_hashes.length : 0,
    required: await requirementOf(tx, me),
    mustEnrol: me.twoStepPending === true,
  };
}

/** A new secret to scan or type in; replaces an earlier unconfirmed one. Refused while two-step is on. */
export async function startEnrolment(tx: Tx, me: SessionIdentity, now: Date): Promise<{ secret: string; uri: string; qrCode: string }> {
  const existing = await tx.selectFrom('two_step').select('enabled_at').where('user_id', '=', me.userId).forUpdate().executeTakeFirst();
  if (existing?.enabled_at) throw new DomainError('CONFLICT', 'Two-step verification is already on. Turn it off first to set up a new app');
  const secret = newTotpSecret();
  await tx
    .insertInto('two_step')
    .values({ user_id: me.userId, secret, created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, created_at: now, last_used_step: null, recovery_code_hashes: [] }))
    .execute();
  const uri = totpUri(secret, me.email);
  return { secret, uri, qrCode: await (await loadQrCode()).toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 }) };
}

/** A current code from the app turns two-step on; the ten recovery codes are shown this once. */
export async function confirmEnrolment(tx: Tx, me: SessionIdentity, code: string, now: Date): Promise<{ recoveryCodes: string[] }> {
  const row = await tx.selectFrom('two_step').selectAll().where('user_id', '=', me.userId).forUpdate().executeTakeFirst();
  if (!row) throw badRequest('Start setting up two-step verification first', 'code');
  if (row.enabled_at) throw new DomainError('CONFLICT', 'Two-step verification is already on');
  const used = useProof(row, { code }, now);
  const recoveryCodes = newRecoveryCodes();
  await tx
    .updateTable('two_step')
    .set({ ...used, enabled_at: now, recovery_code_hashes: recoveryCodes.map(hashRecoveryCode) })
    .where('user_id', '=', me.userId)
    .execute();
  // Enrolled: my sessions that could only enrol may now do everything my roles allow.
  await tx.updateTable('session').set({ two_step_pending: false }).where('user_id', '=', me.userId).where('two_step_pending', '=', true).execute();
  return { recoveryCodes };
}

async function enabledRow(tx: Tx, me: SessionIdentity) {
  const row = await tx.selectFrom('two_step').selectAll().where('user_id', '=', me.userId).forUpdate().executeTakeFirst();
  if (!row?.enabled_at) throw new DomainError('CONFLICT', 'Two-step verification is not on');
  return row;
}

/** Turning it off needs a current code or a recovery code, so a session left open is not enough. */
export async function turnOff(tx: Tx, me: SessionIdentity, proof: TwoStepProof, now: Date): Promise<void> {
  const required = await requirementOf(tx, me);
  if (required === 'platform_admin') throw forbidden('Two-step verification is always required for platform administrators: it cannot be turned off');
  if (required === 'authority') throw forbidden('Your authority requires two-step verification: it cannot be turned off');
  useProof(await enabledRow(tx, me), proof, now);
  await tx.deleteFrom('two_step').where('user_id', '=', me.userId).execute();
}

/** New recovery codes replace all the old ones; needs a current code or a recovery code. */
export async function regenerateRecoveryCodes(tx: Tx, me: SessionIdentity, proof: TwoStepProof, now: Date): Promise<{ recoveryCodes: string[] }> {
  const used = useProof(await enabledRow(tx, me), proof, now);
  const recoveryCodes = newRecoveryCodes();
  await tx
    .updateTable('two_step')
    .set({ ...('last_used_step' in used ? used : {}), recovery_code_hashes: recoveryCodes.map(hashRecoveryCode) })
    .where('user_id', '=', me.userId)
    .execute();
  return { recoveryCodes };
}
