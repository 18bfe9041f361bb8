import { anyText, idempotencyKey, isoDate, isStorableText, optionalText, pence, recordVersion } from '@concord/domain';
import { z } from 'zod';

export const createApplicationInput = z.object({
  procurementId: z.uuid('Choose a procurement'),
  providerId: z.uuid('Choose a provider from the register'),
  lotIds: z
    .array(z.uuid())
    .min(1, 'Choose at least one lot the provider applies to')
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, 'Each lot can be chosen only once'),
  /** Defaults to today. */
  receivedOn: isoDate.optional(),
  bidPricePence: pence('The bid', { max: 2_147_483_647 }).min(1, 'A bid must be more than £0').nullish(),
  idempotencyKey,
});
export type CreateApplicationInput = z.infer<typeof createApplicationInput>;

export const gatewayAnswersInput = z.object({
  applicationId: z.uuid('Choose an application'),
  /** The application's version the answers were given on (CONFLICT when it changed since). */
  version: recordVersion,
  answers: z
    .array(z.object({ questionId: z.uuid(), passed: z.boolean(), note: optionalText(2000) }))
    .min(1, 'Answer at least one gateway question')
    .refine((a) => new Set(a.map((x) => x.questionId)).size === a.length, 'Each question can be answered only once'),
});
export type GatewayAnswersInput = z.infer<typeof gatewayAnswersInput>;

export const decisionInput = z
  .object({
    applicationId: z.uuid('Choose an application'),
    outcome: z.enum(['admitted', 'rejected'], { message: 'Choose admit or reject' }),
    reason: anyText(4000).optional(),
    /** Defaults to today. */
    decidedOn: isoDate.optional(),
  })
  .refine((d) => d.outcome !== 'rejected' || (d.reason ?? '').length > 0, { message: 'Give the reason for rejecting the application', path: ['reason'] });
export type DecisionInput = z.infer<typeof decisionInput>;

/** A provider's withdrawal of its application, recorded by the lead authority: the day and the reason it gave. */
export const withdrawalInput = z.object({
  applicationId: z.uuid('Choose an application'),
  withdrawnOn: isoDate,
  reason: z.string().trim().min(1, 'Give the reason the provider withdrew').max(4000, 'The reason can be at most 4,000 characters').refine(isStorableText, 'Remove the invisible control characters from this text'),
});
export type WithdrawalInput = z.infer<typeof withdrawalInput>;
