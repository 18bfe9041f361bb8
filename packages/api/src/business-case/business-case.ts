import { anyText, badRequest, dayInput, hasAnyRole, idempotencyKey, notFound, pence, recordVersion, requiredText, upliftImpact, upliftInput } from '@concord/domain';
import type { BusinessCaseTable, Tx } from '@concord/db';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import type { TenantContext } from '../context.ts';
import { assertLeadCommissioner, findPartnership } from '../procurement/access.ts';
import { buildDocument, type BusinessCaseDocument, type CaseMeta } from './document.ts';
import { renderDocx } from './docx.ts';
import { gatherFigures, SECTION_KEYS, type BusinessCaseFigures } from './figures.ts';
import { renderPdf } from './pdf.ts';
import { alreadyChanged, lockForEdit } from '../versions.ts';

/**
 * Business cases (issue 7). Draft → submitted → approved. Draft and submitted cases can be edited (a case comes
 * back from a board with comments); an approved case is frozen: its figures are stored as a snapshot when the
 * decision is recorded, every read and export uses the snapshot, and any edit is BAD_REQUEST (a trigger refuses
 * it too). A partnership's case is created by the lead commissioner and owned by the lead authority.
 */

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'now'> & { session: { userId: string; authorityId: string } };

const money = (label: string) => pence(label);
const isoDate = dayInput('the date');
const short = (max: number, what: string) => requiredText(what, max);

export const businessCaseFields = {
  title: short(300, 'a title'),
  appraisalId: z.uuid('Choose an options appraisal').nullable().optional(),
  demandModelId: z.uuid('Choose a demand model').nullable().optional(),
  sections: z.partialRecord(z.enum(SECTION_KEYS), anyText(50_000)).optional(),
  currentService: z.array(z.object({ label: short(300, 'what the figure is'), value: short(100, 'the figure'), source: anyText(300).optional() })).max(100).optional(),
  milestones: z.array(z.object({ activity: short(300, 'the activity'), date: isoDate })).max(100).optional(),
  financial: z
    .object({
      serviceType: requiredText('the service type', 50).optional(),
      liveAsAt: isoDate.optional(),
      financialYear: z.number().int('Financial year must be a whole year').min(2000).max(2100).optional(),
      budgetYear: anyText(20).optional(),
      budgetPence: money('Budget').optional(),
      contractTermYears: z.number().int().min(1).max(50).optional(),
      contractValuePence: money('Contract value').optional(),
      // Typed by the author: the domain's uplift input, with its typing-slip cap on weekly costs.
      // Without placements, the uplift is costed on the register's placements of the service type, as the
      // budgets calculator costs it (issue 13); the readings are the calculator's.
      uplift: upliftInput
        .pick({ placements: true, risePercent: true, extraPaidWeeks: true, startMonth: true, extraWeeksInPartYear: true, extraWeeksAt: true })
        .extend({ placements: upliftInput.shape.placements.max(100).optional() })
        .optional(),
      upliftStatedPence: money('Stated uplift cost').optional(),
      notes: anyText(5_000).optional(),
    })
    .optional(),
  outcomes: z.array(z.object({ outcome: short(2_000, 'the outcome'), benefit: short(5_000, 'the benefit'), category: short(200, 'the category') })).max(50).optional(),
};
export const createBusinessCaseInput = z.object({ ...businessCaseFields, partnershipId: z.uuid('Choose a partnership').optional(), idempotencyKey });
export const updateBusinessCaseInput = z.object({
  businessCaseId: z.uuid('Choose a business case'),
  /** The version of the case the editor loaded: a stale one is CONFLICT, naming who changed it and when. */
  version: recordVersion,
  ...businessCaseFields,
  title: businessCaseFields.title.optional(),
});
export const approveInput = z.object({
  businessCaseId: z.uuid('Choose a business case'),
  decisionMaker: short(300, 'who made the decision'),
  approvedOn: isoDate,
  decisionReference: short(200, 'the decision reference'),
});

type Row = Selectable<BusinessCaseTable>;

async function findRow(tx: Tx, id: string): Promise<Row> {
  const row = await tx.selectFrom('business_case').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Business case');
  return row;
}

export const FROZEN = 'This business case has been approved and is frozen: it cannot be changed';

function assertEditable(row: Row): void {
  if (row.status === 'approved') throw badRequest(FROZEN, 'businessCaseId');
}

async function checkLinks(ctx: Ctx, input: { appraisalId?: string | null; demandModelId?: string | null; financial?: z.infer<typeof businessCaseFields.financial> }) {
  if (input.appraisalId) {
    const a = await ctx.tx.selectFrom('options_appraisal').select('id').where('id', '=', input.appraisalId).executeTakeFirst();
    if (!a) throw badRequest('Choose one of your options appraisals', 'appraisalId');
  }
  if (input.demandModelId) {
    const d = await ctx.tx.selectFrom('demand_model').select('id').where('id', '=', input.demandModelId).executeTakeFirst();
    if (!d) throw badRequest('Choose one of your demand models', 'demandModelId');
  }
  if (input.financial?.uplift) {
    // The domain checks the uplift (rates, percentage, start month) and names the field.
    const { placements, ...uplift } = input.financial.uplift;
    if (!placements?.length && !input.financial.serviceType) {
      throw badRequest('Choose the service type whose placements the uplift is costed on, or enter the placements', 'financial.serviceType');
    }
    try {
      // Costed on the register when no placements are typed: check the rest against one empty placement.
      upliftImpact({ ...uplift, placements: placements?.length ? placements : [{ weeklyPence: 0, count: 0 }] });
    } catch (error) {
      const e = error as { field?: string; message: string };
      throw badRequest(e.message, `financial.uplift${e.field ? `.${e.field}` : ''}`);
    }
  }
}

export async function createBusinessCase(ctx: Ctx, input: z.infer<typeof createBusinessCaseInput>): Promise<{ id: string }> {
  if (input.partnershipId) await assertLeadCommissioner(ctx, await findPartnership(ctx.tx, input.partnershipId));
  await checkLinks(ctx, input);
  return ctx.tx
    .insertInto('business_case')
    .values({
      authority_id: ctx.session.authorityId,
      partnership_id: input.partnershipId ?? null,
      title: input.title,
      appraisal_id: input.appraisalId ?? null,
      demand_model_id: input.demandModelId ?? null,
      sections: JSON.stringify(input.sections ?? {}),
      current_service: JSON.stringify(input.currentService ?? []),
      milestones: JSON.stringify(input.milestones ?? []),
      financial: JSON.stringify(input.financial ?? {}),
      outcomes: JSON.stringify(input.outcomes ?? []),
      created_by: ctx.session.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateBusinessCase(ctx: Ctx, input: z.infer<typeof updateBusinessCaseInput>): Promise<{ id: string; rowVersion: number }> {
  await findRow(ctx.tx, input.businessCaseId);
  await lockForEdit(ctx.tx, 'business_case', input.businessCaseId, input.version, 'Business case', ctx.session.authorityId);
  const row = await findRow(ctx.tx, input.businessCaseId);
  assertEditable(row);
  await checkLinks(ctx, input);
  const updated = await ctx.tx
    .updateTable('business_case')
    .set({
      title: input.title ?? row.title,
      appraisal_id: input.appraisalId === undefined ? row.appraisal_id : input.appraisalId,
      demand_model_id: input.demandModelId === undefined ? row.demand_model_id : input.demandModelId,
      sections: JSON.stringify(input.sections ? { ...row.sections, ...input.sections } : row.sections),
      current_service: JSON.stringify(input.currentService ?? row.current_service),
      milestones: JSON.stringify(input.milestones ?? row.milestones),
      financial: JSON.stringify(input.financial ?? row.financial),
      outcomes: JSON.stringify(input.outcomes ?? row.outcomes),
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  return { id: row.id, rowVersion: updated.row_version };
}

export async function submitBusinessCase(ctx: Ctx, id: string): Promise<{ id: string; status: 'submitted' }> {
  const row = await findRow(ctx.tx, id);
  if (row.status !== 'draft') throw badRequest(row.status === 'approved' ? FROZEN : 'This business case has already been submitted', 'businessCaseId');
  const figures = await gatherFigures(ctx.tx, row, ctx.now());
  if (!figures.recommended) throw badRequest('Link an options appraisal with every score entered and a recommended option before submitting', 'appraisalId');
  const submitted = await ctx.tx
    .updateTable('business_case')
    .set({ status: 'submitted', submitted_at: ctx.now(), submitted_by: ctx.session.userId, updated_at: new Date() })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  if (!submitted) throw await alreadyChanged(ctx.tx, 'business_case', row.id, 'This business case was already submitted');
  return { id: row.id, status: 'submitted' };
}

/** Records the decision and freezes the case: every figure is stored, as it is now, in the snapshot. */
export async function approveBusinessCase(ctx: Ctx, input: z.infer<typeof approveInput>): Promise<{ id: string; status: 'approved' }> {
  const row = await findRow(ctx.tx, input.businessCaseId);
  if (row.status === 'approved') throw badRequest(FROZEN, 'businessCaseId');
  if (row.status !== 'submitted') throw badRequest('Submit the business case before recording its approval', 'businessCaseId');
  const figures = await gatherFigures(ctx.tx, row, ctx.now());
  if (!figures.recommended) throw badRequest('The options appraisal no longer recommends an option: complete it before approval', 'appraisalId');
  const approved = await ctx.tx
    .updateTable('business_case')
    .set({
      status: 'approved',
      approved_by: ctx.session.userId,
      approved_on: input.approvedOn,
      decision_maker: input.decisionMaker,
      decision_reference: input.decisionReference,
      approved_at: ctx.now(),
      snapshot: JSON.stringify(figures),
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'submitted')
    .returning('id')
    .executeTakeFirst();
  if (!approved) throw await alreadyChanged(ctx.tx, 'business_case', row.id, 'This business case was already decided');
  return { id: row.id, status: 'approved' };
}

function meta(row: Row): CaseMeta {
  return {
    status: row.status,
    decision:
      row.status === 'approved' ? { decisionMaker: row.decision_maker ?? '', approvedOn: row.approved_on ?? '', reference: row.decision_reference ?? '' } : null,
  };
}

/** Live figures for a draft or submitted case; the snapshot for an approved one. */
async function figuresOf(ctx: Ctx, row: Row): Promise<BusinessCaseFigures> {
  if (row.status === 'approved') return row.snapshot as BusinessCaseFigures;
  return gatherFigures(ctx.tx, row, ctx.now());
}

export interface BusinessCaseView {
  id: string;
  title: string;
  partnershipId: string | null;
  status: Row['status'];
  appraisalId: string | null;
  demandModelId: string | null;
  sections: Row['sections'];
  currentService: Row['current_service'];
  milestones: Row['milestones'];
  financial: Row['financial'];
  outcomes: Row['outcomes'];
  submittedAt: string | null;
  decision: { decisionMaker: string; approvedOn: string; reference: string; recordedBy: string | null } | null;
  /** Whether the figures are the snapshot taken at approval (true) or live (false). */
  frozen: boolean;
  figures: BusinessCaseFigures;
  document: BusinessCaseDocument;
  canEdit: boolean;
  /** Sent back by the edit form: a save from a stale version is CONFLICT. */
  rowVersion: number;
}

export async function getBusinessCase(ctx: Ctx, id: string): Promise<BusinessCaseView> {
  const row = await findRow(ctx.tx, id);
  const figures = await figuresOf(ctx, row);
  let recordedBy: string | null = null;
  if (row.approved_by) {
    const u = await ctx.tx.selectFrom('app_user').select('display_name').where('id', '=', row.approved_by).executeTakeFirst();
    recordedBy = u?.display_name ?? null;
  }
  const m = meta(row);
  return {
    id: row.id,
    title: row.title,
    partnershipId: row.partnership_id,
    status: row.status,
    appraisalId: row.appraisal_id,
    demandModelId: row.demand_model_id,
    sections: row.sections,
    currentService: row.current_service,
    milestones: row.milestones,
    financial: row.financial,
    outcomes: row.outcomes,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    decision: m.decision ? { ...m.decision, recordedBy } : null,
    frozen: row.status === 'approved',
    figures,
    document: buildDocument(figures, m),
    canEdit: row.status !== 'approved' && hasAnyRole(ctx.roles, EDITOR_ROLES),
    rowVersion: row.row_version,
  };
}

export async function listBusinessCases(tx: Tx) {
  const rows = await tx.selectFrom('business_case').select(['id', 'title', 'status', 'partnership_id', 'approved_on', 'updated_at']).orderBy('updated_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, partnershipId: r.partnership_id, approvedOn: r.approved_on }));
}

export const EXPORT_FORMATS = {
  pdf: { mimeType: 'application/pdf', extension: 'pdf' },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
} as const;

/** The paper as a file: base64, with a filename and MIME type for the browser to download. */
export async function exportBusinessCase(ctx: Ctx, id: string, format: keyof typeof EXPORT_FORMATS) {
  const row = await findRow(ctx.tx, id);
  const document = buildDocument(await figuresOf(ctx, row), meta(row));
  const bytes = format === 'pdf' ? await renderPdf(document) : await renderDocx(document);
  const slug = row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'business-case';
  const { mimeType, extension } = EXPORT_FORMATS[format];
  return { filename: `${slug}${row.status === 'approved' ? '-approved' : ''}.${extension}`, mimeType, base64: bytes.toString('base64') };
}
