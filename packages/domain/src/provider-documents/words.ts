/**
 * Tell us once (issue 11, item 2): the documents a provider organisation keeps in its profile, which every
 * application and response reuses. Kinds and file types in words, the limits, and the words for an expiry.
 * Kept apart from the inputs (index.ts) so that a page showing an expiry does not need zod (issue 14).
 */

export const PROVIDER_DOCUMENT_KINDS = ['insurance_certificate', 'safeguarding_policy', 'business_continuity_plan', 'cqc_registration', 'other'] as const;
export type ProviderDocumentKind = (typeof PROVIDER_DOCUMENT_KINDS)[number];
export const PROVIDER_DOCUMENT_KIND_LABELS: Record<ProviderDocumentKind, string> = {
  insurance_certificate: 'Insurance certificate',
  safeguarding_policy: 'Safeguarding policy',
  business_continuity_plan: 'Business continuity plan',
  cqc_registration: 'CQC registration certificate',
  other: 'Other document',
};
/** Kinds that are certificates: they must say when they expire. */
export const CERTIFICATE_KINDS: readonly ProviderDocumentKind[] = ['insurance_certificate'];

/** The only file types taken, by the type read from the content (never the name), with their words and extension. */
export const PROVIDER_DOCUMENT_TYPES = {
  'application/pdf': { label: 'PDF', extension: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word document (DOCX)', extension: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel workbook (XLSX)', extension: 'xlsx' },
  'image/png': { label: 'PNG image', extension: 'png' },
  'image/jpeg': { label: 'JPEG image', extension: 'jpg' },
} as const;
export type ProviderDocumentType = keyof typeof PROVIDER_DOCUMENT_TYPES;
export const PROVIDER_DOCUMENT_TYPE_NAMES = Object.keys(PROVIDER_DOCUMENT_TYPES) as ProviderDocumentType[];
export const isProviderDocumentType = (mime: string): mime is ProviderDocumentType => Object.hasOwn(PROVIDER_DOCUMENT_TYPES, mime);
export const WRONG_DOCUMENT_TYPE = 'The selected file must be a PDF, DOCX, XLSX, PNG or JPEG';

const MB = 1024 * 1024;
/** The largest document: 10 MB. */
export const MAX_DOCUMENT_BYTES = 10 * MB;
/** What an organisation's current documents may hold together, unless the installation says otherwise. */
export const DEFAULT_DOCUMENT_QUOTA_BYTES = 100 * MB;
/** A certificate expiring within this many days is shown to the provider and to the authorities it holds contracts with. */
export const EXPIRY_WARNING_DAYS = 30;

/** A size as people read it: "850 KB", "2.4 MB". */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
  return `${(bytes / MB).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

export type ExpiryState = 'expired' | 'expiring' | 'current';

/** Where a document stands on `today` (ISO days), in words for a tag: "Expired", "Expires today", "Expires in 1 day", "Expires in 12 days". */
export function expiryStatus(expiresOn: string | null, today: string): { state: ExpiryState; daysLeft: number | null; text: string | null } {
  if (expiresOn === null) return { state: 'current', daysLeft: null, text: null };
  const daysLeft = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft < 0) return { state: 'expired', daysLeft, text: 'Expired' };
  const text = daysLeft === 0 ? 'Expires today' : `Expires in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
  return { state: daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'current', daysLeft, text: daysLeft <= EXPIRY_WARNING_DAYS ? text : null };
}
