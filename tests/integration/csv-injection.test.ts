import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn, type Caller } from '../support/api.ts';

/**
 * Safe exports (issue 12, item 5): a name or locality that a spreadsheet would run as a formula comes out of
 * every CSV inert (an apostrophe before it, the cell quoted), numbers stay numbers, and the placements CSV
 * still imports back to the same names.
 */
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CMD = "+1+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)*cmd|\' /C calc\'!A0';
const MINUS = '-2+3+cmd|\' /C calc\'!A0';

let connection: Connection;
let plymouth: Caller;
let contractId: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session);
  contractId = (await connection.db.selectFrom('contract').select('id').where('authority_id', '=', GSS.plymouth).where('reference', '=', 'PCC-SL-2023').executeTakeFirstOrThrow()).id;
  const provider = await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: HYPERLINK });
  const base = { serviceType: 'shared_lives' as const, inArea: true, fundingRoute: 'council_commissioned' as const, startDate: '2026-07-20' };
  await plymouth.placement.create({ idempotencyKey: randomUUID(), ...base, reference: 'PLY-INJ-0001', providerId: provider.id, locality: CMD, weeklyCostPence: 123_450, weeklyHours: 12.5 });
  await plymouth.placement.create({ idempotencyKey: randomUUID(), ...base, reference: 'PLY-INJ-0002', contractId, locality: AT, weeklyCostPence: 24_500 });
  await plymouth.placement.create({ idempotencyKey: randomUUID(), ...base, reference: 'PLY-INJ-0003', contractId, locality: MINUS, weeklyCostPence: 9_900 });
});
afterAll(() => connection?.close());

/** The raw lines of a CSV and its parsed records. */
async function placementsExport() {
  const file = await plymouth.placement.exportCsv({ filters: { search: 'PLY-INJ' } });
  const records = parse(file.body, { columns: true }) as Record<string, string>[];
  return { body: file.body, records: records.filter((r) => r.reference!.startsWith('PLY-INJ')).sort((a, b) => a.reference!.localeCompare(b.reference!)) };
}

describe('placement.exportCsv', () => {
  it('writes a formula-like provider name and locality as quoted text starting with an apostrophe', async () => {
    const { body, records } = await placementsExport();
    expect(records.map((r) => [r.reference, r.provider, r.locality])).toEqual([
      ['PLY-INJ-0001', `'${HYPERLINK}`, `'${CMD}`],
      ['PLY-INJ-0002', expect.any(String), `'${AT}`],
      ['PLY-INJ-0003', expect.any(String), `'${MINUS}`],
    ]);
    // In the file itself each such cell is quoted, so no spreadsheet reads a bare = + - @ at a cell's start.
    expect(body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(body).toContain(`"'${CMD}"`);
    for (const line of body.split(/\r?\n/)) expect(line).not.toMatch(/(^|,)[=+@-](?![\d.]+(,|$))/);
  });

  it('no cell of the export starts a formula', async () => {
    const { records } = await placementsExport();
    for (const record of records) for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r](?![\d.]+$)/);
  });

  it('numbers stay numbers: the weekly cost and hours parse as numbers', async () => {
    const { records } = await placementsExport();
    expect(records.map((r) => [Number(r.weekly_cost), r.weekly_hours === '' ? null : Number(r.weekly_hours)])).toEqual([
      [1234.5, 12.5],
      [245, null],
      [99, null],
    ]);
    expect(records[0]!.weekly_cost).toBe('1234.50');
  });

  it('imports back with the names it was given (the apostrophe is taken off again)', async () => {
    const { body } = await placementsExport();
    const again = body.replace(/PLY-INJ-000/g, 'PLY-REP-000');
    expect((await plymouth.placement.importCsv({ csv: again, dryRun: false })).imported).toBe(3);
    const rows = await connection.db
      .selectFrom('placement as p')
      .innerJoin('provider as v', 'v.id', 'p.provider_id')
      .select(['p.reference', 'p.locality', 'v.legal_name'])
      .where('p.reference', 'like', 'PLY-REP-%')
      .orderBy('p.reference')
      .execute();
    expect(rows.map((r) => r.locality)).toEqual([CMD, AT, MINUS]);
    expect(rows[0]!.legal_name).toBe(HYPERLINK);
  });
});

describe('placement.exportXlsx', () => {
  it('writes the names as text cells, never formulas (exceljs writes a string value as a string)', async () => {
    const file = await plymouth.placement.exportXlsx({ filters: { search: 'PLY-INJ' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Placements')!;
    const cells: { value: unknown; type: number }[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push({ value: cell.value, type: cell.type })));
    const risky = cells.filter((c) => typeof c.value === 'string' && /^[=+\-@]/.test(c.value));
    expect(risky.map((c) => c.value)).toEqual(expect.arrayContaining([HYPERLINK, CMD]));
    for (const c of risky) expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    // …and the weekly cost is a number cell.
    expect(cells.some((c) => c.value === 1234.5 && c.type === ExcelJS.ValueType.Number)).toBe(true);
  });
});

describe('benchmark.export as CSV', () => {
  it('figures are unquoted numbers, text cells are inert', async () => {
    const peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
    const file = await plymouth.benchmark.export({ partnershipId: peninsula, kpiCode: 'PPL-01', period: '2024-01-01', periodCount: 4, format: 'csv' });
    const body = Buffer.from(file.base64, 'base64').toString('utf8');
    const records = parse(body, { columns: true, cast: (value, context) => (context.quoting ? { quoted: value } : value) }) as Record<string, unknown>[];
    expect(records.length).toBeGreaterThan(0);
    const figures = records.flatMap((r) => ['value', 'per_100k', 'headline'].map((k) => r[k])).filter((v) => v !== '' && v !== 'suppressed');
    expect(figures.length).toBeGreaterThan(0);
    for (const v of figures) expect({ v, number: typeof v === 'string' && Number.isFinite(Number(v)) }).toEqual({ v, number: true });
    for (const record of records) for (const cell of Object.values(record)) if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@\t\r](?![\d.]+$)/);
  });
});

describe('every CSV the product writes goes through writeCsv', () => {
  it('no source but packages/api/src/csv.ts imports csv-stringify', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    const writers = ['packages', 'apps'].flatMap((d) => files(join(root, d))).filter((f) => /from ['"]csv-stringify/.test(readFileSync(f, 'utf8')));
    expect(writers.map((f) => relative(root, f))).toEqual([join('packages', 'api', 'src', 'csv.ts')]);
  });
});
