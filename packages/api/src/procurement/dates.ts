const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England, as 'YYYY-MM-DD': what "today" means to a council's decision. */
export function londonDate(now: Date): string {
  return LONDON.format(now);
}
