import {
  anyText,
  dayInput,
  idempotencyKey,
  isStorableText,
  recordVersion,
  requiredText,
  badRequest,
  COST_MODEL_KINDS,
  computeCostModel,
  diffParameters,
  DomainError,
  notFound,
  type CostModelKind,
  type CostModelResult,
  type ParameterChange,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import { z } from 'zod';
import { storableJson } from '../storable-json.ts';
import { costModelForLead, findCostModel, isLeadCommissioner, partnershipForLead, type Ctx } from './access.ts';
import { currentVersion, lockForEdit, publishDraft } from '../versions.ts';

export const PUBLISHED_MODEL_IS_IMMUTABLE = 'A published cost model version cannot be changed; start a new version';

const isoDate = dayInput;

export const costModelKind = z.enum(COST_MODEL_KINDS, { error: 'Choose the kind of cost model' });

export const createCostModelInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  name: requiredText('a name for the cost model', 200),
  kind: costModelKind,
  description: anyText(2_000).optional(),
  effectiveFrom: isoDate('the date the rates take effect'),
  /** Validated against the kind's schema by the domain. */
  parameters: storableJson(),
  idempotencyKey,
});

export const createDraftInput = z.object({
  costModelId: z.uuid('Choose a cost model'),
  effectiveFrom: isoDate('the date the rates take effect'),
  changeNote: z.string().trim().min(1, 'Say what this version changes').max(1_000).refine(isStorableText, 'Remove the invisible control characters from this text'),
});

export const updateDraftInput = z.object({
  versionId: z.uuid('Choose a cost model version'),
  /** The draft's row version the editor loaded: a stale one is CONFLICT, naming who changed it and when. */
  version: recordVersion,
  parameters: storableJson().optional(),
  effectiveFrom: isoDate('the date the rates take effect').optional(),
  changeNote: anyText(1_000).optional(),
});

/** The domain checks the parameters for the kind; its field names are given under "parameters.". */
export function computeParameters(kind: CostModelKind, parameters: unknown): CostModelResult {
  try {
    return computeCostModel(kind, parameters);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'BAD_REQUEST') {
      throw badRequest(error.message, error.field ? `parameters.${error.field}` : 'parameters');
    }
    throw error;
  }
}

export interface CostModelVersionSummary {
  id: string;
  version: number;
  status: 'draft' | 'published';
  effectiveFrom: string;
  changeNote: string | null;
  publishedAt: string | null;
}

export interface CostModelSummary {
  id: string;
  name: string;
  kind: CostModelKind;
  partnershipId: string;
  partnershipName: string;
  /** The newest published version, if any. */
  current: CostModelVersionSummary | null;
  latestVersion: number;
  hasDraft: boolean;
}

const versionSummary = (v: {
  id: string;
  version: number;
  status: 'draft' | 'published';
  effective_from: string;
  change_note: string | null;
  published_at: Date | null;
}): CostModelVersionSummary => ({
  id: v.id,
  version: v.version,
  status: v.status,
  effectiveFrom: v.effective_from,
  changeNote: v.change_note,
  publishedAt: v.published_at ? v.published_at.toISOString() : null,
});

async function versionsOf(tx: Tx, costModelIds: string[]) {
  if (costModelIds.length === 0) return [];
  return tx
    .selectFrom('cost_model_version')
    .select(['id', 'cost_model_id', 'version', 'status', 'effective_from', 'change_note', 'published_at', 'parameters', 'row_version'])
    .where('cost_model_id', 'in', costModelIds)
    .orderBy('version')
    .execute();
}

/** The cost models of my partnerships (every member reads them). */
export async function listCostModels(tx: Tx, partnershipId?: string): Promise<CostModelSummary[]> {
  let query = tx
    .selectFrom('cost_model as m')
    .innerJoin('partnership as p', 'p.id', 'm.partnership_id')
    .select(['m.id', 'm.name', 'm.kind', 'm.partnership_id', 'p.name as partnership_name'])
    .orderBy('p.name')
    .orderBy('m.name');
  if (partnershipId) query = query.where('m.partnership_id', '=', partnershipId);
  const models = await query.execute();
  const versions = await versionsOf(
    tx,
    models.map((m) => m.id),
  );
  return models.map((m) => {
    const mine = versions.filter((v) => v.cost_model_id === m.id);
    const published = mine.filter((v) => v.status === 'published');
    const current = published[published.length - 1];
    return {
      id: m.id,
      name: m.name,
      kind: m.kind,
      partnershipId: m.partnership_id,
      partnershipName: m.partnership_name,
      current: current ? versionSummary(current) : null,
      latestVersion: mine[mine.length - 1]?.version ?? 0,
      hasDraft: mine.some((v) => v.status === 'draft'),
    };
  });
}

export interface CostModelDetail {
  id: string;
  name: string;
  kind: CostModelKind;
  description: string | null;
  partnership: { id: string; name: string; leadAuthorityId: string };
  canEdit: boolean;
  versions: CostModelVersionSummary[];
  /** The version asked for; by default the newest published, else the newest. */
  /** rowVersion: sent back by the draft editor, so a save over someone else's newer one is refused. */
  version: CostModelVersionSummary & { parameters: unknown; result: CostModelResult; rowVersion: number };
}

export async function getCostModel(ctx: Ctx, costModelId: string, versionNumber?: number): Promise<CostModelDetail> {
  const model = await findCostModel(ctx.tx, costModelId);
  const versions = await versionsOf(ctx.tx, [model.id]);
  const published = versions.filter((v) => v.status === 'published');
  const chosen =
    versionNumber === undefined ? (published[published.length - 1] ?? versions[versions.length - 1]) : versions.find((v) => v.version === versionNumber);
  if (!chosen) throw notFound('Cost model version');
  return {
    id: model.id,
    name: model.name,
    kind: model.kind,
    description: model.description,
    partnership: { id: model.partnershipId, name: model.partnershipName, leadAuthorityId: model.leadAuthorityId },
    canEdit: await isLeadCommissioner(ctx, { id: model.partnershipId, leadAuthorityId: model.leadAuthorityId }),
    versions: versions.map(versionSummary),
    version: { ...versionSummary(chosen), parameters: chosen.parameters, result: computeParameters(model.kind, chosen.parameters), rowVersion: chosen.row_version },
  };
}

/** A new model of a partnership, with version 1 as a draft. Lead commissioner only; nothing written on bad parameters. */
export async function createCostModel(ctx: Ctx, input: z.infer<typeof createCostModelInput>): Promise<{ id: string; versionId: string }> {
  const partnership = await partnershipForLead(ctx, input.partnershipId);
  computeParameters(input.kind, input.parameters);
  const model = await ctx.tx
    .insertInto('cost_model')
    .values({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, name: input.name, kind: input.kind, description: input.description || null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await ctx.tx
    .insertInto('cost_model_version')
    .values({
      authority_id: partnership.leadAuthorityId,
      partnership_id: partnership.id,
      cost_model_id: model.id,
      version: 1,
      effective_from: input.effectiveFrom,
      parameters: JSON.stringify(input.parameters),
      change_note: 'First version',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: model.id, versionId: version.id };
}

/** The next version, a draft copied from the newest. One draft at a time. */
export async function createDraftVersion(ctx: Ctx, input: z.infer<typeof createDraftInput>): Promise<{ id: string; version: number }> {
  const model = await costModelForLead(ctx, input.costModelId);
  const latest = await ctx.tx
    .selectFrom('cost_model_version')
    .select(['version', 'status', 'parameters'])
    .where('cost_model_id', '=', model.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  if (latest.status === 'draft') throw badRequest(`Version ${latest.version} is still a draft: edit it, or publish it before starting another`, 'costModelId');
  return ctx.tx
    .insertInto('cost_model_version')
    .values({
      authority_id: model.authorityId,
      partnership_id: model.partnershipId,
      cost_model_id: model.id,
      version: latest.version + 1,
      effective_from: input.effectiveFrom,
      parameters: JSON.stringify(latest.parameters),
      change_note: input.changeNote,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

async function versionForLead(ctx: Ctx, versionId: string) {
  const version = await ctx.tx
    .selectFrom('cost_model_version')
    .select(['id', 'cost_model_id', 'version', 'status', 'parameters', 'change_note'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!version) throw notFound('Cost model version');
  const model = await costModelForLead(ctx, version.cost_model_id);
  return { version, model };
}

/** Changes a draft's parameters, date or note; a published version is refused (and the database refuses too). */
export async function updateDraftVersion(ctx: Ctx, input: z.infer<typeof updateDraftInput>): Promise<{ id: string; result: CostModelResult; rowVersion: number }> {
  const { version, model } = await versionForLead(ctx, input.versionId);
  if (version.status === 'published') throw badRequest(PUBLISHED_MODEL_IS_IMMUTABLE, 'versionId');
  await lockForEdit(ctx.tx, 'cost_model_version', version.id, input.version, 'Cost model version');
  const parameters = input.parameters === undefined ? version.parameters : input.parameters;
  const result = computeParameters(model.kind, parameters);
  const changes: { parameters?: string; effective_from?: string; change_note?: string | null } = {};
  if (input.parameters !== undefined) changes.parameters = JSON.stringify(input.parameters);
  if (input.effectiveFrom !== undefined) changes.effective_from = input.effectiveFrom;
  if (input.changeNote !== undefined) changes.change_note = input.changeNote || null;
  if (Object.keys(changes).length > 0) await ctx.tx.updateTable('cost_model_version').set(changes).where('id', '=', version.id).execute();
  return { id: version.id, result, rowVersion: await currentVersion(ctx.tx, 'cost_model_version', version.id) };
}

export async function publishVersion(ctx: Ctx, versionId: string, now: Date): Promise<{ id: string; version: number }> {
  const { version, model } = await versionForLead(ctx, versionId);
  if (version.status === 'published') throw badRequest(PUBLISHED_MODEL_IS_IMMUTABLE, 'versionId');
  computeParameters(model.kind, version.parameters);
  if (version.version > 1 && !version.change_note?.trim()) throw badRequest('Say what changed in this version before publishing it', 'changeNote');
  await publishDraft(ctx.tx, 'cost_model_version', version.id, ctx.session.userId, now);
  return { id: version.id, version: version.version };
}

export interface CostModelDiff {
  from: CostModelVersionSummary;
  to: CostModelVersionSummary;
  parameters: ParameterChange[];
  /** Each model rate in either version: before, after, and the change. */
  rates: { band: string; fromPence: number | null; toPence: number | null; changePence: number | null }[];
}

export async function diffCostModel(tx: Tx, costModelId: string, from: number, to: number): Promise<CostModelDiff> {
  const model = await findCostModel(tx, costModelId);
  const versions = await versionsOf(tx, [model.id]);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a) throw notFound(`Version ${from}`);
  if (!b) throw notFound(`Version ${to}`);
  const ra = computeParameters(model.kind, a.parameters).rates;
  const rb = computeParameters(model.kind, b.parameters).rates;
  const bands = [...new Set([...ra.map((r) => r.band), ...rb.map((r) => r.band)])];
  return {
    from: versionSummary(a),
    to: versionSummary(b),
    parameters: diffParameters(a.parameters, b.parameters),
    rates: bands.map((band) => {
      const x = ra.find((r) => r.band === band)?.ratePence ?? null;
      const y = rb.find((r) => r.band === band)?.ratePence ?? null;
      return { band, fromPence: x, toPence: y, changePence: x !== null && y !== null ? y - x : null };
    }),
  };
}

/**
 * The rates of a partnership's model of a kind, for comparison: the newest published version taking effect on or
 * before `on` (else the newest published). null when the partnership has no published model of the kind.
 */
export async function modelRatesFor(
  tx: Tx,
  partnershipId: string,
  kind: CostModelKind,
  on: string,
  costModelId?: string,
): Promise<{ costModelId: string; name: string; version: number; effectiveFrom: string; result: CostModelResult } | null> {
  let query = tx
    .selectFrom('cost_model_version as v')
    .innerJoin('cost_model as m', 'm.id', 'v.cost_model_id')
    .select(['m.id', 'm.name', 'v.version', 'v.effective_from', 'v.parameters'])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.kind', '=', kind)
    .where('v.status', '=', 'published')
    .orderBy('m.name')
    .orderBy('v.version', 'desc');
  if (costModelId) query = query.where('m.id', '=', costModelId);
  const rows = await query.execute();
  if (rows.length === 0) {
    if (costModelId) throw notFound('Cost model');
    return null;
  }
  const modelId = rows[0]!.id;
  const ofModel = rows.filter((r) => r.id === modelId);
  const chosen = ofModel.find((r) => r.effective_from <= on) ?? ofModel[0]!;
  return { costModelId: chosen.id, name: chosen.name, version: chosen.version, effectiveFrom: chosen.effective_from, result: computeParameters(kind, chosen.parameters) };
}
