import {
  regimeFor,
  assertCriteriaComplete,
  assertTransition,
  badRequest,
  DEFAULT_GATEWAY_QUESTIONS,
  DEFAULT_SCALE_DESCRIPTORS,
  DEFAULT_SCALE_MAX,
  DomainError,
  evaluateApplications,
  PROCUREMENT_STATUS_LABELS,
  type TransitionInput,
  longDate,
} from '@concord/domain';
import type { ProcurementStatus, Tx } from '@concord/db';
import { sql } from 'kysely';
import type { TenantContext } from '../context.ts';
import { latestPublishedVersion } from '../specification/commands.ts';
import { evaluationInputs } from '../application/queries.ts';
import { assertLeadCommissioner, findPartnership, lockProcurement, procurementForLead, type ProcurementRef } from './access.ts';
import { londonDate } from './dates.ts';
import { alreadyChanged, currentVersion } from '../versions.ts';
import type { CreateProcurementInput, MilestonesInput, UpdateProcurementInput } from './input.ts';
import { currentMember } from '../partnership/members.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session' | 'now'>;

/** The stages at which the commercial terms, lots, criteria, scale, questions and buyers may still change. */
export const BEFORE_PUBLICATION: readonly ProcurementStatus[] = ['draft', 'market_engagement'];
const FINAL: readonly ProcurementStatus[] = ['closed', 'cancelled'];

export function assertBeforePublication(p: ProcurementRef, what: string, field: string): void {
  if (!BEFORE_PUBLICATION.includes(p.status)) {
    throw badRequest(`${what} cannot change once the procurement is published (it is at the ${PROCUREMENT_STATUS_LABELS[p.status]} stage)`, field);
  }
}

export function assertNotFinal(p: ProcurementRef, field = 'procurementId'): void {
  if (FINAL.includes(p.status)) throw badRequest(`The procurement is ${PROCUREMENT_STATUS_LABELS[p.status].toLowerCase()}: it can no longer change`, field);
}

/**
 * A reference prefix from the partnership's name: a leading acronym ('LCR Tripartite' → 'LCR'), else the
 * initials of its capitalised words ('South West Peninsula' → 'SWP').
 */
export function referencePrefix(partnershipName: string): string {
  const words = partnershipName.split(/\s+/).filter(Boolean);
  const first = words[0] ?? 'P';
  if (/^[A-Z]{2,6}$/.test(first)) return first;
  const initials = words
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => (/^[A-Z]{2,6}$/.test(w) ? w : w[0]))
    .join('');
  return (initials || first.slice(0, 3)).toUpperCase().replace(/[^A-Z0-9]/g, '') || 'P';
}

async function nextReference(tx: Tx, authorityId: string, prefix: string, year: string): Promise<string> {
  const stem = `${prefix}-${year}-`;
  const rows = await tx.selectFrom('procurement').select('reference').where('authority_id', '=', authorityId).where('reference', 'like', `${stem}%`).execute();
  const used = rows.map((r) => Number(r.reference.slice(stem.length))).filter((n) => Number.isInteger(n));
  return `${stem}${String(Math.max(0, ...used) + 1).padStart(3, '0')}`;
}

async function assertBuyersAreMembers(tx: Tx, partnershipId: string, buyerIds: string[]): Promise<void> {
  const members = await tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', partnershipId).where(currentMember()).execute();
  const memberIds = new Set(members.map((m) => m.authority_id));
  const outsider = buyerIds.find((id) => !memberIds.has(id));
  if (outsider) throw badRequest(`${outsider} is not a member of the partnership, so it cannot buy from this procurement`, 'buyerAuthorityIds');
}

async function replaceBuyers(tx: Tx, p: { id: string; authorityId: string; partnershipId: string }, buyerIds: string[]): Promise<void> {
  await tx.deleteFrom('procurement_buyer').where('procurement_id', '=', p.id).execute();
  await tx
    .insertInto('procurement_buyer')
    .values(buyerIds.map((buyer) => ({ authority_id: p.authorityId, partnership_id: p.partnershipId, procurement_id: p.id, buyer_authority_id: buyer })))
    .execute();
}

/**
 * A new joint procurement, in draft, run by the partnership's lead authority on behalf of the buyers.
 * It starts with the default 0–5 scale and the usual gateway questions, both of which the lead can change.
 */
export async function createProcurement(ctx: Ctx, input: CreateProcurementInput): Promise<{ id: string; reference: string }> {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  await assertLeadCommissioner(ctx, partnership);
  await assertBuyersAreMembers(ctx.tx, partnership.id, input.buyerAuthorityIds);
  const authorityId = partnership.leadAuthorityId;
  const reference = input.reference ?? (await nextReference(ctx.tx, authorityId, referencePrefix(partnership.name), londonDate(ctx.now()).slice(0, 4)));
  const taken = await ctx.tx.selectFrom('procurement').select('id').where('authority_id', '=', authorityId).where('reference', '=', reference).executeTakeFirst();
  if (taken) throw new DomainError('CONFLICT', `The reference ${reference} is already used by another procurement`, 'reference');
  const { id } = await ctx.tx
    .insertInto('procurement')
    .values({
      authority_id: authorityId,
      partnership_id: partnership.id,
      reference,
      title: input.title,
      description: input.description ?? null,
      service_type: input.serviceType,
      route: input.route,
      regime: input.regime ?? regimeFor({ startedOn: londonDate(ctx.now()) }).regime,
      estimated_value_pence: input.estimatedValuePence ?? null,
      system_term_months: input.systemTermMonths ?? null,
      minimum_use_months: input.minimumUseMonths ?? null,
      scale_max: DEFAULT_SCALE_MAX,
      scale_descriptors: JSON.stringify(DEFAULT_SCALE_DESCRIPTORS),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ref = { id, authorityId, partnershipId: partnership.id };
  await replaceBuyers(ctx.tx, ref, input.buyerAuthorityIds);
  await ctx.tx
    .insertInto('gateway_question')
    .values(DEFAULT_GATEWAY_QUESTIONS.map((question, position) => ({ authority_id: authorityId, partnership_id: partnership.id, procurement_id: id, question, position })))
    .execute();
  return { id, reference };
}

const COMMERCIAL_FIELDS = ['serviceType', 'route', 'regime', 'estimatedValuePence', 'systemTermMonths', 'minimumUseMonths', 'specificationId'] as const;

/**
 * Title and description can change until the procurement is closed or cancelled; the commercial terms
 * (and which specification it is let under) only before publication.
 */
export async function updateProcurement(ctx: Ctx, input: UpdateProcurementInput): Promise<{ id: string; rowVersion: number }> {
  const p = await procurementForLead(ctx, input.procurementId);
  assertNotFinal(p);
  await lockProcurement(ctx, p, input.version);
  for (const field of COMMERCIAL_FIELDS) {
    if (input[field] !== undefined) assertBeforePublication(p, 'The commercial terms', field);
  }
  const current = await ctx.tx.selectFrom('procurement').select(['system_term_months', 'minimum_use_months']).where('id', '=', p.id).executeTakeFirstOrThrow();
  const term = input.systemTermMonths !== undefined ? input.systemTermMonths : current.system_term_months;
  const minimum = input.minimumUseMonths !== undefined ? input.minimumUseMonths : current.minimum_use_months;
  if (term != null && minimum != null && minimum > term) throw badRequest('The minimum period of use cannot be longer than the system term', 'minimumUseMonths');
  if (input.specificationId) {
    const spec = await ctx.tx.selectFrom('specification').select('partnership_id').where('id', '=', input.specificationId).executeTakeFirst();
    if (!spec || spec.partnership_id !== p.partnershipId) throw badRequest('Choose a specification of this partnership', 'specificationId');
  }
  const set = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.description !== undefined && { description: input.description ?? null }),
    ...(input.serviceType !== undefined && { service_type: input.serviceType }),
    ...(input.route !== undefined && { route: input.route }),
    ...(input.regime !== undefined && { regime: input.regime }),
    ...(input.estimatedValuePence !== undefined && { estimated_value_pence: input.estimatedValuePence ?? null }),
    ...(input.systemTermMonths !== undefined && { system_term_months: input.systemTermMonths ?? null }),
    ...(input.minimumUseMonths !== undefined && { minimum_use_months: input.minimumUseMonths ?? null }),
    ...(input.specificationId !== undefined && { specification_id: input.specificationId ?? null }),
  };
  if (Object.keys(set).length > 0) await ctx.tx.updateTable('procurement').set(set).where('id', '=', p.id).execute();
  return { id: p.id, rowVersion: await currentVersion(ctx.tx, 'procurement', p.id) };
}

export async function setBuyers(ctx: Ctx, procurementId: string, buyerIds: string[], seenVersion: number): Promise<{ id: string; buyers: number; rowVersion: number }> {
  const p = await procurementForLead(ctx, procurementId);
  assertBeforePublication(p, 'The buyers', 'buyerAuthorityIds');
  const rowVersion = await lockProcurement(ctx, p, seenVersion, true);
  await assertBuyersAreMembers(ctx.tx, p.partnershipId, buyerIds);
  await replaceBuyers(ctx.tx, p, buyerIds);
  return { id: p.id, buyers: buyerIds.length, rowVersion };
}

/** Replaces the timeline: planned and actual dates, in the order given. Any stage but closed or cancelled. */
export async function setMilestones(ctx: Ctx, input: MilestonesInput): Promise<{ id: string; milestones: number; rowVersion: number }> {
  const p = await procurementForLead(ctx, input.procurementId);
  assertNotFinal(p);
  const rowVersion = await lockProcurement(ctx, p, input.version, true);
  await ctx.tx.deleteFrom('procurement_milestone').where('procurement_id', '=', p.id).execute();
  if (input.milestones.length > 0) {
    await ctx.tx
      .insertInto('procurement_milestone')
      .values(
        input.milestones.map((m, position) => ({
          authority_id: p.authorityId,
          partnership_id: p.partnershipId,
          procurement_id: p.id,
          name: m.name,
          position,
          planned_start: m.plannedStart ?? null,
          planned_end: m.plannedEnd ?? null,
          actual_start: m.actualStart ?? null,
          actual_end: m.actualEnd ?? null,
        })),
      )
      .execute();
  }
  return { id: p.id, milestones: input.milestones.length, rowVersion };
}

const count = sql<number>`count(*)::int`.as('n');

/**
 * What must be true before a procurement may enter a stage (beyond the state machine itself):
 * - published: a published version of the overarching specification is chosen (and is recorded as the
 *   version it was published with), at least one lot, at least one buyer, and complete criteria (weights
 *   total 100%, at most one price criterion);
 * - evaluation: at least one application received;
 * - award approval: every application still in play is evaluated to the end: gateway answered, scores
 *   agreed (moderated where evaluators differ) and a bid price where price is a criterion;
 * - live: at least one provider admitted to the approved list.
 * Market engagement, closing and cancelling need only the decision itself.
 */
async function preconditions(tx: Tx, p: ProcurementRef, to: ProcurementStatus): Promise<{ specificationVersionId?: string }> {
  function refuse(message: string): never {
    throw badRequest(`The procurement cannot move to ${PROCUREMENT_STATUS_LABELS[to]}: ${message}`, 'to');
  }
  if (to === 'published') {
    const row = await tx.selectFrom('procurement').select('specification_id').where('id', '=', p.id).executeTakeFirstOrThrow();
    const version = row.specification_id ? await latestPublishedVersion(tx, row.specification_id) : undefined;
    if (!row.specification_id) refuse('choose the overarching specification it is let under');
    if (!version) refuse('publish a version of the overarching specification first');
    const lots = await tx.selectFrom('lot').select(count).where('procurement_id', '=', p.id).executeTakeFirstOrThrow();
    if (lots.n === 0) refuse('add at least one lot');
    const buyers = await tx.selectFrom('procurement_buyer').select(count).where('procurement_id', '=', p.id).executeTakeFirstOrThrow();
    if (buyers.n === 0) refuse('name at least one buyer');
    const criteria = await tx.selectFrom('evaluation_criterion').select(['kind', 'weight_percent']).where('procurement_id', '=', p.id).execute();
    try {
      assertCriteriaComplete(criteria.map((c) => ({ kind: c.kind, weightPercent: c.weight_percent })));
    } catch (error) {
      if (error instanceof DomainError) refuse(error.message);
      throw error;
    }
    return { specificationVersionId: version.id };
  }
  if (to === 'evaluation') {
    const received = await tx.selectFrom('application').select(count).where('procurement_id', '=', p.id).executeTakeFirstOrThrow();
    if (received.n === 0) refuse('no application has been received');
  }
  if (to === 'award_approval') {
    const perLot = await evaluationInputs(tx, p.id);
    const unfinished = new Set<string>();
    for (const lot of perLot) {
      if (lot.applications.length === 0) continue;
      for (const e of evaluateApplications(lot.input)) {
        if (e.status === 'awaiting_scores' || e.status === 'awaiting_moderation') unfinished.add(e.providerName);
      }
    }
    if (unfinished.size > 0) refuse(`evaluation is not finished for ${[...unfinished].sort().join(', ')}`);
  }
  if (to === 'live') {
    const admitted = await tx.selectFrom('approved_list_entry').select(count).where('procurement_id', '=', p.id).where('status', '=', 'active').executeTakeFirstOrThrow();
    if (admitted.n === 0) refuse('admit at least one provider to the approved list first');
  }
  return {};
}

/** Moves the procurement to its next stage, recording the decision that allowed it. */
export async function transitionProcurement(ctx: Ctx, input: TransitionInput): Promise<{ id: string; status: ProcurementStatus; decisionId: string }> {
  const p = await procurementForLead(ctx, input.procurementId);
  assertTransition(p.status, input.to);
  const today = londonDate(ctx.now());
  if (input.decidedOn && input.decidedOn > today) throw badRequest('A decision cannot be dated in the future', 'decidedOn');
  const decidedOn = input.decidedOn ?? today;
  const previous = await ctx.tx
    .selectFrom('procurement_decision')
    .select('decided_on')
    .where('procurement_id', '=', p.id)
    .orderBy('decided_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (previous && decidedOn < previous.decided_on) {
    throw badRequest(`A decision cannot be dated before the previous one (${longDate(previous.decided_on)})`, 'decidedOn');
  }
  const { specificationVersionId } = await preconditions(ctx.tx, p, input.to);
  // The stage is checked in the statement that moves it: of two decisions made at once, one applies.
  const moved = await ctx.tx
    .updateTable('procurement')
    .set({ status: input.to, ...(specificationVersionId && { specification_version_id: specificationVersionId }) })
    .where('id', '=', p.id)
    .where('status', '=', p.status)
    .returning('id')
    .executeTakeFirst();
  if (!moved) throw await alreadyChanged(ctx.tx, 'procurement', p.id, 'This procurement has already moved on');
  const decision = await ctx.tx
    .insertInto('procurement_decision')
    .values({
      authority_id: p.authorityId,
      partnership_id: p.partnershipId,
      procurement_id: p.id,
      from_status: p.status,
      to_status: input.to,
      decided_by: ctx.session.userId,
      decided_on: decidedOn,
      decision_reference: input.decisionReference,
      decision_link: input.decisionLink ?? null,
      note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: p.id, status: input.to, decisionId: decision.id };
}
