import { badRequest, DomainError, MONITORING_FIGURES, MONITORING_RETURN_COLUMNS } from '@concord/domain';
import { cellNumber, readTable, rowErrorsMessage, type RowError, type UploadFormat } from '../return/table.ts';
import { assertVerified, type ProviderCtx } from './contracts.ts';
import { uploadRowInput, type UploadRow } from './input.ts';
import { checkReturn, heldContracts, heldReturns, submissionWord, tellAuthority, writeReturn, type HeldContract, type HeldReturn } from './returns.ts';

/**
 * Monitoring returns by upload (issue 11, item 5): a CSV, or the first sheet of an XLSX, one return per row, header
 * row first (MONITORING_RETURN_COLUMNS; case and spaces do not matter):
 *   contract_reference, period_start, period_end, hours_delivered, missed_visits, late_visits, staff_turnover_percent, complaints
 * Each row meets the same rules as the form (providerReturn.submit) and is written the same way; a row replaces a
 * return for its period that is not yet accepted. All or nothing: a dry run reports every bad row; a real upload with
 * one is refused (BAD_REQUEST naming the first row and field) and saves nothing. The contracting authority gets one
 * message per contract, however many periods the file holds for it.
 */
type Column = (typeof MONITORING_RETURN_COLUMNS)[number];

/** The form's field each column fills. */
const FIELD_OF = {
  contract_reference: 'contractReference',
  period_start: 'periodStart',
  period_end: 'periodEnd',
  ...Object.fromEntries(MONITORING_FIGURES.map((f) => [f.column, f.key])),
} as Record<Column, keyof UploadRow>;
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([column, field]) => [field, column])) as Record<string, Column>;
const NUMBERS = new Set<string>(MONITORING_FIGURES.map((f) => f.column));

/** A row's cells as the form's input: numbers as numbers (text that is not a number stays text, so it is refused as one). */
function formOf(get: (column: string) => string | null): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const column of MONITORING_RETURN_COLUMNS) {
    const text = get(column);
    if (text === null) continue;
    const n = NUMBERS.has(column) ? cellNumber(text) : NaN;
    form[FIELD_OF[column]] = Number.isFinite(n) ? n : text;
  }
  return form;
}

/** Map.groupBy, which Node 20 does not have yet. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The column a row's refusal is about: the contract, the period's end (not a whole month or quarter) or its start. */
const columnOfRefusal = (error: DomainError): Column =>
  error.field === 'contract_reference' ? 'contract_reference' : error.field === 'periodEnd' ? 'period_end' : 'period_start';

interface Checked {
  row: number;
  input: UploadRow;
  contract: HeldContract;
  existing: HeldReturn | undefined;
}

/** The provider's contracts named in the file, by reference (two authorities may use the same reference). */
async function contractsByReference(ctx: ProviderCtx, references: string[]): Promise<Map<string, HeldContract[]>> {
  if (references.length === 0) return new Map();
  return groupBy(await heldContracts(ctx).where('reference', 'in', references).execute(), (c) => c.reference);
}

/** The returns already held for those contracts, by contract and period start. */
async function returnsHeld(ctx: ProviderCtx, contracts: HeldContract[]): Promise<Map<string, HeldReturn>> {
  const held = new Map<string, HeldReturn>();
  for (const [authorityId, theirs] of groupBy(contracts, (c) => c.authority_id)) {
    const rows = await heldReturns(ctx, authorityId, theirs.map((c) => c.id)).execute();
    for (const r of rows) held.set(`${r.contract_id}|${String(r.period_start)}`, r);
  }
  return held;
}

export async function uploadMonitoringReturns(ctx: ProviderCtx, input: { format: UploadFormat; contentBase64: string; dryRun: boolean }) {
  await assertVerified(ctx);
  const table = await readTable(input.format, Buffer.from(input.contentBase64, 'base64'), { columns: MONITORING_RETURN_COLUMNS, required: MONITORING_RETURN_COLUMNS });
  const errors: RowError[] = [...table.errors];
  const parsed: { row: number; input: UploadRow }[] = [];
  for (const { row, get } of table.rows) {
    const result = uploadRowInput.safeParse(formOf(get));
    if (result.success) parsed.push({ row, input: result.data });
    else for (const issue of result.error.issues) errors.push({ row, field: COLUMN_OF[String(issue.path[0])] ?? 'file', message: issue.message });
  }
  const contracts = await contractsByReference(ctx, [...new Set(parsed.map((p) => p.input.contractReference))]);
  const held = await returnsHeld(ctx, [...contracts.values()].flat());
  const checked: Checked[] = [];
  const seen = new Set<string>();
  for (const { row, input: form } of parsed) {
    try {
      const matches = contracts.get(form.contractReference) ?? [];
      if (matches.length === 0) throw badRequest('There is no contract with that reference among your organisation’s contracts', 'contract_reference');
      if (matches.length > 1) throw badRequest('More than one of your contracts has that reference: submit this period with the form instead', 'contract_reference');
      const contract = matches[0]!;
      const key = `${contract.id}|${form.periodStart}`;
      if (seen.has(key)) throw badRequest(`${form.contractReference} from ${form.periodStart} appears twice in this file`, 'period_start');
      seen.add(key);
      const existing = held.get(key);
      checkReturn(form, contract, existing, 'any');
      checked.push({ row, input: form, contract, existing });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ row, field: columnOfRefusal(error), message: error.message });
    }
  }
  if (table.rows.length === 0 && errors.length === 0) errors.push({ row: 1, field: 'file', message: 'The file has no returns in it' });
  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0) {
    if (input.dryRun) return { written: 0, errors };
    throw badRequest(rowErrorsMessage(errors), `rows.${errors[0]!.row}.${errors[0]!.field}`);
  }
  if (input.dryRun) return { written: 0, errors: [] as RowError[] };
  for (const c of checked) await writeReturn(ctx, c.contract, c.input, c.existing, false);
  const provider = await ctx.tx.selectFrom('provider').select('legal_name').where('id', '=', ctx.session.providerId).executeTakeFirstOrThrow();
  for (const [, rows] of groupBy(checked, (c) => c.contract.id)) {
    const periods = rows.map((c) => ({ start: c.input.periodStart, end: c.input.periodEnd, word: submissionWord(c.existing) }));
    await tellAuthority(ctx, rows[0]!.contract, provider.legal_name, periods);
  }
  return { written: checked.length, errors: [] as RowError[] };
}
