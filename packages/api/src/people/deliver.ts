import type { RequestMeta, TenantContext } from '../context.ts';
import { sendMail } from '../mail.ts';
import type { IssuedLink } from './commands.ts';

/** What the issuer is told: the link to pass on, or (mail configured) that it was emailed and nothing to copy. */
export type Delivered = { id: string; path: string; emailed: false } | { id: string; path: null; emailed: true };

/** A link's path made absolute for an email, on the origin the request came from. */
export function absoluteLink(meta: Pick<RequestMeta, 'origin' | 'host'>, path: string): string {
  return `${meta.origin ?? `https://${meta.host ?? 'localhost'}`}${path}`;
}

export const SUBJECTS = { invitation: 'Your invitation to Concord', reset: 'Reset your Concord password' } as const;

/**
 * With mail configured (CONCORD_SMTP_URL) the link is emailed to the person, inside the procedure's transaction
 * (a failed send stores no link), and the issuer never sees it; without, the issuer is shown it to pass on.
 */
export async function deliver(ctx: TenantContext, to: string, purpose: keyof typeof SUBJECTS, link: IssuedLink): Promise<Delivered> {
  const mail = ctx.config.mail;
  if (!mail) return { id: link.id, path: link.path, emailed: false };
  const url = absoluteLink(ctx.meta, link.path);
  const text =
    purpose === 'invitation'
      ? `${ctx.session.displayName} has invited you to Concord.\n\nOpen this link to choose your password (it works once, for 7 days):\n${url}\n`
      : `${ctx.session.displayName} has issued you a link to reset your Concord password.\n\nOpen it to choose a new one (it works once, for 7 days); you will be signed out everywhere:\n${url}\n`;
  await sendMail(mail, { to, subject: SUBJECTS[purpose], text });
  return { id: link.id, path: null, emailed: true };
}
