import { badRequest, type MyeArea } from '@concord/domain';
import { parse } from 'csv-parse/sync';

/**
 * The areas of an ONS mid-year estimates file (MYE2, persons, saved as CSV), the same file `db:import
 * populations` and the Population estimates page read: the header is the first row whose first cell is
 * "Code" (ONS title lines above it are skipped); the registry reads its Code, Name and Geography columns.
 */
export function readMyeAreas(content: string): MyeArea[] {
  let table: string[][];
  try {
    table = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw badRequest(`The CSV could not be read: ${(error as Error).message}`, 'file');
  }
  const headerAt = table.findIndex((r) => r[0]?.trim().toLowerCase() === 'code');
  if (headerAt < 0) throw badRequest('No header row starting "Code" was found (expected the ONS MYE2 layout: Code, Name, Geography, All ages, 0 … 90+)', 'file');
  const header = table[headerAt]!.map((h) => h.trim().toLowerCase());
  const name = header.indexOf('name');
  const geography = header.indexOf('geography');
  if (name < 0 || geography < 0) throw badRequest('The header must have "Name" and "Geography" columns (the ONS MYE2 layout)', 'file');
  const areas = table.slice(headerAt + 1).map((row, k) => ({
    rowNo: headerAt + k + 2,
    code: row[0]?.trim() ?? '',
    name: row[name]?.trim() ?? '',
    geography: row[geography]?.trim() ?? '',
  }));
  if (areas.length === 0) throw badRequest('The file has a header but no rows', 'file');
  return areas;
}
