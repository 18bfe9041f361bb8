import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { forwardedHttps, loadApiConfig, requestMeta, SettingsError } from '@concord/api';
import { defaultWorkers, loadServerConfig, loadSettings } from '@concord/api-server/config';
import { createConcordServer } from '@concord/api-server/server';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, openSeededDatabase } from '../support/api.ts';

/** The message a SettingsError carries, or fails the test when the settings were accepted. */
function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('The settings were accepted');
}

describe('every setting is checked at start', () => {
  it('CONCORD_SESSION_MAX_HOURS=1.1 is refused, naming the variable and what it takes (it made every sign-in fail after writing the session)', () => {
    expect(refusal(() => loadApiConfig({ CONCORD_SESSION_MAX_HOURS: '1.1' }))).toContain(
      'CONCORD_SESSION_MAX_HOURS must be a whole number from 1 to 720, got "1.1"',
    );
  });

  it('whole numbers only, in range, for every number of minutes, hours and failures', () => {
    for (const [name, value] of [
      ['CONCORD_SESSION_IDLE_MINUTES', '0'],
      ['CONCORD_SESSION_IDLE_MINUTES', '30.5'],
      ['CONCORD_SESSION_MAX_HOURS', '1e3'],
      ['CONCORD_SESSION_MAX_HOURS', '721'],
      ['CONCORD_SIGN_IN_MAX_FAILURES', '-1'],
      ['CONCORD_SIGN_IN_MAX_FAILURES_PER_ADDRESS', 'twenty'],
      ['CONCORD_SIGN_IN_WINDOW_MINUTES', '0x10'],
    ]) {
      expect(refusal(() => loadApiConfig({ [name!]: value })), `${name}=${value}`).toContain(`${name} must be a whole number from`);
    }
  });

  it('booleans are exactly true or false: "yes" is not quietly read as false', () => {
    expect(refusal(() => loadApiConfig({ CONCORD_SECURE_COOKIES: 'yes' }))).toContain('CONCORD_SECURE_COOKIES must be "true" or "false", got "yes"');
    expect(refusal(() => loadServerConfig({ CONCORD_DEMO_DATA: '0' }))).toContain('CONCORD_DEMO_DATA must be "true" or "false", got "0"');
    expect(loadApiConfig({ CONCORD_SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
    expect(loadServerConfig({ CONCORD_DEMO_DATA: 'false' }).demoData).toBe(false);
  });

  it('every problem is named at once, one line each', () => {
    const message = refusal(() =>
      loadSettings({
        PORT: '70000',
        HOST: 'not a host',
        DATABASE_URL: 'mysql://root:secret@db/concord',
        CONCORD_SESSION_MAX_HOURS: '1.1',
        CONCORD_TRUST_PROXY: 'yes',
        CONCORD_MAX_BODY_BYTES: '1MB',
        CONCORD_HEADERS_TIMEOUT_SECONDS: '0',
        CONCORD_OCID_PREFIX: 'ocds-XYZ',
        CONCORD_APP_ROLE: 'app; drop table',
      }),
    );
    for (const name of [
      'PORT',
      'HOST',
      'DATABASE_URL',
      'CONCORD_SESSION_MAX_HOURS',
      'CONCORD_TRUST_PROXY',
      'CONCORD_MAX_BODY_BYTES',
      'CONCORD_HEADERS_TIMEOUT_SECONDS',
      'CONCORD_OCID_PREFIX',
      'CONCORD_APP_ROLE',
    ]) {
      expect(message).toMatch(new RegExp(`^  - ${name} must be`, 'm'));
    }
    // A database URL may hold a password: it is never repeated.
    expect(message).not.toContain('secret');
  });

  it('limits that contradict each other are refused', () => {
    expect(refusal(() => loadServerConfig({ CONCORD_MAX_BODY_BYTES: '2000000', CONCORD_MAX_UPLOAD_BYTES: '1000000' }))).toContain(
      'CONCORD_MAX_UPLOAD_BYTES (1000000) must not be less than CONCORD_MAX_BODY_BYTES (2000000)',
    );
    expect(refusal(() => loadServerConfig({ CONCORD_HEADERS_TIMEOUT_SECONDS: '60', CONCORD_REQUEST_TIMEOUT_SECONDS: '30' }))).toContain(
      'CONCORD_REQUEST_TIMEOUT_SECONDS must not be less than CONCORD_HEADERS_TIMEOUT_SECONDS',
    );
  });

  it('unset or blank takes the default; good values are read as given', () => {
    const defaults = loadSettings({ PORT: '' });
    expect(defaults.server).toMatchObject({ port: 3000, host: '127.0.0.1', demoData: true, proxyHops: 0, databaseUrl: null });
    expect(defaults.server.limits).toMatchObject({ maxBodyBytes: 1_048_576, maxUploadBytes: 20_971_520, maxBatchCalls: 50, headersTimeoutMs: 20_000, requestTimeoutMs: 300_000 });
    expect(defaults.api.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    const set = loadSettings({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://concord_web:pw@db:5432/concord',
      CONCORD_SESSION_MAX_HOURS: '8',
      CONCORD_MAX_BODY_BYTES: '2097152',
      CONCORD_REQUEST_TIMEOUT_SECONDS: '120',
    });
    expect(set.server).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://concord_web:pw@db:5432/concord' });
    expect(set.server.limits).toMatchObject({ maxBodyBytes: 2_097_152, requestTimeoutMs: 120_000 });
    expect(set.api.session.absoluteHours).toBe(8);
  });

  it('CONCORD_TRUST_PROXY is a number of proxy hops: true is 1, false or unset 0', () => {
    expect(loadServerConfig({}).proxyHops).toBe(0);
    expect(loadServerConfig({ CONCORD_TRUST_PROXY: 'false' }).proxyHops).toBe(0);
    expect(loadServerConfig({ CONCORD_TRUST_PROXY: 'true' }).proxyHops).toBe(1);
    expect(loadServerConfig({ CONCORD_TRUST_PROXY: '2' }).proxyHops).toBe(2);
    expect(refusal(() => loadServerConfig({ CONCORD_TRUST_PROXY: '11' }))).toContain('CONCORD_TRUST_PROXY must be a whole number from 0 to 10, got "11"');
  });

  it('CONCORD_WORKERS: on PostgreSQL one server process per core but one by default, only 1 on the embedded database', () => {
    const pg = 'postgres://concord_web:pw@db:5432/concord';
    expect([1, 2, 3, 8, 100].map((cores) => defaultWorkers(cores))).toEqual([1, 1, 2, 7, 64]);
    expect(loadServerConfig({}).workers).toBe(1);
    expect(loadServerConfig({ DATABASE_URL: pg }).workers).toBe(defaultWorkers(availableParallelism()));
    expect(loadServerConfig({ DATABASE_URL: pg, CONCORD_WORKERS: '3' }).workers).toBe(3);
    expect(refusal(() => loadServerConfig({ CONCORD_WORKERS: '2' }))).toContain('CONCORD_WORKERS must be 1 with the embedded database');
    expect(refusal(() => loadServerConfig({ DATABASE_URL: pg, CONCORD_WORKERS: '0' }))).toContain('CONCORD_WORKERS must be a whole number from 1 to 64, got "0"');
  });

  it('the server refuses to start with bad settings: exits 1 before opening the database, naming each variable', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'concord-settings-')), 'data');
    const apiDir = fileURLToPath(new URL('../../apps/api/', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: apiDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CONCORD_DATA_DIR: dataDir, CONCORD_SESSION_MAX_HOURS: '1.1', CONCORD_SECURE_COOKIES: 'yes', PORT: '70000' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Concord did not start: Concord's settings are not valid:");
    expect(result.stderr).toContain('CONCORD_SESSION_MAX_HOURS must be a whole number from 1 to 720, got "1.1"');
    expect(result.stderr).toContain('CONCORD_SECURE_COOKIES must be "true" or "false", got "yes"');
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65,535, got "70000"');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('a whole number of session hours reaches the cookie exactly', () => {
  it('CONCORD_SESSION_MAX_HOURS=2: signing in over HTTP succeeds and the cookie lasts 7200 seconds', async () => {
    const connection = await openSeededDatabase();
    const server = createConcordServer({ db: connection.db, databaseKind: connection.kind, api: loadApiConfig({ CONCORD_SESSION_MAX_HOURS: '2' }), webDist: '/nonexistent', log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' },
        body: JSON.stringify({ email: 'commissioner.sefton@concord.example', password: DEMO_PASSWORD }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/Max-Age=7200;/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
    }
  });
});

describe('the client address behind proxies (CONCORD_TRUST_PROXY hops)', () => {
  const request = (headers: Record<string, string>, remoteAddress = '10.0.0.2') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
  // The client wrote "6.6.6.6, 7.7.7.7" itself; our proxy appended the address it saw (203.0.113.9).
  const forged = { 'x-forwarded-for': '6.6.6.6, 7.7.7.7, 203.0.113.9', 'x-forwarded-proto': 'https, http' };

  it('with no proxy trusted, X-Forwarded-For is ignored: the socket peer is the client', () => {
    expect(requestMeta(request(forged), 0).ip).toBe('10.0.0.2');
    expect(forwardedHttps(request({ 'x-forwarded-proto': 'https' }), 0)).toBe(false);
  });

  it('with one proxy, the rightmost entry (what our proxy saw), never the leftmost the client wrote', () => {
    expect(requestMeta(request(forged), 1).ip).toBe('203.0.113.9');
    expect(requestMeta(request({ 'x-forwarded-for': '203.0.113.9' }), 1).ip).toBe('203.0.113.9');
    // The scheme our proxy was reached by is its own (rightmost) entry: here http, whatever the client claimed.
    expect(forwardedHttps(request(forged), 1)).toBe(false);
    expect(forwardedHttps(request({ 'x-forwarded-proto': 'https' }), 1)).toBe(true);
  });

  it('with two proxies, the second entry from the right', () => {
    expect(requestMeta(request({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.1' }), 2).ip).toBe('198.51.100.7');
  });

  it('no header at all behind a proxy: the socket peer', () => {
    expect(requestMeta(request({}), 1).ip).toBe('10.0.0.2');
  });
});
