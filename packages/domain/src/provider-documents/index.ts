import { z } from 'zod';
import { dayInput, idempotencyKey, recordId, requiredText } from '../input.ts';
import { CERTIFICATE_KINDS, MAX_DOCUMENT_BYTES, PROVIDER_DOCUMENT_KINDS, type ProviderDocumentKind } from './words.ts';

/** Tell us once (issue 11, item 2): the inputs of a provider organisation's documents; their words and limits are in words.ts. */
export * from './words.ts';

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
