import { assertCriteriaComplete, badRequest, type CriterionInput, type ScaleInput } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { lockProcurement, procurementForLead } from './access.ts';
import { assertBeforePublication } from './commands.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

/**
 * Replaces the whole set of evaluation criteria at once. The set must be complete (weights total 100%,
 * at most one price criterion) or nothing is written: there is never a half-weighted set in the database.
 */
export async function setCriteria(ctx: Ctx, procurementId: string, criteria: CriterionInput[], seenVersion: number): Promise<{ id: string; criteria: number; rowVersion: number }> {
  const p = await procurementForLead(ctx, procurementId);
  assertBeforePublication(p, 'The evaluation criteria', 'criteria');
  assertCriteriaComplete(criteria);
  const rowVersion = await lockProcurement(ctx, p, seenVersion, true);
  await ctx.tx.deleteFrom('evaluation_criterion').where('procurement_id', '=', p.id).execute();
  await ctx.tx
    .insertInto('evaluation_criterion')
    .values(
      criteria.map((c, position) => ({
        authority_id: p.authorityId,
        partnership_id: p.partnershipId,
        procurement_id: p.id,
        kind: c.kind,
        name: c.name,
        guidance: c.guidance ?? null,
        weight_percent: c.weightPercent,
        position,
      })),
    )
    .execute();
  return { id: p.id, criteria: criteria.length, rowVersion };
}

/** The scoring scale (0 to scaleMax, each point described) and the minimum quality threshold. */
export async function setScale(ctx: Ctx, procurementId: string, scale: ScaleInput, qualityThresholdPercent: number | null | undefined, seenVersion: number): Promise<{ id: string; rowVersion: number }> {
  const p = await procurementForLead(ctx, procurementId);
  assertBeforePublication(p, 'The scoring scale', 'scale');
  await lockProcurement(ctx, p, seenVersion);
  const descriptors = [...scale.descriptors].sort((a, b) => a.score - b.score);
  const updated = await ctx.tx
    .updateTable('procurement')
    .set({
      scale_max: scale.scaleMax,
      scale_descriptors: JSON.stringify(descriptors),
      ...(qualityThresholdPercent !== undefined && { quality_threshold_percent: qualityThresholdPercent }),
    })
    .where('id', '=', p.id)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  return { id: p.id, rowVersion: updated.row_version };
}

/** Replaces the pass/fail gateway questions, in the order given. */
export async function setGatewayQuestions(
  ctx: Ctx,
  procurementId: string,
  questions: { question: string; guidance?: string | undefined }[],
  seenVersion: number,
): Promise<{ id: string; questions: number; rowVersion: number }> {
  const p = await procurementForLead(ctx, procurementId);
  assertBeforePublication(p, 'The gateway questions', 'questions');
  const rowVersion = await lockProcurement(ctx, p, seenVersion, true);
  const texts = questions.map((q) => q.question.toLowerCase());
  if (new Set(texts).size !== texts.length) throw badRequest('Each gateway question can be asked only once', 'questions');
  await ctx.tx.deleteFrom('gateway_question').where('procurement_id', '=', p.id).execute();
  if (questions.length > 0) {
    await ctx.tx
      .insertInto('gateway_question')
      .values(
        questions.map((q, position) => ({
          authority_id: p.authorityId,
          partnership_id: p.partnershipId,
          procurement_id: p.id,
          question: q.question,
          guidance: q.guidance ?? null,
          position,
        })),
      )
      .execute();
  }
  return { id: p.id, questions: questions.length, rowVersion };
}
