import { hashSessionToken, issueAdminCreateLink, type SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { callerFor, type Caller } from '../support/api.ts';

/**
 * How api-matrix.test.ts calls the setup-link procedures (issue 10, item 1). They are public: whoever holds a
 * link may use it, signed in or not. In the seeded matrix database a platform administrator exists, so a
 * first-run link (own: a live one, stored before; other: a made-up one) is refused for everyone, with the same
 * words whether the email typed has an account or not. An admin:create link (own: a fresh one for a fresh email)
 * works; a made-up one does not. Each call comes from an address of its own, so the throttle counts no cell's
 * refusal against another's.
 */
type SetupCall = (caller: Caller, target: 'own' | 'other', actor: string, me: SessionIdentity | null) => Promise<unknown>;

const PASSWORD = 'matrix heron lantern';
let serial = 0;
const freshToken = () => randomBytes(32).toString('base64url');

export function setupCalls(connection: () => Connection): Record<string, SetupCall> {
  const caller = (me: SessionIdentity | null) => callerFor(connection(), me, { meta: { ip: `203.0.113.${100 + (++serial % 150)}` } });
  return {
    'auth.setup': async (_c, target, _actor, me) => {
      const token = freshToken();
      if (target === 'own') {
        await connection()
          .db.insertInto('setup_token')
          .values({ token_hash: hashSessionToken(token), purpose: 'first_run', expires_at: new Date(Date.now() + 3_600_000) })
          .execute();
      }
      // An email that has an account and one that has none meet the same refusal.
      const messages = [];
      for (const email of ['admin@concord.example', `nobody.${++serial}@example.org`]) {
        try {
          await caller(me).auth.setup({ token, email, displayName: 'Matrix Admin', password: PASSWORD, confirmPassword: PASSWORD });
        } catch (error) {
          messages.push((error as Error).message);
          if (messages.length === 2) {
            expect(messages[0]).toBe(messages[1]);
            throw error;
          }
        }
      }
    },
    'auth.setAdminPassword': async (_c, target, _actor, me) => {
      const token = target === 'own' ? await issueAdminCreateLink(connection().db, `matrix.admin.${++serial}@example.org`, new Date()) : freshToken();
      return caller(me).auth.setAdminPassword({ token, displayName: 'Matrix Admin', password: PASSWORD, confirmPassword: PASSWORD });
    },
  };
}
