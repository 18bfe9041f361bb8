import { acceptsApplications, badRequest, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { notify } from '../message/notify.ts';
import { londonDate } from '../procurement/dates.ts';

/**
 * Clarifications during the application window (issue 11, item 3). A provider asks; only it and the lead authority
 * see its question. The lead publishes a question (in its own words) with the answer to everyone who can see the
 * procurement, without the asker: every provider that asked or applied is told.
 */

async function openWindow(tx: Tx, procurementId: string, now: Date) {
  const procurement = await tx.selectFrom('procurement').select(['id', 'authority_id', 'partnership_id', 'status', 'route', 'title', 'reference']).where('id', '=', procurementId).executeTakeFirst();
  if (!procurement) throw notFound('Procurement');
  const reopenings = (await tx.selectFrom('reopening').select(['id', 'opens_on', 'closes_on']).where('procurement_id', '=', procurementId).execute()).map((r) => ({
    id: r.id,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
  }));
  if (!acceptsApplications(procurement, londonDate(now), reopenings)) throw badRequest('Questions can be asked only while the procurement accepts applications', 'procurementId');
  return procurement;
}

/** A provider asks a question about a procurement open for applications. The lead authority is told (not who asked, in the subject). */
export async function askClarification(tx: Tx, providerId: string, userId: string, now: Date, input: { procurementId: string; question: string }): Promise<{ id: string }> {
  const procurement = await openWindow(tx, input.procurementId, now);
  const asked = await tx
    .insertInto('clarification_question')
    .values({ authority_id: procurement.authority_id, procurement_id: procurement.id, provider_id: providerId, question: input.question, asked_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await notify(tx, {
    to: { authorityId: procurement.authority_id },
    from: { providerId },
    kind: 'clarification_asked',
    subject: `Clarification question: ${procurement.reference}`,
    body: `A provider asked a question about ${procurement.title}. Answer it on the procurement's clarifications page; a published answer goes to every applicant without the asker's name.`,
    link: `/procurements/${procurement.id}/clarifications`,
  });
  return asked;
}

export interface PublishedClarification {
  id: string;
  question: string;
  answer: string;
  publishedAt: string;
}

/** The clarifications published for a procurement (anyone who can see the procurement). */
export async function publishedClarifications(tx: Tx, procurementId: string): Promise<PublishedClarification[]> {
  const rows = await tx.selectFrom('clarification').select(['id', 'question', 'answer', 'published_at']).where('procurement_id', '=', procurementId).orderBy('published_at').execute();
  return rows.map((r) => ({ id: r.id, question: r.question, answer: r.answer, publishedAt: new Date(r.published_at).toISOString() }));
}

/** My organisation's own questions about a procurement, and whether each is answered. */
export async function myQuestions(tx: Tx, providerId: string, procurementId: string) {
  const rows = await tx
    .selectFrom('clarification_question')
    .select(['id', 'question', 'asked_at', 'clarification_id'])
    .where('procurement_id', '=', procurementId)
    .where('provider_id', '=', providerId)
    .orderBy('asked_at')
    .execute();
  return rows.map((r) => ({ id: r.id, question: r.question, askedAt: new Date(r.asked_at).toISOString(), answeredBy: r.clarification_id }));
}

/** For the lead: the providers' questions (with who asked, which only the lead sees) and what is published. */
export async function leadClarifications(tx: Tx, procurementId: string) {
  const questions = await tx
    .selectFrom('clarification_question as q')
    .innerJoin('provider as p', 'p.id', 'q.provider_id')
    .select(['q.id', 'q.question', 'q.asked_at', 'q.clarification_id', 'p.legal_name'])
    .where('q.procurement_id', '=', procurementId)
    .orderBy('q.asked_at')
    .execute();
  return {
    questions: questions.map((q) => ({ id: q.id, question: q.question, askedAt: new Date(q.asked_at).toISOString(), askedBy: q.legal_name, answeredBy: q.clarification_id })),
    published: await publishedClarifications(tx, procurementId),
  };
}

/**
 * The lead publishes a clarification: its question and answer go to every applicant without who asked. The
 * questions it answers are marked answered; every provider that asked or applied is told.
 */
export async function publishClarification(
  tx: Tx,
  lead: { authorityId: string; userId: string },
  procurement: { id: string; partnershipId: string },
  input: { questionIds: string[]; question: string; answer: string },
): Promise<{ id: string; notified: number }> {
  const asked = input.questionIds.length
    ? await tx.selectFrom('clarification_question').select(['id', 'clarification_id']).where('procurement_id', '=', procurement.id).where('id', 'in', input.questionIds).execute()
    : [];
  if (asked.length !== input.questionIds.length) throw badRequest('Choose questions asked about this procurement', 'questionIds');
  if (asked.some((q) => q.clarification_id !== null)) throw badRequest('One of the questions chosen is already answered', 'questionIds');
  const published = await tx
    .insertInto('clarification')
    .values({ authority_id: lead.authorityId, partnership_id: procurement.partnershipId, procurement_id: procurement.id, question: input.question, answer: input.answer, published_by: lead.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.questionIds.length) await tx.updateTable('clarification_question').set({ clarification_id: published.id }).where('id', 'in', input.questionIds).execute();
  const title = (await tx.selectFrom('procurement').select(['title']).where('id', '=', procurement.id).executeTakeFirstOrThrow()).title;
  const interested = await interestedProviders(tx, procurement.id);
  for (const providerId of interested) {
    await notify(tx, {
      to: { providerId },
      from: { authorityId: lead.authorityId },
      kind: 'clarification_published',
      subject: `Clarification published: ${title}`,
      body: `Question: ${input.question}\n\nAnswer: ${input.answer}`,
      link: `/organisation/opportunities/${procurement.id}`,
    });
  }
  return { id: published.id, notified: interested.length };
}

/** Providers that asked about, or applied online to, a procurement (what the lead can see; drafts are the providers' own). */
async function interestedProviders(tx: Tx, procurementId: string): Promise<string[]> {
  const askers = await tx.selectFrom('clarification_question').select('provider_id').where('procurement_id', '=', procurementId).execute();
  const applicants = await tx.selectFrom('application').select('provider_id').where('procurement_id', '=', procurementId).where('submitted_at', 'is not', null).execute();
  return [...new Set([...askers, ...applicants].map((r) => r.provider_id))].sort();
}
