import type { Outcome } from './api-matrix.ts';
import { PROVIDER_DOCUMENT_MATRIX } from './provider-document-matrix.ts';
import { ONLINE_APPLICATION_MATRIX } from './online-application-matrix.ts';
import { SEALED_CALL_OFF_MATRIX } from './sealed-call-off-matrix.ts';
import { PROVIDER_CONTRACT_MATRIX } from './provider-contract-matrix.ts';

/**
 * Provider organisations (issue 11): every procedure meant for providers × who calls it. Calls are in
 * provider-api-matrix.test.ts; every other procedure is swept in provider-sweep.test.ts (a provider is refused).
 *
 *   commissioner        Sefton's commissioner (acting for an authority)
 *   platformAdmin       the platform administrator, acting for no authority
 *   provider            the administrator of organisation A (verified): the target records are A's
 *   otherProvider       the administrator of organisation B (verified): cannot tell A's records exist (NOT_FOUND)
 *   unverifiedProvider  the administrator of organisation C, not yet verified: its profile only (and applications)
 */
export const PROVIDER_ACTORS = ['signedOut', 'commissioner', 'platformAdmin', 'provider', 'otherProvider', 'unverifiedProvider'] as const;
export type ProviderActor = (typeof PROVIDER_ACTORS)[number];
type CellOutcome = Outcome | 'CONFLICT' | 'BAD_REQUEST';
type Cells = Record<ProviderActor, CellOutcome>;

const cells = (provider: CellOutcome, otherProvider: CellOutcome, unverifiedProvider: CellOutcome, authority: { commissioner?: CellOutcome; platformAdmin?: CellOutcome } = {}): Cells => ({
  signedOut: 'UNAUTHORIZED',
  commissioner: authority.commissioner ?? 'FORBIDDEN',
  platformAdmin: authority.platformAdmin ?? 'FORBIDDEN',
  provider,
  otherProvider,
  unverifiedProvider,
});
const EVERYONE: Cells = { signedOut: 'ok', commissioner: 'ok', platformAdmin: 'ok', provider: 'ok', otherProvider: 'ok', unverifiedProvider: 'ok' };
const PLATFORM_ONLY = cells('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', { platformAdmin: 'ok' });
/** Each organisation's own (the organisation comes from the session, never from input). */
const OWN_ORGANISATION = cells('ok', 'ok', 'ok');
/** Every signed-in person's own inbox: an authority's or an organisation's. */
const OWN_INBOX = cells('ok', 'ok', 'ok', { commissioner: 'ok', platformAdmin: 'ok' });

/**
 * Procedures classified for authority callers in another matrix (people-matrix.ts) whose provider callers are
 * classified here too: the API matrix's "exactly one matrix" check counts them once, there.
 */
export const ALSO_CLASSIFIED_FOR_AUTHORITIES: readonly string[] = ['audit.list'];

export const PROVIDER_MATRIX: Record<string, Cells> = {
  // Documents and CQC locations (issue 11, item 2).
  ...PROVIDER_DOCUMENT_MATRIX,
  // Public: anyone registers an organisation (a fresh one each time).
  'organisation.register': EVERYONE,
  'organisation.mine': OWN_ORGANISATION,
  'organisation.update': OWN_ORGANISATION,
  'organisation.awaitingVerification': PLATFORM_ONLY,
  'organisation.get': PLATFORM_ONLY,
  'organisation.verify': PLATFORM_ONLY,
  // People of an organisation (P1): its provider administrators invite (once verified), list and cancel invitations and
  // remove roles; the target invitation and person are A's. Links are accepted by whoever holds them.
  'organisation.invitations': OWN_ORGANISATION,
  'organisation.invite': cells('ok', 'ok', 'FORBIDDEN'),
  'organisation.cancelInvitation': cells('ok', 'NOT_FOUND', 'NOT_FOUND'),
  'organisation.removeRole': cells('ok', 'NOT_FOUND', 'NOT_FOUND'),
  // Claims on register entries (P1): the claimant reads their own (anyone signed in: null when none); a commissioner of an
  // authority that may decide (the target entry has no contract or placement: any authority's) lists and decides them.
  'organisation.myClaim': OWN_INBOX,
  'provider.claims': cells('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', { commissioner: 'ok' }),
  'provider.decideClaim': cells('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', { commissioner: 'ok' }),
  'organisation.checkInvitation': EVERYONE,
  'organisation.acceptInvitation': EVERYONE,
  // Audit logs: each organisation's own, for its provider administrators (migration 0038); an authority's and the
  // platform's as before (people-matrix.ts).
  'audit.list': cells('ok', 'ok', 'ok', { commissioner: 'ok', platformAdmin: 'ok' }),
  'message.list': OWN_INBOX,
  'message.unreadCount': OWN_INBOX,
  // The target is a message in A's inbox: nobody else can tell it exists.
  'message.markRead': cells('ok', 'NOT_FOUND', 'NOT_FOUND', { commissioner: 'NOT_FOUND', platformAdmin: 'NOT_FOUND' }),
  // Find and apply (issue 11, item 3; P2): every organisation, verified or not, sees the open procurements, asks
  // questions and drafts and submits its own applications; the target draft or application is A's, which nobody
  // else can tell exists. Authorities use their own procedures (application.*, clarification.*).
  ...ONLINE_APPLICATION_MATRIX,
  // Sealed mini-competitions (issue 11, item 4; P3): a verified organisation's own invitations and responses.
  ...SEALED_CALL_OFF_MATRIX,
  // After award (issue 11, item 5; P4): a verified organisation's own contracts.
  ...PROVIDER_CONTRACT_MATRIX,
};
