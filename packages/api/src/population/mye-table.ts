import { badRequest } from '@concord/domain';
import { parse } from 'csv-parse/sync';

/** An ONS mid-year estimates file (MYE2, persons, saved as CSV) as a table: its header (lower case) and rows. */
export interface MyeTable {
  header: string[];
  /** The rows below the header, each with its line number in the file (for messages). */
  rows: { rowNo: number; cells: string[] }[];
}

/**
 * Reads the table of an MYE2 file, as the population import and the authority registry both take it: the
 * header is the first row whose first cell is "Code" (ONS title lines above it are skipped).
 */
export function readMyeTable(content: string): MyeTable {
  let table: string[][];
  try {
    table = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw badRequest(`The CSV could not be read: ${(error as Error).message}`, 'file');
  }
  const headerAt = table.findIndex((r) => r[0]?.trim().toLowerCase() === 'code');
  if (headerAt < 0) throw badRequest('No header row starting "Code" was found (expected the ONS MYE2 layout: Code, Name, Geography, All ages, 0 … 90+)', 'file');
  return {
    header: table[headerAt]!.map((h) => h.trim().toLowerCase()),
    rows: table.slice(headerAt + 1).map((cells, k) => ({ rowNo: headerAt + k + 2, cells })),
  };
}
