import { appRouter } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededDatabase, outcome, type Caller } from '../support/api.ts';
import { registerProvider, registerVerifiedProvider } from '../support/providers.ts';
import { PROVIDER_MATRIX } from './provider-matrix.ts';

/**
 * Issue 11, Rules: provider users as callers of every procedure. Every procedure that is not classified for
 * providers in provider-matrix.ts is called by a verified and an unverified provider organisation's administrator,
 * with an empty input: each must be refused at the door (FORBIDDEN) before its input is even read, so no input
 * could reach an authority's data. The exceptions (public procedures and a person's own account) are listed here
 * with what they answer instead.
 */
const NOT_FOR_PROVIDERS_BUT_NOT_FORBIDDEN: Record<string, string> = {
  // Public: an empty form is refused on its input, whoever asks.
  'auth.signIn': 'BAD_REQUEST',
  'auth.setup': 'BAD_REQUEST',
  'auth.setAdminPassword': 'BAD_REQUEST',
  'auth.verifyTwoStep': 'BAD_REQUEST',
  'auth.forgotPassword': 'BAD_REQUEST',
  'people.checkLink': 'BAD_REQUEST',
  'people.acceptInvitation': 'BAD_REQUEST',
  'people.resetPassword': 'BAD_REQUEST',
  'auth.me': 'ok',
  'auth.signInOptions': 'ok',
  // A person's own account, whatever they act for: sessions and two-step verification.
  'auth.sessions': 'ok',
  'auth.signOut': 'ok',
  'auth.revokeSession': 'BAD_REQUEST',
  'auth.twoStepStatus': 'ok',
  'auth.startTwoStep': 'ok',
  'auth.confirmTwoStep': 'BAD_REQUEST',
  'auth.turnOffTwoStep': 'BAD_REQUEST',
  'auth.regenerateRecoveryCodes': 'BAD_REQUEST',
  // Published ONS estimates: public figures anyone signed in may read.
  'population.list': 'ok',
  // Checked after the input is read (the platform administrator's, or an authority commissioner's): an empty input is
  // refused on its fields; with a valid one a provider is FORBIDDEN (integration/provider-organisation.test.ts).
  'population.import': 'BAD_REQUEST',
  'people.inviteAdministrator': 'BAD_REQUEST',
};

let connection: Connection;
const callers: Record<'verified' | 'unverified', Caller> = {} as never;

beforeAll(async () => {
  connection = await openSeededDatabase();
  callers.verified = (await registerVerifiedProvider(connection, 900)).caller;
  callers.unverified = (await registerProvider(connection, 901)).caller;
});
afterAll(() => connection.close());

type Procedure = (input: unknown) => Promise<unknown>;
function procedureOf(caller: Caller, path: string): Procedure {
  let at: unknown = caller;
  for (const part of path.split('.')) at = (at as Record<string, unknown>)[part];
  return at as Procedure;
}

describe('every procedure, called by a provider organisation’s people', () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();
  const forProviders = new Set(Object.keys(PROVIDER_MATRIX));

  for (const path of procedures.filter((p) => !forProviders.has(p))) {
    const expected = NOT_FOR_PROVIDERS_BUT_NOT_FORBIDDEN[path] ?? 'FORBIDDEN';
    for (const who of ['verified', 'unverified'] as const) {
      it(`${path} as a ${who} provider: ${expected}`, async () => {
        expect(await outcome(procedureOf(callers[who], path)({}))).toBe(expected);
      });
    }
  }
});
