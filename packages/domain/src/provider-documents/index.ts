import { z } from 'zod';
import { dayInput, idempotencyKey, recordId, requiredText } from '../input.ts';

/**
 * Tell us once (issue 11, item 2): the documents a provider organisation keeps in its profile, which every
 * application and response reuses. Kinds and file types in words, the limits, and the words for an expiry.
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

/** The largest base64 text a 10 MB file makes (4 characters for every 3 bytes). */
const MAX_BASE64_CHARS = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;

/** A file sent in base64 with the name it had on the person's computer (kept only to name the download). */
export const documentFile = z.object({
  fileName: requiredText('the file name', 200),
  contentBase64: z
    .string({ error: 'Select a file' })
    .min(1, 'Select a file')
    .max(MAX_BASE64_CHARS, 'The selected file must be smaller than 10 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The selected file could not be read: try again'),
});

const documentDetails = z.object({
  kind: z.enum(PROVIDER_DOCUMENT_KINDS, { error: 'Select the kind of document' }),
  title: requiredText('a title', 200),
  expiresOn: dayInput('the expiry date').nullish(),
});

/** A certificate must say when it expires. */
const certificateExpires = <T extends { kind: ProviderDocumentKind; expiresOn?: string | null }>(value: T, ctx: z.RefinementCtx) => {
  if (CERTIFICATE_KINDS.includes(value.kind) && !value.expiresOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Enter the date the certificate expires' });
  }
};

export const uploadDocumentInput = documentDetails.extend(documentFile.shape).extend({ idempotencyKey }).superRefine(certificateExpires);
export type UploadDocumentInput = z.infer<typeof uploadDocumentInput>;

/** A new version of a document (of the same kind): the old one is kept, since snapshots point at it, and marked superseded. */
export const replaceDocumentInput = documentFile.extend({
  documentId: recordId('a document'),
  title: requiredText('a title', 200),
  expiresOn: dayInput('the expiry date').nullish(),
});
export type ReplaceDocumentInput = z.infer<typeof replaceDocumentInput>;
