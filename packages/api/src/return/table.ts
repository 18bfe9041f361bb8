import { isStorableText } from '@concord/domain';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { loadExcelJs } from '../heavy.ts';

/**
 * Reading an uploaded table (CSV, or the first sheet of an XLSX), shared by the KPI returns upload and the providers'
 * monitoring returns upload: a header row first, matched case-insensitively with spaces, hyphens or underscores
 * alike; each later row read by column name; rows with every cell empty skipped. Rows are numbered as a spreadsheet
 * shows them (the header is row 1), so a report can say "row 4, complaints: …". Uploads are all or nothing.
 */
export type UploadFormat = 'csv' | 'xlsx';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface TableRow {
  row: number;
  /** The trimmed cell under a column (by its normalised name), null when empty or the column is missing. */
  get(column: string): string | null;
}

export interface ReadTable {
  rows: TableRow[];
  errors: RowError[];
}

/** The file fields of an upload procedure's input: the format, the file in base64 (10 MB at most) and whether only to check it. */
export const uploadFileFields = {
  format: z.enum(['csv', 'xlsx']),
  contentBase64: z.string().min(1, 'Choose a file').max(14_000_000, 'The file is too large (10 MB at most)'),
  dryRun: z.boolean().default(false),
};

/** A CSV must be text the database can store (no NUL): the refinement of an upload's input. */
export const storableCsv: [(u: { format: UploadFormat; contentBase64: string }) => boolean, { path: string[]; message: string }] = [
  (u) => u.format !== 'csv' || isStorableText(Buffer.from(u.contentBase64, 'base64').toString('utf8')),
  { path: ['contentBase64'], message: 'The file has a NUL or other character that cannot be stored in it: save it again as UTF-8 CSV' },
];

export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

const fileError = (message: string): ReadTable => ({ rows: [], errors: [{ row: 1, field: 'file', message }] });

async function cellsOf(format: UploadFormat, content: Buffer): Promise<string[][] | string> {
  if (format === 'csv') {
    try {
      return parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    } catch (error) {
      return `The CSV could not be read: ${(error as Error).message}`;
    }
  }
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return 'The file is not a readable XLSX workbook';
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return 'The workbook has no sheets';
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    table[n - 1] = (r.values as unknown[]).slice(1).map((v) => {
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'object' && v && 'result' in v) return String((v as { result: unknown }).result ?? '');
      if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text ?? '');
      return String(v);
    });
  });
  return Array.from(table, (r) => r ?? []);
}

/**
 * Reads the file into rows. `required` columns missing from the header are errors on row 1 (naming every column
 * of the layout, `columns`); an unreadable file is an error on row 1, field "file".
 */
export async function readTable(format: UploadFormat, content: Buffer, layout: { columns: readonly string[]; required: readonly string[] }): Promise<ReadTable> {
  const table = await cellsOf(format, content);
  if (typeof table === 'string') return fileError(table);
  const [header, ...body] = table;
  if (!header) return fileError('The file is empty');
  const cols = header.map((h) => normaliseHeader(String(h ?? '')));
  const errors = layout.required
    .filter((name) => !cols.includes(name))
    .map((name) => ({ row: 1, field: name, message: `The header row needs a "${name}" column (columns: ${layout.columns.join(', ')})` }));
  if (errors.length) return { rows: [], errors };
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    rows.push({
      row: i + 2,
      get: (name) => {
        const idx = cols.indexOf(name);
        const v = idx < 0 ? '' : String(cells[idx] ?? '').trim();
        return v === '' ? null : v;
      },
    });
  });
  return { rows, errors };
}

/** A number from a cell: thousands separators and a trailing % allowed; NaN when it is not one. */
export const cellNumber = (text: string) => Number(text.replace(/,/g, '').replace(/%$/, ''));

/** What a real upload with bad rows says (nothing was saved): the first ten rows and fields, and how many more. */
export function rowErrorsMessage(errors: readonly RowError[]): string {
  const shown = errors.slice(0, 10).map((e) => `row ${e.row}, ${e.field}: ${e.message}`);
  const more = errors.length > 10 ? `; and ${errors.length - 10} more` : '';
  return `Nothing was saved — ${errors.length} row${errors.length === 1 ? '' : 's'} need${errors.length === 1 ? 's' : ''} correcting: ${shown.join('; ')}${more}`;
}
