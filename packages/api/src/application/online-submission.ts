import type { OnlineAnswer, OnlineLotPrice, Tx } from '@concord/db';

/** What a provider submitted online, as the lead's evaluators read it (migration 0031: submitted rows only). */
export interface OnlineSubmission {
  submittedAt: string;
  gatewayAnswers: (OnlineAnswer & { question: string })[];
  qualityAnswers: (OnlineAnswer & { criterion: string })[];
  lotPrices: (OnlineLotPrice & { lotNumber: number })[];
  /** The documents it chose, as its profile held them when it submitted. */
  documents: { id: string; title: string; kind: string; fileName: string; expiresOn: string | null }[];
  /** The organisation's profile when it submitted (frozen: later changes to the profile do not show here). */
  snapshot: { organisation?: { legalName?: string; verified?: boolean } & Record<string, unknown>; documents?: { id: string; title: string; kind: string; fileName: string; expiresOn: string | null }[] } & Record<string, unknown>;
}

export async function onlineSubmissionOf(tx: Tx, applicationId: string): Promise<OnlineSubmission | null> {
  const row = await tx
    .selectFrom('provider_application')
    .select(['procurement_id', 'gateway_answers', 'quality_answers', 'lot_prices', 'document_ids', 'snapshot', 'submitted_at'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row || !row.submitted_at) return null;
  const questions = await tx.selectFrom('gateway_question').select(['id', 'question']).where('procurement_id', '=', row.procurement_id).orderBy('position').execute();
  const criteria = await tx.selectFrom('evaluation_criterion').select(['id', 'name']).where('procurement_id', '=', row.procurement_id).orderBy('position').execute();
  const lots = await tx.selectFrom('lot').select(['id', 'number']).where('procurement_id', '=', row.procurement_id).orderBy('number').execute();
  const snapshot = (row.snapshot ?? {}) as OnlineSubmission['snapshot'];
  const inOrder = <T extends { id: string }>(answers: OnlineAnswer[], of: T[]) => of.flatMap((x) => answers.filter((a) => a.id === x.id).map((a) => ({ a, x })));
  return {
    submittedAt: new Date(row.submitted_at).toISOString(),
    gatewayAnswers: inOrder(row.gateway_answers, questions).map(({ a, x }) => ({ ...a, question: x.question })),
    qualityAnswers: inOrder(row.quality_answers, criteria).map(({ a, x }) => ({ ...a, criterion: x.name })),
    lotPrices: lots.flatMap((l) => row.lot_prices.filter((p) => p.lotId === l.id).map((p) => ({ ...p, lotNumber: l.number }))),
    documents: (snapshot.documents ?? []).filter((d) => row.document_ids.includes(d.id)),
    snapshot,
  };
}
