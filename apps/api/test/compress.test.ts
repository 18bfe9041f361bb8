import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding, compressWholeAnswers } from '../src/compress.ts';

describe('acceptedEncoding', () => {
  it('brotli first, then gzip, as the client takes them', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('*, br;q=0')).toBe('gzip');
  });
  it('none for identity only, q=0, or no header', () => {
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding('gzip;q=0')).toBeNull();
    expect(acceptedEncoding('*;q=0')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });
});

/** An answer written as tRPC writes one (headers, one write, end), through the compressor. */
const big = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `row ${i}` })) });
let server: Server;
let port = 0;
beforeAll(async () => {
  const compress = compressWholeAnswers(1024);
  server = createServer((req, res) =>
    compress(req, res, () => {
      res.setHeader('content-type', req.url === '/text' ? 'text/plain' : 'application/json');
      res.setHeader('vary', 'trpc-accept');
      res.write(req.url === '/small' ? '{"ok":true}' : big);
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function get(path: string, encoding: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ port, path, headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('compressWholeAnswers', () => {
  it('compresses a JSON answer whole, with its length and Vary kept', async () => {
    const { headers, body } = await get('/', 'gzip');
    expect(headers['content-encoding']).toBe('gzip');
    expect(Number(headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(big.length / 3);
    expect(gunzipSync(body).toString()).toBe(big);
    expect(headers.vary).toBe('trpc-accept, Accept-Encoding');
  });
  it('leaves a small answer, another type, or a client that takes none as it is', async () => {
    for (const [path, encoding] of [['/small', 'gzip'], ['/text', 'gzip'], ['/', 'identity']] as const) {
      const { headers, body } = await get(path, encoding);
      expect(headers['content-encoding']).toBeUndefined();
      expect(body.toString()).toBe(path === '/small' ? '{"ok":true}' : big);
    }
  });
});
