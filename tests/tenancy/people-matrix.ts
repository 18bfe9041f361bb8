import type { Outcome } from './api-matrix.ts';

/**
 * People (issue 10, item 3): every procedure × who calls it, against Sefton's people and invitations. Calls are
 * in people-api-matrix.test.ts; each cell gets fresh fixtures (a person, an invitation, a link).
 *
 *   viewer, contract_officer, commissioner   Sefton's: no authority role but authority_admin manages people
 *   authorityAdmin   Sefton's authority administrator: manages Sefton's people
 *   otherAdmin       Plymouth's authority administrator: cannot tell Sefton's people exist (NOT_FOUND); its own
 *                    list and invitations are Plymouth's
 *   platformAdmin    acting for no authority: invites an authority's first administrator, nothing else
 * Links are public: whoever holds a valid one may use it (a made-up, used or expired one: integration/people.test.ts).
 */
export const PEOPLE_ACTORS = ['signedOut', 'viewer', 'contract_officer', 'commissioner', 'authorityAdmin', 'otherAdmin', 'platformAdmin'] as const;
export type PeopleActor = (typeof PEOPLE_ACTORS)[number];
type Cells = Record<PeopleActor, Outcome>;

const cells = (authorityAdmin: Outcome, otherAdmin: Outcome, platformAdmin: Outcome = 'FORBIDDEN'): Cells => ({
  signedOut: 'UNAUTHORIZED',
  viewer: 'FORBIDDEN',
  contract_officer: 'FORBIDDEN',
  commissioner: 'FORBIDDEN',
  authorityAdmin,
  otherAdmin,
  platformAdmin,
});
const PUBLIC: Cells = { signedOut: 'ok', viewer: 'ok', contract_officer: 'ok', commissioner: 'ok', authorityAdmin: 'ok', otherAdmin: 'ok', platformAdmin: 'ok' };
const OWN_PEOPLE = cells('ok', 'NOT_FOUND');

export const PEOPLE_MATRIX: Record<string, Cells> = {
  'people.list': cells('ok', 'ok'),
  'people.invite': cells('ok', 'ok'),
  'people.inviteAdministrator': cells('FORBIDDEN', 'FORBIDDEN', 'ok'),
  'people.cancelInvitation': OWN_PEOPLE,
  'people.setRoles': OWN_PEOPLE,
  'people.setActive': OWN_PEOPLE,
  'people.issueReset': OWN_PEOPLE,
  // Its own authority's setting (Plymouth's administrator changes Plymouth's).
  'people.setTwoStepRequired': cells('ok', 'ok'),
  'people.checkLink': PUBLIC,
  'people.acceptInvitation': PUBLIC,
  'people.resetPassword': PUBLIC,
  // The audit log (issue 10, item 5): its own authority's for commissioners and authority administrators
  // (Plymouth's administrator reads Plymouth's); every authority's administration events for the platform administrator.
  'audit.list': { ...cells('ok', 'ok', 'ok'), commissioner: 'ok' },
};
