import { anyText, idempotencyKey, pence, recordId, recordVersion, requiredText } from '@concord/domain';
import { z } from 'zod';

const distinct =
  <T>(key: (x: T) => string) =>
  (list: T[]) =>
    new Set(list.map(key)).size === list.length;

/** A provider starts (or returns to) its draft application to one procurement. */
export const startOnlineApplicationInput = z.object({ procurementId: recordId('a procurement'), idempotencyKey });

/** The draft as it stands: each part may be saved on its own page, so every part is optional and may be empty. */
export const saveOnlineApplicationInput = z.object({
  applicationId: recordId('an application'),
  rowVersion: recordVersion,
  lotIds: z
    .array(recordId('a lot'))
    .max(200)
    .refine(distinct((x: string) => x), 'Each lot can be chosen only once')
    .optional(),
  gatewayAnswers: z
    .array(z.object({ id: recordId('a gateway question'), answer: anyText(8000) }))
    .max(100)
    .refine(distinct((x: { id: string }) => x.id), 'Each question can be answered only once')
    .optional(),
  qualityAnswers: z
    .array(z.object({ id: recordId('a criterion'), answer: anyText(20000) }))
    .max(100)
    .refine(distinct((x: { id: string }) => x.id), 'Each criterion can be answered only once')
    .optional(),
  lotPrices: z
    .array(z.object({ lotId: recordId('a lot'), pricePence: pence('The price', { max: 2_147_483_647 }).min(1, 'A price must be more than £0') }))
    .max(200)
    .refine(distinct((x: { lotId: string }) => x.lotId), 'Each lot can be priced only once')
    .optional(),
  documentIds: z
    .array(recordId('a document'))
    .max(50)
    .refine(distinct((x: string) => x), 'Each document can be chosen only once')
    .optional(),
});
export type SaveOnlineApplicationInput = z.infer<typeof saveOnlineApplicationInput>;

export const submitOnlineApplicationInput = z.object({ applicationId: recordId('an application'), rowVersion: recordVersion });

export const askClarificationInput = z.object({ procurementId: recordId('a procurement'), question: requiredText('your question', 4000), idempotencyKey });

export const publishClarificationInput = z.object({
  procurementId: recordId('a procurement'),
  /** The providers' questions this answers (none: the lead publishes a clarification of its own). */
  questionIds: z.array(recordId('a question')).max(100).default([]),
  question: requiredText('the question as it will be published', 4000),
  answer: requiredText('the answer', 8000),
  idempotencyKey,
});
