import { assertScoreOnScale, badRequest, notFound, type ModerationInput, type ScoreInput } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { setKeyedFromForm } from '../versioned-upsert.ts';
import { assertStillOpen } from './commands.ts';
import { applicationForEvaluator, applicationForModerator } from './queries.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session' | 'now'>;

const STAMP = ['row_version', 'updated_at', 'updated_by'] as const;

/**
 * Scores are records of their own, each with its own version (migration 0055): a save holds the application only
 * FOR SHARE, so saves of any criteria by any evaluators go on at once, while a decision or a failed gateway being
 * made (which update the application) is waited for and then seen: no score is written to a decided application.
 */
async function holdOpenApplication(tx: Tx, applicationId: string): Promise<void> {
  const application = await tx.selectFrom('application').select('status').where('id', '=', applicationId).forShare().executeTakeFirst();
  if (!application) throw notFound('Application');
  assertStillOpen(application);
}

/** A criterion of the procurement that evaluators score, and the procurement's scale checked for `score`. */
async function scoredCriterion(tx: Tx, procurementId: string, input: { criterionId: string; score: number }): Promise<void> {
  const criterion = await tx.selectFrom('evaluation_criterion').select('kind').where('id', '=', input.criterionId).where('procurement_id', '=', procurementId).executeTakeFirst();
  if (!criterion) throw badRequest('Choose a criterion of this procurement', 'criterionId');
  if (criterion.kind === 'price') throw badRequest('Price is scored from the bids by formula, not by evaluators', 'criterionId');
  const { scale_max } = await tx.selectFrom('procurement').select('scale_max').where('id', '=', procurementId).executeTakeFirstOrThrow();
  assertScoreOnScale(input.score, scale_max, 'score');
}

/**
 * My own score for one criterion of one application, with its rationale. Each evaluator scores independently: the
 * score is recorded against me, and scoring again replaces only my own score, from the version of it my form saw
 * (`version`, null when I had not scored it): CONFLICT when I saved it meanwhile elsewhere (another tab or device).
 * Other evaluators' scores, and my scores of other criteria, are other records: saving them at once never conflicts.
 */
export async function scoreApplication(ctx: Ctx, input: ScoreInput): Promise<{ id: string; rowVersion: number }> {
  const { application, procurement } = await applicationForEvaluator(ctx, input.applicationId);
  await holdOpenApplication(ctx.tx, application.id);
  await scoredCriterion(ctx.tx, procurement.id, input);
  const key = { application_id: application.id, criterion_id: input.criterionId, evaluator_id: ctx.session.userId };
  const saved = await setKeyedFromForm(ctx.tx, { what: 'Score', lead: 'You scored this criterion meanwhile (in another window)' }, input.version, {
    insert: () =>
      ctx.tx
        .insertInto('evaluation_score')
        .values({ authority_id: procurement.authorityId, ...key, score: input.score, rationale: input.rationale })
        .onConflict((oc) => oc.columns(['application_id', 'criterion_id', 'evaluator_id']).doNothing())
        .returning(['id', 'row_version'])
        .executeTakeFirst(),
    update: (seen) =>
      ctx.tx
        .updateTable('evaluation_score')
        .set({ score: input.score, rationale: input.rationale, scored_at: ctx.now() })
        .where((eb) => eb.and(key))
        .where('row_version', '=', seen)
        .returning(['id', 'row_version'])
        .executeTakeFirst(),
    stamp: () => ctx.tx.selectFrom('evaluation_score').select(STAMP).where((eb) => eb.and(key)).executeTakeFirst(),
  });
  return { id: saved.id, rowVersion: saved.row_version };
}

/**
 * The agreed score of one criterion after moderation, and why. Lead commissioner only, once at least one evaluator
 * has scored it. From the version of the agreed score the form saw (`version`, null when none was agreed): of two
 * moderators saving the same criterion from one version, the second is refused (CONFLICT); other criteria are other
 * records.
 */
export async function moderateScore(ctx: Ctx, input: ModerationInput): Promise<{ id: string; rowVersion: number }> {
  const { application, procurement } = await applicationForModerator(ctx, input.applicationId);
  await holdOpenApplication(ctx.tx, application.id);
  await scoredCriterion(ctx.tx, procurement.id, input);
  const scored = await ctx.tx.selectFrom('evaluation_score').select('id').where('application_id', '=', application.id).where('criterion_id', '=', input.criterionId).executeTakeFirst();
  if (!scored) throw badRequest('Moderate a criterion after the evaluators have scored it', 'criterionId');
  const key = { authority_id: procurement.authorityId, application_id: application.id, criterion_id: input.criterionId };
  const agreed = { score: input.score, rationale: input.rationale, moderated_by: ctx.session.userId };
  const saved = await setKeyedFromForm(ctx.tx, { what: 'Agreed score', lead: 'A score for this criterion was agreed while you were moderating' }, input.version, {
    insert: () =>
      ctx.tx
        .insertInto('moderated_score')
        .values({ ...key, ...agreed })
        .onConflict((oc) => oc.columns(['authority_id', 'application_id', 'criterion_id']).doNothing())
        .returning('row_version')
        .executeTakeFirst(),
    update: (seen) =>
      ctx.tx
        .updateTable('moderated_score')
        .set({ ...agreed, moderated_at: ctx.now() })
        .where((eb) => eb.and(key))
        .where('row_version', '=', seen)
        .returning('row_version')
        .executeTakeFirst(),
    stamp: () => ctx.tx.selectFrom('moderated_score').select(STAMP).where((eb) => eb.and(key)).executeTakeFirst(),
  });
  return { id: application.id, rowVersion: saved.row_version };
}
