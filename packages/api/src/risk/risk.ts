import {
  assessRisk,
  assessRiskRegister,
  DEFAULT_RAG_MATRIX,
  hasAnyRole,
  notFound,
  ragMatrixFromScores,
  staleEdit,
  type AssessedRiskRegister,
  type RagMatrix,
  type RagRating,
} from '@concord/domain';
import type { RiskSubjectKind, Tx } from '@concord/db';
import { sql } from 'kysely';
import { anyText, idempotencyKey, recordVersion, wholeNumber } from '@concord/domain';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { findProcurement } from '../procurement/access.ts';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import { lockForEdit, refuseIfStale } from '../versions.ts';

/**
 * The risk register (issue 7). A risk is my authority's own and belongs to one thing: a business case of mine,
 * a procurement I can see (my own risks about a joint procurement), or a contract of mine. Scores and RAG bands
 * come from the domain's assessRiskRegister with my authority's 5×5 matrix (the default bands the score:
 * 1–4 green, 5–12 amber, 15–25 red). A mitigation that raises the score is shown and flagged, never corrected.
 * Risks stay editable after a business case is approved: the register is a living document; the approved paper
 * keeps the register as it was, in its snapshot.
 */

type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { userId: string; authorityId: string } };

export const SUBJECT_KINDS = ['business_case', 'procurement', 'contract'] as const;
const subject = { subjectKind: z.enum(SUBJECT_KINDS, { error: 'Choose a business case, procurement or contract' }), subjectId: z.uuid('Choose what the risk belongs to') };
// Bounded here so nothing huge reaches the database; the domain checks each is a whole number from 1 to 5, naming it.
const rating = z.number({ error: 'Enter a number from 1 to 5' }).finite().min(-1000).max(1000);
const assessment = z.object({ likelihood: rating, impact: rating });
const fields = {
  description: anyText(2_000),
  owner: anyText(200).nullable().optional(),
  before: assessment,
  mitigation: anyText(5_000).optional(),
  after: assessment,
};
export const listRisksInput = z.object(subject);
export const createRiskInput = z.object({ ...subject, ...fields, idempotencyKey });
/** `version`: the risk as the editor loaded it (a stale one is CONFLICT, naming who changed it and when). */
export const updateRiskInput = z.object({ riskId: z.uuid('Choose a risk'), version: recordVersion, ...fields, description: fields.description.optional(), before: assessment.optional(), after: assessment.optional() });
/** `version`: the matrix as the editor loaded it (`risk.matrix`'s rowVersion; 1 for the default bands). */
const matrixVersion = { version: recordVersion };
export const setMatrixInput = z.intersection(
  z.object(matrixVersion),
  z.union([
    z.object({ matrix: z.array(z.array(anyText(20)).max(10)).max(10) }),
    z.object({ amberFrom: wholeNumber('where amber starts', { max: 100 }), redFrom: wholeNumber('where red starts', { max: 100 }) }),
  ]),
);

/** The default bands are version 1 of every authority's matrix; a row, once written, is at 2 or later (migration 0047). */
const DEFAULT_MATRIX_VERSION = 1;

/** My authority's RAG matrix, or the default, and its version (to send back with a change). */
export async function authorityMatrix(tx: Tx): Promise<{ matrix: RagMatrix; isDefault: boolean; rowVersion: number }> {
  const row = await tx.selectFrom('risk_rag_matrix').select(['matrix', 'row_version']).executeTakeFirst();
  return row ? { matrix: row.matrix, isDefault: false, rowVersion: row.row_version } : { matrix: DEFAULT_RAG_MATRIX, isDefault: true, rowVersion: DEFAULT_MATRIX_VERSION };
}

/**
 * Sets my authority's matrix if the editor's version is still its version (locked for the rest of the transaction),
 * else CONFLICT naming who changed it and when. Of two first matrices at once, the second finds the first's row.
 */
export async function setAuthorityMatrix(ctx: Ctx, input: z.infer<typeof setMatrixInput>): Promise<{ matrix: RagMatrix; rowVersion: number }> {
  const matrix = 'matrix' in input ? (input.matrix as RagMatrix) : ragMatrixFromScores(input);
  assessRiskRegister([], matrix); // the domain checks the matrix: 5 × 5 cells of green, amber or red
  const authorityId = ctx.session.authorityId;
  const stamp = await ctx.tx
    .selectFrom('risk_rag_matrix')
    .select(['row_version', 'updated_at', 'updated_by'])
    .where('authority_id', '=', authorityId)
    .forUpdate()
    .executeTakeFirst();
  if (stamp) {
    await refuseIfStale(ctx.tx, stamp, input.version);
    const updated = await ctx.tx
      .updateTable('risk_rag_matrix')
      .set({ matrix: JSON.stringify(matrix) })
      .where('authority_id', '=', authorityId)
      .returning('row_version')
      .executeTakeFirstOrThrow();
    return { matrix, rowVersion: updated.row_version };
  }
  if (input.version !== DEFAULT_MATRIX_VERSION) throw staleEdit(null, new Date());
  const inserted = await ctx.tx
    .insertInto('risk_rag_matrix')
    .values({ authority_id: authorityId, matrix: JSON.stringify(matrix) })
    .onConflict((oc) => oc.column('authority_id').doNothing())
    .returning('authority_id')
    .executeTakeFirst();
  if (!inserted) {
    // Another first matrix was written since this transaction looked: it is the newer one.
    const theirs = await ctx.tx.selectFrom('risk_rag_matrix').select(['row_version', 'updated_at', 'updated_by']).where('authority_id', '=', authorityId).executeTakeFirstOrThrow();
    await refuseIfStale(ctx.tx, theirs, input.version);
  }
  // The trigger wrote the new row at 1, which is the default bands' version: move it on, so a form that loaded the
  // defaults is stale now (an update of the matrix to itself: Citus refuses one that sets the distribution column).
  const bumped = await ctx.tx
    .updateTable('risk_rag_matrix')
    .set({ matrix: sql`matrix` })
    .where('authority_id', '=', authorityId)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  return { matrix, rowVersion: bumped.row_version };
}

/** NOT_FOUND unless the subject exists and I can see it. */
export async function assertSubject(tx: Tx, kind: RiskSubjectKind, id: string): Promise<void> {
  if (kind === 'business_case') {
    const row = await tx.selectFrom('business_case').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Business case');
  } else if (kind === 'procurement') {
    await findProcurement(tx, id);
  } else {
    // The contract register (issue 4) may not be migrated yet: ask whether the table exists before reading it.
    const exists = await sql<{ t: string | null }>`SELECT to_regclass('contract')::text AS t`.execute(tx);
    const found = exists.rows[0]?.t ? await sql`SELECT 1 FROM contract WHERE id = ${id}`.execute(tx) : { rows: [] };
    if (found.rows.length === 0) throw notFound('Contract');
  }
}

function check(entry: { description: string; before: { likelihood: number; impact: number }; mitigation?: string; after: { likelihood: number; impact: number } }) {
  // The domain checks it (likelihood and impact whole numbers 1–5, a description) and names the field.
  const { description, mitigation, before, after } = assessRisk({ id: 'risk', ...entry });
  return { description, mitigation, before, after };
}

export async function createRisk(ctx: Ctx, input: z.infer<typeof createRiskInput>): Promise<{ id: string }> {
  const v = check(input);
  await assertSubject(ctx.tx, input.subjectKind, input.subjectId);
  const last = await ctx.tx
    .selectFrom('risk')
    .select(sql<number>`coalesce(max(position), -1)::int`.as('p'))
    .where('subject_kind', '=', input.subjectKind)
    .where('subject_id', '=', input.subjectId)
    .executeTakeFirstOrThrow();
  return ctx.tx
    .insertInto('risk')
    .values({
      authority_id: ctx.session.authorityId,
      subject_kind: input.subjectKind,
      subject_id: input.subjectId,
      position: last.p + 1,
      description: v.description,
      owner: input.owner || null,
      before_likelihood: v.before.likelihood,
      before_impact: v.before.impact,
      mitigation: v.mitigation,
      after_likelihood: v.after.likelihood,
      after_impact: v.after.impact,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function findRisk(tx: Tx, riskId: string) {
  const row = await tx.selectFrom('risk').selectAll().where('id', '=', riskId).executeTakeFirst();
  if (!row) throw notFound('Risk');
  return row;
}

export async function updateRisk(ctx: Ctx, input: z.infer<typeof updateRiskInput>): Promise<{ id: string; rowVersion: number }> {
  await findRisk(ctx.tx, input.riskId); // NOT_FOUND for a risk this authority cannot see
  await lockForEdit(ctx.tx, 'risk', input.riskId, input.version, 'Risk', ctx.session.authorityId);
  const row = await findRisk(ctx.tx, input.riskId);
  const v = check({
    description: input.description ?? row.description,
    before: input.before ?? { likelihood: row.before_likelihood, impact: row.before_impact },
    mitigation: input.mitigation ?? row.mitigation,
    after: input.after ?? { likelihood: row.after_likelihood, impact: row.after_impact },
  });
  return ctx.tx
    .updateTable('risk')
    .set({
      description: v.description,
      owner: input.owner === undefined ? row.owner : input.owner || null,
      before_likelihood: v.before.likelihood,
      before_impact: v.before.impact,
      mitigation: v.mitigation,
      after_likelihood: v.after.likelihood,
      after_impact: v.after.impact,
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .returning('row_version')
    .executeTakeFirstOrThrow()
    .then((r) => ({ id: row.id, rowVersion: r.row_version }));
}

export async function deleteRisk(ctx: Ctx, riskId: string): Promise<{ id: string }> {
  const row = await findRisk(ctx.tx, riskId);
  await ctx.tx.deleteFrom('risk').where('id', '=', row.id).execute();
  return { id: row.id };
}

export interface RiskRow {
  id: string;
  position: number;
  description: string;
  owner: string | null;
  mitigation: string;
}

export interface RiskRegisterView extends AssessedRiskRegister {
  subjectKind: RiskSubjectKind;
  subjectId: string;
  matrix: RagMatrix;
  owners: Record<string, string | null>;
  /** Each risk's row version, sent back with an edit so a stale one is refused. */
  versions: Record<string, number>;
  canEdit: boolean;
}

/** The register of one subject, assessed with my matrix. */
export async function riskRegister(tx: Tx, kind: RiskSubjectKind, id: string, canEdit = false): Promise<RiskRegisterView> {
  const rows = await tx
    .selectFrom('risk')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  const { matrix } = await authorityMatrix(tx);
  const register = assessRiskRegister(
    rows.map((r) => ({
      id: r.id,
      description: r.description,
      mitigation: r.mitigation,
      before: { likelihood: r.before_likelihood, impact: r.before_impact },
      after: { likelihood: r.after_likelihood, impact: r.after_impact },
    })),
    matrix,
  );
  return { ...register, subjectKind: kind, subjectId: id, matrix, owners: Object.fromEntries(rows.map((r) => [r.id, r.owner])), versions: Object.fromEntries(rows.map((r) => [r.id, r.row_version])), canEdit };
}

export async function listRisks(ctx: Ctx, input: z.infer<typeof listRisksInput>): Promise<RiskRegisterView> {
  await assertSubject(ctx.tx, input.subjectKind, input.subjectId);
  return riskRegister(ctx.tx, input.subjectKind, input.subjectId, hasAnyRole(ctx.roles, EDITOR_ROLES));
}

export const RAG_TEXT: Record<RagRating, string> = { green: 'Green', amber: 'Amber', red: 'Red' };
