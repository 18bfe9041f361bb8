import type { ColumnType, Generated } from 'kysely';

/** A document a provider organisation keeps in its profile (migration 0030): never changed, only superseded. */
export interface ProviderDocumentTable {
  provider_id: string;
  id: Generated<string>;
  kind: 'insurance_certificate' | 'safeguarding_policy' | 'business_continuity_plan' | 'cqc_registration' | 'other';
  title: string;
  /** The name the file had when uploaded; names the download only. */
  file_name: string;
  /** Read from the content when uploaded (PDF, DOCX, XLSX, PNG or JPEG). */
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  /** ISO day; certificates must have one. */
  expires_on: ColumnType<string | null, string | null | undefined, never>;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
  uploaded_by: string;
  /** The document this one is a new version of. */
  replaces_id: ColumnType<string | null, string | null | undefined, never>;
  superseded_at: ColumnType<Date | null, never, Date | string>;
  /** The new version that replaced it; null when withdrawn (or current). */
  superseded_by_id: ColumnType<string | null, never, string | null>;
}

export interface ProviderDocumentsDatabase {
  provider_document: ProviderDocumentTable;
}
