import { badRequest, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { assertLeadCommissioner, findPartnership } from '../procurement/access.ts';
import { DEFAULT_SECTIONS, type SectionsInput } from './input.ts';
import { lockForEdit, publishDraft } from '../versions.ts';
import { findSpecification } from './queries.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

export const PUBLISHED_IS_IMMUTABLE = 'A published specification version cannot be changed; create a new version';

/** A new overarching specification of a partnership, with version 1 as a draft. Lead commissioner only. */
export async function createSpecification(
  ctx: Ctx,
  input: { partnershipId: string; title: string; serviceType: string; sections?: SectionsInput | undefined },
): Promise<{ id: string; versionId: string }> {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  await assertLeadCommissioner(ctx, partnership);
  const spec = await ctx.tx
    .insertInto('specification')
    .values({ authority_id: partnership.leadAuthorityId, partnership_id: partnership.id, title: input.title, service_type: input.serviceType })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await ctx.tx
    .insertInto('specification_version')
    .values({
      authority_id: partnership.leadAuthorityId,
      partnership_id: partnership.id,
      specification_id: spec.id,
      version: 1,
      sections: JSON.stringify(input.sections ?? DEFAULT_SECTIONS),
      change_note: 'First version',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: spec.id, versionId: version.id };
}

async function specificationForLead(ctx: Ctx, specificationId: string) {
  const spec = await findSpecification(ctx.tx, specificationId);
  await assertLeadCommissioner(ctx, { id: spec.partnership_id, leadAuthorityId: spec.lead_authority_id });
  return spec;
}

async function versionForLead(ctx: Ctx, versionId: string) {
  const version = await ctx.tx
    .selectFrom('specification_version')
    .select(['id', 'specification_id', 'version', 'status', 'sections', 'change_note'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!version) throw notFound('Specification version');
  await specificationForLead(ctx, version.specification_id);
  return version;
}

/**
 * The next version, as a draft copied from the latest one, recording what will change. Only one draft at
 * a time: while the latest version is a draft, edit that instead.
 */
export async function createDraftVersion(ctx: Ctx, specificationId: string, changeNote: string): Promise<{ id: string; version: number }> {
  const spec = await specificationForLead(ctx, specificationId);
  const latest = await ctx.tx
    .selectFrom('specification_version')
    .select(['version', 'status', 'sections'])
    .where('specification_id', '=', specificationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  if (latest.status === 'draft') {
    throw badRequest(`Version ${latest.version} is still a draft: edit it, or publish it before starting another`, 'specificationId');
  }
  const created = await ctx.tx
    .insertInto('specification_version')
    .values({
      authority_id: spec.authority_id,
      partnership_id: spec.partnership_id,
      specification_id: specificationId,
      version: latest.version + 1,
      sections: JSON.stringify(latest.sections),
      change_note: changeNote,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return created;
}

export async function updateDraftVersion(
  ctx: Ctx,
  input: { versionId: string; version: number; sections?: SectionsInput | undefined; changeNote?: string | null | undefined },
): Promise<{ id: string; rowVersion: number }> {
  const version = await versionForLead(ctx, input.versionId);
  if (version.status === 'published') throw badRequest(PUBLISHED_IS_IMMUTABLE, 'versionId');
  await lockForEdit(ctx.tx, 'specification_version', version.id, input.version, 'Specification version');
  const changes: { sections?: string; change_note?: string | null } = {};
  if (input.sections) changes.sections = JSON.stringify(input.sections);
  if (input.changeNote !== undefined) changes.change_note = input.changeNote || null;
  if (Object.keys(changes).length === 0) return { id: version.id, rowVersion: input.version };
  const saved = await ctx.tx.updateTable('specification_version').set(changes).where('id', '=', version.id).returning('row_version').executeTakeFirstOrThrow();
  return { id: version.id, rowVersion: saved.row_version };
}

/**
 * Publishes a draft: from then on it cannot change (the database refuses too). Every section needs some
 * text, and a version after the first needs a note of what changed.
 */
export async function publishVersion(ctx: Ctx, versionId: string, now: Date): Promise<{ id: string; version: number }> {
  const version = await versionForLead(ctx, versionId);
  if (version.status === 'published') throw badRequest(PUBLISHED_IS_IMMUTABLE, 'versionId');
  const empty = version.sections.find((s) => s.body.trim() === '');
  if (empty) throw badRequest(`The section “${empty.heading}” has no text yet`, 'sections');
  if (version.version > 1 && !version.change_note?.trim()) throw badRequest('Say what changed in this version before publishing it', 'changeNote');
  await publishDraft(ctx.tx, 'specification_version', version.id, ctx.session.userId, now);
  return { id: version.id, version: version.version };
}

/** The newest published version of a specification, if any. */
export async function latestPublishedVersion(tx: Tx, specificationId: string): Promise<{ id: string; version: number } | undefined> {
  return tx
    .selectFrom('specification_version')
    .select(['id', 'version'])
    .where('specification_id', '=', specificationId)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

