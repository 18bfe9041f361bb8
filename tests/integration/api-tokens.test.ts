import { randomUUID } from 'node:crypto';
import { hashApiToken, resolveApiToken } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, outcome } from '../support/api.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';
import { PLYMOUTH_COMMISSIONER } from '../support/procurement.ts';

/**
 * Personal API tokens for BI tools (issue 6, item 6), over a real HTTP server: made on /trpc with the session
 * cookie, used on /api/v1 as `Authorization: Bearer …` (Power BI cannot hold a cookie session). A token reads
 * as its user in its authority, exactly as the cookie does; it is refused on /trpc and can change nothing.
 */
const SOMERSET = 'E06000066';

let connection: Connection;
let app: HttpApp;
let base: string;
let peninsula: string;
let tripartite: string;
let cookies: Record<string, string>;

interface Made {
  id: string;
  token: string;
  createdAt: string;
  expiresAt: string;
}

/** A tRPC mutation over HTTP, as the web app sends it (the CSRF header), with the given credentials. */
const mutate = (procedure: string, input: unknown, headers: Record<string, string>) =>
  fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-concord-csrf': '1', ...headers }, body: JSON.stringify(input) });

async function makeToken(who: string, input: { label: string; expiresInDays?: number }): Promise<Made> {
  const response = await mutate('apiToken.create', { ...input, idempotencyKey: randomUUID() }, { cookie: cookies[who]! });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: Made } }).result.data;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const read = (path: string, headers: Record<string, string> = {}) => fetch(`${base}/api/v1${path}`, { headers });

const tokenRow = (id: string) => connection.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  app = await startHttpApp({
    plymouth: PLYMOUTH_COMMISSIONER,
    plymouthViewer: 'viewer.plymouth@concord.example',
    devon: 'commissioner.devon@concord.example',
    kent: 'commissioner.kent@concord.example',
  });
  ({ connection, base, cookies } = app);
  peninsula = await app.partnershipId('South West Peninsula');
  tripartite = await app.partnershipId('LCR Tripartite');
});
afterAll(() => app.close());

describe('a token reads the read API as its user, in its authority', () => {
  it('reads /api/v1/kpis and /returns exactly as the session cookie does', async () => {
    const { token } = await makeToken('plymouth', { label: 'Power BI – monthly KPIs' });
    expect(token).toMatch(/^concord_pat_[A-Za-z0-9_-]{43}$/);

    const kpis = await read('/kpis', bearer(token));
    expect(kpis.status).toBe(200);
    const body = (await kpis.json()) as { partnerships: { id: string; kpis: { code: string }[] }[] };
    expect(body.partnerships.map((p) => p.id)).toEqual([peninsula]);
    expect(body.partnerships[0]!.kpis.map((k) => k.code)).toContain('SL-01');
    // The same procedures run, so the same answer as the cookie gives.
    const byCookie = await read('/kpis', { cookie: cookies.plymouth! });
    expect(body).toEqual(await byCookie.json());

    // Seed 000: Plymouth's 13 long-term Shared Lives placements in August 2023.
    const returns = ((await (await read(`/returns?partnershipId=${peninsula}&kpiCode=SL-01&from=2023-01-01&to=2024-12-31`, bearer(token))).json()) as { entries: { periodStart: string; value: number | null }[] }).entries;
    expect(returns.filter((r) => r.periodStart === '2023-08-01').map((r) => r.value)).toEqual([13]);
  });

  it('keeps another authority’s data invisible: its partnership is not found, its returns absent, consent and suppression applied', async () => {
    const { token: kent } = await makeToken('kent', { label: 'Kent BI' });
    expect((await read(`/kpis?partnershipId=${peninsula}`, bearer(kent))).status).toBe(404);
    expect((await read(`/benchmark?partnershipId=${peninsula}&kpiCode=SL-01`, bearer(kent))).status).toBe(404);
    const kentReturns = ((await (await read('/returns?limit=500', bearer(kent))).json()) as { entries: { partnershipId: string }[] }).entries;
    expect(kentReturns.some((r) => r.partnershipId === peninsula)).toBe(false);

    const { token: plymouth } = await makeToken('plymouth', { label: 'Benchmark' });
    expect((await read(`/kpis?partnershipId=${tripartite}`, bearer(plymouth))).status).toBe(404);
    const benchmark = await read(`/benchmark?partnershipId=${peninsula}&kpiCode=SL-01&period=2023-08-01&periodCount=4`, bearer(plymouth));
    expect(benchmark.status).toBe(200);
    const text = await benchmark.text();
    const rows = (JSON.parse(text) as { rows: { authorityId: string | null; isMe: boolean; label: string }[] }).rows;
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.isMe)!.authorityId).toBe(GSS.plymouth);
    // Somerset has not consented to be named: anonymised, as on the site.
    expect(rows.filter((r) => r.authorityId === null).map((r) => r.label)).toEqual([expect.stringMatching(/^Authority [A-Z]$/)]);
    expect(text).not.toContain(SOMERSET);
    expect(text).not.toMatch(/Somerset/i);
  });

  it('acts with its user’s roles in that authority, and records its use at most once a minute', async () => {
    const made = await makeToken('plymouthViewer', { label: 'Viewer BI', expiresInDays: 30 });
    const me = await resolveApiToken(connection.db, made.token, new Date());
    expect(me).toMatchObject({ authorityId: GSS.plymouth, apiTokenId: made.id, email: 'viewer.plymouth@concord.example' });
    const first = (await tokenRow(made.id)).last_used_at!;
    expect(first).toBeInstanceOf(Date);
    expect((await read('/kpis', bearer(made.token))).status).toBe(200);
    expect((await tokenRow(made.id)).last_used_at).toEqual(first);
    // A minute on, the next use is recorded.
    await sql`UPDATE api_token SET last_used_at = last_used_at - interval '2 minutes' WHERE id = ${made.id}`.execute(connection.db);
    const before = (await tokenRow(made.id)).last_used_at!;
    expect((await read('/kpis', bearer(made.token))).status).toBe(200);
    expect((await tokenRow(made.id)).last_used_at!.getTime()).toBeGreaterThan(before.getTime() + 60_000);
  });

  it('lasts a year unless a shorter life is chosen, never longer (400 naming the field)', async () => {
    const year = await makeToken('plymouth', { label: 'A year' });
    expect(Date.parse(year.expiresAt) - Date.parse(year.createdAt)).toBe(365 * 86_400_000);
    const month = await makeToken('plymouth', { label: 'A month', expiresInDays: 30 });
    expect(Date.parse(month.expiresAt) - Date.parse(month.createdAt)).toBe(30 * 86_400_000);
    const tooLong = await mutate('apiToken.create', { label: 'Forever', expiresInDays: 366, idempotencyKey: randomUUID() }, { cookie: cookies.plymouth! });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } }).error.data.fieldErrors).toEqual({
      expiresInDays: ['A token lasts at most 365 days'],
    });
  });
});

describe('a token that is no longer good gets 401 with a JSON message', () => {
  const expect401 = async (headers: Record<string, string>) => {
    const response = await read('/kpis', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await response.json()) as { message: string; code: string };
    expect(body).toEqual({ message: expect.stringContaining('The API token is not valid'), code: 'UNAUTHORIZED' });
  };

  it('revoked', async () => {
    const made = await makeToken('plymouth', { label: 'To revoke' });
    expect((await read('/kpis', bearer(made.token))).status).toBe(200);
    const revoked = await mutate('apiToken.revoke', { tokenId: made.id }, { cookie: cookies.plymouth! });
    expect(revoked.status).toBe(200);
    await expect401(bearer(made.token));
    // Revoking again, or someone else's token, is "not found".
    expect((await mutate('apiToken.revoke', { tokenId: made.id }, { cookie: cookies.plymouth! })).status).toBe(404);
    const kents = await makeToken('kent', { label: 'Kent’s' });
    expect((await mutate('apiToken.revoke', { tokenId: kents.id }, { cookie: cookies.plymouth! })).status).toBe(404);
    expect((await read('/kpis', bearer(kents.token))).status).toBe(200);
  });

  it('expired', async () => {
    const made = await makeToken('plymouth', { label: 'To expire', expiresInDays: 1 });
    expect((await read('/kpis', bearer(made.token))).status).toBe(200);
    await sql`UPDATE api_token SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = ${made.id}`.execute(connection.db);
    await expect401(bearer(made.token));
  });

  it('its user is no longer a member of its authority', async () => {
    const made = await makeToken('devon', { label: 'Devon BI' });
    expect((await read('/kpis', bearer(made.token))).status).toBe(200);
    const devon = await connection.db.selectFrom('app_user').select('id').where('email', '=', 'commissioner.devon@concord.example').executeTakeFirstOrThrow();
    await connection.db.deleteFrom('membership').where('user_id', '=', devon.id).where('authority_id', '=', GSS.devon).execute();
    await expect401(bearer(made.token));
  });

  it('unknown, not ours or not a bearer token; a bad token is refused even beside a good cookie', async () => {
    await expect401(bearer('concord_pat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await expect401(bearer('someone_elses_token'));
    await expect401({ authorization: 'Basic cGx5bW91dGg6cGFzc3dvcmQ=' });
    await expect401({ ...bearer('concord_pat_unknown'), cookie: cookies.plymouth! });
  });
});

describe('a token can change nothing', () => {
  it('/trpc does not accept it: a mutation is 401 and makes nothing; a query is 401 too', async () => {
    const { token } = await makeToken('plymouth', { label: 'Not for /trpc' });
    const count = async () => (await connection.db.selectFrom('api_token').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const create = await mutate('apiToken.create', { label: 'Made by a token', idempotencyKey: randomUUID() }, bearer(token));
    expect(create.status).toBe(401);
    expect(await count()).toBe(before);
    expect((await mutate('return.submit', {}, bearer(token))).status).toBe(401);
    expect((await fetch(`${base}/trpc/apiToken.list`, { headers: bearer(token) })).status).toBe(401);
    // The read API runs no mutation either: anything but GET is 405.
    expect((await fetch(`${base}/api/v1/kpis`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
  });

  it('even if a token’s identity reached a mutation, it is refused', async () => {
    const { token } = await makeToken('plymouth', { label: 'Defence in depth' });
    const me = await resolveApiToken(connection.db, token, new Date());
    expect(await outcome(callerFor(connection, me).apiToken.create({ idempotencyKey: randomUUID(), label: 'Made by a token' }))).toBe('FORBIDDEN');
    expect(await outcome(callerFor(connection, me).apiToken.list())).toBe('ok');
  });
});

describe('the token text is shown once and never stored', () => {
  it('only its SHA-256 is kept; the list and the audit trail never hold it', async () => {
    const made = await makeToken('plymouth', { label: 'Stored how?' });
    const row = await tokenRow(made.id);
    expect(row.token_hash).toBe(hashApiToken(made.token));
    expect(row.token_hash).not.toContain(made.token.slice('concord_pat_'.length));
    expect(JSON.stringify(row)).not.toContain(made.token);

    const list = await fetch(`${base}/trpc/apiToken.list`, { headers: { cookie: cookies.plymouth! } });
    const listed = await list.text();
    expect(listed).toContain(made.id);
    expect(listed).not.toContain(made.token);
    expect(listed).not.toContain('token_hash');

    const audit = await connection.db.selectFrom('audit_event').select(['procedure', 'target', 'authority_id']).where('target', '=', made.id).execute();
    expect(audit).toEqual([{ procedure: 'apiToken.create', target: made.id, authority_id: GSS.plymouth }]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE target LIKE 'concord_pat_%' OR procedure LIKE 'concord_pat_%'`.execute(connection.db);
    expect(rows[0]!.n).toBe(0);
  });
});
