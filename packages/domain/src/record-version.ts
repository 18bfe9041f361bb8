import { DomainError } from './errors.ts';

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** A moment as GOV.UK style writes it, in UK time: '2:05pm on 3 March 2025'. */
export function momentInWords(at: Date): string {
  const time = TIME.formatToParts(at)
    .map((p) => (p.type === 'dayPeriod' ? p.value.toLowerCase().replace(/\s|\./g, '') : p.type === 'literal' ? p.value.trim() : p.value))
    .join('');
  return `${time} on ${DAY.format(at)}`;
}

/** What a person is told when the record they edited changed since they loaded it. */
export function staleEditMessage(changedBy: string | null, at: Date): string {
  return `Changed by ${changedBy ?? 'someone else'} at ${momentInWords(at)} — reload to see it`;
}

/**
 * The record changed since the person loaded it (their version is stale), or a state it was meant to move
 * from is no longer its state: CONFLICT, naming who changed it and when, on the `version` field.
 */
export function staleEdit(changedBy: string | null, at: Date, lead?: string): DomainError {
  const message = staleEditMessage(changedBy, at);
  return new DomainError('CONFLICT', lead ? `${lead}. ${message}` : message, 'version');
}
