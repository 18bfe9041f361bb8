import { createCaller, demoSeedCommands, hashPasswordWithCost, loadApiConfig, resolveSession, type Context, type RequestMeta, type SessionIdentity } from '@concord/api';
import { seed, type Connection, type StatementObserver } from '@concord/db';
import { totpCode } from '@concord/domain/two-step';
import { sql } from 'kysely';
import { openTestDatabase } from '@concord/db/testing';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

export const GSS = {
  plymouth: 'E06000026',
  devon: 'E10000008',
  sefton: 'E08000014',
  knowsley: 'E08000011',
  liverpool: 'E08000012',
  kent: 'E10000016',
} as const;

export const DEMO_PASSWORD = 'concord-demo';
export const config = loadApiConfig({});

/**
 * Real scrypt at a low cost factor: hundreds of sign-ins per run take seconds, not minutes. The literal stays in the
 * function: its text is part of the seeded template's key (@concord/db/testing), shared with apps/api's tests.
 */
export const testPasswordHash = (password: string) => hashPasswordWithCost(password, 1024);
/** The same cost for passwords set in a test and the unknown-email check (cheap-passwords.ts). */
export const TEST_PASSWORD_COST = 1024;

/** A migrated database with the demo partnerships, for one test file, seeded through the registry's and people's commands. */
export function openSeededDatabase(observe?: StatementObserver): Promise<Connection> {
  return openTestDatabase({ seed: testPasswordHash, commands: demoSeedCommands, ...(observe ? { observe } : {}) });
}

export function requestMeta(overrides: Partial<RequestMeta> = {}): RequestMeta {
  return {
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    ip: '192.0.2.10',
    userAgent: 'vitest',
    origin: 'http://concord.test',
    host: 'concord.test',
    fetchSite: 'same-origin',
    hasCsrfHeader: true,
    ...overrides,
  };
}

export interface TestContext extends Context {
  jar: { token: string | null; cleared: boolean };
}

/**
 * A test's caller lives across many calls, and a partnership's lead or an organisation's verification may change
 * between them: the led partnerships and the verification a resolved session carried (migration 0052) are left to be
 * read in each call's transaction, as a request would read them when it arrives.
 */
function withoutLaterFacts(session: SessionIdentity): SessionIdentity {
  const { ledPartnershipIds: _led, providerVerified: _verified, ...rest } = session;
  return rest;
}

export function contextFor(
  connection: Connection,
  session: SessionIdentity | null,
  options: { now?: () => Date; meta?: Partial<RequestMeta> } = {},
): TestContext {
  const jar = { token: null as string | null, cleared: false };
  return {
    db: connection.db,
    databaseKind: connection.kind,
    config,
    meta: requestMeta(options.meta),
    session: session && withoutLaterFacts(session),
    now: options.now ?? (() => new Date()),
    cookies: {
      setSession: (token) => void (jar.token = token),
      clearSession: () => void (jar.cleared = true),
    },
    jar,
  };
}

export function callerFor(connection: Connection, session: SessionIdentity | null, options?: Parameters<typeof contextFor>[2]) {
  return createCaller(contextFor(connection, session, options));
}

/** Signs in through the real procedure and returns the token and the session it resolves to. */
export async function signIn(
  connection: Connection,
  email: string,
  options: { now?: () => Date; meta?: Partial<RequestMeta> } = {},
): Promise<{ token: string; session: SessionIdentity }> {
  const ctx = contextFor(connection, null, options);
  const caller = createCaller(ctx);
  const first = await caller.auth.signIn({ email, password: DEMO_PASSWORD });
  if ('twoStepRequired' in first) {
    await caller.auth.verifyTwoStep({ challenge: first.challenge, code: await demoTwoStepCode(connection, email, (options.now ?? (() => new Date()))()) });
  }
  const token = ctx.jar.token!;
  const resolved = await resolveSession(connection.db, token, config.session, (options.now ?? (() => new Date()))());
  if (!resolved) throw new Error(`no session for ${email}`);
  // The roles and partnerships a request resolves hold for that request only; a test's caller lives across many
  // calls (and changes of membership), so it leaves them to be read in each call's transaction.
  const session: SessionIdentity = { ...resolved };
  delete session.roles;
  delete session.partnershipIds;
  return { token, session };
}

/**
 * The demo platform administrator's current code (two-step verification is required of them; the seed enrols them
 * with the published demo key). Tests sign them in many times within one 30-second step, so the replay guard's last
 * used step is cleared first, as the database's owner: the guard itself is tested in integration/two-step.test.ts.
 */
export async function demoTwoStepCode(connection: Connection, email: string, now: Date): Promise<string> {
  await sql`UPDATE two_step SET last_used_step = NULL WHERE user_id = (SELECT id FROM app_user WHERE email = ${email})`.execute(connection.db);
  return totpCode(seed.DEMO_TWO_STEP_SECRET, now);
}

export type Caller = ReturnType<typeof callerFor>;

/** Signs a demo user in, and returns their caller, with the clock stopped at `now` for both. */
export async function callerAt(connection: Connection, email: string, now: Date): Promise<Caller> {
  const clock = () => now;
  return callerFor(connection, (await signIn(connection, email, { now: clock })).session, { now: clock });
}

/** Signs each demo user in and returns a caller for each, by the name the test gives it. */
export async function callersFor<K extends string>(connection: Connection, emails: Record<K, string>): Promise<Record<K, Caller>> {
  const callers = {} as Record<K, Caller>;
  for (const [who, email] of Object.entries(emails) as [K, string][]) callers[who] = callerFor(connection, (await signIn(connection, email)).session);
  return callers;
}

/** The usual start of a test file: a seeded database and one demo user's caller. */
export async function openSeededAs(email: string): Promise<{ connection: Connection; caller: Caller }> {
  const connection = await openSeededDatabase();
  return { connection, caller: callerFor(connection, (await signIn(connection, email)).session) };
}

/** 'ok', or the tRPC error code a call failed with. */
/** 'ok', or the error code and the field it names (from the input's rules or the procedure's own), e.g. 'BAD_REQUEST password'. */
export async function outcomeWithField(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { field?: string } | undefined;
    const field = error.cause instanceof ZodError ? error.cause.issues[0]?.path.join('.') : cause?.field;
    return field ? `${error.code} ${field}` : error.code;
  }
}

export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** A message the recording mail transport "sent". */
export interface SentMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Mail settings with a nodemailer transport of our own (its documented transport API) that records each message
 * and sends nothing: as CONCORD_SMTP_URL would configure, without a network.
 */
export function recordingMail(): { mail: { transport: Record<string, unknown>; from: string }; sent: SentMail[] } {
  const sent: SentMail[] = [];
  const transport = { name: 'record', version: '1', send: (mail: { data: SentMail }, done: (error: Error | null, info: unknown) => void) => (sent.push(mail.data), done(null, { messageId: 'test' })) };
  return { mail: { transport, from: 'concord@council.example' }, sent };
}
