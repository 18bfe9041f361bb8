import { dayInput, recordId, recordVersion, requiredText, wholeNumber } from '@concord/domain';
import { z } from 'zod';
import { storableCsv, uploadFileFields } from '../return/table.ts';

const count = (what: string) => wholeNumber(what, { min: 0 });

/** Staff turnover over the period, a percentage to one decimal place. */
const percent = z
  .number({ error: 'Staff turnover must be a number' })
  .min(0, 'Staff turnover must be 0% or more')
  .max(100, 'Staff turnover must be 100% or less')
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'Give staff turnover to one decimal place at most');

export const submitReturnInput = z.object({
  contractId: recordId('a contract'),
  periodStart: dayInput('the first day of the period'),
  periodEnd: dayInput('the last day of the period'),
  hoursDelivered: count('hours delivered'),
  missedVisits: count('missed visits'),
  lateVisits: count('late visits'),
  staffTurnoverPercent: percent,
  complaints: count('complaints'),
  /** Keep it as a draft the authority does not see (default: submit). */
  asDraft: z.boolean().default(false),
  /** The version of the return being replaced, or null when the form showed none for the period: a stale one is refused (CONFLICT). */
  rowVersion: recordVersion.nullable(),
});
export type SubmitReturnInput = z.infer<typeof submitReturnInput>;

/** A row of an upload: the form's figures, with the contract named by its reference. */
export const uploadRowInput = submitReturnInput
  .omit({ contractId: true, asDraft: true, rowVersion: true })
  .extend({ contractReference: requiredText('the contract reference', 40).transform((s) => s.toUpperCase()) });
export type UploadRow = z.infer<typeof uploadRowInput>;

/** A CSV or XLSX of monitoring returns (the same bounds as the KPI returns upload). */
export const uploadReturnsInput = z.object(uploadFileFields).refine(...storableCsv);

export const page = {
  limit: wholeNumber('how many to show', { min: 1, max: 100 }).default(25),
  offset: wholeNumber('where to start', { min: 0 }).default(0),
};

export const providerReturnsInput = z.object({ contractId: recordId('a contract').optional(), ...page }).default({ limit: 25, offset: 0 });
export const contractReturnsInput = z
  .object({ contractId: recordId('a contract').optional(), status: z.enum(['submitted', 'accepted', 'queried']).optional(), ...page })
  .default({ limit: 25, offset: 0 });
export const acceptReturnInput = z.object({ returnId: recordId('a return'), rowVersion: recordVersion });
export const queryReturnInput = acceptReturnInput.extend({ reason: requiredText('the reason for the query', 2000) });
