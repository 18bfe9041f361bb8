import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createConcordServer } from '@concord/api-server/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../support/api.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';

/**
 * Issue 14, item 4: answers are compressed as the client accepts (brotli or gzip), hashed assets are cached
 * for a year without revalidation, and the page itself is always revalidated so a release is picked up.
 */
let app: HttpApp;
let web: Server;
let webBase: string;
const dist = mkdtempSync(join(tmpdir(), 'concord-serving-'));
// Text that compresses well and is well over the 1 KB threshold.
const script = `console.log(${JSON.stringify('Shared Lives '.repeat(400))});\n`;
const page = `<!doctype html><html lang="en"><head><title>Concord</title></head><body>${'<p>Adult social care</p>'.repeat(100)}</body></html>`;

beforeAll(async () => {
  app = await startHttpApp({ sefton: 'commissioner.sefton@concord.example' });
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), page);
  writeFileSync(join(dist, 'assets', 'index-B1x2y3z4.js'), script);
  web = createConcordServer({ db: app.connection.db, databaseKind: app.connection.kind, api: config, webDist: dist, log: () => {} });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
afterAll(async () => {
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

/** A GET whose body is left as sent (fetch would decode it and hide what came over the wire). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('compression', () => {
  const contracts = () => `${app.base}/trpc/contract.list?input=${encodeURIComponent(JSON.stringify({}))}`;

  it('an API answer is sent with brotli to a client that accepts it, and decodes to the same JSON', async () => {
    const plain = await rawGet(contracts(), { cookie: app.cookies.sefton! });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await rawGet(contracts(), { cookie: app.cookies.sefton!, 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });

  it('gzip when that is all the client takes', async () => {
    const gz = await rawGet(contracts(), { cookie: app.cookies.sefton!, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toContain('"result"');
  });

  it('a small answer is not compressed (not worth it)', async () => {
    const small = await rawGet(`${app.base}/healthz`, { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ status: 'ok', database: app.connection.kind });
  });
});

describe('the web app', () => {
  it('a hashed asset is compressed and cached for a year without asking again', async () => {
    const asset = await rawGet(`${webBase}/assets/index-B1x2y3z4.js`, { 'accept-encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(asset.body).toString('utf8')).toBe(script);
  });

  it('the page, and any route of the app, is revalidated every time', async () => {
    for (const path of ['/', '/contracts/123']) {
      const index = await rawGet(`${webBase}${path}`, { 'accept-encoding': 'gzip' });
      expect(index.status).toBe(200);
      expect(index.headers['cache-control']).toBe('no-cache');
      expect(gunzipSync(index.body).toString('utf8')).toBe(page);
    }
  });
});
