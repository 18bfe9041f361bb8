import { badRequest, noticeLabel, notFound, PROCUREMENT_ACT_COMMENCEMENT, longDate, VOLUNTARY_STANDSTILL_FIELD } from '@concord/domain';
import { lockForEdit } from '../versions.ts';
import { ocidPrefix } from '../procurement/ocds.ts';
import { assertMayWrite, assertUnderAct, callOffScope, contractScope, procurementScope, type Ctx } from './access.ts';
import { assertFieldValues, assertTenderNoticeMayGo } from './checks.ts';
import { keyOf, loadScopes, type NoticeKey, type Scope } from './facts.ts';
import { editableFields, REQUIRED_FIELDS, suppliersOf } from './fields.ts';
import type { DraftInput, MarkPublishedInput, UpdateInput, WithdrawInput } from './input.ts';
import { itemsOf, londonToday, NOTICE_COLUMNS, scopeRows, toRecord, type NoticeRow } from './items.ts';
import { noticeReleasePackage } from './ocds.ts';
import { assertPipelineYear } from './pipeline.ts';
import type { NoticeRecord } from './types.ts';

const FINANCIAL_YEAR = /^\d{4}-04-01$/;

/** A notice by id (NOT_FOUND when I cannot see it), with the scope it belongs to (null for a UK1). */
export async function findNotice(ctx: Ctx, id: string): Promise<{ row: NoticeRow; scope: Scope | null }> {
  const row = (await ctx.tx.selectFrom('procurement_notice').select([...NOTICE_COLUMNS]).where('id', '=', id).executeTakeFirst()) as NoticeRow | undefined;
  if (!row) throw notFound('Notice');
  return { row, scope: await scopeOfRow(ctx, row) };
}

async function scopeOfRow(ctx: Ctx, row: NoticeRow): Promise<Scope | null> {
  const today = londonToday(ctx);
  if (row.procurement_id) return (await loadScopes(ctx.tx, { procurementIds: [row.procurement_id] }, today))[0] ?? null;
  if (row.call_off_id) return (await loadScopes(ctx.tx, { callOffIds: [row.call_off_id] }, today))[0] ?? null;
  if (row.contract_id) return contractScope(ctx, row.contract_id);
  return null;
}

async function authorityOf(ctx: Ctx, id: string) {
  return ctx.tx.selectFrom('authority').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The OCDS release of a notice as it stands (dated `date`). */
export async function releaseOf(ctx: Ctx, row: NoticeRow, scope: Scope | null, date: string, noticeIdentifier = row.notice_identifier) {
  const authority = await authorityOf(ctx, row.authority_id);
  const suppliers = scope ? await suppliersOf(ctx.tx, scope) : [];
  const pipeline = row.notice_type === 'UK1' ? await pipelineOf(ctx, row.subject_id) : undefined;
  return noticeReleasePackage({
    notice: { id: row.id, type: row.notice_type, fields: row.fields ?? {}, subjectId: row.subject_id, contractId: row.contract_id, noticeIdentifier },
    date,
    scope,
    authority,
    suppliers,
    ocidPrefix: ocidPrefix(),
    ...(pipeline ? { pipeline } : {}),
  });
}

/** A UK1's contents: my contracts of more than £2 million starting in the financial year from `year`. */
async function pipelineOf(ctx: Ctx, year: string) {
  const end = `${Number(year.slice(0, 4)) + 1}-03-31`;
  const contracts = await ctx.tx
    .selectFrom('contract')
    .select(['id', 'reference', 'title', 'total_value_pence'])
    .where('start_date', '>=', year)
    .where('start_date', '<=', end)
    .where('total_value_pence', '>', 2_000_000 * 100)
    .orderBy('reference')
    .execute();
  return { year, contracts: contracts.map((c) => ({ id: c.id, reference: c.reference, title: c.title, totalValuePence: c.total_value_pence })) };
}

/** Fields a fresh draft starts with, from what Concord already holds (a person may change them). */
function initialFields(scope: Scope | null, type: string, key: NoticeKey): Record<string, string> {
  if (type === 'UK10' && scope) {
    const v = scope.contracts.flatMap((c) => c.variations).find((x) => x.id === key.subjectId);
    if (v) return { changeDescription: v.justification };
  }
  // A light touch contract's award observes a voluntary standstill unless the authority chooses otherwise (s.51(3)).
  if (type === 'UK6') return { [VOLUNTARY_STANDSTILL_FIELD]: 'yes' };
  if (type === 'UK4') return { procedure: 'open' };
  return {};
}

export async function draftNotice(ctx: Ctx, input: DraftInput): Promise<NoticeRecord> {
  if (input.type === 'UK1') return draftPipeline(ctx, input);
  if ([input.procurementId, input.contractId, input.callOffId].filter(Boolean).length !== 1) throw badRequest('Name either the procurement, the call-off or the contract the notice is for', 'procurementId');
  const scope = input.procurementId ? await procurementScope(ctx, input.procurementId) : input.callOffId ? await callOffScope(ctx, input.callOffId) : await contractScope(ctx, input.contractId!);
  await assertMayWrite(ctx, scope, scope.authorityId);
  assertUnderAct(scope, input.type);
  const today = londonToday(ctx);
  const rows = await scopeRows(ctx.tx, scope);
  const items = itemsOf(scope, rows, [], today).filter((i) => i.type === input.type);
  // UK7 and UK11 are about a contract: the contract named, else the subject given.
  const wanted = input.subjectId ?? (input.type === 'UK7' || input.type === 'UK11' ? (input.contractId ?? null) : null);
  const item = items.find((i) => i.subjectId === wanted) ?? (wanted === null && items.length === 1 ? items[0] : undefined);
  // A dynamic market's modification is named by the person drafting its UK15, once the market is established.
  const modification = input.type === 'UK15' && input.subjectId && scope.facts.dynamicMarket?.establishedOn;
  // A call-off's award decision is recorded with its contract: its UK6 may be drafted (and published) before, so that the
  // award is then held to the standstill.
  const callOffAward = input.type === 'UK6' && scope.kind === 'callOff' && !scope.facts.award && !scope.facts.abandonedOn;
  if (!item && !modification && !callOffAward) throw badRequest(`A ${noticeLabel(input.type)} does not apply to ${scope.name}${items.length > 1 ? ': name which one (subjectId)' : ''}`, 'type');
  if (item?.record) throw badRequest(`A ${noticeLabel(input.type)} is already drafted for this (${item.record.statusLabel.toLowerCase()}): open it instead`, 'type');
  const key = keyOf(scope, input.type, item ? item.subjectId : (input.subjectId ?? null));
  const row = (await ctx.tx
    .insertInto('procurement_notice')
    .values({
      authority_id: ctx.session.authorityId,
      notice_type: input.type,
      procurement_id: key.procurementId,
      // A procurement's notice carries its partnership (migration 0062: the members read it by that).
      partnership_id: key.procurementId ? (scope.procurement?.partnershipId ?? null) : null,
      call_off_id: key.callOffId,
      contract_id: key.contractId,
      subject_id: key.subjectId,
      fields: JSON.stringify(initialFields(scope, input.type, key)),
      created_by: ctx.session.userId,
    })
    .returning([...NOTICE_COLUMNS])
    .executeTakeFirstOrThrow()) as NoticeRow;
  return toRecord(row, await suppliersOf(ctx.tx, scope));
}

async function draftPipeline(ctx: Ctx, input: DraftInput): Promise<NoticeRecord> {
  if (input.procurementId || input.contractId || input.callOffId) throw badRequest('A pipeline notice (UK1) is the authority’s, not a procurement’s or contract’s', 'type');
  const year = input.subjectId ?? '';
  if (!FINANCIAL_YEAR.test(year)) throw badRequest('Name the financial year by its first day, for example 2026-04-01', 'subjectId');
  assertPipelineYear(year);
  await assertMayWrite(ctx, null, ctx.session.authorityId);
  const existing = await ctx.tx
    .selectFrom('procurement_notice')
    .select('id')
    .where('notice_type', '=', 'UK1')
    .where('subject_id', '=', year)
    .where('authority_id', '=', ctx.session.authorityId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  if (existing) throw badRequest(`A pipeline notice (UK1) for the year from ${longDate(year)} is already drafted: open it instead`, 'subjectId');
  const row = (await ctx.tx
    .insertInto('procurement_notice')
    .values({ authority_id: ctx.session.authorityId, notice_type: 'UK1', subject_id: year, fields: '{}', created_by: ctx.session.userId })
    .returning([...NOTICE_COLUMNS])
    .executeTakeFirstOrThrow()) as NoticeRow;
  return toRecord(row, []);
}

/** Finds a notice I may write, locked, at the version the person saw (CONFLICT when stale). */
async function forEdit(ctx: Ctx, id: string, rowVersion: number) {
  const found = await findNotice(ctx, id);
  await assertMayWrite(ctx, found.scope, found.row.authority_id);
  await lockForEdit(ctx.tx, 'procurement_notice', id, rowVersion, 'Notice');
  return findNotice(ctx, id);
}

async function save(ctx: Ctx, id: string, set: Record<string, unknown>, scope: Scope | null): Promise<NoticeRecord> {
  const row = (await ctx.tx.updateTable('procurement_notice').set(set).where('id', '=', id).returning([...NOTICE_COLUMNS]).executeTakeFirstOrThrow()) as NoticeRow;
  return toRecord(row, scope ? await suppliersOf(ctx.tx, scope) : []);
}

const unchangeable = (row: NoticeRow) => badRequest(`This notice is ${row.status}: ${row.status === 'published' ? 'withdraw it and draft another to change it' : 'draft another'}`, 'id');

export async function updateNotice(ctx: Ctx, input: UpdateInput): Promise<NoticeRecord> {
  const { row, scope } = await forEdit(ctx, input.id, input.rowVersion);
  if (row.status !== 'draft' && row.status !== 'ready') throw unchangeable(row);
  const editable = editableFields(row.notice_type, scope ? await suppliersOf(ctx.tx, scope) : []);
  const allowed = new Set(editable.map((f) => f.name));
  const unknown = Object.keys(input.fields).find((name) => !allowed.has(name));
  if (unknown) throw badRequest(`A ${noticeLabel(row.notice_type)} has no field "${unknown}" to fill in`, `fields.${unknown}`);
  assertFieldValues(input.fields, editable);
  const fields = { ...row.fields };
  for (const [name, value] of Object.entries(input.fields)) {
    if (value.trim()) fields[name] = value.trim();
    else delete fields[name];
  }
  return save(ctx, row.id, { fields: JSON.stringify(fields) }, scope);
}

export async function markReady(ctx: Ctx, input: { id: string; rowVersion: number }): Promise<NoticeRecord> {
  const { row, scope } = await forEdit(ctx, input.id, input.rowVersion);
  if (row.status !== 'draft') throw badRequest(row.status === 'ready' ? 'This notice is already ready to publish' : `This notice is ${row.status}`, 'id');
  const missing = (REQUIRED_FIELDS[row.notice_type] ?? []).find((name) => !row.fields?.[name]?.trim());
  if (missing) {
    const label = editableFields(row.notice_type, []).find((f) => f.name === missing)?.label ?? missing;
    throw badRequest(`Fill in “${label}” before marking the notice ready`, `fields.${missing}`);
  }
  assertTenderNoticeMayGo(row, scope, londonToday(ctx), null);
  return save(ctx, row.id, { status: 'ready' }, scope);
}

export async function markPublished(ctx: Ctx, input: MarkPublishedInput): Promise<NoticeRecord> {
  const { row, scope } = await forEdit(ctx, input.id, input.rowVersion);
  if (row.status !== 'draft' && row.status !== 'ready') throw unchangeable(row);
  const today = londonToday(ctx);
  if (input.publishedOn > today) throw badRequest('The day it was published cannot be in the future', 'publishedOn');
  if (input.publishedOn < PROCUREMENT_ACT_COMMENCEMENT) throw badRequest(`Notices under the Procurement Act 2023 were first published on ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}`, 'publishedOn');
  const taken = await ctx.tx
    .selectFrom('procurement_notice')
    .select('notice_type')
    .where('notice_identifier', '=', input.noticeIdentifier)
    .where('status', '<>', 'withdrawn')
    .where('authority_id', '=', row.authority_id)
    .executeTakeFirst();
  if (taken) throw badRequest(`The notice identifier ${input.noticeIdentifier} is already recorded for a ${noticeLabel(taken.notice_type)}`, 'noticeIdentifier');
  assertTenderNoticeMayGo(row, scope, today, input.publishedOn);
  const release = await releaseOf(ctx, row, scope, input.publishedOn, input.noticeIdentifier);
  return save(ctx, row.id, { status: 'published', notice_identifier: input.noticeIdentifier, published_on: input.publishedOn, release: JSON.stringify(release) }, scope);
}

export async function withdrawNotice(ctx: Ctx, input: WithdrawInput): Promise<NoticeRecord> {
  const { row, scope } = await forEdit(ctx, input.id, input.rowVersion);
  if (row.status === 'withdrawn') throw badRequest('This notice is already withdrawn', 'id');
  return save(ctx, row.id, { status: 'withdrawn', withdrawn_reason: input.reason }, scope);
}

