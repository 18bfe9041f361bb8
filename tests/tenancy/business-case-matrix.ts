/**
 * Issue 7's procedures (options appraisals, risk registers, demand models, business cases) × who calls them,
 * always against Plymouth's own rows. Everything here is private to the authority that owns it.
 *
 *   own        Plymouth's commissioner: reads and writes
 *   viewer     Plymouth's viewer: reads everything of Plymouth's (exports too), writes nothing (FORBIDDEN)
 *   finance    Plymouth's finance officer: reads, writes nothing (FORBIDDEN)
 *   partner    Devon's commissioner: Plymouth's partner in the South West Peninsula, and its lead
 *   outsider   Sefton's commissioner: in no partnership with Plymouth
 *   admin      the platform administrator, acting for no authority
 *
 * "ok" on a list: the call succeeds, and its test checks Plymouth's rows appear only to Plymouth's users.
 * "ok" on a create: the caller made a row in its OWN authority. Reaching a Plymouth row by id from another
 * authority is NOT_FOUND: it cannot tell the row exists.
 */
export const BUSINESS_CASE_ACTORS = ['signedOut', 'own', 'viewer', 'finance', 'partner', 'outsider', 'admin'] as const;
export type BusinessCaseActor = (typeof BUSINESS_CASE_ACTORS)[number];
export type BusinessCaseOutcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
type Cells = Record<BusinessCaseActor, BusinessCaseOutcome>;

const cells = (own: BusinessCaseOutcome, readers: BusinessCaseOutcome, others: BusinessCaseOutcome): Cells => ({
  signedOut: 'UNAUTHORIZED',
  own,
  viewer: readers,
  finance: readers,
  partner: others,
  outsider: others,
  admin: 'FORBIDDEN',
});

/** Lists: everyone acting for an authority gets their own. */
const LIST = cells('ok', 'ok', 'ok');
/** One of Plymouth's rows by id. */
const READ = cells('ok', 'ok', 'NOT_FOUND');
/** A change to one of Plymouth's rows: its commissioners. */
const WRITE = cells('ok', 'FORBIDDEN', 'NOT_FOUND');
/** A new row (or setting) in the caller's own authority: commissioners. */
const CREATE = cells('ok', 'FORBIDDEN', 'ok');

export const BUSINESS_CASE_MATRIX: Record<string, Cells> = {
  'appraisal.list': LIST,
  'appraisal.get': READ,
  'appraisal.create': CREATE,
  'appraisal.update': WRITE,
  'risk.list': READ,
  'risk.create': WRITE,
  'risk.update': WRITE,
  'risk.delete': WRITE,
  'risk.matrix': LIST,
  'risk.setMatrix': CREATE,
  'demand.list': LIST,
  'demand.get': READ,
  'demand.populations': LIST,
  'demand.create': CREATE,
  'demand.update': WRITE,
  'businessCase.list': LIST,
  'businessCase.get': READ,
  'businessCase.create': CREATE,
  'businessCase.update': WRITE,
  'businessCase.submit': WRITE,
  'businessCase.approve': WRITE,
  'businessCase.export': READ,
};
