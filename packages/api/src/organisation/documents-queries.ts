import {
  DEFAULT_DOCUMENT_QUOTA_BYTES,
  EXPIRY_WARNING_DAYS,
  PROVIDER_DOCUMENT_KIND_LABELS,
  PROVIDER_DOCUMENT_TYPES,
  type ProviderDocumentKind,
} from '@concord/domain/provider-documents';
import { notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';

/**
 * Reading provider documents (issue 11, item 2). Row-level security decides whose: an organisation its own, an
 * authority those of the providers it holds a contract with (migration 0030). Days to expiry are counted in SQL
 * from `today`, the request's day (an injectable clock in tests).
 */

export interface DocumentSummary {
  id: string;
  kind: ProviderDocumentKind;
  kindLabel: string;
  title: string;
  fileName: string;
  typeLabel: string;
  sizeBytes: number;
  sha256: string;
  expiresOn: string | null;
  /** Days from today to the expiry (negative: expired); null without an expiry. */
  daysLeft: number | null;
  uploadedAt: string;
  uploadedBy: string | null;
  /** How many earlier versions this one replaced. */
  earlierVersions: number;
}

const daysLeft = (today: string) => sql<number | null>`(d.expires_on - ${today}::date)::int`;

function typeLabel(contentType: string): string {
  return (PROVIDER_DOCUMENT_TYPES as Record<string, { label: string }>)[contentType]?.label ?? 'File';
}

/** The current documents of an organisation, by kind then newest first. */
export async function listDocuments(tx: Tx, providerId: string, today: string): Promise<DocumentSummary[]> {
  const rows = await tx
    .selectFrom('provider_document as d')
    .leftJoin('app_user as u', 'u.id', 'd.uploaded_by')
    .select(['d.id', 'd.kind', 'd.title', 'd.file_name', 'd.content_type', 'd.size_bytes', 'd.sha256', 'd.expires_on', 'd.uploaded_at', 'u.display_name'])
    .select(daysLeft(today).as('days_left'))
    .select(
      sql<number>`(WITH RECURSIVE earlier(id, replaces_id) AS (
          SELECT d.id, d.replaces_id
          UNION ALL SELECT e.id, e.replaces_id FROM provider_document e JOIN earlier ON e.provider_id = d.provider_id AND e.id = earlier.replaces_id)
        SELECT count(*)::int - 1 FROM earlier)`.as('earlier_versions'),
    )
    .where('d.provider_id', '=', providerId)
    .where('d.superseded_at', 'is', null)
    .orderBy('d.kind')
    .orderBy('d.uploaded_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: PROVIDER_DOCUMENT_KIND_LABELS[r.kind],
    title: r.title,
    fileName: r.file_name,
    typeLabel: typeLabel(r.content_type),
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    expiresOn: r.expires_on,
    daysLeft: r.days_left,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    uploadedBy: r.display_name ?? null,
    earlierVersions: r.earlier_versions,
  }));
}

/** What the organisation's current documents take up, against its quota. */
export async function documentQuota(tx: Tx, providerId: string, quotaBytes: number | undefined) {
  const { used } = await tx
    .selectFrom('provider_document')
    .select(sql<string>`coalesce(sum(size_bytes), 0)`.as('used'))
    .where('provider_id', '=', providerId)
    .where('superseded_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { usedBytes: Number(used), quotaBytes: quotaBytes ?? DEFAULT_DOCUMENT_QUOTA_BYTES };
}

export interface ExpiringCertificate {
  documentId: string;
  providerId: string;
  providerName: string;
  kind: ProviderDocumentKind;
  kindLabel: string;
  title: string;
  expiresOn: string;
  daysLeft: number;
}

/**
 * Current documents that have expired or expire within 30 days, soonest first: the organisation's own, or (for an
 * authority, `liveContractsOnly`) those of providers it holds an active or extended contract with. `providerId`
 * narrows it to one provider (its page in the register).
 */
export async function expiringCertificates(
  tx: Tx,
  today: string,
  options: { providerId?: string | undefined; liveContractsOnly?: boolean; limit?: number } = {},
): Promise<ExpiringCertificate[]> {
  let query = tx
    .selectFrom('provider_document as d')
    .innerJoin('provider as p', 'p.id', 'd.provider_id')
    .select(['d.id', 'd.provider_id', 'p.legal_name', 'd.kind', 'd.title', 'd.expires_on'])
    .select(daysLeft(today).as('days_left'))
    .where('d.superseded_at', 'is', null)
    .where('d.expires_on', 'is not', null)
    .where(sql<boolean>`d.expires_on <= ${today}::date + ${EXPIRY_WARNING_DAYS}::int`);
  if (options.providerId) query = query.where('d.provider_id', '=', options.providerId);
  if (options.liveContractsOnly) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('contract as c').select('c.id').whereRef('c.provider_id', '=', 'd.provider_id').where('c.status', 'in', ['active', 'extended'])),
    );
  }
  const rows = await query
    .orderBy('d.expires_on')
    .orderBy('p.legal_name')
    .orderBy('d.id')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    documentId: r.id,
    providerId: r.provider_id,
    providerName: r.legal_name,
    kind: r.kind,
    kindLabel: PROVIDER_DOCUMENT_KIND_LABELS[r.kind],
    title: r.title,
    expiresOn: r.expires_on!,
    daysLeft: r.days_left!,
  }));
}

/** A document's file, if the transaction may read it (its organisation, or an authority holding a contract with it). */
export async function documentFile(tx: Tx, documentId: string): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const row = await tx
    .selectFrom('provider_document')
    .select(['file_name', 'content_type', 'content'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw notFound('Document');
  return { fileName: row.file_name, contentType: row.content_type, content: row.content };
}
