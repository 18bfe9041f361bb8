import { AUDIT_KINDS, dayInput, searchText } from '@concord/domain';
import { z } from 'zod';

/**
 * One page of an audit log, newest first, with its filters. `before` (and `beforeId`) is the cursor of the
 * last event of the page before: keyset paging on (time, id), so a page never skips or repeats an event.
 */
export const listInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    before: z.iso.datetime({ message: 'before must be an ISO date-time' }).optional(),
    beforeId: z.uuid('beforeId must be an event’s id').optional(),
    from: dayInput('the first day').optional(),
    to: dayInput('the last day').optional(),
    who: searchText(200),
    kind: z.enum(AUDIT_KINDS, { error: 'Choose a kind of event from the list' }).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'The last day must be the same as or after the first day' })
  .default({ limit: 50 });
export type ListInput = z.infer<typeof listInput>;
