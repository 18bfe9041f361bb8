import { inertCsvText } from './csv-cell.ts';
import { PROVIDER_USER_ROLE_LABELS, type ProviderUserRole } from './roles.ts';

/**
 * Monitoring returns in words (issue 11, item 5): what a provider reports for a month or a quarter of a contract
 * (seed 003's performance reporting), the statuses a return moves through, and the upload's columns.
 */
export const MONITORING_RETURN_STATUSES = ['draft', 'submitted', 'accepted', 'queried'] as const;
export type MonitoringReturnStatus = (typeof MONITORING_RETURN_STATUSES)[number];

export const MONITORING_RETURN_STATUS_LABELS: Record<MonitoringReturnStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  accepted: 'Accepted',
  queried: 'Queried',
};

/** A status in words; one not known here is called "Unknown status" rather than shown as its code. */
export const monitoringReturnStatusText = (status: string): string => MONITORING_RETURN_STATUS_LABELS[status as MonitoringReturnStatus] ?? 'Unknown status';

/** The figures a return holds, in the order forms, tables and the upload show them. */
export const MONITORING_FIGURES = [
  { key: 'hoursDelivered', column: 'hours_delivered', label: 'Hours delivered' },
  { key: 'missedVisits', column: 'missed_visits', label: 'Missed visits' },
  { key: 'lateVisits', column: 'late_visits', label: 'Late visits' },
  { key: 'staffTurnoverPercent', column: 'staff_turnover_percent', label: 'Staff turnover (%)' },
  { key: 'complaints', column: 'complaints', label: 'Complaints' },
] as const;
export type MonitoringFigure = (typeof MONITORING_FIGURES)[number]['key'];

/** The columns of a monitoring returns upload (CSV or XLSX), one row a contract and period. */
export const MONITORING_RETURN_COLUMNS = ['contract_reference', 'period_start', 'period_end', ...MONITORING_FIGURES.map((f) => f.column)] as const;

/**
 * A column's heading in the file's first row, in words ("Hours delivered"): the upload reads headings without regard to
 * case, spaces or underscores, so people never need to type a code.
 */
export function monitoringColumnHeading(column: (typeof MONITORING_RETURN_COLUMNS)[number]): string {
  const words = column.replaceAll('_', ' ');
  return `${words[0]!.toUpperCase()}${words.slice(1)}`;
}

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(MONITORING_RETURN_COLUMNS.map((c) => [c, monitoringColumnHeading(c)])),
  ...Object.fromEntries(MONITORING_FIGURES.map((f) => [f.key, f.label])),
  contractReference: 'Contract reference',
  periodStart: 'Period start',
  periodEnd: 'Period end',
  file: 'The file',
};

/**
 * An upload problem's column in words, as its heading ("staff_turnover_percent" → "Staff turnover percent") or the
 * form's label ("staffTurnoverPercent" → "Staff turnover (%)"); a name not known here is spelt out from its words
 * rather than shown as a code.
 */
export function monitoringFieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]+/g, ' ').trim().toLowerCase();
  return words ? `${words[0]!.toUpperCase()}${words.slice(1)}` : 'The file';
}

/** Who in a provider organisation sends monitoring returns (providerReturn.submit and upload); a bid writer reads them. */
export const MONITORING_RETURN_SENDER_ROLES = ['provider_admin', 'contract_manager'] as const satisfies readonly ProviderUserRole[];

/** "a contract manager": a provider organisation's role in words, in a sentence. */
export function aProviderRole(role: ProviderUserRole): string {
  const words = PROVIDER_USER_ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const parts = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
};
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayText = (p: { year: number; month: number; day: number }) => `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;

/**
 * A return's period in words: "January 2026" for a month, "January to March 2026" or "November 2025 to January 2026"
 * for whole months, else the two days ("3 January 2026 to 5 February 2026").
 */
export function monitoringPeriodText(start: string, end: string): string {
  const s = parts(start);
  const e = parts(end);
  if (!s || !e) return `${start} to ${end}`;
  const wholeMonths = s.day === 1 && e.day === lastDayOf(e.year, e.month);
  if (!wholeMonths) return `${dayText(s)} to ${dayText(e)}`;
  if (s.year === e.year && s.month === e.month) return `${MONTHS[s.month - 1]} ${s.year}`;
  if (s.year === e.year) return `${MONTHS[s.month - 1]} to ${MONTHS[e.month - 1]} ${e.year}`;
  return `${MONTHS[s.month - 1]} ${s.year} to ${MONTHS[e.month - 1]} ${e.year}`;
}

/** The calendar month before the one `today` ('YYYY-MM-DD') falls in: the period a monthly return is usually for. */
export function previousMonth(today: string): { start: string; end: string } {
  const t = parts(today);
  if (!t) throw new Error(`Not a date: ${today}`);
  const year = t.month === 1 ? t.year - 1 : t.year;
  const month = t.month === 1 ? 12 : t.month - 1;
  const mm = String(month).padStart(2, '0');
  return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${String(lastDayOf(year, month)).padStart(2, '0')}` };
}

/** The calendar month `months` after the one `iso` falls in, as a period. */
function monthOf(iso: string, months = 0): { start: string; end: string } {
  const t = parts(iso);
  if (!t) throw new Error(`Not a date: ${iso}`);
  const index = t.year * 12 + (t.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const mm = String(month).padStart(2, '0');
  return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${String(lastDayOf(year, month)).padStart(2, '0')}` };
}

/**
 * The month a new return is most likely for: last month, unless the contract had not started then (its first month)
 * or a return for last month is held already (the month after the latest one held).
 */
export function suggestedReturnPeriod(today: string, contractStart: string, heldPeriodStarts: readonly string[]): { start: string; end: string } {
  const last = previousMonth(today);
  const first = monthOf(contractStart);
  if (last.start < first.start) return first;
  if (!heldPeriodStarts.includes(last.start)) return last;
  const latest = heldPeriodStarts.reduce((a, b) => (b > a ? b : a));
  return monthOf(latest, 1);
}

const csvField = (text: string) => {
  const safe = inertCsvText(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * The upload's template: the headings in words, then a row for each contract given with its reference and period
 * filled in and the figures left for the provider to type.
 */
export function monitoringReturnTemplateCsv(rows: readonly { contractReference: string; periodStart: string; periodEnd: string }[]): string {
  const blanks = MONITORING_FIGURES.map(() => '');
  const lines = [MONITORING_RETURN_COLUMNS.map(monitoringColumnHeading).join(','), ...rows.map((r) => [csvField(r.contractReference), r.periodStart, r.periodEnd, ...blanks].join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
