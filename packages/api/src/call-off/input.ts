import { individualSpecificationInput } from '@concord/domain';
import { z } from 'zod';
import { contractReference, id, isoDay, pence, rateInput } from '../contract/input.ts';

export const createCallOffInput = z.object({
  procurementId: id('a procurement'),
  lotId: id('a lot'),
  method: z.enum(['direct', 'mini_competition'], { message: 'Choose a direct call-off or a mini-competition' }),
  reference: contractReference.optional(),
  priceUnit: z.enum(['hour', 'week'], { message: 'Choose prices per hour or per week' }).default('hour'),
  specification: individualSpecificationInput,
});
export type CreateCallOffInput = z.infer<typeof createCallOffInput>;

/** The contract an award makes in my register. */
export const awardContractInput = z.object({
  reference: contractReference,
  title: z.string().trim().min(1, 'Enter a title').max(300).optional(),
  annualValuePence: pence('The annual value'),
  responsibleOfficer: z.string().trim().max(200).nullish(),
  extensionOptions: z.array(z.object({ months: z.number().int().min(1).max(120) })).max(10).default([]),
  rates: z.array(rateInput).max(50).default([]),
});

export const directAwardCallOffInput = z.object({
  callOffId: id('a call-off'),
  providerId: id('a provider'),
  justification: z.string().trim().min(1, 'Record why this provider is called off directly').max(4000),
  awardedOn: isoDay('the award date'),
  contract: awardContractInput,
});

export const startMiniCompetitionInput = z.object({
  callOffId: id('a call-off'),
  criteria: z.array(z.object({ criterionId: id('one of the procurement’s criteria'), weightPercent: z.number() })).min(1, 'Choose at least one criterion').max(20),
  responseDeadline: isoDay('the deadline for responses'),
  invitedOn: isoDay('the date of the invitations'),
  /** Invite only these (every one active on the lot) when a condition is stated; otherwise every active provider. */
  providerIds: z.array(id('a provider')).max(100).optional(),
  inviteCondition: z.string().trim().max(1000).optional(),
});

export const responseInput = z.object({
  callOffId: id('a call-off'),
  providerId: id('a provider'),
  pricePence: z.number().int('The price must be whole pence').positive('The price must be more than zero').max(100_000_000).optional(),
  receivedOn: isoDay('the date the response was received'),
  scores: z
    .array(
      z.object({
        criterionId: id('a criterion of this call-off'),
        score: z.number().int('A score is a whole number').min(0, 'A score cannot be negative'),
        rationale: z.string().trim().max(4000).optional(),
      }),
    )
    .max(20)
    .default([]),
});

export const awardMiniCompetitionInput = z.object({
  callOffId: id('a call-off'),
  awardedOn: isoDay('the award date'),
  note: z.string().trim().max(4000).optional(),
  contract: awardContractInput,
});

/** Cancelling a call-off before award: the day and the reason. */
export const cancelCallOffInput = z.object({
  callOffId: id('a call-off'),
  cancelledOn: isoDay('the date the call-off was cancelled'),
  reason: z.string().trim().min(1, 'Give the reason for cancelling the call-off').max(4000, 'The reason can be at most 4,000 characters'),
});
