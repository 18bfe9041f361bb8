import { contractDateStatus, contractStatusText, forbidden, notFound, type ContractDateStatus } from '@concord/domain';
import type { Tx } from '@concord/db';
import { londonDate } from '../procurement/dates.ts';

/**
 * After award (issue 11, item 5): a verified provider organisation's own contracts and the call-offs awarded to it,
 * with every authority. Row-level security (migration 0033) shows it nothing else: its contracts only, once verified,
 * and never placements. The query names the provider too, so a router mistake cannot widen it.
 */
export type ProviderCtx = { tx: Tx; now: () => Date; session: { providerId: string; userId: string } };

export async function assertVerified(ctx: ProviderCtx): Promise<void> {
  const p = await ctx.tx.selectFrom('provider').select('verified_at').where('id', '=', ctx.session.providerId).executeTakeFirst();
  if (!p?.verified_at) throw forbidden('Your organisation must be verified before it can see its contracts');
}

function contractsQuery(ctx: ProviderCtx) {
  return ctx.tx
    .selectFrom('contract as c')
    .innerJoin('authority as a', 'a.id', 'c.authority_id')
    .leftJoin('call_off as co', (j) => j.onRef('co.authority_id', '=', 'c.authority_id').onRef('co.id', '=', 'c.call_off_id'))
    .select([
      'c.id',
      'c.authority_id',
      'a.name as authority_name',
      'c.reference',
      'c.title',
      'c.service_type',
      'c.status',
      'c.start_date',
      'c.end_date',
      'c.end_decision',
      'c.end_decision_for',
      'c.annual_value_pence',
      'c.total_value_pence',
      'c.provider_role',
      'co.id as call_off_id',
      'co.reference as call_off_reference',
      'co.scheme_name as call_off_scheme',
    ])
    .where('c.provider_id', '=', ctx.session.providerId);
}
type Row = Awaited<ReturnType<ReturnType<typeof contractsQuery>['execute']>>[number];

export interface ProviderContract {
  id: string;
  authority: { id: string; name: string };
  reference: string;
  title: string;
  serviceType: string;
  dateStatus: ContractDateStatus;
  /** The status from the dates, in words. */
  statusText: string;
  startDate: string;
  endDate: string;
  annualValuePence: number;
  totalValuePence: number;
  providerRole: string | null;
  callOff: { id: string; reference: string; schemeName: string } | null;
}

function shape(r: Row, today: string): ProviderContract {
  const forStatus = { status: r.status, startDate: String(r.start_date), endDate: String(r.end_date), endDecision: r.end_decision, endDecisionFor: r.end_decision_for ? String(r.end_decision_for) : null };
  return {
    id: r.id,
    authority: { id: r.authority_id, name: r.authority_name },
    reference: r.reference,
    title: r.title,
    serviceType: r.service_type,
    dateStatus: contractDateStatus(forStatus, today),
    statusText: contractStatusText(forStatus, today),
    startDate: forStatus.startDate,
    endDate: forStatus.endDate,
    annualValuePence: Number(r.annual_value_pence),
    totalValuePence: Number(r.total_value_pence),
    providerRole: r.provider_role,
    callOff: r.call_off_id ? { id: r.call_off_id, reference: r.call_off_reference!, schemeName: r.call_off_scheme! } : null,
  };
}

export async function listProviderContracts(ctx: ProviderCtx, page: { limit: number; offset: number }) {
  await assertVerified(ctx);
  const today = londonDate(ctx.now());
  const rows = await contractsQuery(ctx).orderBy('c.end_date', 'desc').orderBy('c.id').limit(page.limit).offset(page.offset).execute();
  const total = await ctx.tx
    .selectFrom('contract')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('provider_id', '=', ctx.session.providerId)
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => shape(r, today)), total: Number(total.n) };
}

export async function getProviderContract(ctx: ProviderCtx, id: string): Promise<ProviderContract> {
  await assertVerified(ctx);
  const row = await contractsQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Contract not found');
  return shape(row, londonDate(ctx.now()));
}
