import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { appRouter } from '@concord/api';
import { getTRPCErrorShape, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** What one request may cost the server: bytes of body, calls in a batch, and how long it may take to arrive. */
export interface HttpLimits {
  /** Largest request body for an ordinary call. */
  maxBodyBytes: number;
  /** Largest request body for a call to an upload procedure (UPLOAD_PROCEDURES). */
  maxUploadBytes: number;
  /** Most calls in one tRPC batch (the web client batches at most this many). */
  maxBatchCalls: number;
  /** The request line and headers must have arrived within this long. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this long. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 1 * MB,
  maxUploadBytes: 20 * MB,
  maxBatchCalls: 50,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * The procedures that take a whole file in their input, and so may have a body up to maxUploadBytes:
 * a placements CSV (5 million characters), ONS population estimates (5 million characters), a KPI return
 * or a provider's monitoring returns as CSV or XLSX in base64 (14 million characters), a provider's document in base64 (10 MB: 14 million characters). Everything else takes form fields and fits in maxBodyBytes.
 */
export const UPLOAD_PROCEDURES: ReadonlySet<string> = new Set(['placement.importCsv', 'population.import', 'registry.previewImport', 'registry.confirmImport', 'return.upload', 'providerReturn.upload', 'providerDocument.upload', 'providerDocument.replace']);

/** The procedure paths a /trpc URL calls (one, or a comma-separated batch). */
export function trpcPaths(url: string): string[] {
  const path = url.split('?')[0]!.replace(/^\/trpc\/?/, '');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // An undecodable path names no procedure; tRPC answers it.
  }
  return decoded.split(',');
}

/** The body a call to these procedures may send. */
export function bodyLimitFor(paths: string[], limits: HttpLimits): number {
  return paths.some((p) => UPLOAD_PROCEDURES.has(p)) ? limits.maxUploadBytes : limits.maxBodyBytes;
}

/** The declared Content-Length, or null when the body is sent in chunks (or absent). */
function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  return raw === undefined ? null : Number(raw);
}

const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/**
 * A tRPC error in the shape the client reads (one per call in a batch), made by the router's own error
 * formatter, so the web shows its message like any other refusal.
 */
export function trpcErrorBody(paths: string[], batch: boolean, code: TRPC_ERROR_CODE_KEY, message: string): unknown {
  const error = new TRPCError({ code, message });
  const shapes = paths.map((path) => ({
    error: getTRPCErrorShape({ config: appRouter._def._config, error, type: 'unknown', path, input: undefined, ctx: undefined }),
  }));
  return batch ? shapes : shapes[0];
}

/** How long a refused connection stays open, reading nothing, so the client can read the answer before it closes. */
const LINGER_MS = 1000;

/**
 * Answers a request whose body will not be read, then closes the connection. Nothing more is read from
 * the request. The answer goes out whole at once (with its length, and `Connection: close`) but the socket
 * is closed only a moment later: closing a socket with unread upload in it resets the connection, and a
 * reset can destroy the answer on its way, leaving the client with "connection reset" instead of the reason.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  req.pause();
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length, connection: 'close' });
  res.write(payload);
  const timer = setTimeout(() => res.end(), LINGER_MS).unref();
  res.once('close', () => clearTimeout(timer));
}

/** What to answer a body over the limit with, given the message. */
export type TooLarge = (message: string) => unknown;

function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, tooLarge: TooLarge) {
  refuseAndClose(req, res, 413, tooLarge(`The request is too large: at most ${megabytes(limit)} can be sent here.`));
}

/**
 * Refuses with 413 a request that says it is bigger than `limit`, before reading any of it. Returns true
 * when refused.
 */
export function refuseDeclaredTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, tooLarge: TooLarge): boolean {
  const length = declaredLength(req);
  if (length === null || !(length > limit)) return false;
  refuseTooLarge(req, res, limit, tooLarge);
  return true;
}

/**
 * Reads a request body of at most `limit` bytes into a string. A body that says it is bigger, or grows
 * bigger while it streams, is refused with 413 at once, holding no more than `limit` bytes in memory.
 * Resolves null when the request was refused or the client went away.
 */
export function readBodyWithin(req: IncomingMessage, res: ServerResponse, limit: number, tooLarge: TooLarge): Promise<string | null> {
  if (refuseDeclaredTooLarge(req, res, limit, tooLarge)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: string | null) => {
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onAborted);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      done(null);
      refuseTooLarge(req, res, limit, tooLarge);
    };
    const onEnd = () => done(Buffer.concat(chunks, size).toString('utf8'));
    const onAborted = () => done(null);
    req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onAborted);
  });
}

/**
 * Closes a kept-alive connection that has been idle for the keep-alive timeout, but only once what has already
 * arrived on it has been read: Node's own close (when no 'timeout' listener takes it over) came in the timers of a turn
 * of the event loop, before that turn read the sockets, so a request a client had just written on the connection
 * (which it still held open, rightly: the server's Keep-Alive hint less a margin) was reset unread whenever the loop
 * had been held for a moment, as on a loaded machine. fetch reported legitimate 2 MB and 9 MB uploads as ECONNRESET so.
 * setImmediate runs after the turn has read its sockets: if anything came, it is a request, and the server goes on with
 * it (Node stops the idle timer when a request begins); if nothing came, the connection is closed.
 */
export function closeIdleAfterReading(socket: Socket): void {
  const read = socket.bytesRead;
  setImmediate(() => {
    if (socket.bytesRead === read) socket.destroy();
  });
}
