import { DomainError } from '@concord/domain';
import { setLocal, inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import type { ApiConfig } from '../config.ts';
import type { RequestMeta } from '../context.ts';
import { sendMail } from '../mail.ts';
import { absoluteLink, SUBJECTS } from '../people/deliver.ts';
import { linkPath, PERSON_LINK_DAYS } from '../people/links.ts';
import { reservePasswordCheck } from './throttle.ts';
import { hashSessionToken, newSessionToken } from './token.ts';

/** The throttle's "account" for a forgotten password: its own counter per email, never the account's sign-in counter. */
export const FORGOT_THROTTLE_PREFIX = '#forgot:';
/** Said whether or not the email has an account, so the form cannot be used to find out who has one. */
export const FORGOT_SENT = 'If that email address has a Concord account, we have sent it a link to reset the password';

/**
 * "Forgot your password?" (issue 10, item 3), only with mail configured: for an active account with this email
 * (not a platform administrator's: they are held to two-step verification and use `pnpm admin:create` or another
 * administrator), a reset link like people.issueReset's (single use, 7 days, only its SHA-256 stored; using it ends
 * every session of that person) is stored and emailed, in one transaction (a failed send stores no link). Every
 * request takes one attempt from the sign-in throttle of the address and of this email at the address, whether or
 * not the account exists, and the answer is the same either way.
 */
export async function forgotPassword(db: Kysely<Database>, email: string, meta: RequestMeta, config: ApiConfig, now: Date): Promise<{ message: string }> {
  const mail = config.mail;
  if (!mail) throw new DomainError('FORBIDDEN', 'Ask your authority administrator for a password reset link');
  const key = { email: `${FORGOT_THROTTLE_PREFIX}${email}`, ip: meta.ip };
  const outcome = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, async (trx) => {
    const reservation = await reservePasswordCheck(trx, key, config.throttle, now);
    if (!reservation.allowed) return reservation;
    const token = newSessionToken();
    const expires = new Date(now.getTime() + PERSON_LINK_DAYS * 86_400_000);
    const { rows } = await sql<{ authority_id: string | null; user_id: string | null }>`
      SELECT authority_id, user_id FROM issue_forgotten_password_link(${email}, ${hashSessionToken(token)}, ${now}, ${expires})`.execute(trx);
    const issued = rows[0];
    if (issued?.authority_id && issued.user_id) {
      await setLocal(trx, { 'app.authority_id': issued.authority_id, 'app.user_id': issued.user_id });
      await sql`SELECT record_audit_event('auth.forgotPassword', ${issued.user_id}, 'success', ${meta.requestId})`.execute(trx);
      const url = absoluteLink(meta, linkPath('reset', token));
      const text = `Someone asked to reset the password of your Concord account.\n\nIf it was you, open this link to choose a new one (it works once, for ${PERSON_LINK_DAYS} days); you will be signed out everywhere:\n${url}\n\nIf it was not you, ignore this email: your password has not changed.\n`;
      await sendMail(mail, { to: email, subject: SUBJECTS.reset, text });
    }
    return { allowed: true as const };
  });
  // Refused outside the transaction, so the counted attempt is kept.
  if (!outcome.allowed) throw outcome.refusal;
  return { message: FORGOT_SENT };
}
