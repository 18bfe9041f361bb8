import type { Tx } from '@concord/db';

export interface Notice {
  /** Whose inbox: an authority's or a provider organisation's. */
  to: { authorityId: string } | { providerId: string };
  /** Who sends it: the authority or organisation the transaction acts for; null for the platform itself. */
  from: { authorityId: string } | { providerId: string } | null;
  /** What it is about, as a short code the inbox turns into words (e.g. 'call_off_invitation'). */
  kind: string;
  subject: string;
  body: string;
  /** A path inside the service, e.g. "/organisation/applications/…". */
  link?: string | null;
}

/**
 * Leaves a message in an inbox (issue 11, item 6), in the caller's transaction: it is sent only if what it tells of
 * is committed. Row-level security (migration 0026) lets a transaction write only as the tenant it acts for. Mail
 * goes out afterwards when CONCORD_SMTP_URL is set (message.emailed_at).
 */
export async function notify(tx: Tx, notice: Notice): Promise<void> {
  await tx
    .insertInto('message')
    .values({
      authority_id: 'authorityId' in notice.to ? notice.to.authorityId : null,
      provider_id: 'providerId' in notice.to ? notice.to.providerId : null,
      from_authority_id: notice.from && 'authorityId' in notice.from ? notice.from.authorityId : null,
      from_provider_id: notice.from && 'providerId' in notice.from ? notice.from.providerId : null,
      kind: notice.kind,
      subject: notice.subject.slice(0, 300),
      body: notice.body.slice(0, 5000),
      link: notice.link ?? null,
    })
    .execute();
}
