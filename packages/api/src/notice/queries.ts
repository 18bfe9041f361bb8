import { longDate, mayEnterContract, PROCUREMENT_ACT_COMMENCEMENT, standstillPeriod, type NoticeState } from '@concord/domain';
import { sql } from 'kysely';
import type { Ctx } from './access.ts';
import { contractScope, procurementScope } from './access.ts';
import { findNotice, releaseOf } from './commands.ts';
import { keyOf, loadScopes, type Scope } from './facts.ts';
import { suppliersOf } from './fields.ts';
import { itemsOf, listOf, londonToday, scopeRows } from './items.ts';
import { noticePdf } from './pdf.ts';
import type { ContractNoticeWarning, DuePage, DueRow, NoticeJsonFile, NoticeList, NoticePdfFile } from './types.ts';

export async function forProcurement(ctx: Ctx, procurementId: string): Promise<NoticeList> {
  return listOf(ctx.tx, await procurementScope(ctx, procurementId), londonToday(ctx));
}

export async function forContract(ctx: Ctx, contractId: string): Promise<NoticeList> {
  return listOf(ctx.tx, await contractScope(ctx, contractId), londonToday(ctx), contractId);
}

const STATE_ORDER: Record<NoticeState, number> = { overdue: 0, due: 1, done: 2, not_required: 3 };

/**
 * My authority's "What is due": every notice of the Act for the procurements it leads, its call-offs and its own
 * contracts, due, overdue or done (not those not required), soonest first. The scopes are chosen in three statements
 * and their facts read in a handful more, whatever their number.
 */
export async function due(ctx: Ctx, page: { limit: number; offset: number }): Promise<DuePage> {
  const rows = await allDue(ctx);
  return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
}

/**
 * What the contract register warns of, per contract of mine: each notice of the Act due or overdue for it (its UK7,
 * UK10s, UK11, and the award notices of its call-off or direct award), and a contract that starts inside the standstill
 * of its published contract award notice (s.51).
 */
export async function registerWarnings(ctx: Ctx): Promise<ContractNoticeWarning[]> {
  const { rows, scopes } = await allDueWithScopes(ctx);
  const byContract = new Map<string, ContractNoticeWarning>();
  const of = (id: string, reference: string) => byContract.get(id) ?? byContract.set(id, { contractId: id, reference, warnings: [] }).get(id)!;
  for (const r of rows) {
    if (!r.contract || (r.state !== 'due' && r.state !== 'overdue')) continue;
    of(r.contract.id, r.contract.reference).warnings.push({ kind: r.state === 'overdue' ? 'notice_overdue' : 'notice_due', type: r.type, text: `${r.name} (${r.type}) ${r.state === 'overdue' ? 'overdue' : 'due'}${r.dueOn ? ` ${r.state === 'overdue' ? 'since' : 'by'} ${longDate(r.dueOn)}` : ''}` });
  }
  for (const scope of scopes) {
    const uk6 = scope.facts.published.filter((p) => p.type === 'UK6').sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : 1))[0];
    if (!uk6) continue;
    let standstill;
    try {
      standstill = standstillPeriod(uk6.publishedOn);
    } catch {
      continue; // a standstill running into a year whose bank holidays are not held yet: nothing to say
    }
    for (const c of scope.contracts) {
      const decision = mayEnterContract(c.startDate, standstill);
      if (!decision.allowed) of(c.id, c.reference).warnings.push({ kind: 'inside_standstill', type: 'UK6', text: decision.reason });
    }
  }
  return [...byContract.values()].filter((w) => w.warnings.length > 0).sort((a, b) => a.reference.localeCompare(b.reference));
}

async function allDue(ctx: Ctx): Promise<DueRow[]> {
  return (await allDueWithScopes(ctx)).rows;
}

async function allDueWithScopes(ctx: Ctx): Promise<{ rows: DueRow[]; scopes: Scope[] }> {
  const me = ctx.session.authorityId;
  const act = 'procurement_act_2023' as const;
  const procurements = await ctx.tx.selectFrom('procurement').select('id').where('authority_id', '=', me).where('regime', '=', act).execute();
  const callOffs = await ctx.tx
    .selectFrom('call_off as c')
    .innerJoin('procurement as p', 'p.id', 'c.procurement_id')
    .select('c.id')
    .where('c.authority_id', '=', me)
    .where('p.regime', '=', act)
    .execute();
  // Contracts of mine outside any procurement of mine or call-off: begun under the Act, or made under an Act procurement another leads.
  const contracts = await ctx.tx
    .selectFrom('contract as k')
    .leftJoin('procurement as p', 'p.id', 'k.procurement_id')
    .select('k.id')
    .where('k.authority_id', '=', me)
    .where('k.call_off_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('k.procurement_id', 'is', null), eb(sql`coalesce(k.decided_on, k.start_date)`, '>=', PROCUREMENT_ACT_COMMENCEMENT)]),
        eb.and([eb('p.authority_id', '<>', me), eb('p.regime', '=', act)]),
      ]),
    )
    .execute();
  const today = londonToday(ctx);
  const scopes = await loadScopes(ctx.tx, { procurementIds: procurements.map((p) => p.id), callOffIds: callOffs.map((c) => c.id), contractIds: contracts.map((c) => c.id) }, today);
  const rows: DueRow[] = [];
  for (const scope of scopes) {
    let items;
    try {
      items = itemsOf(scope, [], [], today);
    } catch (error) {
      // A deadline Concord cannot count yet (a date in a year whose bank holidays are not held): say so, not fail the page.
      rows.push({ type: 'UK6', name: scope.name, procurement: scope.procurement ? { id: scope.procurement.id, name: scope.procurement.name } : null, contract: null, subjectId: null, state: 'due', stateLabel: 'Due', dueOn: null, reason: error instanceof Error ? error.message : 'The deadlines cannot be worked out' });
      continue;
    }
    for (const item of items) {
      if (item.state === 'not_required') continue;
      const contractId = keyOf(scope, item.type, item.subjectId).contractId ?? (scope.kind === 'contract' ? scope.id : null);
      const contract = scope.contracts.find((c) => c.id === contractId);
      rows.push({
        type: item.type,
        name: item.name,
        procurement: scope.procurement ? { id: scope.procurement.id, name: scope.procurement.name } : null,
        contract: contract ? { id: contract.id, reference: contract.reference } : null,
        subjectId: item.subjectId,
        state: item.state,
        stateLabel: item.stateLabel,
        dueOn: item.dueOn,
        reason: item.reason,
      });
    }
  }
  rows.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.type.localeCompare(b.type, 'en', { numeric: true }));
  return { rows, scopes };
}

const fileName = (type: string, id: string, ext: string) => `notice-${type}-${id.slice(0, 8)}.${ext}`;

/** The OCDS release package: as published (frozen then), or as it would be published today. */
export async function release(ctx: Ctx, id: string): Promise<NoticeJsonFile> {
  const { row, scope } = await findNotice(ctx, id);
  const json = row.status === 'published' && row.release ? row.release : await releaseOf(ctx, row, scope, londonToday(ctx));
  return { filename: fileName(row.notice_type, row.id, 'json'), json };
}

export async function pdf(ctx: Ctx, id: string): Promise<NoticePdfFile> {
  const { row, scope } = await findNotice(ctx, id);
  const today = londonToday(ctx);
  const item = scope ? itemsOf(scope, await scopeRows(ctx.tx, scope), [], today).find((i) => i.record?.id === row.id) ?? null : null;
  const authority = await ctx.tx.selectFrom('authority').select(['id', 'name']).where('id', '=', row.authority_id).executeTakeFirstOrThrow();
  const bytes = await noticePdf({ row, scope, item, authority, today, suppliers: scope ? await suppliersOf(ctx.tx, scope) : [] });
  return { filename: fileName(row.notice_type, row.id, 'pdf'), mimeType: 'application/pdf', base64: bytes.toString('base64') };
}
