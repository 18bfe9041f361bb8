/**
 * Every tRPC procedure × actor × target, and what must happen. The test fails for a procedure missing
 * here, so a new procedure cannot ship until someone decides who may call it.
 *
 * Actors act for Sefton (member of the LCR Tripartite) except the platform admin (no authority).
 * "own" targets something the actor may reach (Sefton's partnership, the actor's own session);
 * "other" targets something of another authority or user (the Peninsula, Kent's data, another user's session).
 */
export const ACTORS = ['signedOut', 'viewer', 'contract_officer', 'commissioner', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
export type Expectation = Record<Actor, { own: Outcome; other: Outcome }>;

const same = (outcome: Outcome) => ({ own: outcome, other: outcome });
const row = (signedOut: Outcome | { own: Outcome; other: Outcome }, rest: Omit<Expectation, 'signedOut'>): Expectation => ({
  signedOut: typeof signedOut === 'string' ? same(signedOut) : signedOut,
  ...rest,
});
const everyone = (cell: { own: Outcome; other: Outcome }) => ({ viewer: cell, contract_officer: cell, commissioner: cell, admin: cell });

export const API_MATRIX: Record<string, Expectation> = {
  // own = right password, other = wrong password
  'auth.signIn': row({ own: 'ok', other: 'UNAUTHORIZED' }, everyone({ own: 'ok', other: 'UNAUTHORIZED' })),
  'auth.me': row('ok', everyone(same('ok'))),
  'auth.signOut': row('UNAUTHORIZED', everyone(same('ok'))),
  'auth.sessions': row('UNAUTHORIZED', everyone(same('ok'))),
  // own = another session of mine, other = another user's session
  'auth.revokeSession': row('UNAUTHORIZED', everyone({ own: 'ok', other: 'NOT_FOUND' })),
  'authority.mine': row('UNAUTHORIZED', { viewer: same('ok'), contract_officer: same('ok'), commissioner: same('ok'), admin: same('FORBIDDEN') }),
  // own = LCR Tripartite, other = South West Peninsula
  'partnership.get': row('UNAUTHORIZED', {
    viewer: { own: 'ok', other: 'NOT_FOUND' },
    contract_officer: { own: 'ok', other: 'NOT_FOUND' },
    commissioner: { own: 'ok', other: 'NOT_FOUND' },
    admin: same('FORBIDDEN'),
  }),
  'audit.list': row('UNAUTHORIZED', { viewer: same('FORBIDDEN'), contract_officer: same('FORBIDDEN'), commissioner: same('ok'), admin: same('FORBIDDEN') }),
};
