import type { Outcome, ProcurementActor } from './api-matrix.ts';

/**
 * Standard KPIs, returns, population, benchmarking and network meetings (issue 6): every procedure × who
 * calls it, against the LCR Tripartite (led by Liverpool). Calls are in benchmark-api-matrix.test.ts.
 *
 *   lead         Liverpool's commissioner, lead commissioner of the Tripartite: keeps its KPI library and meetings
 *   leadOfficer  Liverpool's contract officer: reads; makes its authority's returns; no library, meetings or consent
 *   leadViewer   Liverpool's viewer: reads only
 *   partner      Sefton's commissioner: reads; makes Sefton's returns; chooses Sefton's consent
 *   outsider     Plymouth's commissioner (Peninsula): cannot tell the Tripartite's KPIs, figures or meetings exist
 *   admin        the platform administrator, acting for no authority: imports populations, nothing else
 */
type Cells = Record<ProcurementActor, Outcome>;
const cells = (lead: Outcome, leadOfficer: Outcome, leadViewer: Outcome, partner: Outcome, outsider: Outcome, admin: Outcome = 'FORBIDDEN'): Cells => ({
  signedOut: 'UNAUTHORIZED',
  lead,
  leadOfficer,
  leadViewer,
  partner,
  outsider,
  admin,
});
const MEMBERS_READ = cells('ok', 'ok', 'ok', 'ok', 'NOT_FOUND');
const MEMBERS_LIST = cells('ok', 'ok', 'ok', 'ok', 'ok');
const LEAD_WRITES = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND');
/** Commissioners and contract officers return their own authority's figures to a partnership they belong to. */
const MEMBER_RETURNS = cells('ok', 'ok', 'FORBIDDEN', 'ok', 'NOT_FOUND');

export const BENCHMARK_MATRIX: Record<string, Cells> = {
  'kpi.list': MEMBERS_READ,
  'kpi.history': MEMBERS_READ,
  'kpi.save': LEAD_WRITES,
  'return.due': MEMBERS_LIST,
  'return.list': MEMBERS_LIST,
  // What the calendar is filtered by: my partnerships, and the KPIs of one of them (another's is not found).
  'return.filters': MEMBERS_READ,
  'return.submit': MEMBER_RETURNS,
  'return.upload': MEMBER_RETURNS,
  // A derived KPI worked out from my own authority's records (a preview), and submitted as my return.
  'return.derive': MEMBER_RETURNS,
  'return.submitDerived': MEMBER_RETURNS,
  // The lead commissioner reviews members' published figures; a member reads the reviews of its own.
  'return.reviews': MEMBERS_READ,
  'return.review': LEAD_WRITES,
  // Every member's published figure by authority, to review: the lead commissioner's alone.
  'return.reviewQueue': LEAD_WRITES,
  // Published ONS figures: anyone signed in reads them.
  'population.list': cells('ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  // A commissioner imports its own authority's row; the platform administrator, any.
  'population.import': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'),
  'benchmark.get': MEMBERS_READ,
  'benchmark.export': MEMBERS_READ,
  'benchmark.consent': MEMBERS_LIST,
  'benchmark.setConsent': cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND'),
  'meeting.list': MEMBERS_LIST,
  'meeting.get': MEMBERS_READ,
  'meeting.create': LEAD_WRITES,
  'meeting.addAction': LEAD_WRITES,
  'meeting.setActionStatus': LEAD_WRITES,
  'meeting.issuePack': LEAD_WRITES,
  'meeting.pack': MEMBERS_READ,
  'meeting.exportPack': MEMBERS_READ,
};
