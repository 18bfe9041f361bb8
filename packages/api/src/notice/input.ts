import { dayInput, idempotencyKey, NOTICE_TYPES, recordVersion, requiredText, wholeNumber } from '@concord/domain';
import { z } from 'zod';

/** Find a Tender's notice identifiers: six digits, a hyphen and the year, e.g. 001234-2026. */
export const NOTICE_IDENTIFIER_PATTERN = /^\d{6}-\d{4}$/;

export const noticeType = z.enum(NOTICE_TYPES, { message: 'Choose a notice type' });
export const noticeId = z.object({ id: z.uuid('Choose a notice') });

export const forProcurementInput = z.object({ procurementId: z.uuid('Choose a procurement') });
export const forContractInput = z.object({ contractId: z.uuid('Choose a contract') });
export const dueInput = z
  .object({ limit: wholeNumber('The page size', { min: 1, max: 200 }).default(50), offset: wholeNumber('The offset').default(0) })
  .default({ limit: 50, offset: 0 });

/** The contracts of a register page (at most 100) whose notice warnings to show. */
export const registerWarningsInput = z.object({ contractIds: z.array(z.uuid('Choose a contract')).max(100, 'Ask for at most 100 contracts at once') });

/** One of my authority's pipeline notices (UK1). */
export const pipelineInput = z.object({ noticeId: z.uuid('Choose a notice') });

/** Marks the authority's pipeline notice (UK1) for a financial year not required, with the reason. */
export const declinePipelineInput = z.object({
  subjectId: z.string().regex(/^\d{4}-04-01$/, 'Name the financial year by its first day, for example 2027-04-01'),
  reason: requiredText('why it is not required', 2000),
  idempotencyKey,
});

export const draftInput = z.object({
  type: noticeType,
  procurementId: z.uuid('Choose a procurement').optional(),
  contractId: z.uuid('Choose a contract').optional(),
  /** A call-off before its award (its contract is made at award): for its contract award notice (UK6). */
  callOffId: z.uuid('Choose a call-off').optional(),
  /** The change, dynamic market event or financial year (UK1: its first day) the notice is for. */
  subjectId: z.string().trim().min(1).max(100).optional(),
  idempotencyKey,
});

/** Field names are the notice type's editable fields; values plain text. */
export const updateInput = z.object({
  id: z.uuid('Choose a notice'),
  rowVersion: recordVersion,
  fields: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.:-]{0,99}$/, 'A field name is letters, digits and . _ : -'), z.string().max(4000, 'Keep each field to 4000 characters')),
});

export const markReadyInput = z.object({ id: z.uuid('Choose a notice'), rowVersion: recordVersion });

export const markPublishedInput = z.object({
  id: z.uuid('Choose a notice'),
  rowVersion: recordVersion,
  noticeIdentifier: z.string().trim().regex(NOTICE_IDENTIFIER_PATTERN, 'Enter the notice identifier as Find a Tender shows it, for example 001234-2026'),
  publishedOn: dayInput('the day it was published'),
});

export const withdrawInput = z.object({ id: z.uuid('Choose a notice'), rowVersion: recordVersion, reason: requiredText('the reason for withdrawing it', 2000) });

export type DraftInput = z.infer<typeof draftInput>;
export type UpdateInput = z.infer<typeof updateInput>;
export type MarkPublishedInput = z.infer<typeof markPublishedInput>;
export type WithdrawInput = z.infer<typeof withdrawInput>;
