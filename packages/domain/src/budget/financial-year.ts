import { badRequest } from '../errors.ts';
import { daysBetween } from '../contract/dates.ts';

/** An English council's financial year runs 1 April to 31 March; it is named by the year it starts: 2023 = 2023/24. */
export interface FinancialYear {
  year: number;
  label: string;
  start: string;
  end: string;
  /** 365, or 366 when it holds a 29 February. */
  days: number;
}

export function financialYear(year: number): FinancialYear {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('The financial year must be a year from 2000 to 2100, for example 2023 for 2023/24', 'financialYear');
  const start = `${year}-04-01`;
  const end = `${year + 1}-03-31`;
  return { year, label: `${year}/${String((year + 1) % 100).padStart(2, '0')}`, start, end, days: daysBetween(start, end) + 1 };
}

/** The financial year a date falls in: 2023-10-01 → 2023 (2023/24); 2024-03-31 → 2023. */
export function financialYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  return iso.slice(5) >= '04-01' ? year : year - 1;
}
