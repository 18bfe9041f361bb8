import { contractDateStatus, contractStatusText, sealedResponsesText } from '@concord/domain';
import { CALL_OFF_CRITERION_COLUMNS, type Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { buyerNames, findCallOff, lotReservedFor } from './access.ts';
import { deadlinePassed, latestResponses, responsesReceived } from './sealed.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session'> & { session: { authorityId: string } };

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
  const criteria = await tx.selectFrom('call_off_criterion').select(CALL_OFF_CRITERION_COLUMNS).where('call_off_id', '=', c.id).orderBy('position').execute();
  const invited = await tx
    .selectFrom('call_off_invitation as i')
    .innerJoin('provider as p', 'p.id', 'i.provider_id')
    .select(['i.provider_id', 'p.legal_name', 'i.invited_on'])
    .where('i.call_off_id', '=', c.id)
    .orderBy('p.legal_name')
    .execute();
  // Before the deadline the policies return no response: only the count is known.
  const latest = await latestResponses(tx, c.id);
  const sealed = !(await deadlinePassed(tx, c.response_deadline_at));
  const received = c.method === 'mini_competition' ? await responsesReceived(tx, c.id) : 0;
  const invitations = invited.map((i) => {
    const r = latest.find((x) => x.provider_id === i.provider_id);
    return { ...i, response_id: r?.id ?? null, price_pence: r?.price_pence ?? null, received_on: r?.received_on ?? null, source: r?.source ?? null };
  });
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
    /** The call-off's version, sent back with the panel's scores (issue 12, item 4). */
    rowVersion: c.row_version,
    priceUnit: c.price_unit,
    justification: c.justification,
    inviteCondition: c.invite_condition,
    responseDeadline: c.response_deadline,
    criteria: criteria.map((x) => ({ id: x.id, procurementCriterionId: x.procurement_criterion_id, kind: x.kind, name: x.name, weightPercent: x.weight_percent })),
    invitations: invitations.map((i) => ({
      providerId: i.provider_id,
      providerName: i.legal_name,
      invitedOn: i.invited_on,
      response: i.response_id ? { id: i.response_id, pricePence: i.price_pence, receivedOn: i.received_on!, online: i.source === 'provider' } : null,
    })),
    /** How many providers have responded, and until when their responses are sealed (null once the deadline has passed). */
    responses: {
      received,
      deadlineAt: c.response_deadline_at?.toISOString() ?? null,
      sealedUntil: sealed && c.response_deadline_at ? c.response_deadline_at.toISOString() : null,
      text: sealed && c.response_deadline_at ? sealedResponsesText(received, c.response_deadline_at) : null,
    },
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
