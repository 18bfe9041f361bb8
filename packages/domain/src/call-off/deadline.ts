import { longDate } from '../date-text.ts';

/**
 * A mini-competition's response deadline (issue 11, item 4). Councils set it as a day, and optionally a time of day;
 * a day alone means the end of that day in England: the deadline instant is midnight at the start of the next day,
 * Europe/London (GMT or BST as the day falls). The database stores the instant and compares it with the
 * transaction's time; these functions only say it in words.
 */
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function londonParts(instant: Date): { date: string; hour: number; minute: number } {
  const part = (type: string) => LONDON_PARTS.formatToParts(instant).find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')), minute: Number(part('minute')) };
}

function previousDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A time of day in GOV.UK style: 5pm, 9:30am, midday. */
function clock(hour: number, minute: number): string {
  if (hour === 12 && minute === 0) return 'midday';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`;
}

/**
 * The deadline as people read it: '5pm on 1 March 2027'. Midnight (a day's deadline) is said as 11:59pm on the day
 * before it, the day the council chose, as GOV.UK style advises.
 */
export function deadlineText(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const { date, hour, minute } = londonParts(at);
  if (hour === 0 && minute === 0) return `11:59pm on ${longDate(previousDay(date))}`;
  return `${clock(hour, minute)} on ${longDate(date)}`;
}

/** "2 responses received, sealed until 5pm on 1 March 2027": all a council may know of its responses before the deadline. */
export function sealedResponsesText(received: number, deadline: Date | string): string {
  return `${received === 0 ? 'No' : received} response${received === 1 ? '' : 's'} received, sealed until ${deadlineText(deadline)}`;
}
