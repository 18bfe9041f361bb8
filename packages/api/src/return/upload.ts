import { parse } from 'csv-parse/sync';
import { loadExcelJs } from '../heavy.ts';
import type { RowError } from './commands.ts';
import type { ReturnEntry } from './validate.ts';

export type UploadFormat = 'csv' | 'xlsx';

/**
 * The upload layout (CSV, or the first sheet of an XLSX), one return per row, header row first:
 *   kpi_code, period, value, numerator, denominator, comment   (authority and contract_ref optional)
 * period: 'Aug 2023' (monthly), '2023-24 Q2' (quarterly), '2023-24' (annual) or the period's first day.
 * Headers are matched case-insensitively, spaces or underscores alike. Empty cells are "not given".
 */
export const UPLOAD_COLUMNS = ['kpi_code', 'period', 'value', 'numerator', 'denominator', 'comment', 'authority', 'contract_ref'] as const;

interface Parsed {
  rows: { row: number; entry: ReturnEntry }[];
  errors: RowError[];
}

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

function toEntries(table: string[][]): Parsed {
  const [header, ...body] = table;
  const errors: RowError[] = [];
  if (!header) return { rows: [], errors: [{ row: 1, field: 'file', message: 'The file is empty' }] };
  const cols = header.map((h) => norm(String(h ?? '')));
  for (const required of ['kpi_code', 'period']) {
    if (!cols.includes(required)) errors.push({ row: 1, field: required, message: `The header row needs a "${required}" column (columns: ${UPLOAD_COLUMNS.join(', ')})` });
  }
  if (errors.length) return { rows: [], errors };
  const rows: Parsed['rows'] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const get = (name: string) => {
      const idx = cols.indexOf(name);
      const v = idx < 0 ? '' : String(cells[idx] ?? '').trim();
      return v === '' ? null : v;
    };
    const num = (name: 'value' | 'numerator' | 'denominator') => {
      const v = get(name);
      if (v === null) return null;
      const n = Number(v.replace(/,/g, '').replace(/%$/, ''));
      if (!Number.isFinite(n)) {
        errors.push({ row, field: name, message: `"${v}" is not a number` });
        return undefined;
      }
      return n;
    };
    const value = num('value');
    const numerator = num('numerator');
    const denominator = num('denominator');
    if (value === undefined || numerator === undefined || denominator === undefined) return;
    rows.push({
      row,
      entry: {
        kpiCode: get('kpi_code') ?? '',
        period: get('period') ?? '',
        value,
        numerator,
        denominator,
        comment: get('comment'),
        authorityId: get('authority'),
        contractRef: get('contract_ref'),
      },
    });
  });
  return { rows, errors };
}

export async function parseUpload(format: UploadFormat, content: Buffer): Promise<Parsed> {
  if (format === 'csv') {
    let table: string[][];
    try {
      table = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    } catch (error) {
      return { rows: [], errors: [{ row: 1, field: 'file', message: `The CSV could not be read: ${(error as Error).message}` }] };
    }
    return toEntries(table);
  }
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ row: 1, field: 'file', message: 'The file is not a readable XLSX workbook' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], errors: [{ row: 1, field: 'file', message: 'The workbook has no sheets' }] };
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const values = (r.values as unknown[]).slice(1).map((v) => {
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'object' && v && 'result' in v) return String((v as { result: unknown }).result ?? '');
      if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text ?? '');
      return String(v);
    });
    table[n - 1] = values;
  });
  return toEntries(Array.from(table, (r) => r ?? []));
}
