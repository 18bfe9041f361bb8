import { randomUUID } from 'node:crypto';
import { assertCanCancelCallOff, badRequest, deadlineText, longDate, refineCriteria, scoreMiniCompetition, type ScoredResponse } from '@concord/domain';
import { CALL_OFF_CRITERION_COLUMNS, type Tx } from '@concord/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { insertContract } from '../contract/commands.ts';
import { notify } from '../message/notify.ts';
import { londonDate } from '../procurement/dates.ts';
import { lockForEdit } from '../versions.ts';
import { activeEntry, callOffSource, findCallOff } from './access.ts';
import { recordOutcomes } from './outcome.ts';
import { deadlineInstant, deadlinePassed, latestResponses } from './sealed.ts';
import type { awardContractInput, awardMiniCompetitionInput, cancelCallOffInput, CreateCallOffInput, directAwardCallOffInput, responseInput, scoreResponseInput, startMiniCompetitionInput } from './input.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'now'> & { session: { authorityId: string; userId: string } };

export async function createCallOff(ctx: Ctx, input: CreateCallOffInput) {
  const source = await callOffSource(ctx.tx, ctx.session.authorityId, input.procurementId, input.lotId);
  const count = await ctx.tx.selectFrom('call_off').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const reference = input.reference ?? `${source.procurement.reference}-CO-${String(Number(count.n) + 1).padStart(3, '0')}`;
  const s = input.specification;
  const { id } = await ctx.tx
    .insertInto('call_off')
    .values({
      authority_id: ctx.session.authorityId,
      reference,
      procurement_id: source.procurement.id,
      lot_id: source.lot.id,
      specification_version_id: source.procurement.specificationVersionId,
      method: input.method,
      scheme_name: s.schemeName,
      client_group: s.clientGroup,
      units: s.units ?? null,
      people: s.people ?? null,
      day_hours_per_week: s.dayHoursPerWeek,
      night_hours_per_week: s.nightHoursPerWeek,
      locality: s.locality,
      start_date: s.startDate,
      term_months: s.termMonths,
      price_unit: input.priceUnit,
      created_by: ctx.session.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference };
}

/** The call-off's procurement must still be live and the lot still open to me when it is awarded. */
async function stillOpen(ctx: Ctx, c: { procurement_id: string; lot_id: string }) {
  return callOffSource(ctx.tx, ctx.session.authorityId, c.procurement_id, c.lot_id);
}

async function makeContract(ctx: Ctx, c: Awaited<ReturnType<typeof findCallOff>>, providerId: string, serviceType: string, contract: z.infer<typeof awardContractInput>, rates: z.infer<typeof awardContractInput>['rates']) {
  return insertContract(ctx, {
    reference: contract.reference,
    title: contract.title ?? `${c.scheme_name}: care and support (${c.reference})`,
    providerId,
    serviceType,
    source: 'call_off',
    procurementId: c.procurement_id,
    lotId: c.lot_id,
    callOffId: c.id,
    startDate: c.start_date,
    termMonths: c.term_months,
    annualValuePence: contract.annualValuePence,
    responsibleOfficer: contract.responsibleOfficer ?? null,
    ratesReviewedOn: null,
    rates,
    extensionOptions: contract.extensionOptions,
  });
}

/** A direct call-off: to one active provider on the lot's list, with the reason recorded; makes the contract. */
export async function awardDirect(ctx: Ctx, input: z.infer<typeof directAwardCallOffInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  if (c.method !== 'direct') throw badRequest('This call-off is a mini-competition: award it on its responses', 'callOffId');
  if (c.status !== 'draft') throw badRequest(`This call-off is ${c.status}`, 'callOffId');
  const source = await stillOpen(ctx, c);
  await activeEntry(ctx.tx, c.lot_id, input.providerId);
  const contract = await makeContract(ctx, c, input.providerId, source.procurement.serviceType, input.contract, input.contract.rates);
  await ctx.tx
    .updateTable('call_off')
    .set({ status: 'awarded', justification: input.justification, awarded_provider_id: input.providerId, awarded_on: input.awardedOn })
    .where('id', '=', c.id)
    .execute();
  return { callOffId: c.id, contractId: contract.id, contractReference: contract.reference };
}

/** Sets the refined criteria and invites every active provider on the lot (or those meeting the stated condition). */
export async function startMiniCompetition(ctx: Ctx, input: z.infer<typeof startMiniCompetitionInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  if (c.method !== 'mini_competition') throw badRequest('This is a direct call-off', 'callOffId');
  if (c.status !== 'draft') throw badRequest(`Invitations have already gone out for this call-off (${c.status})`, 'callOffId');
  await stillOpen(ctx, c);
  if (input.responseDeadline < input.invitedOn) throw badRequest(`The deadline (${longDate(input.responseDeadline)}) cannot be before the invitations (${longDate(input.invitedOn)})`, 'responseDeadline');
  const procurementCriteria = await ctx.tx.selectFrom('evaluation_criterion').select(['id', 'kind', 'name']).where('procurement_id', '=', c.procurement_id).orderBy('position').execute();
  const refined = refineCriteria(procurementCriteria, input.criteria);
  const entries = await ctx.tx
    .selectFrom('approved_list_entry')
    .select(['id', 'provider_id'])
    .where('lot_id', '=', c.lot_id)
    .where('status', '=', 'active')
    .execute();
  let invited = entries;
  if (input.providerIds) {
    if (!input.inviteCondition) throw badRequest('State the condition the invited providers meet, or invite every active provider on the lot', 'inviteCondition');
    for (const [i, providerId] of input.providerIds.entries()) await activeEntry(ctx.tx, c.lot_id, providerId, `providerIds[${i}]`);
    invited = entries.filter((e) => input.providerIds!.includes(e.provider_id));
  }
  if (invited.length === 0) throw badRequest('There is no active provider on this lot’s approved list to invite', 'providerIds');
  await ctx.tx
    .insertInto('call_off_criterion')
    .values(
      refined.map((r, i) => ({
        authority_id: ctx.session.authorityId,
        call_off_id: c.id,
        procurement_criterion_id: r.procurementCriterionId,
        kind: r.kind,
        name: r.name,
        weight_percent: r.weightPercent,
        position: i,
      })),
    )
    .execute();
  await ctx.tx
    .insertInto('call_off_invitation')
    .values(invited.map((e) => ({ authority_id: ctx.session.authorityId, call_off_id: c.id, provider_id: e.provider_id, approved_list_entry_id: e.id, invited_on: input.invitedOn })))
    .execute();
  const { response_deadline_at: deadlineAt } = await ctx.tx
    .updateTable('call_off')
    .set({
      status: 'inviting',
      response_deadline: input.responseDeadline,
      response_deadline_at: deadlineInstant(input.responseDeadline, input.responseDeadlineTime),
      invite_condition: input.inviteCondition ?? 'Every active provider on the lot’s approved list',
    })
    .where('id', '=', c.id)
    .returning('response_deadline_at')
    .executeTakeFirstOrThrow();
  const authority = await ctx.tx.selectFrom('authority').select('name').where('id', '=', ctx.session.authorityId).executeTakeFirstOrThrow();
  for (const e of invited) {
    await notify(ctx.tx, {
      to: { providerId: e.provider_id },
      from: { authorityId: ctx.session.authorityId },
      kind: 'call_off_invitation',
      subject: `${authority.name} invites you to a mini-competition: ${c.scheme_name}`,
      body: `${authority.name} invites you to respond to call-off ${c.reference} (${c.scheme_name}, ${c.locality}). Respond by ${deadlineText(deadlineAt!)}. You may replace your response until then; nobody at ${authority.name} can read any response before the deadline.`,
      link: `/organisation/invitations/${c.id}`,
    });
  }
  return { callOffId: c.id, invited: invited.length, criteria: refined.length, responseDeadlineAt: deadlineAt!.toISOString() };
}

/** Records an invited provider's response: price and the panel's score for each criterion. By the deadline. */
export async function recordResponse(ctx: Ctx, input: z.infer<typeof responseInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  if (c.status !== 'inviting') throw badRequest(`This call-off is not taking responses (${c.status})`, 'callOffId');
  if (c.response_deadline && input.receivedOn > c.response_deadline) throw badRequest(`The deadline was ${c.response_deadline}: a later response cannot be accepted`, 'receivedOn');
  const invitation = await ctx.tx.selectFrom('call_off_invitation').select('id').where('call_off_id', '=', c.id).where('provider_id', '=', input.providerId).executeTakeFirst();
  if (!invitation) throw badRequest('That provider was not invited to this mini-competition', 'providerId');
  const criteria = await ctx.tx.selectFrom('call_off_criterion').select(['id', 'kind']).where('call_off_id', '=', c.id).execute();
  const scale = (await ctx.tx.selectFrom('procurement').select('scale_max').where('id', '=', c.procurement_id).executeTakeFirstOrThrow()).scale_max;
  input.scores.forEach((s, i) => {
    const criterion = criteria.find((x) => x.id === s.criterionId);
    if (!criterion) throw badRequest('That criterion is not one of this call-off’s', `scores[${i}].criterionId`);
    if (criterion.kind === 'price') throw badRequest('Price is scored from the prices, not by the panel', `scores[${i}].criterionId`);
    if (s.score > scale) throw badRequest(`A score is a whole number from 0 to ${scale}`, `scores[${i}].score`);
  });
  if (criteria.some((x) => x.kind === 'price') && input.pricePence === undefined) throw badRequest('Enter the price: price is one of the criteria', 'pricePence');
  // A new version (the latest counts; earlier ones are kept). Sealed until the deadline even from the council that typed
  // it in, so its id is made here rather than read back.
  const id = randomUUID();
  await ctx.tx
    .insertInto('call_off_response')
    .values({ authority_id: ctx.session.authorityId, id, call_off_id: c.id, provider_id: input.providerId, price_pence: input.pricePence ?? null, received_on: input.receivedOn, source: 'paper' })
    .execute();
  if (input.scores.length > 0) {
    await ctx.tx
      .insertInto('call_off_score')
      .values(input.scores.map((s) => ({ authority_id: ctx.session.authorityId, response_id: id, criterion_id: s.criterionId, score: s.score, rationale: s.rationale ?? null })))
      .execute();
  }
  return { responseId: id };
}

/**
 * Scores and ranks the responses (price = lowest ÷ bid × weight; quality as scored). For the authority's own
 * officers only: no procedure for providers exists, and none may ever return a rank during the competition.
 */
export async function evaluateCallOff(tx: Tx, callOffId: string): Promise<{ callOffId: string; priceUnit: string; sealedUntil: string | null; results: ScoredResponse[] }> {
  const c = await findCallOff(tx, callOffId);
  const sealedUntil = (await deadlinePassed(tx, c.response_deadline_at)) ? null : c.response_deadline_at!.toISOString();
  const criteria = await tx.selectFrom('call_off_criterion').select(CALL_OFF_CRITERION_COLUMNS).where('call_off_id', '=', c.id).orderBy('position').execute();
  if (criteria.length === 0 || sealedUntil) return { callOffId: c.id, priceUnit: c.price_unit, sealedUntil, results: [] };
  const scale = (await tx.selectFrom('procurement').select('scale_max').where('id', '=', c.procurement_id).executeTakeFirstOrThrow()).scale_max;
  const latest = await latestResponses(tx, c.id);
  const names = latest.length === 0 ? [] : await tx.selectFrom('provider').select(['id', 'legal_name']).where('id', 'in', latest.map((r) => r.provider_id)).execute();
  const responses = latest.map((r) => ({ id: r.id, provider_id: r.provider_id, price_pence: r.price_pence, legal_name: names.find((n) => n.id === r.provider_id)?.legal_name ?? '' }));
  const scores = responses.length === 0 ? [] : await tx.selectFrom('call_off_score').selectAll().where('response_id', 'in', responses.map((r) => r.id)).execute();
  const results = scoreMiniCompetition({
    criteria: criteria.map((x) => ({ id: x.id, kind: x.kind, name: x.name, weightPercent: x.weight_percent })),
    scaleMax: scale,
    responses: responses.map((r) => ({
      responseId: r.id,
      providerId: r.provider_id,
      providerName: r.legal_name,
      pricePence: r.price_pence,
      scores: scores.filter((s) => s.response_id === r.id).map((s) => ({ criterionId: s.criterion_id, score: s.score })),
    })),
  });
  return { callOffId: c.id, priceUnit: c.price_unit, sealedUntil, results };
}

/**
 * The panel's scores for a provider's latest response, once the deadline has passed (replacing any given before).
 * Responses are sealed and never updated, so the scores are versioned on the call-off: the panel member's `version`
 * of it is checked (CONFLICT naming who scored or changed it meanwhile) and moved on (issue 12, item 4).
 */
export async function scoreResponse(ctx: Ctx, input: z.infer<typeof scoreResponseInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  await lockForEdit(ctx.tx, 'call_off', c.id, input.version, 'Call-off');
  if (c.status !== 'inviting') throw badRequest(`This call-off is ${c.status}: responses are scored before the award`, 'callOffId');
  if (!(await deadlinePassed(ctx.tx, c.response_deadline_at))) throw badRequest(`Responses are sealed until ${deadlineText(c.response_deadline_at!)}: score them after the deadline`, 'callOffId');
  const response = (await latestResponses(ctx.tx, c.id)).find((r) => r.provider_id === input.providerId);
  if (!response) throw badRequest('That provider has not responded to this call-off', 'providerId');
  const criteria = await ctx.tx.selectFrom('call_off_criterion').select(['id', 'kind']).where('call_off_id', '=', c.id).execute();
  const scale = (await ctx.tx.selectFrom('procurement').select('scale_max').where('id', '=', c.procurement_id).executeTakeFirstOrThrow()).scale_max;
  input.scores.forEach((s, i) => {
    const criterion = criteria.find((x) => x.id === s.criterionId);
    if (!criterion) throw badRequest('That criterion is not one of this call-off’s', `scores[${i}].criterionId`);
    if (criterion.kind === 'price') throw badRequest('Price is scored from the prices, not by the panel', `scores[${i}].criterionId`);
    if (s.score > scale) throw badRequest(`A score is a whole number from 0 to ${scale}`, `scores[${i}].score`);
  });
  await ctx.tx.deleteFrom('call_off_score').where('response_id', '=', response.id).execute();
  await ctx.tx
    .insertInto('call_off_score')
    .values(input.scores.map((s) => ({ authority_id: ctx.session.authorityId, response_id: response.id, criterion_id: s.criterionId, score: s.score, rationale: s.rationale ?? null })))
    .execute();
  const { row_version } = await ctx.tx.updateTable('call_off').set((eb) => ({ status: eb.ref('status') })).where('id', '=', c.id).returning('row_version').executeTakeFirstOrThrow();
  return { responseId: response.id, scored: input.scores.length, rowVersion: row_version };
}

/** Awards a mini-competition to its top-ranked response (after the deadline, or once every invitee has responded). */
export async function awardMiniCompetition(ctx: Ctx, input: z.infer<typeof awardMiniCompetitionInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  if (c.method !== 'mini_competition') throw badRequest('This is a direct call-off', 'callOffId');
  if (c.status !== 'inviting') throw badRequest(`This call-off is ${c.status}: invite providers first`, 'callOffId');
  const source = await stillOpen(ctx, c);
  if (!(await deadlinePassed(ctx.tx, c.response_deadline_at))) throw badRequest(`Responses are sealed until ${deadlineText(c.response_deadline_at!)}: award after the deadline`, 'callOffId');
  const invited = await ctx.tx.selectFrom('call_off_invitation').select('provider_id').where('call_off_id', '=', c.id).execute();
  const { results } = await evaluateCallOff(ctx.tx, c.id);
  const everyoneAnswered = results.length === invited.length;
  if (c.response_deadline && input.awardedOn <= c.response_deadline && !everyoneAnswered)
    throw badRequest(`Responses are open until ${c.response_deadline}: award after the deadline, or once every invited provider has responded`, 'awardedOn');
  const winners = results.filter((r) => r.rank === 1);
  if (winners.length === 0) throw badRequest('No response is complete enough to rank', 'callOffId');
  if (winners.length > 1) throw badRequest(`${winners.map((w) => w.providerName).join(' and ')} are tied first: record a tie-break (re-score) before awarding`, 'callOffId');
  const winner = winners[0]!;
  // The winner must still be on the list (a provider suspended during the competition cannot be awarded).
  await activeEntry(ctx.tx, c.lot_id, winner.providerId);
  const rates = input.contract.rates.length > 0 ? input.contract.rates : winner.pricePence ? [{ band: 'Tendered', unit: c.price_unit, ratePence: winner.pricePence }] : [];
  const contract = await makeContract(ctx, c, winner.providerId, source.procurement.serviceType, input.contract, rates);
  await ctx.tx
    .updateTable('call_off')
    .set({ status: 'awarded', awarded_provider_id: winner.providerId, awarded_on: input.awardedOn, award_note: input.note ?? null })
    .where('id', '=', c.id)
    .execute();
  await recordOutcomes(ctx, { callOff: c, results, winner, contractReference: contract.reference, feedback: input.feedback });
  return { callOffId: c.id, contractId: contract.id, contractReference: contract.reference, providerId: winner.providerId, totalPoints: winner.totalPoints };
}

/**
 * Cancels a call-off before award, with the day and the reason. A mini-competition stops: no response can be
 * recorded and no award made; its invitations and responses are kept as the record of what was stopped.
 */
export async function cancelCallOff(ctx: Ctx, input: z.infer<typeof cancelCallOffInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  const invited = await ctx.tx
    .selectFrom('call_off_invitation')
    .select((eb) => eb.fn.min('invited_on').as('first'))
    .where('call_off_id', '=', c.id)
    .executeTakeFirst();
  assertCanCancelCallOff(
    { status: c.status, awardedOn: c.awarded_on, recordedOn: londonDate(c.created_at), firstInvitedOn: (invited?.first as string | null | undefined) ?? null },
    input.cancelledOn,
    londonDate(ctx.now()),
  );
  await ctx.tx
    .updateTable('call_off')
    .set({ status: 'cancelled', cancelled_on: input.cancelledOn, cancellation_reason: input.reason, cancelled_by: ctx.session.userId })
    .where('id', '=', c.id)
    .execute();
  return { callOffId: c.id, status: 'cancelled' as const, cancelledOn: input.cancelledOn };
}
