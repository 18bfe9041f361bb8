import { z } from 'zod';
import { requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { isoDate } from './dates.ts';
import type { ApprovedListAction, ApprovedListStatus } from './labels.ts';

export const LIST_CHANGES = ['suspend', 'reinstate', 'remove'] as const;
export type ListChange = (typeof LIST_CHANGES)[number];

/**
 * A provider's place on the approved list after a change. Suspension pauses call-offs (for example during
 * a safeguarding enquiry or a CQC "Inadequate" rating) and can be lifted; removal is final: a removed
 * provider who wants to return applies again and, if admitted, gets a new entry.
 */
export function nextListStatus(current: ApprovedListStatus, action: ListChange): ApprovedListStatus {
  switch (action) {
    case 'suspend':
      if (current === 'active') return 'suspended';
      throw badRequest(current === 'suspended' ? 'This provider is already suspended' : 'A removed provider cannot be suspended: removal is final', 'action');
    case 'reinstate':
      if (current === 'suspended') return 'active';
      throw badRequest(
        current === 'active' ? 'Only a suspended provider can be reinstated; this provider is active' : 'Only a suspended provider can be reinstated; a removed provider must apply again',
        'action',
      );
    case 'remove':
      if (current === 'active' || current === 'suspended') return 'removed';
      throw badRequest('This provider has already been removed from the list', 'action');
  }
}

/** The word recorded in the list's history for a change. */
export const LIST_CHANGE_RECORDED: Record<ListChange, ApprovedListAction> = { suspend: 'suspended', reinstate: 'reinstated', remove: 'removed' };

export const listChangeInput = z.object({
  entryId: z.uuid(),
  action: z.enum(LIST_CHANGES, { message: 'Choose suspend, reinstate or remove' }),
  reason: requiredText('the reason'),
  effectiveOn: isoDate,
});
export type ListChangeInput = z.infer<typeof listChangeInput>;
