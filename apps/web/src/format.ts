/** Dates, times and numbers the way GOV.UK writes them, in UK time whatever the browser's zone. */
const TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });
const numberFormat = new Intl.NumberFormat('en-GB');

function toDate(value: Date | string): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "23 November 2026" */
export function formatDate(value: Date | string): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : String(value);
}

/** "23 November 2026, 14:05" */
export function formatDateTime(value: Date | string): string {
  const date = toDate(value);
  return date ? `${dateFormat.format(date)}, ${timeFormat.format(date)}` : String(value);
}

/** "1,189" */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "Chrome on Windows" from a user agent string, or "Unknown browser". */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser =
    /Edg\//.test(userAgent) ? 'Edge'
    : /OPR\//.test(userAgent) ? 'Opera'
    : /HeadlessChrome\//.test(userAgent) ? 'Headless Chrome'
    : /(Chrome|CriOS)\//.test(userAgent) ? 'Chrome'
    : /(Firefox|FxiOS)\//.test(userAgent) ? 'Firefox'
    : /Version\/[\d.]+.*Safari\//.test(userAgent) ? 'Safari'
    : null;
  const system =
    /iPhone|iPad|iPod/.test(userAgent) ? 'iOS'
    : /Android/.test(userAgent) ? 'Android'
    : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
    : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  if (!browser) return system ? `A browser on ${system}` : 'Unknown browser';
  return system ? `${browser} on ${system}` : browser;
}
