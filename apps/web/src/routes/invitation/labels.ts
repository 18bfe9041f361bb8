import type { RouterOutputs } from '../../trpc.ts';

export type InvitationState = RouterOutputs['callOff']['invitations'][number]['state'];

export const STATE_LABELS: Record<InvitationState, string> = {
  open: 'Open',
  closed: 'Closed: awaiting award',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
};
export const STATE_COLOURS: Record<InvitationState, 'blue' | 'grey' | 'green' | 'red'> = { open: 'blue', closed: 'grey', awarded: 'green', cancelled: 'red' };
