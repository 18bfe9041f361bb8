import type { ReturnEntry } from './validate.ts';
import { cellNumber, readTable, type RowError, type UploadFormat } from './table.ts';

export type { UploadFormat } from './table.ts';

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

export async function parseUpload(format: UploadFormat, content: Buffer): Promise<Parsed> {
  const table = await readTable(format, content, { columns: UPLOAD_COLUMNS, required: ['kpi_code', 'period'] });
  const errors: RowError[] = [...table.errors];
  const rows: Parsed['rows'] = [];
  for (const { row, get } of table.rows) {
    const num = (name: 'value' | 'numerator' | 'denominator') => {
      const v = get(name);
      if (v === null) return null;
      const n = cellNumber(v);
      if (!Number.isFinite(n)) {
        errors.push({ row, field: name, message: `"${v}" is not a number` });
        return undefined;
      }
      return n;
    };
    const value = num('value');
    const numerator = num('numerator');
    const denominator = num('denominator');
    if (value === undefined || numerator === undefined || denominator === undefined) continue;
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
  }
  return { rows, errors };
}
