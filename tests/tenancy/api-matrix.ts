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
/** In this matrix a refused link of a public procedure (issue 10) is BAD_REQUEST too. */
type CellOutcome = Outcome | 'BAD_REQUEST';
export type Expectation = Record<Actor, { own: CellOutcome; other: CellOutcome }>;

const same = (outcome: CellOutcome) => ({ own: outcome, other: outcome });
const row = (signedOut: CellOutcome | { own: CellOutcome; other: CellOutcome }, rest: Omit<Expectation, 'signedOut'>): Expectation => ({
  signedOut: typeof signedOut === 'string' ? same(signedOut) : signedOut,
  ...rest,
});
const everyone = (cell: { own: CellOutcome; other: CellOutcome }) => ({ viewer: cell, contract_officer: cell, commissioner: cell, admin: cell });
/** The platform administrator's alone (the authority registry). */
const REGISTRY_ONLY = row('UNAUTHORIZED', { viewer: same('FORBIDDEN'), contract_officer: same('FORBIDDEN'), commissioner: same('FORBIDDEN'), admin: same('ok') });

export const API_MATRIX: Record<string, Expectation> = {
  // own = right password, other = wrong password
  'auth.signIn': row({ own: 'ok', other: 'UNAUTHORIZED' }, everyone({ own: 'ok', other: 'UNAUTHORIZED' })),
  'auth.me': row('ok', everyone(same('ok'))),
  // Setup links (issue 10, item 1), public: whoever holds one may use it. With an administrator in place a
  // first-run link is refused for all (BAD_REQUEST on the link, the same whatever email is typed); an
  // admin:create link works once for anyone holding it (own), a made-up one never (other).
  'auth.setup': row('BAD_REQUEST', everyone(same('BAD_REQUEST'))),
  'auth.setAdminPassword': row({ own: 'ok', other: 'BAD_REQUEST' }, everyone({ own: 'ok', other: 'BAD_REQUEST' })),
  'auth.signOut': row('UNAUTHORIZED', everyone(same('ok'))),
  // Two-step verification (issue 10, item 3): each person's own, the platform administrator's too.
  // own = a right code (challenge), other = a code of another secret (a made-up challenge): refused on its field.
  'auth.verifyTwoStep': row({ own: 'ok', other: 'UNAUTHORIZED' }, everyone({ own: 'ok', other: 'UNAUTHORIZED' })),
  'auth.twoStepStatus': row('UNAUTHORIZED', everyone(same('ok'))),
  'auth.startTwoStep': row('UNAUTHORIZED', everyone(same('ok'))),
  'auth.confirmTwoStep': row('UNAUTHORIZED', everyone({ own: 'ok', other: 'BAD_REQUEST' })),
  // Always required of a platform administrator (migration 0022): never turned off.
  'auth.turnOffTwoStep': row('UNAUTHORIZED', { ...everyone({ own: 'ok', other: 'BAD_REQUEST' }), admin: same('FORBIDDEN') }),
  'auth.regenerateRecoveryCodes': row('UNAUTHORIZED', everyone({ own: 'ok', other: 'BAD_REQUEST' })),
  'auth.sessions': row('UNAUTHORIZED', everyone(same('ok'))),
  // Public (issue 10, item 3): whether "Forgot your password?" is offered; with mail configured, a reset link is
  // emailed for an account's email (own) and nothing for an unknown one (other), the answer the same.
  'auth.signInOptions': row('ok', everyone(same('ok'))),
  'auth.forgotPassword': row('ok', everyone(same('ok'))),
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
  // audit.list is classified in people-matrix.ts, whose actors include authority administrators (issue 10, item 5).
  // Personal API tokens for BI tools (issue 6): anyone acting for an authority, for themself.
  // own = a token of mine, other = Kent's commissioner's token.
  'apiToken.list': row('UNAUTHORIZED', { viewer: same('ok'), contract_officer: same('ok'), commissioner: same('ok'), admin: same('FORBIDDEN') }),
  'apiToken.create': row('UNAUTHORIZED', { viewer: same('ok'), contract_officer: same('ok'), commissioner: same('ok'), admin: same('FORBIDDEN') }),
  'apiToken.revoke': row('UNAUTHORIZED', {
    viewer: { own: 'ok', other: 'NOT_FOUND' },
    contract_officer: { own: 'ok', other: 'NOT_FOUND' },
    commissioner: { own: 'ok', other: 'NOT_FOUND' },
    admin: same('FORBIDDEN'),
  }),
  // The authority registry (issue 10, item 2): the platform administrator's alone; every authority role is
  // refused. own = Sefton's entry (renamed to its own name, made active while active), other = Kent's.
  'registry.list': REGISTRY_ONLY,
  'registry.registerCouncil': REGISTRY_ONLY,
  'registry.registerNhsBody': REGISTRY_ONLY,
  'registry.previewImport': REGISTRY_ONLY,
  'registry.confirmImport': REGISTRY_ONLY,
  'registry.rename': REGISTRY_ONLY,
  'registry.setActive': REGISTRY_ONLY,
};

/**
 * Joint procurement (issue 3): every procedure × who calls it, against the LCR Tripartite's procurements,
 * led by Liverpool. One outcome per actor: the target is always the Tripartite's (fresh fixtures for writes).
 *
 *   lead         Liverpool's commissioner, lead commissioner of the Tripartite
 *   leadOfficer  Liverpool's contract officer: an evaluator, not a lead commissioner
 *   leadViewer   Liverpool's viewer: reads what partners read, writes nothing, sees no evaluation
 *   partner      Sefton's commissioner: a member; reads the procurement and the list, changes nothing,
 *                sees no evaluation (FORBIDDEN where it names a procurement it can see, NOT_FOUND where it
 *                names an application, which it cannot see at all)
 *   outsider     Plymouth's commissioner (South West Peninsula): cannot tell the procurement exists
 *   admin        the platform administrator, acting for no authority
 * The providers register is shared reference data: any authority reads it; commissioners and contract
 * officers of any authority add to it.
 */
export const PROCUREMENT_ACTORS = ['signedOut', 'lead', 'leadOfficer', 'leadViewer', 'partner', 'outsider', 'admin'] as const;
export type ProcurementActor = (typeof PROCUREMENT_ACTORS)[number];
type Cells = Record<ProcurementActor, Outcome>;

const cells = (lead: Outcome, leadOfficer: Outcome, leadViewer: Outcome, partner: Outcome, outsider: Outcome): Cells => ({
  signedOut: 'UNAUTHORIZED',
  lead,
  leadOfficer,
  leadViewer,
  partner,
  outsider,
  admin: 'FORBIDDEN',
});
/** What every member reads; outsiders cannot tell it exists. */
const MEMBERS_READ = cells('ok', 'ok', 'ok', 'ok', 'NOT_FOUND');
/** A list of my partnerships' things: the outsider gets an empty list, not an error. */
const MEMBERS_LIST = cells('ok', 'ok', 'ok', 'ok', 'ok');
/** Only the lead commissioner changes a joint procurement. */
const LEAD_WRITES = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND');

export const PROCUREMENT_MATRIX: Record<string, Cells> = {
  'procurement.list': MEMBERS_LIST,
  'procurement.get': MEMBERS_READ,
  'procurement.create': LEAD_WRITES,
  'procurement.update': LEAD_WRITES,
  'procurement.transition': LEAD_WRITES,
  'procurement.setMilestones': LEAD_WRITES,
  'procurement.setBuyers': LEAD_WRITES,
  'procurement.ocds': MEMBERS_READ,
  'lot.create': LEAD_WRITES,
  'lot.update': LEAD_WRITES,
  'lot.delete': LEAD_WRITES,
  'criteria.set': LEAD_WRITES,
  'criteria.setScale': LEAD_WRITES,
  'criteria.setGatewayQuestions': LEAD_WRITES,
  'reopening.create': LEAD_WRITES,
  'specification.list': MEMBERS_LIST,
  'specification.get': MEMBERS_READ,
  'specification.diff': MEMBERS_READ,
  'specification.create': LEAD_WRITES,
  'specification.createDraft': LEAD_WRITES,
  'specification.updateDraft': LEAD_WRITES,
  'specification.publish': LEAD_WRITES,
  'provider.list': MEMBERS_LIST,
  'provider.get': MEMBERS_LIST,
  // Commissioners and contract officers of any authority register providers; viewers do not.
  'provider.create': cells('ok', 'ok', 'FORBIDDEN', 'ok', 'ok'),
  // The evaluation: Liverpool's commissioners and contract officers enter and score; the lead commissioner
  // moderates, ranks and decides. Partners: FORBIDDEN by procurement, NOT_FOUND by application.
  'application.list': cells('ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'),
  'application.get': cells('ok', 'ok', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  'application.create': cells('ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'),
  'application.recordGateway': cells('ok', 'ok', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  'application.score': cells('ok', 'ok', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  'application.moderate': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  'application.evaluation': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'),
  'application.decide': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  // Withdrawal before a decision is recorded as a decision is: the lead commissioner only.
  'application.withdraw': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  // Online applications (issue 11): the lead commissioner verifies the organisation behind one; the lead's evaluators
  // read the clarification questions (with who asked); the lead commissioner publishes answers to every applicant.
  'application.verifyProvider': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'),
  'clarification.list': cells('ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'),
  'clarification.publish': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'),
  'approvedList.get': MEMBERS_READ,
  'approvedList.change': LEAD_WRITES,
};
