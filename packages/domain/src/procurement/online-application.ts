/**
 * What an application made online must hold before it is submitted (issue 11, item 3), as the procurement asks:
 * at least one of its lots; an answer to every gateway question; an answer to every quality and social value
 * criterion; and, when price is a criterion, a price for each lot applied to (and none for a lot not applied to).
 * Documents must come from the organisation's current profile. Pure: the caller reads both sides.
 */
export interface OnlineApplicationRequirements {
  lots: { id: string; number: number }[];
  gatewayQuestions: { id: string; question: string }[];
  criteria: { id: string; kind: string; name: string }[];
  /** The documents the organisation's profile holds now. */
  documentIds: string[];
}

export interface OnlineApplicationDraft {
  lotIds: string[];
  gatewayAnswers: { id: string; answer: string }[];
  qualityAnswers: { id: string; answer: string }[];
  lotPrices: { lotId: string; pricePence: number }[];
  documentIds: string[];
}

/** Field → problems. Empty when the draft may be submitted. */
export type ApplicationProblems = Record<string, string[]>;

function add(problems: ApplicationProblems, field: string, message: string): void {
  (problems[field] ??= []).push(message);
}

/** Problems that make a draft not even storable: answers to questions, criteria or lots of another procurement. */
export function foreignParts(req: OnlineApplicationRequirements, draft: Partial<OnlineApplicationDraft>): ApplicationProblems {
  const problems: ApplicationProblems = {};
  const lotIds = new Set(req.lots.map((l) => l.id));
  const questionIds = new Set(req.gatewayQuestions.map((q) => q.id));
  const answerable = new Set(req.criteria.filter((c) => c.kind !== 'price').map((c) => c.id));
  const documents = new Set(req.documentIds);
  draft.lotIds?.forEach((id, i) => lotIds.has(id) || add(problems, `lotIds.${i}`, 'Choose lots of this procurement'));
  draft.gatewayAnswers?.forEach((a, i) => questionIds.has(a.id) || add(problems, `gatewayAnswers.${i}.id`, 'Answer the gateway questions of this procurement'));
  draft.qualityAnswers?.forEach((a, i) => answerable.has(a.id) || add(problems, `qualityAnswers.${i}.id`, 'Answer the quality criteria of this procurement'));
  draft.lotPrices?.forEach((p, i) => lotIds.has(p.lotId) || add(problems, `lotPrices.${i}.lotId`, 'Price lots of this procurement'));
  draft.documentIds?.forEach((id, i) => documents.has(id) || add(problems, `documentIds.${i}`, 'Choose documents from your organisation’s profile'));
  return problems;
}

/** Everything that stops a draft being submitted, by field, in the order of the form. */
export function applicationProblems(req: OnlineApplicationRequirements, draft: OnlineApplicationDraft): ApplicationProblems {
  const problems = foreignParts(req, draft);
  if (draft.lotIds.length === 0) add(problems, 'lotIds', 'Choose at least one lot to apply to');
  for (const q of req.gatewayQuestions) {
    const answer = draft.gatewayAnswers.find((a) => a.id === q.id)?.answer ?? '';
    if (answer.trim() === '') add(problems, `gatewayAnswers.${q.id}`, `Answer the gateway question: ${q.question}`);
  }
  for (const c of req.criteria.filter((x) => x.kind !== 'price')) {
    const answer = draft.qualityAnswers.find((a) => a.id === c.id)?.answer ?? '';
    if (answer.trim() === '') add(problems, `qualityAnswers.${c.id}`, `Answer the criterion: ${c.name}`);
  }
  const pricesAsked = req.criteria.some((c) => c.kind === 'price');
  const lotsByNumber = [...req.lots].sort((a, b) => a.number - b.number);
  for (const lot of lotsByNumber) {
    const applied = draft.lotIds.includes(lot.id);
    const priced = draft.lotPrices.some((p) => p.lotId === lot.id);
    if (pricesAsked && applied && !priced) add(problems, `lotPrices.${lot.id}`, `Give your price for lot ${lot.number}`);
    if (priced && !applied) add(problems, `lotPrices.${lot.id}`, `Remove the price for lot ${lot.number}, which you are not applying to`);
    if (priced && !pricesAsked) add(problems, `lotPrices.${lot.id}`, 'This procurement does not score a price: remove the prices');
  }
  return problems;
}

/** A provider's own application as it sees it: a draft, or the state of the application it submitted. */
export type OnlineApplicationStatus = 'draft' | 'received' | 'admitted' | 'rejected' | 'withdrawn';

export const ONLINE_APPLICATION_STATUS_LABELS: Record<OnlineApplicationStatus, string> = {
  draft: 'Draft',
  received: 'Submitted: being evaluated',
  admitted: 'Admitted',
  rejected: 'Not admitted',
  withdrawn: 'Withdrawn',
};
