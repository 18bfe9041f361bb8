import { councilCodeInput, idempotencyKey, isStorableText, NHS_BODY_KINDS, odsCodeInput, recordVersion, REGION_NAMES, requiredText, searchText, wholeNumber } from '@concord/domain';
import { z } from 'zod';

const region = z.enum(REGION_NAMES as [string, ...string[]], { error: 'Choose the region' });
const name = (what: string) => requiredText(what, 200);
/** An authority in the registry, by its code (GSS or ODS). */
const authorityId = z.string({ error: 'Choose an authority' }).trim().min(1, 'Choose an authority').max(20, 'Choose an authority');
/** A file's text: the MYE2 CSV, read in the browser (kept as sent: an upload, see UPLOAD_PROCEDURES). */
const csv = z
  .string({ error: 'Choose a file' })
  .min(1, 'Choose a file')
  .max(5_000_000, 'The file must be 5 million characters or fewer')
  .refine(isStorableText, 'The file has a NUL or other character that cannot be stored in it: save it again as UTF-8 CSV');

export const listInput = z
  .object({
    search: searchText(),
    status: z.enum(['all', 'active', 'inactive']).default('all'),
    page: wholeNumber('the page', { min: 1, max: 10_000 }).default(1),
  })
  .default({ status: 'all', page: 1 });

export const registerCouncilInput = z.object({ code: councilCodeInput, name: name('the council’s name'), region, idempotencyKey });
export const registerNhsBodyInput = z.object({
  kind: z.enum(NHS_BODY_KINDS, { error: 'Choose whether it is an ICB or a trust' }),
  code: odsCodeInput,
  name: name('the NHS body’s name'),
  region,
  idempotencyKey,
});
export const previewImportInput = z.object({ csv });
export const confirmImportInput = z.object({ csv, fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'Preview the file before confirming it') });
export const renameInput = z.object({ authorityId, version: recordVersion, name: name('the new name'), region: region.optional() });
export const setActiveInput = z.object({ authorityId, version: recordVersion, active: z.boolean({ error: 'Say whether the authority is active' }) });
