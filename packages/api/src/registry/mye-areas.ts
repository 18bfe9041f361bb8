import { badRequest, type MyeArea } from '@concord/domain';
import { readMyeTable } from '../population/mye-table.ts';

/**
 * The areas of an ONS mid-year estimates file (MYE2, persons, saved as CSV), the same file `db:import
 * populations` and the Population estimates page read: the header is the first row whose first cell is
 * "Code" (ONS title lines above it are skipped); the registry reads its Code, Name and Geography columns.
 */
export function readMyeAreas(content: string): MyeArea[] {
  const { header, rows } = readMyeTable(content);
  const name = header.indexOf('name');
  const geography = header.indexOf('geography');
  if (name < 0 || geography < 0) throw badRequest('The header must have "Name" and "Geography" columns (the ONS MYE2 layout)', 'file');
  const areas = rows.map(({ rowNo, cells }) => ({
    rowNo,
    code: cells[0]?.trim() ?? '',
    name: cells[name]?.trim() ?? '',
    geography: cells[geography]?.trim() ?? '',
  }));
  if (areas.length === 0) throw badRequest('The file has a header but no rows', 'file');
  return areas;
}
