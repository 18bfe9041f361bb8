import { createHash } from 'node:crypto';
import { DomainError, notFound } from '@concord/domain';
import {
  CERTIFICATE_KINDS,
  DEFAULT_DOCUMENT_QUOTA_BYTES,
  fileSizeText,
  isProviderDocumentType,
  MAX_DOCUMENT_BYTES,
  WRONG_DOCUMENT_TYPE,
  type ProviderDocumentKind,
  type ProviderDocumentType,
} from '@concord/domain/provider-documents';
import type { Tx } from '@concord/db';
import { loadFileType } from '../heavy.ts';
import { sql } from 'kysely';

/**
 * Tell us once (issue 11, item 2): a provider organisation's documents. Each is a file kept in the database, its type
 * read from its content (never its name), at most 10 MB, within the organisation's quota. A document is never changed:
 * a new version is a new row and the old one is marked superseded (migration 0030 refuses anything else), so the
 * snapshot stored with a submission keeps pointing at the file that was submitted.
 */

export interface DocumentActor {
  providerId: string;
  userId: string;
  /** What the organisation's current documents may hold together. */
  quotaBytes?: number | undefined;
}

/** A file that has been read and checked: its bytes, the type its content shows, and its SHA-256. */
export interface CheckedFile {
  bytes: Buffer;
  contentType: ProviderDocumentType;
  sha256: string;
}

/** Decodes a base64 file and reads its type from the content: only PDF, DOCX, XLSX, PNG and JPEG, at most 10 MB. */
export async function checkFile(contentBase64: string): Promise<CheckedFile> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new DomainError('BAD_REQUEST', 'The selected file is empty', 'file');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DomainError('BAD_REQUEST', 'The selected file must be smaller than 10 MB', 'file');
  const sniffed = await (await loadFileType()).fileTypeFromBuffer(bytes);
  if (!sniffed || !isProviderDocumentType(sniffed.mime)) throw new DomainError('BAD_REQUEST', WRONG_DOCUMENT_TYPE, 'file');
  return { bytes, contentType: sniffed.mime, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Holds the organisation's row for the rest of the transaction (so two uploads at once cannot both fit a quota only
 * one fits), then refuses a file that would take its current documents over the quota. `freed` is what a
 * replacement gives back (the size of the version it replaces).
 */
async function ensureRoom(tx: Tx, actor: DocumentActor, adding: number, freed = 0): Promise<void> {
  const held = await tx.selectFrom('provider').select('id').where('id', '=', actor.providerId).forUpdate().executeTakeFirst();
  if (!held) throw notFound('Organisation');
  const quota = actor.quotaBytes ?? DEFAULT_DOCUMENT_QUOTA_BYTES;
  const { used } = await tx
    .selectFrom('provider_document')
    .select(sql<string>`coalesce(sum(size_bytes), 0)`.as('used'))
    .where('provider_id', '=', actor.providerId)
    .where('superseded_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(used) - freed + adding > quota) {
    throw new DomainError(
      'BAD_REQUEST',
      `Your organisation’s documents may take up ${fileSizeText(quota)} together and ${fileSizeText(Number(used))} is used: replace or withdraw a document you no longer need`,
      'file',
    );
  }
}

function certificateNeedsExpiry(kind: ProviderDocumentKind, expiresOn: string | null | undefined): void {
  if (CERTIFICATE_KINDS.includes(kind) && !expiresOn) throw new DomainError('BAD_REQUEST', 'Enter the date the certificate expires', 'expiresOn');
}

export interface NewDocument {
  kind: ProviderDocumentKind;
  title: string;
  fileName: string;
  contentBase64: string;
  expiresOn?: string | null | undefined;
}

async function insertDocument(tx: Tx, actor: DocumentActor, doc: NewDocument, file: CheckedFile, now: Date, replacesId: string | null) {
  return tx
    .insertInto('provider_document')
    .values({
      provider_id: actor.providerId,
      kind: doc.kind,
      title: doc.title,
      file_name: doc.fileName,
      content_type: file.contentType,
      size_bytes: file.bytes.length,
      sha256: file.sha256,
      content: file.bytes,
      expires_on: doc.expiresOn ?? null,
      uploaded_at: now,
      uploaded_by: actor.userId,
      replaces_id: replacesId,
    })
    .returning(['id', 'content_type', 'size_bytes', 'sha256'])
    .executeTakeFirstOrThrow();
}

/** Adds a document to the organisation's profile. */
export async function uploadDocument(tx: Tx, actor: DocumentActor, doc: NewDocument, now: Date) {
  certificateNeedsExpiry(doc.kind, doc.expiresOn);
  const file = await checkFile(doc.contentBase64);
  await ensureRoom(tx, actor, file.bytes.length);
  const row = await insertDocument(tx, actor, doc, file, now, null);
  return { documentId: row.id, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256 };
}

/** The current version of one of the organisation's documents, held for the rest of the transaction. */
async function currentVersion(tx: Tx, actor: DocumentActor, documentId: string) {
  const old = await tx
    .selectFrom('provider_document')
    .select(['id', 'kind', 'size_bytes', 'superseded_at'])
    .where('provider_id', '=', actor.providerId)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!old) throw notFound('Document');
  if (old.superseded_at) throw new DomainError('CONFLICT', 'This document has already been replaced or withdrawn: reload the page to see the current version', 'documentId');
  return old;
}

/**
 * A new version of a document, of the same kind: the new file is added and the old version marked superseded by it
 * (kept, so snapshots that name it still open it).
 */
export async function replaceDocument(
  tx: Tx,
  actor: DocumentActor,
  documentId: string,
  doc: Omit<NewDocument, 'kind'>,
  now: Date,
) {
  const file = await checkFile(doc.contentBase64);
  const old = await currentVersion(tx, actor, documentId);
  certificateNeedsExpiry(old.kind, doc.expiresOn);
  await ensureRoom(tx, actor, file.bytes.length, old.size_bytes);
  const row = await insertDocument(tx, actor, { ...doc, kind: old.kind }, file, now, old.id);
  await tx.updateTable('provider_document').set({ superseded_at: now, superseded_by_id: row.id }).where('provider_id', '=', actor.providerId).where('id', '=', old.id).execute();
  return { documentId: row.id, replacedId: old.id, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256 };
}

/** Takes a document out of the profile (no longer offered for new submissions); it is kept for the snapshots that name it. */
export async function withdrawDocument(tx: Tx, actor: DocumentActor, documentId: string, now: Date): Promise<{ documentId: string }> {
  const old = await currentVersion(tx, actor, documentId);
  await tx.updateTable('provider_document').set({ superseded_at: now, superseded_by_id: null }).where('provider_id', '=', actor.providerId).where('id', '=', old.id).execute();
  return { documentId: old.id };
}
