import { PROVIDER_APPLICATION_COLUMNS } from '@concord/db';
import {
  acceptsApplications,
  applicationProblems,
  badRequest,
  DomainError,
  foreignParts,
  longDate,
  notFound,
  PROCUREMENT_STATUS_LABELS,
  ROUTE_LABELS,
  staleEdit,
  type OnlineApplicationRequirements,
} from '@concord/domain';
import type { OnlineAnswer, OnlineLotPrice, Tx } from '@concord/db';
import { notify } from '../message/notify.ts';
import { snapshotOfProfile } from '../organisation/snapshot.ts';
import { londonDate } from '../procurement/dates.ts';
import type { SaveOnlineApplicationInput } from './online-input.ts';

/**
 * A provider organisation applies online (issue 11, item 3): it drafts its application (provider_application, its
 * own), then submits it, which makes the `application` the lead evaluates, dated and frozen with a snapshot of the
 * organisation's profile. Row-level security (migration 0031) lets it draft only for a procurement it can see open,
 * and submit only as itself.
 */
interface ProviderCtx {
  tx: Tx;
  now: () => Date;
  session: { providerId: string; userId: string };
}

/** A procurement the provider can see (NOT_FOUND otherwise), with what an application to it must answer. */
async function requirementsOf(tx: Tx, procurementId: string, providerId: string, now: Date) {
  const procurement = await tx
    .selectFrom('procurement')
    .select(['id', 'authority_id', 'partnership_id', 'status', 'route', 'title', 'reference'])
    .where('id', '=', procurementId)
    .executeTakeFirst();
  if (!procurement) throw notFound('Procurement');
  const lots = await tx.selectFrom('lot').select(['id', 'number', 'name']).where('procurement_id', '=', procurementId).orderBy('number').execute();
  const gatewayQuestions = await tx.selectFrom('gateway_question').select(['id', 'question']).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const criteria = await tx.selectFrom('evaluation_criterion').select(['id', 'kind', 'name']).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const snapshot = await snapshotOfProfile(tx, providerId, now);
  const reopenings = (await tx.selectFrom('reopening').select(['id', 'opens_on', 'closes_on']).where('procurement_id', '=', procurementId).execute()).map((r) => ({
    id: r.id,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
  }));
  const requirements: OnlineApplicationRequirements = { lots, gatewayQuestions, criteria, documentIds: snapshot.documents.map((d) => d.id) };
  return { procurement, requirements, snapshot, reopenings, lots };
}

function refuseClosed(p: { status: Parameters<typeof acceptsApplications>[0]['status']; route: Parameters<typeof acceptsApplications>[0]['route'] }, today: string, reopenings: { id: string; opensOn: string; closesOn: string }[]) {
  if (!acceptsApplications(p, today, reopenings)) {
    throw badRequest(`The ${ROUTE_LABELS[p.route]} is not accepting applications (it is at the ${PROCUREMENT_STATUS_LABELS[p.status]} stage)`, 'procurementId');
  }
}

/** Starts the organisation's draft application to a procurement open today, or returns the draft it already has. */
export async function startOnlineApplication(ctx: ProviderCtx, procurementId: string): Promise<{ id: string }> {
  const { procurement, reopenings } = await requirementsOf(ctx.tx, procurementId, ctx.session.providerId, ctx.now());
  refuseClosed(procurement, londonDate(ctx.now()), reopenings);
  const existing = await ctx.tx
    .selectFrom('provider_application')
    .select('id')
    .where('procurement_id', '=', procurementId)
    .where('provider_id', '=', ctx.session.providerId)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  if (existing) return existing;
  const pending = await ctx.tx
    .selectFrom('application')
    .select('id')
    .where('procurement_id', '=', procurementId)
    .where('provider_id', '=', ctx.session.providerId)
    .where('status', '=', 'received')
    .executeTakeFirst();
  if (pending) throw new DomainError('CONFLICT', 'Your organisation already has an application to this procurement being evaluated', 'procurementId');
  return ctx.tx
    .insertInto('provider_application')
    .values({ authority_id: procurement.authority_id, procurement_id: procurementId, provider_id: ctx.session.providerId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Locks the draft for the rest of the transaction and refuses a stale version (CONFLICT naming who saved it last). */
async function lockDraft(tx: Tx, id: string, seenVersion: number): Promise<void> {
  const row = await tx
    .selectFrom('provider_application as a')
    .leftJoin('app_user as u', 'u.id', 'a.updated_by')
    .select(['a.row_version', 'a.updated_at', 'u.display_name'])
    .where('a.id', '=', id)
    .forUpdate('a')
    .executeTakeFirst();
  if (!row) throw notFound('Application');
  if (row.row_version !== seenVersion) throw staleEdit(row.display_name, new Date(row.updated_at));
}

async function draftOf(ctx: ProviderCtx, applicationId: string) {
  const draft = await ctx.tx.selectFrom('provider_application').select(PROVIDER_APPLICATION_COLUMNS).where('id', '=', applicationId).where('provider_id', '=', ctx.session.providerId).executeTakeFirst();
  if (!draft) throw notFound('Application');
  if (draft.submitted_at) throw new DomainError('CONFLICT', `This application was submitted on ${longDate(londonDate(draft.submitted_at))} and cannot be changed`, 'applicationId');
  return draft;
}

/** Saves the parts of the draft given (each page of the form saves its own part); refused when stale. */
export async function saveOnlineApplication(ctx: ProviderCtx, input: SaveOnlineApplicationInput): Promise<{ id: string; rowVersion: number }> {
  const draft = await draftOf(ctx, input.applicationId);
  const { requirements } = await requirementsOf(ctx.tx, draft.procurement_id, ctx.session.providerId, ctx.now());
  const foreign = foreignParts(requirements, input);
  if (Object.keys(foreign).length > 0) throw new DomainError('BAD_REQUEST', Object.values(foreign)[0]![0]!, undefined, foreign);
  await lockDraft(ctx.tx, draft.id, input.rowVersion);
  const json = (v: unknown) => JSON.stringify(v);
  const saved = await ctx.tx
    .updateTable('provider_application')
    .set({
      ...(input.lotIds ? { lot_ids: input.lotIds } : {}),
      ...(input.gatewayAnswers ? { gateway_answers: json(input.gatewayAnswers) } : {}),
      ...(input.qualityAnswers ? { quality_answers: json(input.qualityAnswers) } : {}),
      ...(input.lotPrices ? { lot_prices: json(input.lotPrices) } : {}),
      ...(input.documentIds ? { document_ids: input.documentIds } : {}),
    })
    .where('id', '=', draft.id)
    .returning(['id', 'row_version'])
    .executeTakeFirstOrThrow();
  return { id: saved.id, rowVersion: saved.row_version };
}

/**
 * Submits the draft: refused outside the procurement's window and while anything it must answer is missing (every
 * problem named by field). Makes the lead's `application` (received today, submitted now, one lot row each with its
 * price) and freezes the draft with the profile as it is now. The lead authority is told.
 */
export async function submitOnlineApplication(ctx: ProviderCtx, input: { applicationId: string; rowVersion: number }): Promise<{ id: string; applicationId: string; submittedAt: string }> {
  const draft = await draftOf(ctx, input.applicationId);
  const now = ctx.now();
  const today = londonDate(now);
  const { procurement, requirements, snapshot, reopenings, lots } = await requirementsOf(ctx.tx, draft.procurement_id, ctx.session.providerId, now);
  refuseClosed(procurement, today, reopenings);
  const parts = { lotIds: draft.lot_ids, gatewayAnswers: draft.gateway_answers, qualityAnswers: draft.quality_answers, lotPrices: draft.lot_prices, documentIds: draft.document_ids };
  const problems = applicationProblems(requirements, parts);
  if (Object.keys(problems).length > 0) throw new DomainError('BAD_REQUEST', Object.values(problems)[0]![0]!, undefined, problems);
  await lockDraft(ctx.tx, draft.id, input.rowVersion);
  const pending = await ctx.tx
    .selectFrom('application')
    .select('id')
    .where('procurement_id', '=', procurement.id)
    .where('provider_id', '=', ctx.session.providerId)
    .where('status', '=', 'received')
    .executeTakeFirst();
  if (pending) throw new DomainError('CONFLICT', 'Your organisation already has an application to this procurement being evaluated', 'applicationId');
  const prices = new Map(draft.lot_prices.map((p) => [p.lotId, p.pricePence]));
  const chosen = lots.filter((l) => draft.lot_ids.includes(l.id));
  const lowest = chosen.map((l) => prices.get(l.id)).filter((p): p is number => p !== undefined);
  const reopening = procurement.route === 'framework' && procurement.status === 'live' ? reopenings.find((r) => r.opensOn <= today && today <= r.closesOn) : undefined;
  const application = await ctx.tx
    .insertInto('application')
    .values({
      authority_id: procurement.authority_id,
      procurement_id: procurement.id,
      provider_id: ctx.session.providerId,
      reopening_id: reopening?.id ?? null,
      received_on: today,
      // The lowest of its lot prices, for lists; each lot is evaluated at its own price (application_lot).
      bid_price_pence: lowest.length > 0 ? Math.min(...lowest) : null,
      submitted_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.tx
    .insertInto('application_lot')
    .values(chosen.map((l) => ({ authority_id: procurement.authority_id, application_id: application.id, lot_id: l.id, bid_price_pence: prices.get(l.id) ?? null })))
    .execute();
  const frozen = await ctx.tx
    .updateTable('provider_application')
    .set({ submitted_at: now, application_id: application.id, snapshot: JSON.stringify(snapshot) })
    .where('id', '=', draft.id)
    .where('submitted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!frozen) throw new DomainError('CONFLICT', 'This application was already submitted', 'applicationId');
  await notify(ctx.tx, {
    to: { authorityId: procurement.authority_id },
    from: { providerId: ctx.session.providerId },
    kind: 'application_submitted',
    subject: `Application received online: ${procurement.title}`,
    body: `${snapshot.organisation.legalName} applied online to ${procurement.reference} (lots ${chosen.map((l) => l.number).join(', ')})${snapshot.organisation.verified ? '' : '. The organisation is not yet verified: verify it before admitting it'}.`,
    link: `/procurements/${procurement.id}/applications/${application.id}`,
  });
  return { id: draft.id, applicationId: application.id, submittedAt: now.toISOString() };
}

/** Discards a draft that was never submitted. */
export async function discardOnlineApplication(ctx: ProviderCtx, applicationId: string): Promise<{ id: string }> {
  const draft = await draftOf(ctx, applicationId);
  await ctx.tx.deleteFrom('provider_application').where('id', '=', draft.id).execute();
  return { id: draft.id };
}

export type { OnlineAnswer, OnlineLotPrice };
