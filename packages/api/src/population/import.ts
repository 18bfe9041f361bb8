import { badRequest } from '@concord/domain';
import type { Tx } from '@concord/db';
import { readMyeTable } from './mye-table.ts';

/**
 * ONS mid-year population estimates, the "MYE2 – Persons" table saved as CSV: one row per area with
 *   Code (GSS code), Name, Geography, All ages, 0, 1, 2, … 89, 90 (or "90+": 90 and over)
 * Header names are matched case-insensitively; any rows above the header (ONS title lines) are skipped
 * — the header is the first row whose first cell is "Code". Columns we read: Code, All ages and the
 * single years of age 0–90+. We store the bands 'all', '18+', '65+' and '75+' for the year given;
 * areas that are not Concord authorities are ignored. Re-importing a year replaces its figures.
 */
export const POPULATION_BANDS = { all: 0, '18+': 18, '65+': 65, '75+': 75 } as const;

export interface ParsedPopulation {
  authorityId: string;
  name: string;
  bands: Record<keyof typeof POPULATION_BANDS, number>;
}

export function parseMye(content: string): ParsedPopulation[] {
  const { header, rows } = readMyeTable(content);
  const col = (name: string) => header.indexOf(name);
  const allAges = col('all ages');
  const ages = new Map<number, number>();
  for (let a = 0; a <= 90; a++) {
    const i = a === 90 ? (col('90+') >= 0 ? col('90+') : col('90')) : col(String(a));
    if (i >= 0) ages.set(a, i);
  }
  if (allAges < 0) throw badRequest('row 1, All ages: the header has no "All ages" column', 'file');
  if (ages.size < 91) throw badRequest('The header must have a column for each single year of age 0 to 89 and 90+', 'file');
  const number = (row: string[], i: number, rowNo: number, field: string) => {
    const n = Number(String(row[i] ?? '').replace(/,/g, '').trim());
    if (!Number.isInteger(n) || n < 0) throw badRequest(`row ${rowNo}, ${field}: "${row[i] ?? ''}" is not a whole number`, `rows.${rowNo}.${field}`);
    return n;
  };
  return rows.flatMap(({ rowNo, cells: row }) => {
    const code = row[0]?.trim() ?? '';
    if (!/^[EWSN]\d{8}$/.test(code)) return [];
    const byAge = [...ages.entries()].map(([age, i]) => ({ age, n: number(row, i, rowNo, age === 90 ? '90+' : String(age)) }));
    const all = number(row, allAges, rowNo, 'All ages');
    const from = (min: number) => byAge.filter((x) => x.age >= min).reduce((s, x) => s + x.n, 0);
    if (from(0) !== all) throw badRequest(`row ${rowNo}, All ages: ${all} is not the sum of the single years (${from(0)})`, `rows.${rowNo}.All ages`);
    return [{ authorityId: code, name: row[col('name')]?.trim() ?? code, bands: { all, '18+': from(18), '65+': from(65), '75+': from(75) } }];
  });
}

/** Writes the estimates of the authorities Concord knows, all or nothing (row-level security decides whose). */
export async function importPopulations(tx: Tx, content: string, year: number, onlyAuthorityId?: string): Promise<{ authorities: number; rows: number; ignored: number }> {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw badRequest('year: between 1990 and 2100', 'year');
  const parsed = parseMye(content);
  const known = new Set((await tx.selectFrom('authority').select('id').execute()).map((a) => a.id));
  const wanted = parsed.filter((p) => known.has(p.authorityId) && (!onlyAuthorityId || p.authorityId === onlyAuthorityId));
  if (wanted.length === 0) throw badRequest(onlyAuthorityId ? `The file has no row for your authority (${onlyAuthorityId})` : 'The file has no row for any authority Concord knows', 'file');
  const source = `ONS mid-year population estimates ${year} (MYE2 persons)`;
  let rows = 0;
  for (const p of wanted) {
    for (const [band, population] of Object.entries(p.bands)) {
      if (population <= 0) continue;
      await tx
        .insertInto('authority_population')
        .values({ authority_id: p.authorityId, year, age_band: band, population, source })
        .onConflict((oc) => oc.columns(['authority_id', 'year', 'age_band']).doUpdateSet({ population, source }))
        .execute();
      rows++;
    }
  }
  return { authorities: wanted.length, rows, ignored: parsed.length - wanted.length };
}
