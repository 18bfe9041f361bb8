import { z } from 'zod';

/**
 * A placement is about a vulnerable adult, so it is held under a local pseudonymous reference such as
 * PLY-SL-0001, never a name. The rule that keeps names out: capital letters, digits and hyphens only,
 * 3 to 40 characters, with at least one digit ("JOHN-SMITH" is refused; so is "John Smith").
 */
export const PLACEMENT_REFERENCE = /^(?=.*[0-9])[A-Z0-9][A-Z0-9-]{2,39}$/;
export const PLACEMENT_REFERENCE_MESSAGE =
  'A placement reference is a local pseudonymous code of capital letters, digits and hyphens with at least one digit, like PLY-SL-0001 — never a name';

export const placementReference = z.string().trim().toUpperCase().regex(PLACEMENT_REFERENCE, PLACEMENT_REFERENCE_MESSAGE);

/** Whether a placement is running on a day: started on or before it and not ended before it. */
export function isActiveOn(p: { startDate: string; endDate: string | null }, day: string): boolean {
  return p.startDate <= day && (p.endDate === null || p.endDate >= day);
}
