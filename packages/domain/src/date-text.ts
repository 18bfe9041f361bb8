const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * An ISO date as people read it in a message (GOV.UK style): '2023-08-31' → '31 August 2023'. Messages and
 * working shown to users say dates this way; data (exports, the API's fields) keeps the ISO date.
 */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}
