import { badRequest, forbidden, longDate, monitoringPeriodText, monitoringReturnStatusText, notFound, staleEdit } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import { notify } from '../message/notify.ts';
import { assertVerified, type ProviderCtx } from './contracts.ts';
import type { SubmitReturnInput } from './input.ts';
import { monitoringPeriodProblem } from './period.ts';

/**
 * Monitoring returns (issue 11, item 5): a provider reports a period of a contract it holds; the contracting authority
 * accepts it or queries it with a reason; the provider corrects a queried one and submits it again. Row-level
 * security (migration 0033) keeps each side to its own: the provider to its contracts, the authority to its contracts'
 * submitted returns. Each side is told in its inbox.
 */
export type AuthorityCtx = { tx: Tx; now: () => Date; session: { authorityId: string | null; userId: string } };

const columns = [
  'r.id',
  'r.authority_id',
  'a.name as authority_name',
  'r.provider_id',
  'p.legal_name as provider_name',
  'r.contract_id',
  'c.reference as contract_reference',
  'r.period_start',
  'r.period_end',
  'r.hours_delivered',
  'r.missed_visits',
  'r.late_visits',
  'r.staff_turnover_percent',
  'r.complaints',
  'r.status',
  'r.query_reason',
  'r.submitted_at',
  'r.decided_at',
  'r.row_version',
] as const;

function returnsQuery(tx: Tx) {
  return tx
    .selectFrom('provider_monitoring_return as r')
    .innerJoin('authority as a', 'a.id', 'r.authority_id')
    .innerJoin('provider as p', 'p.id', 'r.provider_id')
    .innerJoin('contract as c', (j) => j.onRef('c.authority_id', '=', 'r.authority_id').onRef('c.id', '=', 'r.contract_id'))
    .select(columns);
}
type Row = Awaited<ReturnType<ReturnType<typeof returnsQuery>['execute']>>[number];

function shape(r: Row) {
  return {
    id: r.id,
    authority: { id: r.authority_id, name: r.authority_name },
    provider: { id: r.provider_id, name: r.provider_name },
    contract: { id: r.contract_id, reference: r.contract_reference },
    periodStart: String(r.period_start),
    periodEnd: String(r.period_end),
    hoursDelivered: r.hours_delivered,
    missedVisits: r.missed_visits,
    lateVisits: r.late_visits,
    staffTurnoverPercent: Number(r.staff_turnover_percent),
    complaints: r.complaints,
    status: r.status,
    queryReason: r.query_reason,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    rowVersion: r.row_version,
  };
}
export type MonitoringReturn = ReturnType<typeof shape>;

/** What the provider reports for a period, as the form and the upload give it. */
export type ReturnFigures = Omit<SubmitReturnInput, 'contractId' | 'asDraft' | 'rowVersion'>;

const figures = (input: ReturnFigures) => ({
  period_end: input.periodEnd,
  hours_delivered: input.hoursDelivered,
  missed_visits: input.missedVisits,
  late_visits: input.lateVisits,
  staff_turnover_percent: input.staffTurnoverPercent,
  complaints: input.complaints,
});

/** One of the provider's contracts (RLS shows it no other; the query names the provider too). */
export interface HeldContract {
  authority_id: string;
  id: string;
  reference: string;
  start_date: string;
  end_date: string;
}

/** The return already held for a contract's period, if any. */
export interface HeldReturn {
  id: string;
  status: 'draft' | 'submitted' | 'accepted' | 'queried';
  row_version: number;
  updated_at: Date;
}

export function heldContracts(ctx: ProviderCtx) {
  return ctx.tx.selectFrom('contract').select(['authority_id', 'id', 'reference', 'start_date', 'end_date']).where('provider_id', '=', ctx.session.providerId);
}

export function heldReturns(ctx: ProviderCtx, authorityId: string, contractIds: readonly string[]) {
  return ctx.tx
    .selectFrom('provider_monitoring_return')
    .select(['id', 'contract_id', 'period_start', 'status', 'row_version', 'updated_at'])
    .where('authority_id', '=', authorityId)
    .where('contract_id', 'in', contractIds);
}

/**
 * The rules a return meets, typed in a form or a row of an upload: a whole month or quarter (refused naming
 * periodEnd) that overlaps the contract's term (refused naming periodStart), and not replacing an accepted return. A form names the version it replaces (CONFLICT when stale); an
 * upload (seenVersion 'any') replaces whatever version is held that is not accepted.
 */
export function checkReturn(input: ReturnFigures, contract: HeldContract, existing: HeldReturn | undefined, seenVersion: number | null | 'any'): void {
  const problem = monitoringPeriodProblem(input.periodStart, input.periodEnd);
  if (problem) throw badRequest(problem, 'periodEnd');
  const term = { start: String(contract.start_date), end: String(contract.end_date) };
  if (input.periodEnd < term.start || input.periodStart > term.end) {
    throw badRequest(`The contract runs from ${longDate(term.start)} to ${longDate(term.end)}: a return is for a period within it`, 'periodStart');
  }
  if (!existing) return;
  if (existing.status === 'accepted') throw forbidden('This return has been accepted and can no longer be changed');
  if (seenVersion !== 'any' && seenVersion !== existing.row_version) throw staleEdit(null, existing.updated_at);
}

/** Writes a checked return: a new one, or in place of the one held (guarded by its version). Returns its id. */
export async function writeReturn(ctx: ProviderCtx, contract: HeldContract, input: ReturnFigures, existing: HeldReturn | undefined, asDraft: boolean): Promise<string> {
  const status = asDraft ? 'draft' : 'submitted';
  const submittedAt = asDraft ? null : sql<Date>`transaction_timestamp()`;
  if (!existing) {
    const made = await ctx.tx
      .insertInto('provider_monitoring_return')
      .values({ authority_id: contract.authority_id, provider_id: ctx.session.providerId, contract_id: contract.id, period_start: input.periodStart, ...figures(input), status, submitted_at: submittedAt })
      .onConflict((oc) => oc.columns(['authority_id', 'contract_id', 'period_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (made) return made.id;
    // Another submission for the period was made while this one was being entered: it is not overwritten.
    const meanwhile = await heldReturns(ctx, contract.authority_id, [contract.id]).where('period_start', '=', input.periodStart).executeTakeFirstOrThrow();
    throw staleEdit(null, meanwhile.updated_at);
  }
  const changed = await ctx.tx
    .updateTable('provider_monitoring_return')
    .set({ ...figures(input), status, submitted_at: submittedAt, decided_at: null, decided_by: null })
    .where('authority_id', '=', contract.authority_id)
    .where('id', '=', existing.id)
    .where('row_version', '=', existing.row_version)
    .executeTakeFirst();
  // Decided or changed by someone else between the read and the write (a FOR UPDATE read would hide an accepted row).
  if (changed.numUpdatedRows !== 1n) throw staleEdit(null, existing.updated_at);
  return existing.id;
}

/** How a submission reads to the authority: a first one, a correction of a queried one, or a replacement. */
export const submissionWord = (existing: HeldReturn | undefined) =>
  existing?.status === 'queried' ? 'corrected' : existing && existing.status !== 'draft' ? 'replaced' : 'submitted';

/** One message to the contracting authority for a contract's submitted periods (one for a form, one per contract for an upload). */
export async function tellAuthority(ctx: ProviderCtx, contract: HeldContract, providerName: string, periods: readonly { start: string; end: string; word: string }[]) {
  const [first] = periods;
  if (!first) return;
  const one = periods.length === 1;
  const span = (p: { start: string; end: string }) => monitoringPeriodText(p.start, p.end);
  await notify(ctx.tx, {
    to: { authorityId: contract.authority_id },
    from: { providerId: ctx.session.providerId },
    kind: 'monitoring_return_submitted',
    subject: one ? `Monitoring return ${first.word}: ${contract.reference}, ${span(first)}` : `Monitoring returns submitted: ${contract.reference}, ${periods.length} periods`,
    body: one
      ? `${providerName} has ${first.word} its monitoring return for ${contract.reference} (${span(first)}). Accept it or query it.`
      : `${providerName} has submitted ${periods.length} monitoring returns for ${contract.reference}: ${periods.map((p) => `${span(p)} (${p.word})`).join('; ')}. Accept or query each.`,
    link: `/contracts/${contract.id}`,
  });
}

/** Submits (or keeps as a draft) the return for a period of one of the provider's contracts, replacing one not yet accepted. */
export async function submitReturn(ctx: ProviderCtx, input: SubmitReturnInput): Promise<MonitoringReturn> {
  await assertVerified(ctx);
  const contract = await heldContracts(ctx).where('id', '=', input.contractId).executeTakeFirst();
  if (!contract) throw notFound('Contract');
  const existing = await heldReturns(ctx, contract.authority_id, [contract.id]).where('period_start', '=', input.periodStart).executeTakeFirst();
  checkReturn(input, contract, existing, input.rowVersion);
  const id = await writeReturn(ctx, contract, input, existing, input.asDraft);
  const saved = shape(await returnsQuery(ctx.tx).where('r.id', '=', id).executeTakeFirstOrThrow());
  if (!input.asDraft) await tellAuthority(ctx, contract, saved.provider.name, [{ start: input.periodStart, end: input.periodEnd, word: submissionWord(existing) }]);
  return saved;
}

export async function listProviderReturns(ctx: ProviderCtx, input: { contractId?: string; limit: number; offset: number }) {
  await assertVerified(ctx);
  let q = returnsQuery(ctx.tx).where('r.provider_id', '=', ctx.session.providerId);
  if (input.contractId) q = q.where('r.contract_id', '=', input.contractId);
  const rows = await q.orderBy('r.period_start', 'desc').orderBy('c.reference').limit(input.limit).offset(input.offset).execute();
  return rows.map(shape);
}

/** The submitted, accepted and queried returns of the authority's contracts (never a provider's draft). */
export async function listContractReturns(ctx: AuthorityCtx, input: { contractId?: string; status?: 'submitted' | 'accepted' | 'queried'; limit: number; offset: number }) {
  let q = returnsQuery(ctx.tx).where('r.authority_id', '=', ctx.session.authorityId!).where('r.status', '<>', 'draft');
  if (input.contractId) q = q.where('r.contract_id', '=', input.contractId);
  if (input.status) q = q.where('r.status', '=', input.status);
  const rows = await q.orderBy('r.period_start', 'desc').orderBy('c.reference').limit(input.limit).offset(input.offset).execute();
  return rows.map(shape);
}

/** Accepts a submitted return, or queries it with a reason; the provider is told. */
export async function decideReturn(ctx: AuthorityCtx, input: { returnId: string; rowVersion: number; reason?: string }): Promise<MonitoringReturn> {
  const authorityId = ctx.session.authorityId!;
  const current = await ctx.tx
    .selectFrom('provider_monitoring_return')
    .select(['status', 'row_version', 'updated_at'])
    .where('authority_id', '=', authorityId)
    .where('id', '=', input.returnId)
    .where('status', '<>', 'draft')
    .executeTakeFirst();
  if (!current) throw notFound('Monitoring return');
  if (current.row_version !== input.rowVersion) throw staleEdit(null, current.updated_at);
  if (current.status !== 'submitted') throw forbidden(`This return is ${monitoringReturnStatusText(current.status).toLowerCase()} already: only a submitted return can be accepted or queried`);
  const status = input.reason === undefined ? 'accepted' : 'queried';
  const changed = await ctx.tx
    .updateTable('provider_monitoring_return')
    .set({ status, query_reason: input.reason ?? null, decided_at: sql<Date>`transaction_timestamp()`, decided_by: ctx.session.userId })
    .where('authority_id', '=', authorityId)
    .where('id', '=', input.returnId)
    .where('row_version', '=', current.row_version)
    .executeTakeFirst();
  // Changed between the read and the write (no FOR UPDATE: the decide policy would hide a row already decided).
  if (changed.numUpdatedRows !== 1n) throw staleEdit(null, current.updated_at);
  const saved = shape(await returnsQuery(ctx.tx).where('r.authority_id', '=', authorityId).where('r.id', '=', input.returnId).executeTakeFirstOrThrow());
  const period = `${saved.contract.reference}, ${monitoringPeriodText(saved.periodStart, saved.periodEnd)}`;
  await notify(ctx.tx, {
    to: { providerId: saved.provider.id },
    from: { authorityId },
    kind: status === 'accepted' ? 'monitoring_return_accepted' : 'monitoring_return_queried',
    subject: status === 'accepted' ? `Monitoring return accepted: ${period}` : `Monitoring return queried: ${period}`,
    body: status === 'accepted' ? `${saved.authority.name} has accepted your monitoring return for ${period}.` : `${saved.authority.name} has queried your monitoring return for ${period}: ${input.reason}. Correct it and submit it again.`,
    link: `/organisation/contracts/${saved.contract.id}`,
  });
  return saved;
}
