import { contractEntryDecision, financialYear, financialYearName, financialYearOf, longDate, NOTICE_CATALOGUE, NOTICE_STATE_LABELS, pipelineNoticeDueBy, pipelineNoticeReason, pipelineYearFor, type NoticeState } from '@concord/domain';
import { sql } from 'kysely';
import type { Ctx } from './access.ts';
import { candidatePage, scopesOfContracts, selectorOfCandidates } from './due-candidates.ts';
import { keyOf, loadScopes, type Scope } from './facts.ts';
import { itemsOf, londonToday } from './items.ts';
import type { ContractNoticeWarning, DuePage, DueRow, PipelineDue } from './types.ts';

const STATE_ORDER: Record<NoticeState, number> = { overdue: 0, due: 1, done: 2, not_required: 3 };

/**
 * My authority's "What is due", one page at a time: the page's records (procurements I lead under the Act, my
 * call-offs from them, my contracts outside them) are chosen and ordered in SQL (due-candidates.ts), and only their
 * facts are read and their notices worked out by the domain — a constant number of statements whatever the
 * authority holds. Each record's notices due, overdue or done (not those not required), overdue first then soonest;
 * the first page also carries the authority's pipeline notice (UK1). `total` counts records, not notices.
 */
export async function due(ctx: Ctx, page: { limit: number; offset: number }): Promise<DuePage> {
  const today = londonToday(ctx);
  const { candidates, total } = await candidatePage(ctx.tx, ctx.session.authorityId, today, page);
  const scopes = candidates.length ? await loadScopes(ctx.tx, selectorOfCandidates(candidates), today) : [];
  const order = new Map(candidates.map((c, i) => [`${c.kind}:${c.id}`, i]));
  scopes.sort((a, b) => order.get(`${a.kind}:${a.id}`)! - order.get(`${b.kind}:${b.id}`)!);
  const rows = scopes.flatMap((scope) => dueRowsOf(scope, today)).sort(byUrgency);
  return { rows, total, pipeline: page.offset === 0 ? await pipelineDue(ctx, today) : null };
}

const byUrgency = (a: DueRow, b: DueRow) =>
  STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.type.localeCompare(b.type, 'en', { numeric: true });

function dueRowsOf(scope: Scope, today: string): DueRow[] {
  const procurement = scope.procurement ? { id: scope.procurement.id, name: scope.procurement.name } : null;
  let items;
  try {
    items = itemsOf(scope, [], [], today);
  } catch (error) {
    // A deadline Concord cannot count yet (a date in a year whose bank holidays are not held): say so, not fail the page.
    return [{ type: 'UK6', name: scope.name, procurement, contract: null, subjectId: null, state: 'due', stateLabel: 'Due', dueOn: null, reason: error instanceof Error ? error.message : 'The deadlines cannot be worked out' }];
  }
  return items
    .filter((item) => item.state !== 'not_required')
    .map((item) => {
      const contractId = keyOf(scope, item.type, item.subjectId).contractId ?? (scope.kind === 'contract' ? scope.id : null);
      const contract = scope.contracts.find((c) => c.id === contractId);
      return { type: item.type, name: item.name, procurement, contract: contract ? { id: contract.id, reference: contract.reference } : null, subjectId: item.subjectId, state: item.state, stateLabel: item.stateLabel, dueOn: item.dueOn, reason: item.reason };
    });
}

/**
 * The pipeline notice (UK1, s.93) for the year to think of now. Concord does not hold the authority's total spend, so
 * it cannot say the notice is required: it shows the condition and the date, and as a floor the payments its own
 * contracts imply in the year (each contract's annual value for the days it runs in the year). A person drafts it
 * or marks it not required (a withdrawn UK1 with the reason, flagged; drafting one later is still possible).
 */
async function pipelineDue(ctx: Ctx, today: string): Promise<PipelineDue> {
  return pipelineOfYear(ctx, pipelineYearFor(today), today);
}

/** The pipeline notice (UK1) of the financial year from `year` (its first day): what the Act asks and the record held. */
export async function pipelineOfYear(ctx: Ctx, year: string, today: string): Promise<PipelineDue> {
  const { start, end, days } = financialYear(financialYearOf(year));
  const notices = await ctx.tx
    .selectFrom('procurement_notice')
    .select(['id', 'status', 'published_on', 'withdrawn_reason', 'fields'])
    .where('authority_id', '=', ctx.session.authorityId)
    .where('notice_type', '=', 'UK1')
    .where('subject_id', '=', year)
    .orderBy('created_at', 'desc')
    .execute();
  const held = await sql<{ pence: string | null }>`
    SELECT sum(round(annual_value_pence::numeric * (least(end_date, ${end}::date) - greatest(start_date, ${start}::date) + 1) / ${days}::int)) AS pence
    FROM contract WHERE authority_id = ${ctx.session.authorityId} AND start_date <= ${end}::date AND end_date >= ${start}::date`.execute(ctx.tx);
  const heldPence = Number(held.rows[0]?.pence ?? 0);
  const dueBy = pipelineNoticeDueBy(year);
  const current = notices.find((n) => n.status !== 'withdrawn') ?? null;
  const declined = current ? null : (notices.find((n) => n.status === 'withdrawn' && isDeclined(n.fields)) ?? null);
  const state: NoticeState = current?.status === 'published' ? 'done' : declined ? 'not_required' : today > dueBy ? 'overdue' : 'due';
  const reason =
    state === 'done' ? `Published on ${longDate(current!.published_on!)}` : declined ? `Marked not required: ${declined.withdrawn_reason ?? ''}`.trim() : pipelineNoticeReason(year);
  return {
    type: 'UK1',
    name: NOTICE_CATALOGUE.UK1.name,
    yearStartsOn: year,
    yearName: financialYearName(year),
    state,
    stateLabel: NOTICE_STATE_LABELS[state],
    dueOn: dueBy,
    heldPence,
    reason,
    record: current ? { id: current.id, status: current.status } : null,
  };
}

/** A UK1 marked not required is held as a withdrawn UK1 never published, flagged so (see pipeline.ts). */
export const DECLINED_FIELD = 'notRequired';
export const isDeclined = (fields: unknown) => (fields as Record<string, string> | null)?.[DECLINED_FIELD] === 'yes';

/** Contracts asked of the register at once (a register page). */
export const REGISTER_WARNINGS_MAX = 100;

/**
 * What the contract register warns of, for the contracts of mine it shows (at most a page): each notice of the Act
 * due or overdue for them (their UK7, UK10s, UK11, and the award notices of their call-off or direct award), with its
 * day, and a contract that starts before its governing contract award notice allows (s.50, s.51). Only the
 * records those contracts belong to are read.
 */
export async function registerWarnings(ctx: Ctx, contractIds: readonly string[]): Promise<ContractNoticeWarning[]> {
  const today = londonToday(ctx);
  const wanted = new Set(contractIds);
  const where = await scopesOfContracts(ctx.tx, ctx.session.authorityId, [...wanted]);
  const scopes = where.length ? await loadScopes(ctx.tx, selectorOfCandidates(where), today) : [];
  const byContract = new Map<string, ContractNoticeWarning>();
  const of = (id: string, reference: string) => byContract.get(id) ?? byContract.set(id, { contractId: id, reference, warnings: [] }).get(id)!;
  for (const scope of scopes) {
    for (const r of dueRowsOf(scope, today)) {
      if (!r.contract || !wanted.has(r.contract.id) || (r.state !== 'due' && r.state !== 'overdue')) continue;
      const overdue = r.state === 'overdue';
      of(r.contract.id, r.contract.reference).warnings.push({
        kind: overdue ? 'notice_overdue' : 'notice_due',
        type: r.type,
        dueOn: r.dueOn,
        text: `${r.name} (${r.type}) ${overdue ? 'overdue' : 'due'}${r.dueOn ? ` ${overdue ? 'since' : 'by'} ${longDate(r.dueOn)}` : ''}`,
      });
    }
    if (!scope.awardNotice) continue;
    for (const c of scope.contracts) {
      if (!wanted.has(c.id)) continue;
      let decision;
      try {
        decision = contractEntryDecision(c.startDate, scope.awardNotice);
      } catch {
        continue; // a standstill running into a year whose bank holidays are not held yet: nothing to say
      }
      if (decision.allowed) continue;
      const kind = c.startDate < scope.awardNotice.publishedOn ? 'before_award_notice' : 'inside_standstill';
      of(c.id, c.reference).warnings.push({ kind, type: 'UK6', dueOn: null, text: decision.reason });
    }
  }
  const entryFirst = (w: ContractNoticeWarning['warnings'][number]) => (w.kind === 'inside_standstill' || w.kind === 'before_award_notice' ? -1 : 0);
  for (const w of byContract.values()) w.warnings.sort((a, b) => entryFirst(a) - entryFirst(b) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return [...byContract.values()].filter((w) => w.warnings.length > 0).sort((a, b) => a.reference.localeCompare(b.reference));
}
