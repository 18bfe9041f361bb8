import { badRequest, DomainError, forbidden } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { currentKpis, toKpi, type Kpi } from '../kpi/queries.ts';
import { checkReturn, type CheckedReturn, type ReturnEntry } from './validate.ts';
import { parseUpload, type UploadFormat } from './upload.ts';
import { rowErrorsMessage, type RowError } from './table.ts';
import { setFromForm } from '../versioned-upsert.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'now'>;

export const today = (ctx: Pick<TenantContext, 'now'>) => ctx.now().toISOString().slice(0, 10);

export async function kpisOf(tx: Tx, partnershipId: string): Promise<Map<string, Kpi>> {
  const member = await tx.selectFrom('partnership').select('id').where('id', '=', partnershipId).executeTakeFirst();
  if (!member) throw new DomainError('NOT_FOUND', 'Partnership was not found');
  return new Map((await currentKpis(tx, partnershipId)).map((k) => [k.code, toKpi(k)]));
}

export function kpiFor(kpis: Map<string, Kpi>, code: string): Kpi {
  const kpi = kpis.get(code.trim().toUpperCase());
  if (!kpi) throw badRequest(`kpiCode: there is no KPI "${code}" in this partnership's library`, 'kpiCode');
  return kpi;
}

/**
 * Saves a checked return (a correction replaces the earlier one for the same period) and publishes the
 * figure to the partnership's benchmark. Status: 'submitted' by the due date, 'late' after it.
 *
 * `seen` is the version of the return the person's form showed, or null when it showed none: a correction
 * from a stale version, or a first return when one was submitted meanwhile, is CONFLICT naming who and when.
 * 'any' (an upload) replaces whatever is held.
 */
async function write(ctx: Ctx, partnershipId: string, r: CheckedReturn, seen: number | null | 'any'): Promise<{ id: string; status: string }> {
  const authorityId = ctx.session.authorityId!;
  const status = today(ctx) <= r.period.due ? 'submitted' : 'late';
  const values = {
    kpi_id: r.kpi.id,
    period_end: r.period.end,
    due_on: r.period.due,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    comment: r.comment,
    status,
    submitted_at: ctx.now(),
  } as const;
  const row = { authority_id: authorityId, partnership_id: partnershipId, kpi_code: r.kpi.code, period_start: r.period.start, contract_ref: r.contractRef, ...values };
  const key = ['authority_id', 'partnership_id', 'kpi_code', 'period_start', 'contract_ref'] as const;
  const saved =
    seen === 'any'
      ? await ctx.tx.insertInto('kpi_return').values(row).onConflict((oc) => oc.columns(key).doUpdateSet(values)).returning(['id', 'status']).executeTakeFirstOrThrow()
      : await setFromForm(ctx.tx, { table: 'kpi_return', what: 'Return', lead: 'A return for this period was submitted while you were entering yours', authorityId }, seen, {
          insert: () => ctx.tx.insertInto('kpi_return').values(row).onConflict((oc) => oc.columns(key).doNothing()).returning(['id', 'status', 'row_version']).executeTakeFirst(),
          existing: () => heldReturn(ctx, partnershipId, r),
          update: (id) => ctx.tx.updateTable('kpi_return').set(values).where('id', '=', id).returning(['id', 'status', 'row_version']).executeTakeFirstOrThrow(),
        });
  await publishFigure(ctx.tx, authorityId, partnershipId, r.kpi, r.period.start);
  return { id: saved.id, status: saved.status };
}

/** My return for a checked return's KPI, period and contract (there is one: the insert found it). */
function heldReturn(ctx: Ctx, partnershipId: string, r: CheckedReturn) {
  return ctx.tx
    .selectFrom('kpi_return')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('kpi_code', '=', r.kpi.code)
    .where('period_start', '=', r.period.start)
    .where('contract_ref', '=', r.contractRef)
    .executeTakeFirstOrThrow();
}

/**
 * What the partnership sees of my returns for a KPI × period: one figure per authority. Per-contract
 * returns are added up (counts, numerators and denominators) or, for other units, averaged.
 */
export async function publishFigure(tx: Tx, authorityId: string, partnershipId: string, kpi: Kpi, periodStart: string): Promise<void> {
  const rows = await tx
    .selectFrom('kpi_return')
    .select(['kpi_id', 'value', 'numerator', 'denominator'])
    .where('partnership_id', '=', partnershipId)
    .where('kpi_code', '=', kpi.code)
    .where('period_start', '=', periodStart)
    .execute();
  if (rows.length === 0) return;
  const sum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0));
  const numerator = sum(rows.map((r) => r.numerator));
  const denominator = sum(rows.map((r) => r.denominator));
  const value =
    kpi.unit === 'percent' && numerator !== null && denominator
      ? (numerator / denominator) * 100
      : kpi.unit === 'count' || kpi.unit === 'rate_per_100k'
        ? sum(rows.map((r) => r.value))!
        : rows.reduce((s, r) => s + r.value!, 0) / rows.length;
  const figure = { kpi_id: rows[0]!.kpi_id, value, numerator, denominator, published_at: new Date() };
  await tx
    .insertInto('benchmark_figure')
    .values({ authority_id: authorityId, partnership_id: partnershipId, kpi_code: kpi.code, period_start: periodStart, ...figure })
    .onConflict((oc) => oc.columns(['authority_id', 'partnership_id', 'kpi_code', 'period_start']).doUpdateSet(figure))
    .execute();
}

export interface SubmitReturnInput extends ReturnEntry {
  partnershipId: string;
  /** The version of the return the form was loaded with (null: there was none). */
  version: number | null;
}

export async function submitReturn(ctx: Ctx, input: SubmitReturnInput) {
  const kpis = await kpisOf(ctx.tx, input.partnershipId);
  const checked = checkReturn(kpiFor(kpis, input.kpiCode), input, { authorityId: ctx.session.authorityId!, today: today(ctx) });
  const saved = await write(ctx, input.partnershipId, checked, input.version);
  return { id: saved.id, status: saved.status, kpiCode: checked.kpi.code, period: checked.period, value: checked.value };
}

export type { RowError } from './table.ts';

/**
 * A CSV or XLSX of returns, all or nothing: every row is checked first; if any row fails, nothing is
 * written and the report names each row (the header is row 1) and field. `dryRun` only checks.
 */
export async function uploadReturns(ctx: Ctx, input: { partnershipId: string; format: UploadFormat; contentBase64: string; dryRun: boolean }) {
  const kpis = await kpisOf(ctx.tx, input.partnershipId);
  const parsed = await parseUpload(input.format, Buffer.from(input.contentBase64, 'base64'));
  const errors: RowError[] = [...parsed.errors];
  const checked: CheckedReturn[] = [];
  const seen = new Set<string>();
  for (const { row, entry } of parsed.rows) {
    try {
      const c = checkReturn(kpiFor(kpis, entry.kpiCode), entry, { authorityId: ctx.session.authorityId!, today: today(ctx) });
      const key = `${c.kpi.code}|${c.period.start}|${c.contractRef}`;
      if (seen.has(key)) throw badRequest(`period: ${c.kpi.code} ${c.period.label} appears twice in this file`, 'period');
      seen.add(key);
      checked.push(c);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ row, field: error.field ?? 'authority', message: error.message.replace(/^[a-zA-Z]+: /, '') });
    }
  }
  if (parsed.rows.length === 0 && errors.length === 0) errors.push({ row: 1, field: 'file', message: 'The file has no returns in it' });
  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0) {
    if (input.dryRun) return { written: 0, errors };
    const wrongAuthority = errors.every((e) => e.field === 'authority');
    const message = rowErrorsMessage(errors);
    if (wrongAuthority) throw forbidden(message);
    throw badRequest(message, `rows.${errors[0]!.row}.${errors[0]!.field}`);
  }
  if (!input.dryRun) for (const c of checked) await write(ctx, input.partnershipId, c, 'any');
  return { written: input.dryRun ? 0 : checked.length, errors: [] as RowError[] };
}
