/**
 * The table-level tenancy matrix: for every table, which transactions may read and write the target
 * rows. This file is the policy, written down for review; table-matrix.test.ts runs every cell
 * against the real database (as the application role, through inTenant) and fails on any difference.
 *
 * Target rows (arranged by the test with the owner connection):
 *   authority, authority_population     Sefton's rows
 *   partnership, partnership_member     the LCR Tripartite's rows (Liverpool, Sefton, Knowsley)
 *   partnership_role                    Sefton's roles in the LCR Tripartite
 *   partnership_invitation              the Tripartite's pending invitation to Kent (issued by Liverpool)
 *   partnership_event                   one step of the Tripartite's history (by Liverpool)
 *   app_user                            Sefton's commissioner
 *   membership                          Sefton's memberships
 *   session                             a session of Sefton's commissioner
 *   api_token                           a personal API token of Sefton's commissioner, made for Sefton
 *   sign_in_attempt                     attempts for Sefton's commissioner's email from one address
 *   sign_in_throttle                    the throttle counter of that address (the insert: Sefton's commissioner's
 *                                       counter at that address)
 *   audit_event                         Sefton's events
 *   platform_audit_event                the platform administrator's population import
 *   setup_token                         an unused first-run setup link
 *   two_step                            Sefton's commissioner's two-step verification (the insert meets it: insert-or-update)
 *   person_link                         a pending invitation of Sefton's
 *
 * Joint procurement (migration 0002), all of it the LCR Tripartite's, led by Liverpool ("partner" here):
 *   provider, provider_location         one matrix provider and its location (shared reference data)
 *   specification                       a Tripartite specification with no versions yet
 *   specification_version               a draft version of another Tripartite specification
 *   procurement                         a Tripartite procurement with nothing under it yet
 *   procurement_buyer … reopening       one row each under a second Tripartite procurement, with nothing
 *                                       depending on it (so a delete that is allowed can happen)
 *   application                         an application of that procurement with nothing under it
 *   application_lot, gateway_answer,
 *   evaluation_score, moderated_score   one row each of a second application
 *   approved_list_entry                 an entry with no history yet
 *   approved_list_event                 the 'admitted' event of another entry
 *
 * Call-offs, contracts, placements and budgets (migration 0003), all of them Sefton's own ("own" here):
 *   call_off … call_off_score           a Sefton call-off with nothing under it; one criterion,
 *                                       invitation and response with nothing depending on them; one score
 *   contract … contract_variation       a Sefton contract with nothing under it; one rate, extension option,
 *                                       continuation batch and variation with nothing depending on them
 *   placement, budget, block_payment    one Sefton row each
 *   idempotency_key                     a form key of Sefton's (migration 0014)
 *   provider_membership                 the matrix provider's administrator's role (the insert: a second role for them)
 *   message                             a message to Sefton from the matrix provider (the insert: Sefton's reply)
 *   provider_idempotency_key            a form key of the matrix provider's
 *   provider_person_link                a pending invitation of the matrix provider's (migration 0029)
 *   provider_claim                      a pending claim on the matrix provider's entry by someone of no context
 *   reminder_sent                       a deadline reminder sent to the matrix provider (migration 0037)
 *   procurement_notice                  a draft UK7 of Sefton's matrix contract (migration 0039; the insert: its UK11)
 *   provider_audit_event                an event of the matrix provider's own audit trail (migration 0038)
 *
 * Cost models and rates (migration 0004):
 *   cost_model … fair_cost_submission   a Tripartite model with no versions; a draft version of another;
 *                                       an exercise with no submissions; a submission of another
 *   actual_rate                         one Sefton row
 *   shared_rate                         Sefton's row shared into the Tripartite
 *
 * Business cases (migration 0005), all Sefton's own: an options appraisal no case links, the seeded Extra Care
 *   demand model, a draft business case, one risk on it, and Sefton's RAG matrix.
 *
 * Writes are of the same rows: an update or delete targets exactly the rows above; an insert adds
 * one row of the same kind (a Sefton row, a Tripartite row, a session for Sefton's commissioner…).
 *
 * 'allowed': select sees every target row, insert adds its row, update/delete reach every target row.
 * 'denied':  select sees none of them; insert is refused; update/delete reach none or are refused.
 */

export type Operation = 'select' | 'insert' | 'update' | 'delete';
export type Outcome = 'allowed' | 'denied';

export const SEFTON_COMMISSIONER = 'commissioner.sefton@concord.example';
export const SIGN_IN_IP = '203.0.113.7';

/** Who a transaction acts for, as inTenant is told it. */
export const CONTEXTS = {
  /** Sefton's commissioner, acting for Sefton (LCR Tripartite member). The "own authority" case. */
  own: { authority: 'E08000014', user: SEFTON_COMMISSIONER },
  /** Another Sefton user (a viewer), acting for Sefton: same authority, different person. */
  colleague: { authority: 'E08000014', user: 'viewer.sefton@concord.example' },
  /** Liverpool's commissioner: Sefton's partner in the LCR Tripartite. */
  partner: { authority: 'E08000012', user: 'commissioner.liverpool@concord.example' },
  /** Plymouth's commissioner: in the South West Peninsula, not the Tripartite. */
  peninsula: { authority: 'E06000026', user: 'commissioner.plymouth@concord.example' },
  /** Kent's commissioner: in no partnership. The "other authority" case. */
  kent: { authority: 'E10000016', user: 'commissioner.kent@concord.example' },
  /** Someone signing in: has typed Sefton's commissioner's email, from SIGN_IN_IP. No user, no authority yet. */
  signingIn: { signInEmail: SEFTON_COMMISSIONER, signInIp: SIGN_IN_IP },
  /** The holder of the target session's token (and of the target API token), before it is resolved to a user. */
  tokenHolder: { sessionToken: true, apiToken: true },
  /** Nothing set at all. The "no authority" case. */
  none: {},
  /** The matrix provider's administrator, acting for that provider organisation (issue 11, migration 0026). */
  provider: { provider: true, user: 'matrix.provider@homecare.example' },
} as const;

export type Context = keyof typeof CONTEXTS;
export const CONTEXT_NAMES = Object.keys(CONTEXTS) as Context[];

function allowedFor(...contexts: Context[]): Record<Context, Outcome> {
  return Object.fromEntries(CONTEXT_NAMES.map((c) => [c, contexts.includes(c) ? 'allowed' : 'denied'])) as Record<Context, Outcome>;
}
const EVERYONE = allowedFor(...CONTEXT_NAMES);
const NOBODY = allowedFor();
/** Sefton's own transactions, whoever the user. */
const SEFTON = ['own', 'colleague'] as const;
/** The members of the LCR Tripartite. */
const TRIPARTITE = ['own', 'colleague', 'partner'] as const;
/** Every transaction acting for an authority, whichever. */
const ANY_AUTHORITY = ['own', 'colleague', 'partner', 'peninsula', 'kent'] as const;
/** Liverpool: the Tripartite's lead authority, the only one that writes its joint procurement. */
const LEAD = ['partner'] as const;

/** Shared within the partnership: members read; the lead authority alone writes. */
const partnershipShared = { select: allowedFor(...TRIPARTITE), insert: allowedFor(...LEAD), update: allowedFor(...LEAD), delete: allowedFor(...LEAD) };
/** The same, but a record: added, never changed or removed. */
const partnershipRecord = { ...partnershipShared, update: NOBODY, delete: NOBODY };
/** The lead's confidential evaluation: nobody else, not even the partners, sees a row. */
const leadOnly = { select: allowedFor(...LEAD), insert: allowedFor(...LEAD), update: allowedFor(...LEAD), delete: allowedFor(...LEAD) };
/** Private to Sefton: any Sefton user's transaction reads and writes; nobody else, the Tripartite's lead included. */
const authorityPrivate = { select: allowedFor(...SEFTON), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: allowedFor(...SEFTON) };

export const TABLE_MATRIX = {
  // Reference data: everyone reads. Only a platform administrator's transaction registers, renames or marks one
  // inactive (migration 0018; no context here is one: integration/registry.test.ts covers it); nobody deletes.
  authority: { select: EVERYONE, insert: NOBODY, update: NOBODY, delete: NOBODY },
  // ONS estimates (issue 6): a transaction adds and corrects its own authority's figures only (the API lets
  // commissioners and platform administrators import); nobody deletes one.
  authority_population: { select: EVERYONE, insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: NOBODY },

  // Partnerships: read by their current members only. Migration 0021: an authority's administrator or commissioner
  // proposes one it leads ('own' adds one led by Sefton; Liverpool cannot add one led by Sefton). Nobody moves the
  // lead to a third authority (the lead proposes, the other member takes it over: integration/partnership-lifecycle).
  partnership: { select: allowedFor(...TRIPARTITE), insert: allowedFor('own'), update: NOBODY, delete: NOBODY },
  // Joined only by the lead that proposes it or an invited authority accepting (Sefton is neither for the
  // Peninsula); a member sets only the day it leaves; nobody removes a member.
  partnership_member: { select: allowedFor(...TRIPARTITE), insert: NOBODY, update: NOBODY, delete: NOBODY },
  // Each member names and removes its own people (Sefton's commissioner removes Sefton's roles); lead commissioners
  // only in the lead authority (Sefton cannot make itself one); a role is never changed in place.
  partnership_role: { select: allowedFor(...TRIPARTITE), insert: NOBODY, update: NOBODY, delete: allowedFor('own') },
  // The version of a member's set of partnership roles (migration 0050, issue 12, item 4): read by the partnership's
  // members; written (nameRole, removeRole) by the member's own administrators and commissioners (Sefton's commissioner,
  // not its viewer, not the lead for Sefton); never deleted.
  partnership_role_version: { select: allowedFor(...TRIPARTITE), insert: allowedFor('own'), update: allowedFor('own'), delete: NOBODY },
  // Invitations (migration 0021): seen by the lead (Liverpool) and the invited authority (Kent) only, not by the
  // other members; issued by the lead; answered (or withdrawn) by either; never deleted.
  partnership_invitation: { select: allowedFor('partner', 'kent'), insert: allowedFor('partner'), update: allowedFor('partner', 'kent'), delete: NOBODY },
  // The partnership's history: read by its current members; appended by a member's administrator or commissioner
  // as itself; never changed or removed.
  partnership_event: { select: allowedFor(...TRIPARTITE), insert: allowedFor('own'), update: NOBODY, delete: NOBODY },

  // People: a user is seen by themself, their authority's colleagues, and while signing in by the
  // email typed; never by partners. Memberships are the authority's own.
  app_user: { select: allowedFor(...SEFTON, 'signingIn'), insert: NOBODY, update: NOBODY, delete: NOBODY },
  membership: { select: allowedFor(...SEFTON), insert: NOBODY, update: NOBODY, delete: NOBODY },

  // Sessions are personal, not per authority: not even a colleague sees one. Revoked, never deleted.
  session: { select: allowedFor('own', 'tokenHolder'), insert: allowedFor('own'), update: allowedFor('own'), delete: NOBODY },
  // Personal API tokens for BI tools (issue 6): the user's own, in the authority they act for; not even a colleague
  // sees one. Its holder finds it before it is resolved to a user. Revoked (or its use recorded), never deleted.
  api_token: { select: allowedFor('own', 'tokenHolder'), insert: allowedFor('own'), update: allowedFor('own'), delete: NOBODY },

  // Sign-in attempts: recorded and counted only while signing in with that email and address.
  sign_in_attempt: { select: allowedFor('signingIn'), insert: allowedFor('signingIn'), update: NOBODY, delete: NOBODY },
  // Sign-in throttle counters (migration 0013, issue 12): not tenant data, as nobody has an authority while signing
  // in. Seen, added and moved on only by the sign-in in progress, for its own address and its own account at that
  // address (another account's counter at the same address stays unseen: integration/sign-in-throttle.test.ts);
  // never deleted.
  sign_in_throttle: { select: allowedFor('signingIn'), insert: allowedFor('signingIn'), update: allowedFor('signingIn'), delete: NOBODY },

  // The audit trail is the authority's own and append-only. Any Sefton user reads Sefton's log; an event goes in
  // only for the transaction's own authority and in its own user's name (migration 0057: the application role
  // appends, record_audit_event is how the code does it; tested in integration/audit.test.ts), so of these inserts,
  // all in Sefton's commissioner's name, only Sefton's commissioner's; nobody changes or removes one. A platform
  // administrator acting for no authority (no context here is one) reads every authority's administration events
  // and nothing else of them (migration 0023, tested in integration/audit-admin.test.ts).
  audit_event: { select: allowedFor(...SEFTON), insert: allowedFor('own'), update: NOBODY, delete: NOBODY },
  // The platform log (migration 0015): what a platform administrator did acting for no authority. Read only by
  // platform administrators (no context here is one; integration/audit.test.ts reads it as the administrator),
  // written only through record_audit_event, never changed.
  platform_audit_event: { select: NOBODY, insert: NOBODY, update: NOBODY, delete: NOBODY },
  // Setup links (migration 0017, issue 10): not tenant data, as there is no authority yet. The application role
  // has no privilege on the table at all: it issues, checks and redeems a link only through the migration's
  // functions (integration/first-run.test.ts); `admin:create` writes its links as the migration role.
  setup_token: { select: NOBODY, insert: NOBODY, update: NOBODY, delete: NOBODY },
  // Two-step verification (migration 0020, issue 10, item 3): personal like a session; only the person sees and
  // changes it, not a colleague. While signing in, the holder of the pending challenge finds the row by its hash
  // (integration/two-step.test.ts).
  two_step: { select: allowedFor('own'), insert: allowedFor('own'), update: allowedFor('own'), delete: allowedFor('own') },
  // People's links (migration 0019, issue 10, item 3): read, issued and cancelled only by an authority administrator
  // of the authority (or, for an authority's first administrator, a platform administrator); no context here is one
  // (integration/people.test.ts covers them). Redeemed only through the migration's functions; never deleted.
  person_link: { select: NOBODY, insert: NOBODY, update: NOBODY, delete: NOBODY },
  // The version of a person's roles (migration 0047, issue 12, item 4): the authority's people read it (people.list);
  // only an authority administrator of the authority writes it, through people.setRoles (no context here is one;
  // integration/versions-procurement.test.ts covers it); never deleted.
  membership_version: { select: allowedFor(...SEFTON), insert: NOBODY, update: NOBODY, delete: NOBODY },

  // Providers register: shared reference data. Any transaction acting for an authority reads it, adds to it
  // and corrects it; nobody deletes (applications and lists refer to it). Nobody without an authority sees it.
  // The organisation itself (issue 11) reads and corrects its own entry and locations and adds locations; it never adds
  // an entry to the register (it registers through concord_register_provider).
  provider: { select: allowedFor(...ANY_AUTHORITY, 'provider'), insert: allowedFor(...ANY_AUTHORITY), update: allowedFor(...ANY_AUTHORITY, 'provider'), delete: NOBODY },
  // From migration 0030 the organisation also removes its own locations (an authority still never does).
  provider_location: { select: allowedFor(...ANY_AUTHORITY, 'provider'), insert: allowedFor(...ANY_AUTHORITY, 'provider'), update: allowedFor(...ANY_AUTHORITY, 'provider'), delete: allowedFor('provider') },
  // Its documents (issue 11, item 2; migration 0030): its own to read, add and mark superseded (the one change ever
  // made); read by Sefton, which holds the matrix contract with it, and by no other authority; nobody deletes one.
  provider_document: { select: allowedFor('provider', ...SEFTON), insert: allowedFor('provider'), update: allowedFor('provider'), delete: NOBODY },
  // Its audit trail (issue 11; migration 0038): read by its provider administrators (the matrix provider's person is
  // one), written only through record_audit_event, never changed or removed.
  provider_audit_event: { select: allowedFor('provider'), insert: NOBODY, update: NOBODY, delete: NOBODY },
  // Deadline reminders sent (issue 11, item 6; migration 0037): one to the matrix provider. Its recipient reads it; only
  // concord_send_due_reminders writes one (the application role may not insert, change or remove any).
  reminder_sent: { select: allowedFor('provider'), insert: NOBODY, update: NOBODY, delete: NOBODY },

  // A joint procurement and what partners may see of it: read by the members, written by the lead.
  // (Published specification versions are refused by a trigger as well; the target version is a draft.)
  specification: partnershipShared,
  specification_version: partnershipShared,
  procurement: partnershipShared,
  procurement_buyer: partnershipShared,
  procurement_decision: partnershipRecord,
  procurement_milestone: partnershipShared,
  lot: partnershipShared,
  evaluation_criterion: partnershipShared,
  gateway_question: partnershipShared,
  reopening: partnershipShared,
  approved_list_entry: partnershipShared,
  approved_list_event: partnershipRecord,

  // Applications, gateway answers and scores: the lead authority's alone (commercial confidentiality).
  application: leadOnly,
  application_lot: leadOnly,
  gateway_answer: leadOnly,
  evaluation_score: leadOnly,
  moderated_score: leadOnly,

  // A partner authority's own call-offs, contracts, placements and budgets (issue 4): private to it. Not the
  // partnership's lead, not its partners, not anyone else sees a row or can add one in its name.
  call_off: authorityPrivate,
  call_off_criterion: authorityPrivate,
  call_off_invitation: authorityPrivate,
  // Responses (migration 0032): every version kept, so nobody changes or removes one; Sefton reads its own only after
  // the call-off's deadline (the matrix call-off has none) and adds paper ones; an invited provider adds its own.
  call_off_response: { select: allowedFor(...SEFTON), insert: allowedFor(...SEFTON), update: NOBODY, delete: NOBODY },
  // A provider's answers, sealed with its response; written only by the provider in the transaction making the response.
  call_off_response_answer: { select: allowedFor(...SEFTON), insert: NOBODY, update: NOBODY, delete: NOBODY },
  // Each respondent's result, written by Sefton at award; the provider reads its own only once awarded.
  call_off_outcome: { select: allowedFor(...SEFTON), insert: allowedFor(...SEFTON), update: NOBODY, delete: NOBODY },
  // A provider's monitoring return (issue 11, item 5; migration 0033): the (unverified) matrix provider's submitted return
  // on Sefton's matrix contract. Sefton reads and decides it; it never adds one (the provider does, once verified);
  // nobody removes one.
  provider_monitoring_return: { select: allowedFor(...SEFTON), insert: NOBODY, update: allowedFor(...SEFTON), delete: NOBODY },
  call_off_score: authorityPrivate,
  contract: authorityPrivate,
  contract_rate: authorityPrivate,
  contract_extension_option: authorityPrivate,
  continuation_batch: authorityPrivate,
  contract_variation: authorityPrivate,
  // Procurement Act notices (issue 16, migration 0039): a contract's are Sefton's own; withdrawn, never deleted.
  procurement_notice: { ...authorityPrivate, delete: NOBODY },
  placement: authorityPrivate,
  budget: authorityPrivate,
  block_payment: authorityPrivate,
  // A create's form key (issue 12): the authority's own, claimed and then given its result; never removed.
  // Provider organisations (issue 11, migration 0026). The organisation's people: seen by the organisation, added and
  // removed by its administrator, never changed in place.
  provider_membership: { select: allowedFor('provider'), insert: allowedFor('provider'), update: NOBODY, delete: allowedFor('provider') },
  // A message to Sefton from the matrix provider: Sefton's people read it and mark it read; the insert (a message from
  // Sefton to the provider) only Sefton may send; nobody deletes one.
  message: { select: allowedFor(...SEFTON), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: NOBODY },
  // The matrix provider's own form keys.
  provider_idempotency_key: { select: allowedFor('provider'), insert: allowedFor('provider'), update: allowedFor('provider'), delete: NOBODY },
  // Its invitations (migration 0029): its administrator issues, reads and cancels them; nobody deletes one.
  provider_person_link: { select: allowedFor('provider'), insert: allowedFor('provider'), update: allowedFor('provider'), delete: NOBODY },
  // A claim on the matrix provider's entry (migration 0029): Sefton has contracts and placements with it, so only Sefton
  // reads and decides it (besides the claimant); claims are made only by registering, never removed.
  provider_claim: { select: allowedFor(...SEFTON), insert: NOBODY, update: allowedFor(...SEFTON), delete: NOBODY },
  // Online applications (issue 11, item 3; migration 0031), under the matrix procurement (a draft: not open, so no
  // provider adds to it; integration/online-application.test.ts applies to an open one). The matrix provider's draft:
  // its own to read, change and discard; the lead reads an application only once submitted; partners never.
  provider_application: { select: allowedFor('provider'), insert: NOBODY, update: allowedFor('provider'), delete: allowedFor('provider') },
  // A published clarification: the partnership's record (a provider reads one only while the procurement is open).
  clarification: { select: allowedFor(...TRIPARTITE), insert: allowedFor(...LEAD), update: NOBODY, delete: NOBODY },
  // A provider's question: the asker and the lead read it; the lead marks it answered; asked only while open.
  clarification_question: { select: allowedFor('provider', ...LEAD), insert: NOBODY, update: allowedFor(...LEAD), delete: NOBODY },
  idempotency_key: { select: allowedFor(...SEFTON), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: NOBODY },

  // Standard KPIs and benchmarking (issue 6), the LCR Tripartite's (Liverpool leads; Sefton is "own").
  // Consent: Sefton's own choice, readable by its partners, changed only by Sefton, never deleted.
  benchmark_consent: { select: allowedFor(...TRIPARTITE), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: NOBODY },
  // The KPI library: versions are added by the lead, never rewritten.
  kpi_definition: partnershipRecord,
  // Returns are private to the authority making them: not even the lead sees one.
  kpi_return: authorityPrivate,
  // A submitted figure is published to the partnership: members read it, only its authority writes it.
  benchmark_figure: { select: allowedFor(...TRIPARTITE), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: allowedFor(...SEFTON) },
  network_meeting: partnershipShared,
  meeting_action: partnershipShared,
  // The lead's review of a member's published figure (queried / accepted): partnership-shared, lead writes.
  return_review: partnershipShared,
  // An issued pack is frozen; each member reads only its own view of it (its own figures named to it).
  benchmark_pack: partnershipRecord,
  benchmark_pack_view: { select: allowedFor(...SEFTON), insert: allowedFor(...LEAD), update: NOBODY, delete: NOBODY },

  // Shared cost models and fair-cost exercises (issue 5): the Tripartite's, written by its lead.
  // (Published model versions are refused by a trigger as well; the target version is a draft.)
  cost_model: partnershipShared,
  cost_model_version: partnershipShared,
  fair_cost_exercise: partnershipShared,
  fair_cost_submission: partnershipShared,
  // What Sefton pays where no contract holds it: private. What it shares with the Tripartite: members read, only Sefton writes.
  actual_rate: authorityPrivate,
  shared_rate: { select: allowedFor(...TRIPARTITE), insert: allowedFor(...SEFTON), update: allowedFor(...SEFTON), delete: allowedFor(...SEFTON) },

  // Business cases (issue 7): options appraisals, risks, the RAG matrix, demand models and business cases are
  // Sefton's own. Not its partners, not the partnership's lead, nobody else sees or writes a row.
  options_appraisal: authorityPrivate,
  demand_model: authorityPrivate,
  business_case: authorityPrivate,
  risk: authorityPrivate,
  risk_rag_matrix: authorityPrivate,
} satisfies Record<string, Record<Operation, Record<Context, Outcome>>>;

export type MatrixTable = keyof typeof TABLE_MATRIX;
