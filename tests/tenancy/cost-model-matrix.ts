import type { Outcome, ProcurementActor } from './api-matrix.ts';

/**
 * Shared cost models, fair-cost exercises and rates (issue 5): every procedure × who calls it, against the
 * LCR Tripartite (led by Liverpool). Calls are in cost-model-api-matrix.test.ts.
 *
 *   lead         Liverpool's commissioner, lead commissioner of the Tripartite: writes its models and exercises
 *   leadOfficer  Liverpool's contract officer: reads; records no rates (commissioner or finance) and shares none
 *   leadViewer   Liverpool's viewer: reads only
 *   partner      Sefton's commissioner: reads the models; records, shares and compares its OWN rates
 *   outsider     Plymouth's commissioner (South West Peninsula): cannot tell the Tripartite's models exist;
 *                its own rates are its own business (rate.mine, rate.set are ok)
 *   admin        the platform administrator, acting for no authority
 */
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
const MEMBERS_READ = cells('ok', 'ok', 'ok', 'ok', 'NOT_FOUND');
const MEMBERS_LIST = cells('ok', 'ok', 'ok', 'ok', 'ok');
const LEAD_WRITES = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND');
/** Any authority, about its own rates. */
const MY_OWN = cells('ok', 'ok', 'ok', 'ok', 'ok');
/** Commissioners (and finance officers) record what their own authority pays. */
const MY_OWN_WRITE = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok');
/** A commissioner puts its own rates before a partnership it belongs to. */
const MEMBER_SHARES = cells('ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND');

export const COST_MODEL_MATRIX: Record<string, Cells> = {
  'costModel.list': MEMBERS_LIST,
  'costModel.get': MEMBERS_READ,
  'costModel.diff': MEMBERS_READ,
  'costModel.create': LEAD_WRITES,
  'costModel.createDraft': LEAD_WRITES,
  'costModel.updateDraft': LEAD_WRITES,
  'costModel.publish': LEAD_WRITES,
  'fairCost.list': MEMBERS_LIST,
  'fairCost.get': MEMBERS_READ,
  'fairCost.create': LEAD_WRITES,
  'rate.mine': MY_OWN,
  'rate.set': MY_OWN_WRITE,
  'rate.share': MEMBER_SHARES,
  'rate.withdraw': MEMBER_SHARES,
  'rate.compare': MEMBERS_READ,
  'rate.scenario': MEMBERS_READ,
};
