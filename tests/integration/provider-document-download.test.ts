import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS } from '../support/api.ts';
import { fixtureContract } from '../support/contracts.ts';
import { pdfFile } from '../support/documents.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';
import { registration } from '../support/providers.ts';

/**
 * Issue 11, item 2: a provider document over HTTP. Uploaded through tRPC in base64 (a file near 10 MB fits the upload
 * limit), downloaded from /files/provider-documents/<id> as an attachment of the type read from its content, with
 * nosniff, only by the organisation and an authority holding a contract with it (recorded in that authority's log).
 */
let app: HttpApp;
let providerCookie: string;
let providerId: string;

/**
 * A tRPC call over HTTP. The body is made first; if fetch then reuses a kept-alive connection the server has just closed
 * for idling (making a 12 MB body can take longer than its keep-alive timeout on a loaded machine), the request never
 * reached the server and is sent once more on a new connection.
 */
async function trpc(procedure: string, cookie: string, body: unknown): Promise<Response> {
  const json = JSON.stringify(body);
  const send = () => fetch(`${app.base}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-concord-csrf': '1', cookie }, body: json });
  try {
    return await send();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return send();
  }
}
const download = (id: string, cookie?: string, method = 'GET') => fetch(`${app.base}/files/provider-documents/${id}`, { method, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  app = await startHttpApp({ sefton: 'commissioner.sefton@concord.example', kent: 'commissioner.kent@concord.example' });
  const registered = await fetch(`${app.base}/trpc/organisation.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' },
    body: JSON.stringify(registration(152)),
  });
  expect(registered.status).toBe(200);
  providerCookie = registered.headers.get('set-cookie')!.split(';')[0]!;
  providerId = ((await registered.json()) as { result: { data: { providerId: string } } }).result.data.providerId;
});
afterAll(() => app?.close());

describe('downloading a provider document', () => {
  const insurance = Buffer.concat([pdfFile('Insurance certificate'), Buffer.alloc(9 * 1024 * 1024, 0x20)]);
  let documentId: string;

  it('uploads a 9 MB PDF named .html through tRPC: the upload limit lets it through, its type is read from the content', async () => {
    const response = await trpc('providerDocument.upload', providerCookie, {
      idempotencyKey: randomUUID(),
      kind: 'insurance_certificate', title: 'Insurance', fileName: 'Certificate ünïcode.html', contentBase64: insurance.toString('base64'), expiresOn: '2027-03-31',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { documentId: string; contentType: string } } };
    expect(body.result.data.contentType).toBe('application/pdf');
    documentId = body.result.data.documentId;
  });

  it('sends it to the organisation as an attachment of its real type, named with the right extension, with nosniff', async () => {
    const response = await download(documentId, providerCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Certificate _n_code.pdf"; filename*=UTF-8''Certificate%20%C3%BCn%C3%AFcode.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await response.arrayBuffer()).equals(insurance)).toBe(true);
    const head = await download(documentId, providerCookie, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(insurance.length);
  });

  it('is 401 signed out, 404 to authorities without a contract with the provider and for ids that are not documents, 405 to anything but GET', async () => {
    expect((await download(documentId)).status).toBe(401);
    expect((await download(documentId, app.cookies.sefton)).status).toBe(404);
    expect((await download(documentId, app.cookies.kent)).status).toBe(404);
    expect((await download('00000000-0000-4000-8000-000000000000', providerCookie)).status).toBe(404);
    expect((await download('not-a-document', providerCookie)).status).toBe(404);
    expect((await download(documentId, providerCookie, 'DELETE')).status).toBe(405);
  });

  it('sends it to an authority once it holds a contract with the provider, and records the download in its audit log', async () => {
    await fixtureContract(app.connection.db, GSS.sefton, { providerId });
    const response = await download(documentId, app.cookies.sefton);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).length).toBe(insurance.length);
    expect((await download(documentId, app.cookies.kent)).status).toBe(404);
    const logged = await app.connection.db
      .selectFrom('audit_event')
      .select(['authority_id', 'procedure', 'outcome'])
      .where('target', '=', documentId)
      .execute();
    expect(logged).toEqual([{ authority_id: GSS.sefton, procedure: 'providerDocument.download', outcome: 'success' }]);
  });
});
