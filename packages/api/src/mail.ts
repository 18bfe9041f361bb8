import type { createTransport, Transporter } from 'nodemailer';
import { loadNodemailer } from './heavy.ts';

/**
 * Outgoing mail (issue 10, item 3): with CONCORD_SMTP_URL set, invitation and password reset links are emailed
 * through nodemailer instead of being shown to the person who issued them. Tests give a nodemailer
 * jsonTransport (no network) and read what it "sent".
 */
export interface MailSettings {
  /** An smtp:// or smtps:// URL (nodemailer's form), or a nodemailer transport's options (tests: { jsonTransport: true }). */
  transport: string | Record<string, unknown>;
  /** The From address. */
  from: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const transports = new WeakMap<MailSettings, Transporter>();

/** Sends one message; the transport is made once per settings object. */
export async function sendMail(settings: MailSettings, message: MailMessage): Promise<unknown> {
  let transport = transports.get(settings);
  if (!transport) {
    transport = (await loadNodemailer()).createTransport(settings.transport as Parameters<typeof createTransport>[0]);
    transports.set(settings, transport);
  }
  return transport.sendMail({ from: settings.from, ...message });
}

export const SMTP_URL_PATTERN = /^smtps?:\/\/[^\s]+$/;
export const MAIL_FROM_PATTERN = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
