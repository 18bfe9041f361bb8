import {
  acceptsApplications,
  assertCanAdmit,
  assertCanWithdrawApplication,
  badRequest,
  DomainError,
  evaluateApplications,
  notFound,
  PROCUREMENT_STATUS_LABELS,
  ROUTE_LABELS,
  longDate,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { londonDate } from '../procurement/dates.ts';
import { alreadyChanged, currentVersion, lockForEdit } from '../versions.ts';
import { applicationForEvaluator, applicationForModerator, evaluationInputs, procurementForEvaluator } from './queries.ts';
import { assertProviderVerified, tellApplicant } from './online-decision.ts';
import type { CreateApplicationInput, DecisionInput, GatewayAnswersInput, WithdrawalInput } from './input.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session' | 'now'>;

async function reopeningsOf(tx: Tx, procurementId: string) {
  const rows = await tx.selectFrom('reopening').select(['id', 'opens_on', 'closes_on']).where('procurement_id', '=', procurementId).execute();
  return rows.map((r) => ({ id: r.id, opensOn: r.opens_on, closesOn: r.closes_on }));
}

function notInFuture(date: string, today: string, field: string): void {
  if (date > today) throw badRequest('The date cannot be in the future', field);
}

export function assertStillOpen(application: { status: string }): void {
  if (application.status !== 'received') throw badRequest(`The application has already been ${application.status}`, 'applicationId');
}

/**
 * Moves an application out of 'received', checking the state in the same statement that changes it: of two
 * decisions made at once only one applies; the other is refused (CONFLICT) naming who decided and when.
 */
async function closeApplication(ctx: Ctx, applicationId: string, set: { status: 'admitted' | 'rejected' | 'withdrawn'; outcome_reason: string; decided_on: string }) {
  const closed = await ctx.tx.updateTable('application').set(set).where('id', '=', applicationId).where('status', '=', 'received').returning('id').executeTakeFirst();
  if (!closed) throw await alreadyChanged(ctx.tx, 'application', applicationId, 'This application was already decided');
}

/**
 * Gateway answers live in their own rows but are edits of the application a person loaded: the application is locked
 * and the person's `version` of it checked (CONFLICT "Changed by NAME at TIME" when stale), and `bumpApplication` then
 * moves its version on, so the next person holding the version before is refused rather than silently overwriting
 * (issue 12, item 4). Scores carry their own versions instead (scoring.ts).
 */
async function lockApplication(ctx: Ctx, applicationId: string, seenVersion: number): Promise<void> {
  await lockForEdit(ctx.tx, 'application', applicationId, seenVersion, 'Application');
}

async function bumpApplication(ctx: Ctx, applicationId: string): Promise<number> {
  const bumped = await ctx.tx.updateTable('application').set((eb) => ({ received_on: eb.ref('received_on') })).where('id', '=', applicationId).returning('row_version').executeTakeFirstOrThrow();
  return bumped.row_version;
}

/** A decision on an application that is no longer open is a conflict: someone decided it first. */
async function assertUndecided(ctx: Ctx, application: { id: string; status: string }): Promise<void> {
  if (application.status !== 'received') throw await alreadyChanged(ctx.tx, 'application', application.id, `This application was already ${application.status}`);
}

/**
 * An application a provider made, entered by one of the lead authority's officers: to one or more lots,
 * on a day the procurement accepted applications (published; or live for a PDPS, DPS or dynamic market;
 * or within a reopening of a framework).
 */
export async function createApplication(ctx: Ctx, input: CreateApplicationInput): Promise<{ id: string }> {
  const procurement = await procurementForEvaluator(ctx, input.procurementId);
  const today = londonDate(ctx.now());
  const receivedOn = input.receivedOn ?? today;
  notInFuture(receivedOn, today, 'receivedOn');
  const reopenings = await reopeningsOf(ctx.tx, procurement.id);
  if (!acceptsApplications(procurement, receivedOn, reopenings)) {
    const when = procurement.route === 'framework' && procurement.status === 'live' ? ' outside a reopening' : '';
    throw badRequest(
      `The ${ROUTE_LABELS[procurement.route]} did not accept applications on ${longDate(receivedOn)}${when} (it is at the ${PROCUREMENT_STATUS_LABELS[procurement.status]} stage)`,
      'receivedOn',
    );
  }
  const published = await ctx.tx
    .selectFrom('procurement_decision')
    .select((eb) => eb.fn.max('decided_on').as('on'))
    .where('procurement_id', '=', procurement.id)
    .where('to_status', '=', 'published')
    .executeTakeFirst();
  if (published?.on && receivedOn < published.on) throw badRequest(`The procurement was not published until ${published.on}`, 'receivedOn');
  const provider = await ctx.tx.selectFrom('provider').select(['id', 'legal_name']).where('id', '=', input.providerId).executeTakeFirst();
  if (!provider) throw badRequest('Choose a provider from the register', 'providerId');
  const lots = await ctx.tx.selectFrom('lot').select(['id', 'number']).where('procurement_id', '=', procurement.id).where('id', 'in', input.lotIds).execute();
  if (lots.length !== input.lotIds.length) throw badRequest('Choose lots of this procurement', 'lotIds');
  // Entries for one procurement wait on its row, so two forms for one provider at once cannot both pass the check below.
  await ctx.tx.selectFrom('procurement').select('id').where('id', '=', procurement.id).forUpdate().execute();
  const pending = await ctx.tx
    .selectFrom('application')
    .select('id')
    .where('procurement_id', '=', procurement.id)
    .where('provider_id', '=', provider.id)
    .where('status', '=', 'received')
    .executeTakeFirst();
  if (pending) throw new DomainError('CONFLICT', `${provider.legal_name} already has an application being evaluated`, 'providerId');
  const listed = await ctx.tx
    .selectFrom('approved_list_entry as e')
    .innerJoin('lot as l', 'l.id', 'e.lot_id')
    .select('l.number')
    .where('e.provider_id', '=', provider.id)
    .where('e.lot_id', 'in', input.lotIds)
    .where('e.status', '<>', 'removed')
    .executeTakeFirst();
  if (listed) throw badRequest(`${provider.legal_name} is already on the approved list for lot ${listed.number}`, 'lotIds');
  const reopening = procurement.route === 'framework' && procurement.status === 'live' ? reopenings.find((r) => r.opensOn <= receivedOn && receivedOn <= r.closesOn) : undefined;
  const { id } = await ctx.tx
    .insertInto('application')
    .values({
      authority_id: procurement.authorityId,
      procurement_id: procurement.id,
      provider_id: provider.id,
      reopening_id: reopening?.id ?? null,
      received_on: receivedOn,
      bid_price_pence: input.bidPricePence ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.tx
    .insertInto('application_lot')
    .values(input.lotIds.map((lotId) => ({ authority_id: procurement.authorityId, application_id: id, lot_id: lotId })))
    .execute();
  return { id };
}

/**
 * Pass/fail answers to the gateway questions (an answer given again replaces the earlier one). A single
 * fail ends the application: it is rejected at once, with the failed question as the reason, and never scored.
 */
export async function recordGateway(ctx: Ctx, input: GatewayAnswersInput): Promise<{ id: string; status: 'received' | 'rejected'; rowVersion: number }> {
  const { application, procurement } = await applicationForEvaluator(ctx, input.applicationId);
  await lockApplication(ctx, application.id, input.version);
  assertStillOpen(application);
  const questions = await ctx.tx.selectFrom('gateway_question').select(['id', 'question']).where('procurement_id', '=', procurement.id).execute();
  for (const [i, answer] of input.answers.entries()) {
    if (!questions.some((q) => q.id === answer.questionId)) throw badRequest('Answer the gateway questions of this procurement', `answers.${i}.questionId`);
  }
  for (const answer of input.answers) {
    await ctx.tx
      .insertInto('gateway_answer')
      .values({ authority_id: procurement.authorityId, application_id: application.id, question_id: answer.questionId, passed: answer.passed, note: answer.note ?? null })
      .onConflict((oc) => oc.columns(['authority_id', 'application_id', 'question_id']).doUpdateSet({ passed: answer.passed, note: answer.note ?? null }))
      .execute();
  }
  const failed = input.answers.filter((a) => !a.passed).map((a) => questions.find((q) => q.id === a.questionId)!.question);
  if (failed.length === 0) return { id: application.id, status: 'received', rowVersion: await bumpApplication(ctx, application.id) };
  const reason = `Failed the gateway: ${failed.join('; ')}`;
  await closeApplication(ctx, application.id, { status: 'rejected', outcome_reason: reason, decided_on: londonDate(ctx.now()) });
  await tellApplicant(ctx.tx, application, procurement, 'rejected', reason);
  return { id: application.id, status: 'rejected', rowVersion: await currentVersion(ctx.tx, 'application', application.id) };
}

/**
 * The outcome of an application, decided by the lead commissioner.
 * - Rejected: with the reason, at any point while it is being evaluated.
 * - Admitted: only when the procurement may admit today (award approval; or live for a PDPS, DPS or dynamic
 *   market; or a framework's reopening), and only when the application is ranked on every lot it applied
 *   to (gateway passed, scores agreed, quality threshold met). The provider goes onto the approved list of
 *   each of those lots, with an 'admitted' event.
 */
export async function decideApplication(ctx: Ctx, input: DecisionInput): Promise<{ id: string; status: 'admitted' | 'rejected'; entries: string[] }> {
  const { application, procurement } = await applicationForModerator(ctx, input.applicationId);
  await assertUndecided(ctx, application);
  const today = londonDate(ctx.now());
  const decidedOn = input.decidedOn ?? today;
  notInFuture(decidedOn, today, 'decidedOn');
  if (decidedOn < application.received_on) throw badRequest(`The decision cannot be dated before the application was received (${longDate(application.received_on)})`, 'decidedOn');

  if (input.outcome === 'rejected') {
    await closeApplication(ctx, application.id, { status: 'rejected', outcome_reason: input.reason!, decided_on: decidedOn });
    await tellApplicant(ctx.tx, application, procurement, 'rejected', input.reason!);
    return { id: application.id, status: 'rejected', entries: [] };
  }
  await assertProviderVerified(ctx.tx, application.provider_id);

  assertCanAdmit(procurement, decidedOn, await reopeningsOf(ctx.tx, procurement.id));
  const lots = (await evaluationInputs(ctx.tx, procurement.id)).filter((l) => l.applications.some((a) => a.id === application.id));
  for (const lot of lots) {
    const result = evaluateApplications(lot.input).find((r) => r.applicationId === application.id)!;
    if (result.status !== 'ranked') {
      const why = {
        gateway_failed: 'it failed the gateway',
        below_threshold: 'it is below the minimum quality threshold',
        awaiting_scores: 'its evaluation is not complete (gateway answers, agreed scores, or a bid price where price is a criterion)',
        awaiting_moderation: 'the evaluators’ scores differ and have not been moderated',
        ranked: '',
      }[result.status];
      throw badRequest(`The application cannot be admitted to lot ${lot.lot.number}: ${why}`, 'outcome');
    }
  }
  const reason = input.reason || 'Admitted by the award decision';
  await closeApplication(ctx, application.id, { status: 'admitted', outcome_reason: reason, decided_on: decidedOn });
  const partnershipId = procurement.partnershipId;
  const entries: string[] = [];
  for (const lot of lots) {
    const entry = await ctx.tx
      .insertInto('approved_list_entry')
      .values({
        authority_id: procurement.authorityId,
        partnership_id: partnershipId,
        procurement_id: procurement.id,
        lot_id: lot.lot.id,
        provider_id: application.provider_id,
        admitted_on: decidedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.tx
      .insertInto('approved_list_event')
      .values({
        authority_id: procurement.authorityId,
        partnership_id: partnershipId,
        entry_id: entry.id,
        action: 'admitted',
        effective_on: decidedOn,
        reason,
        recorded_by: ctx.session.userId,
      })
      .execute();
    entries.push(entry.id);
  }
  if (entries.length === 0) throw notFound('Lot');
  await tellApplicant(ctx.tx, application, procurement, 'admitted', reason);
  return { id: application.id, status: 'admitted', entries };
}

/**
 * The provider withdrew its application before a decision: recorded by the lead commissioner (as a decision
 * is), with the day and the reason. It leaves the evaluation; its gateway answers and scores are kept.
 */
export async function withdrawApplication(ctx: Ctx, input: WithdrawalInput): Promise<{ id: string; status: 'withdrawn' }> {
  const { application } = await applicationForModerator(ctx, input.applicationId);
  assertCanWithdrawApplication({ status: application.status, receivedOn: application.received_on, decidedOn: application.decided_on }, input.withdrawnOn, londonDate(ctx.now()));
  await closeApplication(ctx, application.id, { status: 'withdrawn', outcome_reason: input.reason, decided_on: input.withdrawnOn });
  return { id: application.id, status: 'withdrawn' };
}
