import { inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { sendMail, type MailSettings } from '../mail.ts';

export interface OutboxRun {
  sent: number;
  failed: number;
}

/**
 * Emails the messages not yet emailed (issue 11, item 6), a batch at a time: each is claimed (marked emailed) in a short
 * transaction by concord_claim_unsent_messages (migration 0034), so two workers never send one twice, then sent; a
 * failed send releases it to be tried again (at most five attempts). `origin` makes a message's link absolute.
 */
export async function deliverOutbox(db: Kysely<Database>, mail: MailSettings, options: { now: Date; origin: string; batch?: number }): Promise<OutboxRun> {
  const claimed = await inTenant(db, {}, async (tx) => {
    const { rows } = await sql<{ message_id: string; recipients: string[]; subject: string; body: string; link: string | null }>`
      SELECT * FROM concord_claim_unsent_messages(${options.batch ?? 20}, ${options.now})`.execute(tx);
    return rows;
  });
  const run: OutboxRun = { sent: 0, failed: 0 };
  for (const message of claimed) {
    if (message.recipients.length === 0) continue;
    const link = message.link ? `\n\nOpen it in Concord: ${options.origin}${message.link}\n` : '\n';
    // One email per recipient: nobody sees who else was told.
    let delivered = 0;
    for (const to of message.recipients) {
      try {
        await sendMail(mail, { to, subject: message.subject, text: `${message.body}${link}` });
        delivered += 1;
      } catch {
        // counted below
      }
    }
    if (delivered > 0) run.sent += 1;
    else {
      run.failed += 1;
      await inTenant(db, {}, (tx) => sql`SELECT concord_release_unsent_message(${message.message_id})`.execute(tx));
    }
  }
  return run;
}
