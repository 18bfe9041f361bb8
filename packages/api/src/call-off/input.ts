import {
  anyText,
  idempotencyKey,
  individualSpecificationInput,
  isStorableText,
  optionalText,
  pence as pennies,
  recordVersion,
  requiredText,
  wholeNumber,
} from '@concord/domain';
import { z } from 'zod';
import { contractReference, id, isoDay, pence, rateInput } from '../contract/input.ts';

export const createCallOffInput = z.object({
  procurementId: id('a procurement'),
  lotId: id('a lot'),
  method: z.enum(['direct', 'mini_competition'], { message: 'Choose a direct call-off or a mini-competition' }),
  reference: contractReference.optional(),
  priceUnit: z.enum(['hour', 'week'], { message: 'Choose prices per hour or per week' }).default('hour'),
  specification: individualSpecificationInput,
  idempotencyKey,
});
export type CreateCallOffInput = z.infer<typeof createCallOffInput>;

/** The contract an award makes in my register. */
export const awardContractInput = z.object({
  reference: contractReference,
  title: requiredText('a title', 300).optional(),
  annualValuePence: pence('The annual value'),
  responsibleOfficer: optionalText(200),
  extensionOptions: z.array(z.object({ months: z.number().int().min(1).max(120) })).max(10).default([]),
  rates: z.array(rateInput).max(50).default([]),
});

export const directAwardCallOffInput = z.object({
  callOffId: id('a call-off'),
  providerId: id('a provider'),
  justification: requiredText('why this provider is called off directly', 4000),
  awardedOn: isoDay('the award date'),
  contract: awardContractInput,
});

export const startMiniCompetitionInput = z.object({
  callOffId: id('a call-off'),
  criteria: z.array(z.object({ criterionId: id('one of the procurement’s criteria'), weightPercent: z.number({ error: 'Weight must be a number' }).finite().min(0, 'Weight must be 0% or more').max(100, 'Weight must be 100% or less') })).min(1, 'Choose at least one criterion').max(20),
  responseDeadline: isoDay('the deadline for responses'),
  /** A time of day on the deadline day ('17:00'), in England; without it the deadline is the end of that day. */
  responseDeadlineTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Enter the time as hours and minutes on a 24-hour clock, like 17:00').optional(),
  invitedOn: isoDay('the date of the invitations'),
  /** Invite only these (every one active on the lot) when a condition is stated; otherwise every active provider. */
  providerIds: z.array(id('a provider')).max(100).optional(),
  inviteCondition: anyText(1000).optional(),
});

const panelScores = z
  .array(
    z.object({
      criterionId: id('a criterion of this call-off'),
      score: wholeNumber('a score', { max: 100 }),
      rationale: anyText(4000).optional(),
    }),
  )
  .max(20);

export const responseInput = z.object({
  callOffId: id('a call-off'),
  providerId: id('a provider'),
  pricePence: pennies('The price', { max: 100_000_000 }).min(1, 'The price must be more than zero').optional(),
  receivedOn: isoDay('the date the response was received'),
  scores: panelScores.default([]),
});

export const awardMiniCompetitionInput = z.object({
  callOffId: id('a call-off'),
  awardedOn: isoDay('the award date'),
  note: anyText(4000).optional(),
  contract: awardContractInput,
  /** Feedback to each respondent: each reads only its own, with its own score and rank. */
  feedback: z.array(z.object({ providerId: id('a provider'), feedback: requiredText('the feedback', 4000) })).max(100).default([]),
});

/** The panel's scores for a provider's latest response, after the deadline. */
export const scoreResponseInput = z.object({
  callOffId: id('a call-off'),
  /** The call-off's version the panel's scores were entered on (CONFLICT when someone scored or changed it since). */
  version: recordVersion,
  providerId: id('a provider'),
  scores: panelScores.min(1, 'Score at least one criterion'),
});

/** A provider's own response to an invitation: its price and an answer to each refined criterion that is not price. */
export const submitResponseInput = z.object({
  callOffId: id('a call-off'),
  pricePence: pennies('The price', { max: 100_000_000 }).min(1, 'The price must be more than zero').optional(),
  answers: z.array(z.object({ criterionId: id('a criterion of this call-off'), answer: requiredText('your answer', 10000) })).max(20).default([]),
});

/** Cancelling a call-off before award: the day and the reason. */
export const cancelCallOffInput = z.object({
  callOffId: id('a call-off'),
  cancelledOn: isoDay('the date the call-off was cancelled'),
  reason: z.string().trim().min(1, 'Give the reason for cancelling the call-off').max(4000, 'The reason can be at most 4,000 characters').refine(isStorableText, 'Remove the invisible control characters from this text'),
});
