import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { countsOf } from '../background-counts.ts';

/** What each run sent, by kind (migration 0037). */
export interface ReminderRun {
  /** To invited providers that have not responded, 7 days and 1 day before a call-off's response deadline. */
  callOffResponseDue: number;
  /** To providers with a draft application, 7 days and 1 day before a framework's reopening closes. */
  applicationWindowClosing: number;
  /** To a provider, 30 days and 7 days before a current document of its profile expires. */
  documentExpiring: number;
}

const KEYS: Record<string, keyof ReminderRun> = {
  call_off_response_due: 'callOffResponseDue',
  application_window_closing: 'applicationWindowClosing',
  document_expiring: 'documentExpiring',
};

/** How often the server sends the reminders due (apps/api/src/main.ts). */
export const REMINDERS_EVERY_MS = 15 * 60_000;

/**
 * Leaves the deadline reminders now due in their recipients' inboxes (issue 11, item 6), each once: the outbox worker
 * emails them too when CONCORD_SMTP_URL is set. Due by the database's clock, or at `options.at` when given (tests, and
 * a late run that should count as of a moment). One transaction as the application role acting for nobody: what is due,
 * and the messages, are decided and written by concord_send_due_reminders (migration 0037) in that transaction.
 */
export function sendDueReminders(db: Kysely<Database>, options: { at?: Date } = {}): Promise<ReminderRun> {
  return countsOf(db, sql<{ name: string; n: number }>`SELECT reminder AS name, sent AS n FROM concord_send_due_reminders(${options.at ?? null}::timestamptz)`, KEYS);
}

/** A run in words, for the CLI and the server's log: "3 reminders sent (2 call-off responses due, 1 document expiring)". */
export function reminderRunText(run: ReminderRun): string {
  const parts = [
    [run.callOffResponseDue, 'call-off response due', 'call-off responses due'],
    [run.applicationWindowClosing, 'application window closing', 'application windows closing'],
    [run.documentExpiring, 'document expiring', 'documents expiring'],
  ] as const;
  const total = parts.reduce((n, [count]) => n + count, 0);
  const said = parts.filter(([count]) => count > 0).map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return `${total === 0 ? 'No' : total} reminder${total === 1 ? '' : 's'} sent${said.length ? ` (${said.join(', ')})` : ''}`;
}
