import { badRequest, dayInput, fairCostOfCare, idempotencyKey, requiredText, fairCostSubmission, notFound, type FairCostOfCare } from '@concord/domain';
import type { Tx } from '@concord/db';
import { z } from 'zod';
import { partnershipForLead, type Ctx } from './access.ts';
import { storableJson } from '../storable-json.ts';

export const serviceTypeInput = z.enum(['home_care', 'supported_living', 'shared_lives', 'extra_care'], { error: 'Choose a service type' });
export const rateUnitInput = z.enum(['hour', 'week', 'night'], { error: 'Choose hour, week or night' });

export const createExerciseInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  name: requiredText('a name for the exercise', 200),
  serviceType: serviceTypeInput,
  band: requiredText('the band', 100),
  unit: rateUnitInput,
  heldOn: dayInput('the date the exercise was held'),
  /** Providers' submitted costs per unit; checked by the domain. */
  submissions: z.array(storableJson()).max(1_000),
  idempotencyKey,
});

export interface FairCostExercise {
  id: string;
  name: string;
  partnershipId: string;
  partnershipName: string;
  serviceType: string;
  band: string;
  unit: string;
  heldOn: string;
  /** Quartiles with n; the median is the fair rate (DHSC convention). */
  result: FairCostOfCare;
  submissions: { providerLabel: string; pencePerUnit: number }[];
}

/** The fair-cost exercises of my partnerships, each with its quartiles and n. */
export async function listExercises(tx: Tx, filter: { partnershipId?: string | undefined; exerciseId?: string | undefined } = {}): Promise<FairCostExercise[]> {
  let query = tx
    .selectFrom('fair_cost_exercise as e')
    .innerJoin('partnership as p', 'p.id', 'e.partnership_id')
    .select(['e.id', 'e.name', 'e.partnership_id', 'p.name as partnership_name', 'e.service_type', 'e.band', 'e.unit', 'e.held_on'])
    .orderBy('e.held_on', 'desc')
    .orderBy('e.name');
  if (filter.partnershipId) query = query.where('e.partnership_id', '=', filter.partnershipId);
  if (filter.exerciseId) query = query.where('e.id', '=', filter.exerciseId);
  const exercises = await query.execute();
  if (exercises.length === 0) return [];
  const submissions = await tx
    .selectFrom('fair_cost_submission')
    .select(['exercise_id', 'provider_label', 'pence_per_unit'])
    .where(
      'exercise_id',
      'in',
      exercises.map((e) => e.id),
    )
    .orderBy('pence_per_unit')
    .orderBy('provider_label')
    .execute();
  return exercises.map((e) => {
    const mine = submissions.filter((s) => s.exercise_id === e.id).map((s) => ({ providerLabel: s.provider_label, pencePerUnit: s.pence_per_unit }));
    return {
      id: e.id,
      name: e.name,
      partnershipId: e.partnership_id,
      partnershipName: e.partnership_name,
      serviceType: e.service_type,
      band: e.band,
      unit: e.unit,
      heldOn: e.held_on,
      result: fairCostOfCare(mine.map((s) => ({ provider: s.providerLabel, pencePerUnit: s.pencePerUnit }))),
      submissions: mine,
    };
  });
}

export async function getExercise(tx: Tx, exerciseId: string): Promise<FairCostExercise> {
  const [exercise] = await listExercises(tx, { exerciseId });
  if (!exercise) throw notFound('Fair cost exercise');
  return exercise;
}

/** Records an exercise and its submissions; the lead commissioner only; nothing written if one submission is wrong. */
export async function createExercise(ctx: Ctx, input: z.infer<typeof createExerciseInput>): Promise<{ id: string; result: FairCostOfCare }> {
  const partnership = await partnershipForLead(ctx, input.partnershipId);
  if (input.submissions.length === 0) throw badRequest('Add at least one provider submission', 'submissions');
  const submissions = input.submissions.map((s, i) => {
    const parsed = fairCostSubmission.safeParse(s);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(issue.message, `submissions[${i}]${issue.path.length ? `.${issue.path.join('.')}` : ''}`);
    }
    return parsed.data;
  });
  const labels = new Set<string>();
  submissions.forEach((s, i) => {
    if (labels.has(s.provider)) throw badRequest(`${s.provider} has more than one submission`, `submissions[${i}].provider`);
    labels.add(s.provider);
  });
  const result = fairCostOfCare(submissions);
  const { id } = await ctx.tx
    .insertInto('fair_cost_exercise')
    .values({
      authority_id: partnership.leadAuthorityId,
      partnership_id: partnership.id,
      name: input.name,
      service_type: input.serviceType,
      band: input.band,
      unit: input.unit,
      held_on: input.heldOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.tx
    .insertInto('fair_cost_submission')
    .values(submissions.map((s) => ({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, exercise_id: id, provider_label: s.provider, pence_per_unit: s.pencePerUnit })))
    .execute();
  return { id, result };
}
