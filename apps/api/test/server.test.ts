import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { demoSeedCommands, hashPasswordWithCost, loadApiConfig } from '@concord/api';
import type { Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcordServer } from '../src/server.ts';

let connection: Connection;
let server: Server;
let base: string;

beforeAll(async () => {
  // The demo seed as the tests package makes it (tests/support/api.ts): real scrypt at a low cost factor, which sign-in
  // verifies through the production path, and the same template, so no other is built for this file (issue 14, item 8).
  connection = await openTestDatabase({ seed: (password: string) => hashPasswordWithCost(password, 1024), commands: demoSeedCommands });
  server = createConcordServer({ db: connection.db, databaseKind: connection.kind, api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await connection.close();
});

const signIn = (body: unknown, headers: Record<string, string> = { 'x-concord-csrf': '1' }) =>
  fetch(`${base}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP server', () => {
  it('answers /healthz with the database kind', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: connection.kind });
  });

  it('sets an HttpOnly, SameSite=Strict session cookie on sign-in and knows me with it', async () => {
    const response = await signIn({ email: 'commissioner.sefton@concord.example', password: 'concord-demo' });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^concord_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { result: { data: { email: string } } }).result.data.email).toBe('commissioner.sefton@concord.example');
  });

  it('refuses a cross-site sign-in with 403 and no cookie', async () => {
    const response = await signIn({ email: 'commissioner.sefton@concord.example', password: 'concord-demo' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers bad input with 400 naming each field, and no stack or SQL', async () => {
    const response = await signIn({ email: 'nope', password: '' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { fieldErrors: unknown } } };
    expect(body.error.data.fieldErrors).toEqual({
      email: ['Enter an email address in the correct format, like name@example.com'],
      password: ['Enter your password'],
    });
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts|select |insert /i);
  });

  it('answers 401 for a signed-out read of private data', async () => {
    const response = await fetch(`${base}/trpc/authority.mine`);
    expect(response.status).toBe(401);
  });

  it('sends security headers and says plainly when the web app is not built', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
