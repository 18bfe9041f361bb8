import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '@concord/domain';
import { PROVIDER_DOCUMENT_TYPES } from '@concord/domain/provider-documents';
import { inTenant } from '@concord/db';
import { sql } from 'kysely';
import { requestMeta, sessionFromCookie, type HttpContextDeps } from '../http-context.ts';
import { tenantOfSession } from '../auth/sessions.ts';
import { documentFile } from './documents-queries.ts';

/** Where a provider document is downloaded: `/files/provider-documents/<document id>`. */
export const DOCUMENT_DOWNLOAD_PATH = '/files/provider-documents/';

export const documentDownloadUrl = (documentId: string) => `${DOCUMENT_DOWNLOAD_PATH}${documentId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `Content-Disposition: attachment` naming the file as uploaded, with the extension of the type read from its
 * content (a PDF called "policy.html" downloads as "policy.pdf"): a plain ASCII name for old clients and the
 * UTF-8 name (RFC 6266 / 8187) for the rest.
 */
export function attachmentDisposition(fileName: string, contentType: string): string {
  const extension = (PROVIDER_DOCUMENT_TYPES as Record<string, { extension: string }>)[contentType]?.extension ?? 'bin';
  const stem = fileName.replace(/\.[^./\\]{1,10}$/, '').replace(/[\\/\u0000-\u001f\u007f"]/g, '').trim() || 'document';
  const name = `${stem}.${extension}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function answer(res: ServerResponse, status: number, message: string) {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * GET (or HEAD) a provider document as an attachment, for the session of the cookie, in one transaction as the
 * application role: row-level security decides (the organisation itself, an authority holding a contract with it,
 * or the lead authority of a procurement it applied to, for the documents attached to the submitted application:
 * migration 0038); anything else, and any id that is not one, is 404. The type sent is the one read from the content when it
 * was uploaded (the database takes only PDF, DOCX, XLSX, PNG and JPEG), never HTML, with `nosniff` and a sandbox.
 * An authority's download is recorded in its audit log.
 */
export function createDocumentDownloadHandler(deps: HttpContextDeps & { log?: (line: string) => void }) {
  const log = deps.log ?? ((line: string) => console.error(line));
  const identify = sessionFromCookie(deps);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('cache-control', 'private, no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return answer(res, 405, 'Documents can only be downloaded');
    }
    const id = (req.url ?? '').split('?')[0]!.slice(DOCUMENT_DOWNLOAD_PATH.length);
    const session = await identify(req);
    if (!session || session.twoStepPending) return answer(res, 401, 'Sign in to download this document');
    if (!UUID.test(id)) return answer(res, 404, 'Document not found');
    const meta = requestMeta(req, deps.proxyHops ?? 0);
    let file: Awaited<ReturnType<typeof documentFile>>;
    try {
      file = await inTenant(
        deps.db,
        tenantOfSession(session),
        async (tx) => {
          const found = await documentFile(tx, id);
          if (session.authorityId) await sql`SELECT record_audit_event('providerDocument.download', ${id}, 'success', ${meta.requestId})`.execute(tx);
          return found;
        },
      );
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'NOT_FOUND') return answer(res, 404, 'Document not found');
      log(`[${meta.requestId}] document download: ${(error as Error)?.stack ?? String(error)}`);
      return answer(res, 500, `Something went wrong on our side. Try again; if it keeps happening, quote the reference ${meta.requestId}.`);
    }
    const content = Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': content.length,
      'content-disposition': attachmentDisposition(file.fileName, file.contentType),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  };
}
