import { anyText, appraisalScale, appraiseOptions, badRequest, idempotencyKey, INT4_MAX, recordVersion, requiredText, DEFAULT_APPRAISAL_SCALE, hasAnyRole, notFound, type OptionsAppraisalResult } from '@concord/domain';
import type { AppraisalCriterionJson, AppraisalOptionJson, AppraisalScaleJson, AppraisalScoreJson, Tx } from '@concord/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { assertLeadCommissioner, findPartnership } from '../procurement/access.ts';
import { lockForEdit } from '../versions.ts';

/**
 * Options appraisals (issue 7). An appraisal is my authority's own; a partnership's appraisal is created by the
 * partnership's lead commissioner and owned (and seen) by the lead authority. The grid is kept whole as JSON in
 * the shape of the domain's appraiseOptions; scores may be missing while it is being built (no totals until every
 * cell is scored), but every score given must be on the scale, and an override must have a reason.
 */

export const EDITOR_ROLES = ['commissioner'] as const;
type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { userId: string; authorityId: string } };

const text = anyText;
const optionShape = z.object({
  id: requiredText('the option id', 100),
  name: requiredText('the option name', 200),
  description: text(5_000).optional(),
  pros: text(5_000).optional(),
  cons: text(5_000).optional(),
});
const criterionShape = z.object({
  id: requiredText('the criterion id', 100),
  name: requiredText('the criterion name', 200),
  question: text(2_000).optional(),
  weight: z.number({ error: 'Weight must be a number' }).finite().min(0, 'Weight must be 0 or more').max(100, 'Weight must be 100 or less').optional(),
});
// Scores are checked against the appraisal's scale by the domain, which names the cell.
const scoreShape = z.object({
  optionId: anyText(100),
  criterionId: anyText(100),
  score: z.number({ error: 'Score must be a number' }).finite().min(-INT4_MAX).max(INT4_MAX),
  rationale: text(5_000).optional(),
});
/** The domain's scale: whole numbers 0–100, the highest above the lowest (checked on create, not only once options exist). */
const scaleShape = appraisalScale;
const overrideShape = z.object({ optionId: anyText(100), reason: anyText(5_000) });

export const appraisalFields = {
  title: requiredText('a title', 300),
  scale: scaleShape.optional(),
  options: z.array(optionShape).max(20, 'An appraisal can have up to 20 options').optional(),
  criteria: z.array(criterionShape).max(50, 'An appraisal can have up to 50 criteria').optional(),
  scores: z.array(scoreShape).max(1_000).optional(),
  override: overrideShape.nullable().optional(),
};
export const createAppraisalInput = z.object({ ...appraisalFields, partnershipId: z.uuid('Choose a partnership').optional(), idempotencyKey });
/** `version`: the appraisal as the editor loaded it (a stale one is CONFLICT, naming who changed it and when). */
export const updateAppraisalInput = z.object({ appraisalId: z.uuid('Choose an appraisal'), version: recordVersion, ...appraisalFields, title: appraisalFields.title.optional() });
export type CreateAppraisalInput = z.infer<typeof createAppraisalInput>;
export type UpdateAppraisalInput = z.infer<typeof updateAppraisalInput>;

interface Grid {
  scale: AppraisalScaleJson;
  options: AppraisalOptionJson[];
  criteria: AppraisalCriterionJson[];
  scores: AppraisalScoreJson[];
  override: { optionId: string; reason: string } | null;
}

export interface AppraisalEvaluation {
  /** Totals, ranking and recommendation; null until every option is scored against every criterion. */
  result: OptionsAppraisalResult | null;
  /** Cells still to score. */
  missing: number;
}

/**
 * Checks a grid with the domain function and returns its result when complete. Missing cells are filled with the
 * lowest score AFTER the given ones, so an error about a given score names its own index (scores[i].score).
 */
export function evaluateGrid(grid: Grid): AppraisalEvaluation {
  const given = new Set(grid.scores.map((s) => `${s.optionId}\u0000${s.criterionId}`));
  const filler = grid.options.flatMap((o) =>
    grid.criteria.filter((c) => !given.has(`${o.id}\u0000${c.id}`)).map((c) => ({ optionId: o.id, criterionId: c.id, score: grid.scale.min })),
  );
  if (grid.options.length === 0 || grid.criteria.length === 0) {
    if (grid.override && grid.override.reason.trim() === '') {
      throw badRequest('Give a reason for recommending an option other than the top score', 'override.reason');
    }
    if (grid.scores.length > 0) throw badRequest('Add options and criteria before scoring', 'scores');
    return { result: null, missing: 0 };
  }
  const result = appraiseOptions({
    options: grid.options.map(({ id, name, description }) => ({ id, name, description })),
    criteria: grid.criteria,
    scale: grid.scale,
    scores: [...grid.scores.map(({ optionId, criterionId, score }) => ({ optionId, criterionId, score })), ...filler],
    override: grid.override ?? undefined,
  });
  return { result: filler.length === 0 ? result : null, missing: filler.length };
}

export async function createAppraisal(ctx: Ctx, input: CreateAppraisalInput): Promise<{ id: string }> {
  if (input.partnershipId) await assertLeadCommissioner(ctx, await findPartnership(ctx.tx, input.partnershipId));
  const grid: Grid = {
    scale: input.scale ?? DEFAULT_APPRAISAL_SCALE,
    options: input.options ?? [],
    criteria: input.criteria ?? [],
    scores: input.scores ?? [],
    override: input.override ?? null,
  };
  evaluateGrid(grid);
  return ctx.tx
    .insertInto('options_appraisal')
    .values({
      authority_id: ctx.session.authorityId,
      partnership_id: input.partnershipId ?? null,
      title: input.title,
      scale: JSON.stringify(grid.scale),
      options: JSON.stringify(grid.options),
      criteria: JSON.stringify(grid.criteria),
      scores: JSON.stringify(grid.scores),
      override_option_id: grid.override?.optionId ?? null,
      override_reason: grid.override?.reason.trim() ?? null,
      created_by: ctx.session.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function findAppraisalRow(tx: Tx, appraisalId: string) {
  const row = await tx.selectFrom('options_appraisal').selectAll().where('id', '=', appraisalId).executeTakeFirst();
  if (!row) throw notFound('Options appraisal');
  return row;
}

export async function updateAppraisal(ctx: Ctx, input: UpdateAppraisalInput): Promise<{ id: string; rowVersion: number }> {
  await findAppraisalRow(ctx.tx, input.appraisalId); // NOT_FOUND for an appraisal this authority cannot see
  await lockForEdit(ctx.tx, 'options_appraisal', input.appraisalId, input.version, 'Options appraisal', ctx.session.authorityId);
  const row = await findAppraisalRow(ctx.tx, input.appraisalId);
  const grid: Grid = {
    scale: input.scale ?? row.scale,
    options: input.options ?? row.options,
    criteria: input.criteria ?? row.criteria,
    scores: input.scores ?? row.scores,
    override:
      input.override === undefined
        ? row.override_option_id
          ? { optionId: row.override_option_id, reason: row.override_reason ?? '' }
          : null
        : input.override,
  };
  // Scores of options or criteria that were removed go with them.
  const optionIds = new Set(grid.options.map((o) => o.id));
  const criterionIds = new Set(grid.criteria.map((c) => c.id));
  if (input.scores === undefined) grid.scores = grid.scores.filter((s) => optionIds.has(s.optionId) && criterionIds.has(s.criterionId));
  if (input.override === undefined && grid.override && !optionIds.has(grid.override.optionId)) grid.override = null;
  evaluateGrid(grid);
  const updated = await ctx.tx
    .updateTable('options_appraisal')
    .set({
      title: input.title ?? row.title,
      scale: JSON.stringify(grid.scale),
      options: JSON.stringify(grid.options),
      criteria: JSON.stringify(grid.criteria),
      scores: JSON.stringify(grid.scores),
      override_option_id: grid.override?.optionId ?? null,
      override_reason: grid.override?.reason.trim() ?? null,
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  return { id: row.id, rowVersion: updated.row_version };
}

export interface AppraisalView extends Grid, AppraisalEvaluation {
  id: string;
  title: string;
  partnershipId: string | null;
  updatedAt: string;
  canEdit: boolean;
}

export function appraisalView(row: Awaited<ReturnType<typeof findAppraisalRow>>, canEdit: boolean): AppraisalView {
  const grid: Grid = {
    scale: row.scale,
    options: row.options,
    criteria: row.criteria,
    scores: row.scores,
    override: row.override_option_id ? { optionId: row.override_option_id, reason: row.override_reason ?? '' } : null,
  };
  return {
    id: row.id,
    title: row.title,
    partnershipId: row.partnership_id,
    updatedAt: new Date(row.updated_at).toISOString(),
    canEdit,
    ...grid,
    ...evaluateGrid(grid),
  };
}

/** An appraisal for its page: with the version its edit form sends back. */
export async function getAppraisal(ctx: Ctx, appraisalId: string): Promise<AppraisalView & { rowVersion: number }> {
  const row = await findAppraisalRow(ctx.tx, appraisalId);
  return { ...appraisalView(row, hasAnyRole(ctx.roles, EDITOR_ROLES)), rowVersion: row.row_version };
}

export async function listAppraisals(tx: Tx) {
  const rows = await tx.selectFrom('options_appraisal').selectAll().orderBy('updated_at', 'desc').execute();
  return rows.map((row) => {
    const view = appraisalView(row, false);
    const top = view.result?.recommended ? view.options.find((o) => o.id === view.result!.recommended!.optionId)?.name ?? null : null;
    return { id: row.id, title: row.title, partnershipId: row.partnership_id, options: view.options.length, criteria: view.criteria.length, missing: view.missing, recommended: top };
  });
}
