import { randomUUID } from 'node:crypto';
import { badRequest, deadlineText, forbidden, formatPence, notFound } from '@concord/domain';
import { CALL_OFF_OUTCOME_COLUMNS, CALL_OFF_RESPONSE_ANSWER_COLUMNS, type Tx } from '@concord/db';
import { sql } from 'kysely';
import type { z } from 'zod';
import { notify } from '../message/notify.ts';
import type { submitResponseInput } from './input.ts';

/**
 * The provider's side of a mini-competition (issue 11, item 4). A verified organisation reads its own invitations,
 * the call-off's specification, refined criteria and deadline (migration 0032's policies), submits its response and
 * may replace it until the deadline (every version kept; the latest counts). The deadline is compared in the
 * database. It never sees another provider's response, price or a running rank; after award, only its own result.
 */
type Ctx = { tx: Tx; session: { providerId: string; userId: string } };

export type InvitationState = 'open' | 'closed' | 'awarded' | 'cancelled';

async function assertVerified(ctx: Ctx): Promise<void> {
  const p = await ctx.tx.selectFrom('provider').select('verified_at').where('id', '=', ctx.session.providerId).executeTakeFirst();
  if (!p?.verified_at) throw forbidden('Your organisation must be verified before it can see or answer invitations');
}

/** My invitations with each call-off, whether it is open (by the database's clock) and my latest response. */
async function invitationRows(ctx: Ctx, callOffId?: string) {
  let q = ctx.tx
    .selectFrom('call_off_invitation as i')
    .innerJoin('call_off as c', (j) => j.onRef('c.authority_id', '=', 'i.authority_id').onRef('c.id', '=', 'i.call_off_id'))
    .innerJoin('authority as a', 'a.id', 'c.authority_id')
    .leftJoin('lot as l', 'l.id', 'c.lot_id')
    .leftJoin('procurement as p', 'p.id', 'c.procurement_id')
    .select([
      'c.id',
      'c.reference',
      'c.status',
      'c.scheme_name',
      'c.client_group',
      'c.units',
      'c.people',
      'c.day_hours_per_week',
      'c.night_hours_per_week',
      'c.locality',
      'c.start_date',
      'c.term_months',
      'c.price_unit',
      'c.response_deadline_at',
      'a.name as authority_name',
      'l.number as lot_number',
      'l.name as lot_name',
      'p.reference as procurement_reference',
      'p.title as procurement_title',
      'p.scale_max',
      'i.invited_on',
      sql<boolean>`c.status = 'inviting' AND c.response_deadline_at > transaction_timestamp()`.as('open'),
    ])
    .where('i.provider_id', '=', ctx.session.providerId)
    .orderBy('c.response_deadline_at', 'desc');
  if (callOffId) q = q.where('c.id', '=', callOffId);
  return q.execute();
}

function state(row: { status: string; open: boolean }): InvitationState {
  if (row.status === 'awarded') return 'awarded';
  if (row.status === 'cancelled') return 'cancelled';
  return row.open ? 'open' : 'closed';
}

export async function listInvitations(ctx: Ctx) {
  await assertVerified(ctx);
  const rows = await invitationRows(ctx);
  const mine = await ctx.tx
    .selectFrom('call_off_response')
    .select(['call_off_id', (eb) => eb.fn.countAll<number>().as('versions'), (eb) => eb.fn.max('submitted_at').as('last')])
    .where('provider_id', '=', ctx.session.providerId)
    .groupBy('call_off_id')
    .execute();
  return rows.map((r) => {
    const m = mine.find((x) => x.call_off_id === r.id);
    return {
      callOffId: r.id,
      reference: r.reference,
      authority: r.authority_name,
      schemeName: r.scheme_name,
      locality: r.locality,
      lot: r.lot_name ? { number: r.lot_number!, name: r.lot_name } : null,
      invitedOn: r.invited_on,
      deadlineAt: r.response_deadline_at?.toISOString() ?? null,
      deadlineText: r.response_deadline_at ? deadlineText(r.response_deadline_at) : null,
      state: state(r),
      responded: m ? { versions: Number(m.versions), lastSubmittedAt: new Date(m.last as Date | string).toISOString() } : null,
    };
  });
}

/** One invitation: the call-off, its refined criteria, every version of my response (latest first) and, after award, my result. */
export async function getInvitation(ctx: Ctx, callOffId: string) {
  await assertVerified(ctx);
  const [r] = await invitationRows(ctx, callOffId);
  if (!r) throw notFound('Invitation');
  const criteria = await ctx.tx.selectFrom('call_off_criterion').select(['id', 'kind', 'name', 'weight_percent']).where('call_off_id', '=', r.id).orderBy('position').execute();
  const versions = await ctx.tx
    .selectFrom('call_off_response')
    .select(['id', 'price_pence', 'submitted_at', 'source', 'received_on'])
    .where('call_off_id', '=', r.id)
    .where('provider_id', '=', ctx.session.providerId)
    .orderBy('seq', 'desc')
    .execute();
  const answers = versions.length === 0 ? [] : await ctx.tx.selectFrom('call_off_response_answer').select(CALL_OFF_RESPONSE_ANSWER_COLUMNS).where('response_id', 'in', versions.map((v) => v.id)).execute();
  const outcome = await ctx.tx.selectFrom('call_off_outcome').select(CALL_OFF_OUTCOME_COLUMNS).where('call_off_id', '=', r.id).where('provider_id', '=', ctx.session.providerId).executeTakeFirst();
  return {
    callOffId: r.id,
    reference: r.reference,
    authority: r.authority_name,
    procurement: r.procurement_reference ? { reference: r.procurement_reference, title: r.procurement_title! } : null,
    lot: r.lot_name ? { number: r.lot_number!, name: r.lot_name } : null,
    specification: {
      schemeName: r.scheme_name,
      clientGroup: r.client_group,
      units: r.units,
      people: r.people,
      dayHoursPerWeek: r.day_hours_per_week,
      nightHoursPerWeek: r.night_hours_per_week,
      locality: r.locality,
      startDate: r.start_date,
      termMonths: r.term_months,
    },
    priceUnit: r.price_unit,
    scaleMax: r.scale_max ?? null,
    invitedOn: r.invited_on,
    deadlineAt: r.response_deadline_at?.toISOString() ?? null,
    deadlineText: r.response_deadline_at ? deadlineText(r.response_deadline_at) : null,
    state: state(r),
    criteria: criteria.map((c) => ({ id: c.id, kind: c.kind, name: c.name, weightPercent: c.weight_percent })),
    responses: versions.map((v, i) => ({
      id: v.id,
      version: versions.length - i,
      latest: i === 0,
      online: v.source === 'provider',
      submittedAt: v.submitted_at.toISOString(),
      receivedOn: v.received_on,
      pricePence: v.price_pence,
      answers: answers.filter((a) => a.response_id === v.id).map((a) => ({ criterionId: a.criterion_id, answer: a.answer })),
    })),
    outcome: outcome
      ? {
          successful: outcome.successful,
          rank: outcome.rank,
          totalPoints: outcome.total_points,
          points: outcome.points as { criterionId: string; name: string; kind: string; weightPercent: number | null; score: number | null; points: number | null }[],
          feedback: outcome.feedback,
          contractReference: outcome.contract_reference,
        }
      : null,
  };
}

/** Submits (or replaces) my response before the deadline: a new version, the latest counts. */
export async function submitResponse(ctx: Ctx, input: z.infer<typeof submitResponseInput>) {
  const invitation = await getInvitation(ctx, input.callOffId);
  if (invitation.state !== 'open') {
    throw badRequest(
      invitation.state === 'closed' ? `The deadline was ${invitation.deadlineText}: responses can no longer be made or replaced` : `This call-off is ${invitation.state}: it takes no more responses`,
      'callOffId',
    );
  }
  const price = invitation.criteria.find((c) => c.kind === 'price');
  if (price && input.pricePence === undefined) throw badRequest('Enter your price: price is one of the criteria', 'pricePence');
  input.answers.forEach((a, i) => {
    const c = invitation.criteria.find((x) => x.id === a.criterionId);
    if (!c) throw badRequest('That criterion is not one of this call-off’s', `answers[${i}].criterionId`);
    if (c.kind === 'price') throw badRequest('Give your price as the price, not as an answer', `answers[${i}].criterionId`);
    if (input.answers.findIndex((x) => x.criterionId === a.criterionId) !== i) throw badRequest(`You answered ${c.name} twice`, `answers[${i}].criterionId`);
  });
  invitation.criteria.forEach((c) => {
    if (c.kind !== 'price' && !input.answers.some((a) => a.criterionId === c.id)) throw badRequest(`Answer ${c.name}`, 'answers');
  });
  const authorityId = (await ctx.tx.selectFrom('call_off').select('authority_id').where('id', '=', input.callOffId).executeTakeFirstOrThrow()).authority_id;
  const id = randomUUID();
  const saved = await ctx.tx
    .insertInto('call_off_response')
    .values({ authority_id: authorityId, id, call_off_id: input.callOffId, provider_id: ctx.session.providerId, price_pence: input.pricePence ?? null, received_on: sql<string>`(transaction_timestamp() AT TIME ZONE 'Europe/London')::date`, source: 'provider' })
    .returning(['submitted_at'])
    .executeTakeFirstOrThrow();
  if (input.answers.length > 0) {
    await ctx.tx
      .insertInto('call_off_response_answer')
      .values(input.answers.map((a) => ({ authority_id: authorityId, response_id: id, criterion_id: a.criterionId, call_off_id: input.callOffId, answer: a.answer })))
      .execute();
  }
  const version = invitation.responses.length + 1;
  await notify(ctx.tx, {
    to: { providerId: ctx.session.providerId },
    from: null,
    kind: version === 1 ? 'call_off_response_received' : 'call_off_response_replaced',
    subject: `${version === 1 ? 'Response received' : 'Replacement response received'}: ${invitation.specification.schemeName} (${invitation.reference})`,
    body: `Your ${version === 1 ? 'response' : `response (version ${version}, replacing the earlier one)`} to ${invitation.authority}'s call-off ${invitation.reference} was received${input.pricePence !== undefined ? ` with a price of ${formatPence(input.pricePence)} per ${invitation.priceUnit}` : ''}. It is sealed until ${invitation.deadlineText}; you may replace it until then.`,
    link: `/organisation/invitations/${input.callOffId}`,
  });
  return { responseId: id, version, submittedAt: saved.submitted_at.toISOString() };
}
