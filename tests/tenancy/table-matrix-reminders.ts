import type { Database } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for deadline reminders (issue 11, item 6; migration 0037):
 *   reminder_sent   a reminder sent to the matrix provider (with its message): the provider reads it; nobody writes,
 *                   changes or removes one but concord_send_due_reminders (integration/reminders.test.ts)
 */
interface Refs {
  db: Kysely<Database>;
  provider: string;
}

const made = { subject: randomUUID() };
const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

const reminderRow = (provider: string, messageId: string) => ({
  kind: 'document_expiring' as const,
  subject_id: made.subject,
  provider_id: provider,
  due_at: '2030-09-15T23:00:00Z',
  days_before: 30 as const,
  message_id: messageId,
  sent_at: '2030-08-16T00:00:00Z',
});

const messageRow = (provider: string) => ({ provider_id: provider, kind: 'document_expiring', subject: 'Matrix reminder', body: 'A document expires', link: '/organisation/documents' });

export async function makeReminderFixtures(refs: Refs): Promise<void> {
  const message = await refs.db.insertInto('message').values(messageRow(refs.provider)).returning('id').executeTakeFirstOrThrow();
  await refs.db.insertInto('reminder_sent').values(reminderRow(refs.provider, message.id)).execute();
}

export function reminderTargets(refs: () => Refs) {
  return {
    reminder_sent: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('reminder_sent').select(count).where('subject_id', '=', made.subject).executeTakeFirstOrThrow()).n,
      // A second stage of the same reminder, with a message of its own (as only the function writes them: the application
      // role's insert is refused, at the message when it may not leave one in the provider's inbox, else at the reminder).
      insert: async (t: Kysely<Database>) => {
        const message = await t.insertInto('message').values(messageRow(refs().provider)).returning('id').executeTakeFirstOrThrow();
        return t.insertInto('reminder_sent').values({ ...reminderRow(refs().provider, message.id), days_before: 7 }).execute();
      },
      update: async (t: Kysely<Database>) => changed(await t.updateTable('reminder_sent').set({ days_before: 7 }).where('subject_id', '=', made.subject).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('reminder_sent').where('subject_id', '=', made.subject).execute()),
    },
  };
}
