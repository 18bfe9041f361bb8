import { assertCanCancelCallOff, badRequest, contractDateStatus, contractStatusText, longDate, notFound, refineCriteria, scoreMiniCompetition, type ScoredResponse } from '@concord/domain';
import type { Tx } from '@concord/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { insertContract } from '../contract/commands.ts';
import { londonDate } from '../procurement/dates.ts';
import { activeEntry, callOffSource, lotReservedFor, buyerNames } from './access.ts';
import type { awardContractInput, awardMiniCompetitionInput, cancelCallOffInput, CreateCallOffInput, directAwardCallOffInput, responseInput, startMiniCompetitionInput } from './input.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'now'> & { session: { authorityId: string; userId: string } };

/**
 * The call-off a command changes, locked until its transaction ends: its status is checked and moved on by one
 * request at a time, so two awards (or an award and a cancellation) made at once cannot both apply.
 */
async function findCallOff(tx: Tx, callOffId: string) {
  const row = await tx.selectFrom('call_off').selectAll().where('id', '=', callOffId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Call-off');
  return row;
}

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
  await ctx.tx
    .updateTable('call_off')
    .set({ status: 'inviting', response_deadline: input.responseDeadline, invite_condition: input.inviteCondition ?? 'Every active provider on the lot’s approved list' })
    .where('id', '=', c.id)
    .execute();
  return { callOffId: c.id, invited: invited.length, criteria: refined.length };
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
  const existing = await ctx.tx.selectFrom('call_off_response').select('id').where('call_off_id', '=', c.id).where('provider_id', '=', input.providerId).executeTakeFirst();
  if (existing) {
    await ctx.tx.deleteFrom('call_off_score').where('response_id', '=', existing.id).execute();
    await ctx.tx.deleteFrom('call_off_response').where('id', '=', existing.id).execute();
  }
  const { id } = await ctx.tx
    .insertInto('call_off_response')
    .values({ authority_id: ctx.session.authorityId, call_off_id: c.id, provider_id: input.providerId, price_pence: input.pricePence ?? null, received_on: input.receivedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
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
export async function evaluateCallOff(tx: Tx, callOffId: string): Promise<{ callOffId: string; priceUnit: string; results: ScoredResponse[] }> {
  const c = await findCallOff(tx, callOffId);
  const criteria = await tx.selectFrom('call_off_criterion').selectAll().where('call_off_id', '=', c.id).orderBy('position').execute();
  if (criteria.length === 0) return { callOffId: c.id, priceUnit: c.price_unit, results: [] };
  const scale = (await tx.selectFrom('procurement').select('scale_max').where('id', '=', c.procurement_id).executeTakeFirstOrThrow()).scale_max;
  const responses = await tx
    .selectFrom('call_off_response as r')
    .innerJoin('provider as p', 'p.id', 'r.provider_id')
    .select(['r.id', 'r.provider_id', 'p.legal_name', 'r.price_pence'])
    .where('r.call_off_id', '=', c.id)
    .execute();
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
  return { callOffId: c.id, priceUnit: c.price_unit, results };
}

/** Awards a mini-competition to its top-ranked response (after the deadline, or once every invitee has responded). */
export async function awardMiniCompetition(ctx: Ctx, input: z.infer<typeof awardMiniCompetitionInput>) {
  const c = await findCallOff(ctx.tx, input.callOffId);
  if (c.method !== 'mini_competition') throw badRequest('This is a direct call-off', 'callOffId');
  if (c.status !== 'inviting') throw badRequest(`This call-off is ${c.status}: invite providers first`, 'callOffId');
  const source = await stillOpen(ctx, c);
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

/** Live procurements I may call off from, each lot (and whether it is open to me) with its active providers and the criteria. */
export async function callOffOptions(ctx: Ctx) {
  const procurements = await ctx.tx
    .selectFrom('procurement as p')
    .innerJoin('procurement_buyer as b', 'b.procurement_id', 'p.id')
    .select(['p.id', 'p.reference', 'p.title', 'p.service_type', 'p.route', 'p.scale_max'])
    .where('b.buyer_authority_id', '=', ctx.session.authorityId)
    .where('p.status', '=', 'live')
    .orderBy('p.reference')
    .execute();
  const out = [];
  for (const p of procurements) {
    const buyers = await buyerNames(ctx.tx, p.id);
    const lots = await ctx.tx.selectFrom('lot').select(['id', 'number', 'name', 'basis']).where('procurement_id', '=', p.id).orderBy('number').execute();
    const entries = await ctx.tx
      .selectFrom('approved_list_entry as e')
      .innerJoin('provider as pr', 'pr.id', 'e.provider_id')
      .select(['e.lot_id', 'pr.id', 'pr.legal_name'])
      .where('e.procurement_id', '=', p.id)
      .where('e.status', '=', 'active')
      .orderBy('pr.legal_name')
      .execute();
    const criteria = await ctx.tx.selectFrom('evaluation_criterion').select(['id', 'kind', 'name', 'weight_percent']).where('procurement_id', '=', p.id).orderBy('position').execute();
    out.push({
      procurement: { id: p.id, reference: p.reference, title: p.title, serviceType: p.service_type, route: p.route, scaleMax: p.scale_max },
      criteria: criteria.map((c) => ({ id: c.id, kind: c.kind, name: c.name, weightPercent: c.weight_percent })),
      lots: lots.map((l) => {
        const reserved = lotReservedFor(l, buyers);
        return {
          id: l.id,
          number: l.number,
          name: l.name,
          open: reserved === null || reserved === ctx.session.authorityId,
          providers: entries.filter((e) => e.lot_id === l.id).map((e) => ({ id: e.id, name: e.legal_name })),
        };
      }),
    });
  }
  return out;
}

export async function listCallOffs(tx: Tx) {
  const rows = await tx
    .selectFrom('call_off as c')
    .leftJoin('provider as p', 'p.id', 'c.awarded_provider_id')
    .select(['c.id', 'c.reference', 'c.scheme_name', 'c.method', 'c.status', 'c.units', 'c.people', 'c.start_date', 'c.term_months', 'c.response_deadline', 'c.awarded_on', 'p.legal_name as awarded_to'])
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    schemeName: r.scheme_name,
    method: r.method,
    status: r.status,
    units: r.units,
    people: r.people,
    startDate: r.start_date,
    termMonths: r.term_months,
    responseDeadline: r.response_deadline,
    awardedOn: r.awarded_on,
    awardedTo: r.awarded_to,
  }));
}

/** A call-off with its specification, invitations and, once awarded, who won, for how much, and its contract (status on `today`). */
export async function getCallOff(tx: Tx, callOffId: string, today: string) {
  const c = await findCallOff(tx, callOffId);
  const procurement = await tx.selectFrom('procurement').select(['id', 'reference', 'title']).where('id', '=', c.procurement_id).executeTakeFirst();
  const lot = await tx.selectFrom('lot').select(['id', 'number', 'name']).where('id', '=', c.lot_id).executeTakeFirst();
  const criteria = await tx.selectFrom('call_off_criterion').selectAll().where('call_off_id', '=', c.id).orderBy('position').execute();
  const invitations = await tx
    .selectFrom('call_off_invitation as i')
    .innerJoin('provider as p', 'p.id', 'i.provider_id')
    .leftJoin('call_off_response as r', (j) => j.onRef('r.call_off_id', '=', 'i.call_off_id').onRef('r.provider_id', '=', 'i.provider_id'))
    .select(['i.provider_id', 'p.legal_name', 'i.invited_on', 'r.id as response_id', 'r.price_pence', 'r.received_on'])
    .where('i.call_off_id', '=', c.id)
    .orderBy('p.legal_name')
    .execute();
  const contract = await tx
    .selectFrom('contract as k')
    .innerJoin('provider as p', 'p.id', 'k.provider_id')
    .select(['k.id', 'k.reference', 'k.status', 'k.start_date', 'k.end_date', 'k.end_decision', 'k.end_decision_for', 'k.annual_value_pence', 'k.total_value_pence', 'p.id as provider_id', 'p.legal_name'])
    .where('k.call_off_id', '=', c.id)
    .executeTakeFirst();
  const awardedTo = c.awarded_provider_id
    ? ((await tx.selectFrom('provider').select(['id', 'legal_name as name']).where('id', '=', c.awarded_provider_id).executeTakeFirst()) ?? null)
    : null;
  const forStatus = contract && { status: contract.status, startDate: contract.start_date, endDate: contract.end_date, endDecision: contract.end_decision, endDecisionFor: contract.end_decision_for };
  return {
    id: c.id,
    reference: c.reference,
    method: c.method,
    status: c.status,
    procurement: procurement ?? null,
    lot: lot ?? null,
    specificationVersionId: c.specification_version_id,
    specification: {
      schemeName: c.scheme_name,
      clientGroup: c.client_group,
      units: c.units,
      people: c.people,
      dayHoursPerWeek: c.day_hours_per_week,
      nightHoursPerWeek: c.night_hours_per_week,
      locality: c.locality,
      startDate: c.start_date,
      termMonths: c.term_months,
    },
    priceUnit: c.price_unit,
    justification: c.justification,
    inviteCondition: c.invite_condition,
    responseDeadline: c.response_deadline,
    criteria: criteria.map((x) => ({ id: x.id, procurementCriterionId: x.procurement_criterion_id, kind: x.kind, name: x.name, weightPercent: x.weight_percent })),
    invitations: invitations.map((i) => ({
      providerId: i.provider_id,
      providerName: i.legal_name,
      invitedOn: i.invited_on,
      response: i.response_id ? { id: i.response_id, pricePence: i.price_pence, receivedOn: i.received_on! } : null,
    })),
    awardedProviderId: c.awarded_provider_id,
    awardedOn: c.awarded_on,
    cancellation: c.cancelled_on ? { cancelledOn: c.cancelled_on, reason: c.cancellation_reason ?? '' } : null,
    /** Once awarded: who won, when, and the value of the contract it made (its status from its dates). */
    award:
      c.status === 'awarded' && awardedTo && c.awarded_on
        ? {
            provider: awardedTo,
            awardedOn: c.awarded_on,
            annualValuePence: contract?.annual_value_pence ?? null,
            totalValuePence: contract?.total_value_pence ?? null,
          }
        : null,
    contract:
      contract && forStatus
        ? {
            id: contract.id,
            reference: contract.reference,
            provider: { id: contract.provider_id, name: contract.legal_name },
            startDate: contract.start_date,
            endDate: contract.end_date,
            annualValuePence: contract.annual_value_pence,
            totalValuePence: contract.total_value_pence,
            dateStatus: contractDateStatus(forStatus, today),
            statusText: contractStatusText(forStatus, today),
          }
        : null,
  };
}
