/**
 * Issue 4's procedures (contract register, placements, budgets, market view, call-offs) × who calls them,
 * always against Sefton's own rows. Everything here is private to the authority: not a partner, not the
 * partnership's lead, not an outsider sees a row or can reach one by its id.
 *
 *   own        Sefton's commissioner
 *   officer    Sefton's contract officer: writes contracts and placements, not budgets
 *   viewer     Sefton's viewer: reads everything of Sefton's, writes nothing (FORBIDDEN)
 *   partner    Knowsley's commissioner: Sefton's partner in the LCR Tripartite
 *   lead       Liverpool's commissioner: lead commissioner of the Tripartite
 *   outsider   Kent's commissioner: in no partnership with Sefton
 *   admin      the platform administrator, acting for no authority
 *
 * "ok" on a list means the call succeeds, and its test checks that Sefton's rows appear only to Sefton's users.
 * "ok" on a create means the caller made a row in its OWN authority (a partner can keep its own register).
 * Reaching one of Sefton's rows by id from another authority is NOT_FOUND: it cannot tell the row exists.
 */
export const PRIVATE_ACTORS = ['signedOut', 'own', 'officer', 'viewer', 'partner', 'lead', 'outsider', 'admin'] as const;
export type PrivateActor = (typeof PRIVATE_ACTORS)[number];
export type PrivateOutcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST';
type Cells = Record<PrivateActor, PrivateOutcome>;

const cells = (own: PrivateOutcome, officer: PrivateOutcome, viewer: PrivateOutcome, others: PrivateOutcome): Cells => ({
  signedOut: 'UNAUTHORIZED',
  own,
  officer,
  viewer,
  partner: others,
  lead: others,
  outsider: others,
  admin: 'FORBIDDEN',
});

/** Lists and summaries: everyone acting for an authority gets their own (Sefton's rows only to Sefton). */
const LIST = cells('ok', 'ok', 'ok', 'ok');
/** One of Sefton's rows by id: Sefton reads it; everyone else cannot tell it exists. */
const READ = cells('ok', 'ok', 'ok', 'NOT_FOUND');
/** A change to one of Sefton's contracts or placements: commissioners and contract officers. */
const WRITE = cells('ok', 'ok', 'FORBIDDEN', 'NOT_FOUND');
/** A new contract or placement in the caller's own authority. */
const CREATE = cells('ok', 'ok', 'FORBIDDEN', 'ok');
/** A Procurement Act notice of one of Sefton's contracts: its commissioners only. */
const NOTICE_WRITE = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND');
/** Budgets: finance officers and commissioners, in the caller's own authority. */
const BUDGET_WRITE = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'ok');

export const PRIVATE_MATRIX: Record<string, Cells> = {
  'contract.list': LIST,
  'contract.get': READ,
  'contract.warnings': LIST,
  'contract.continuations': LIST,
  'contract.previewContinuation': READ,
  'contract.create': CREATE,
  'contract.directAward': CREATE,
  'contract.update': WRITE,
  'contract.setRates': WRITE,
  'contract.addVariation': WRITE,
  'contract.decideExtension': WRITE,
  'contract.recordEndDecision': WRITE,
  'contract.terminate': WRITE,
  'contract.bulkContinue': WRITE,
  'placement.list': LIST,
  'placement.get': READ,
  'placement.create': CREATE,
  'placement.update': WRITE,
  'placement.importCsv': CREATE,
  'placement.exportCsv': LIST,
  'placement.exportXlsx': LIST,
  'budget.list': LIST,
  'budget.blockPayments': LIST,
  'budget.set': BUDGET_WRITE,
  'budget.addBlockPayment': BUDGET_WRITE,
  'budget.uplift': LIST,
  'market.view': LIST,
  'market.overview': LIST,
  // Call-offs (Sefton's, from the Tripartite PDPS). Creating one on the Sefton lot: the partner and the lead are
  // buyers under the PDPS but the lot is Sefton's (BAD_REQUEST naming the lot); Kent cannot see the PDPS.
  'callOff.options': LIST,
  'callOff.list': LIST,
  'callOff.get': READ,
  'callOff.evaluate': READ,
  'callOff.ocds': READ,
  'callOff.create': { ...cells('ok', 'ok', 'FORBIDDEN', 'BAD_REQUEST'), outsider: 'NOT_FOUND' },
  'callOff.awardDirect': WRITE,
  'callOff.cancel': WRITE,
  'callOff.startMiniCompetition': WRITE,
  'callOff.recordResponse': WRITE,
  'callOff.scoreResponse': WRITE,
  'callOff.award': WRITE,
  // Monitoring returns of Sefton's contracts (issue 11, item 5): its commissioners and contract officers list them and
  // accept or query a submitted one; a viewer is refused; another authority lists its own and cannot reach Sefton's.
  'contractReturn.list': cells('ok', 'ok', 'FORBIDDEN', 'ok'),
  'contractReturn.accept': WRITE,
  'contractReturn.query': WRITE,
  // Procurement Act notices (issue 16) of a Sefton contract awarded directly under the Act: its people read them; only its
  // commissioners draft, change, publish or withdraw one (a contract officer and a viewer are refused); nobody else can
  // reach one. What is due lists each caller's own. forProcurement reads the Tripartite's PDPS, which its members see.
  'notice.forProcurement': { ...LIST, outsider: 'NOT_FOUND' },
  'notice.forContract': READ,
  'notice.due': LIST,
  'notice.registerWarnings': LIST,
  // Sefton's own pipeline notice (UK1) by id: its people read it; another authority cannot tell it exists.
  'notice.pipeline': READ,
  // Each authority's own pipeline notice (UK1) marked not required: its commissioners only; another authority marks its own.
  'notice.declinePipeline': BUDGET_WRITE,
  'notice.draft': NOTICE_WRITE,
  'notice.update': NOTICE_WRITE,
  'notice.markReady': NOTICE_WRITE,
  'notice.markPublished': NOTICE_WRITE,
  'notice.withdraw': NOTICE_WRITE,
  'notice.release': READ,
  'notice.pdf': READ,
};
