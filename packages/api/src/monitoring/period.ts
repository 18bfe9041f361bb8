/**
 * A monitoring return covers a calendar month or a quarter of three whole months (seed 003: monthly or quarterly
 * reporting). Returns the problem in words, or null when the period is one of those.
 */
export function monitoringPeriodProblem(start: string, end: string): string | null {
  if (!start.endsWith('-01')) return 'A period starts on the first day of a month';
  const [y, m] = start.split('-').map(Number) as [number, number];
  const lastDayAfter = (months: number) => {
    const last = new Date(Date.UTC(y, m - 1 + months, 0));
    return last.toISOString().slice(0, 10);
  };
  if (end === lastDayAfter(1) || end === lastDayAfter(3)) return null;
  return 'A period is a whole month or a quarter of three months, ending on the last day of its last month';
}
