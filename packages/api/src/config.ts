import { MAIL_FROM_PATTERN, SMTP_URL_PATTERN, type MailSettings } from './mail.ts';
import { DEFAULT_SESSION_POLICY, DEFAULT_THROTTLE_POLICY, OCID_PREFIX_PATTERN, type SessionPolicy, type ThrottlePolicy } from '@concord/domain';

export interface ApiConfig {
  session: SessionPolicy;
  throttle: ThrottlePolicy;
  /** Mark the session cookie Secure (set when served over HTTPS); also sends Strict-Transport-Security. */
  secureCookies: boolean;
  /** Outgoing mail for invitation and reset links (CONCORD_SMTP_URL); null: links are shown to whoever issues them. */
  mail: MailSettings | null;
  /** Whether this installation holds the demo data (CONCORD_DEMO_DATA): the pages say so, or say nothing of it. */
  demoData: boolean;
  /** What one provider organisation's current documents may hold together (CONCORD_PROVIDER_DOCUMENT_QUOTA_MB); 100 MB when not given. */
  providerDocumentQuotaBytes?: number;
}

/** Settings that cannot be used, each naming its variable and what it takes; the server refuses to start with them. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Concord's settings are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/**
 * Reads settings from the environment and collects every problem instead of stopping at the first, so one
 * failed start names everything to fix. Unset or blank means the default. A setting that is wrong is never
 * quietly replaced by its default: `CONCORD_SESSION_MAX_HOURS=1.1` or `CONCORD_SECURE_COOKIES=yes` is refused.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The raw value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  problem(name: string, takes: string): void {
    this.problems.push(`${name} must be ${takes}, got "${this.env[name]}"`);
  }

  /** A whole number from `min` to `max` (digits only: no fractions, units or exponents). */
  wholeNumber(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    this.problem(name, `a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}`);
    return fallback;
  }

  /** Exactly `true` or `false`. */
  flag(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problem(name, '"true" or "false"');
    return fallback;
  }

  /** Text matching `pattern` (or unset); the value itself is read where it is used. */
  matching(name: string, pattern: RegExp, takes: string): string | undefined {
    const raw = this.raw(name);
    if (raw !== undefined && !pattern.test(raw)) this.problem(name, takes);
    return raw;
  }

  /** Throws a SettingsError naming every problem found so far. */
  check(): void {
    if (this.problems.length > 0) throw new SettingsError(this.problems);
  }
}

/**
 * Session and sign-in settings, all whole numbers: minutes and hours are whole so that the session
 * cookie's Max-Age (seconds, an integer by RFC 6265) and the "wait N minutes" message are exact.
 * `CONCORD_SESSION_MAX_HOURS=1.1` is refused at start rather than failing every sign-in.
 */
export function readApiConfig(settings: SettingsReader): ApiConfig {
  // Read where OCDS releases are made (procurement/ocds.ts); checked here so a bad prefix stops the start, not an export.
  settings.matching('CONCORD_OCID_PREFIX', OCID_PREFIX_PATTERN, '"ocds-" and 6 lower-case letters or digits, as registered with the Open Contracting Partnership');
  return {
    session: {
      ...DEFAULT_SESSION_POLICY,
      idleMinutes: settings.wholeNumber('CONCORD_SESSION_IDLE_MINUTES', DEFAULT_SESSION_POLICY.idleMinutes, 1, 24 * 60),
      absoluteHours: settings.wholeNumber('CONCORD_SESSION_MAX_HOURS', DEFAULT_SESSION_POLICY.absoluteHours, 1, 30 * 24),
    },
    throttle: {
      ...DEFAULT_THROTTLE_POLICY,
      windowMinutes: settings.wholeNumber('CONCORD_SIGN_IN_WINDOW_MINUTES', DEFAULT_THROTTLE_POLICY.windowMinutes, 1, 24 * 60),
      maxFailuresPerAccount: settings.wholeNumber('CONCORD_SIGN_IN_MAX_FAILURES', DEFAULT_THROTTLE_POLICY.maxFailuresPerAccount, 1, 1000),
      maxFailuresPerAddress: settings.wholeNumber('CONCORD_SIGN_IN_MAX_FAILURES_PER_ADDRESS', DEFAULT_THROTTLE_POLICY.maxFailuresPerAddress, 1, 100_000),
    },
    secureCookies: settings.flag('CONCORD_SECURE_COOKIES', false),
    mail: readMail(settings),
    demoData: settings.flag('CONCORD_DEMO_DATA', true),
    providerDocumentQuotaBytes: settings.wholeNumber('CONCORD_PROVIDER_DOCUMENT_QUOTA_MB', 100, 10, 100_000) * 1024 * 1024,
  };
}

/** CONCORD_SMTP_URL (smtp:// or smtps://, user and password in the URL if needed) and CONCORD_MAIL_FROM. */
function readMail(settings: SettingsReader): MailSettings | null {
  const url = settings.matching('CONCORD_SMTP_URL', SMTP_URL_PATTERN, 'an smtp:// or smtps:// URL, like smtps://user:password@mail.example.org:465');
  const from = settings.matching('CONCORD_MAIL_FROM', MAIL_FROM_PATTERN, 'an email address, like concord@council.example') ?? 'concord@localhost';
  return url && SMTP_URL_PATTERN.test(url) ? { transport: url, from } : null;
}

/** The API's settings from the environment; throws a SettingsError naming every variable that is wrong. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const settings = new SettingsReader(env);
  const config = readApiConfig(settings);
  settings.check();
  return config;
}
