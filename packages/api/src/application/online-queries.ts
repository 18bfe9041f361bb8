import { notFound, ONLINE_APPLICATION_STATUS_LABELS, type OnlineApplicationStatus } from '@concord/domain';
import type { ApplicationStatus, OnlineAnswer, OnlineLotPrice, Tx } from '@concord/db';
import { sql } from 'kysely';

/**
 * A provider organisation's own online applications (issue 11, items 3 and 4): drafts and submissions, with the
 * outcome and, once decided, its own scores and feedback. Row-level security shows it nothing of anyone else's.
 */

type OnlineStatus = OnlineApplicationStatus;
const ONLINE_STATUS_LABELS = ONLINE_APPLICATION_STATUS_LABELS;

export interface MyApplicationSummary {
  id: string;
  procurement: { id: string; reference: string; title: string; partnershipName: string; leadName: string };
  status: OnlineStatus;
  statusLabel: string;
  lots: { id: string; number: number; name: string }[];
  submittedAt: string | null;
  decidedOn: string | null;
  rowVersion: number;
}

function baseQuery(tx: Tx) {
  return tx
    .selectFrom('provider_application as pa')
    .innerJoin('procurement as pr', 'pr.id', 'pa.procurement_id')
    .innerJoin('authority as lead', 'lead.id', 'pr.authority_id')
    .leftJoin('application as a', 'a.id', 'pa.application_id')
    .select([
      'pa.id',
      'pa.procurement_id',
      'pa.lot_ids',
      'pa.gateway_answers',
      'pa.quality_answers',
      'pa.lot_prices',
      'pa.document_ids',
      'pa.snapshot',
      'pa.submitted_at',
      'pa.application_id',
      'pa.row_version',
      'pr.reference',
      'pr.title',
      'pr.scale_max',
      sql<string>`concord_partnership_name(pr.partnership_id)`.as('partnership_name'),
      'lead.name as lead_name',
      'a.status as application_status',
      'a.outcome_reason',
      'a.decided_on',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function lotNames(tx: Tx, ids: string[]): Promise<Map<string, { id: string; number: number; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('lot').select(['id', 'number', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function summary(r: Row, lots: Map<string, { id: string; number: number; name: string }>): MyApplicationSummary {
  const status: OnlineStatus = r.submitted_at ? (r.application_status ?? 'received') : 'draft';
  return {
    id: r.id,
    procurement: { id: r.procurement_id, reference: r.reference, title: r.title, partnershipName: r.partnership_name, leadName: r.lead_name },
    status,
    statusLabel: ONLINE_STATUS_LABELS[status],
    lots: r.lot_ids
      .map((id) => lots.get(id))
      .filter((l) => l !== undefined)
      .sort((a, b) => a.number - b.number),
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    decidedOn: r.decided_on,
    rowVersion: r.row_version,
  };
}

/** The organisation's applications, newest first. */
export async function listMyApplications(tx: Tx, providerId: string): Promise<MyApplicationSummary[]> {
  const rows = await baseQuery(tx).where('pa.provider_id', '=', providerId).orderBy('pa.created_at', 'desc').execute();
  const lots = await lotNames(
    tx,
    rows.flatMap((r) => r.lot_ids),
  );
  return rows.map((r) => summary(r, lots));
}

export interface MyApplicationDetail extends MyApplicationSummary {
  gatewayAnswers: OnlineAnswer[];
  qualityAnswers: OnlineAnswer[];
  lotPrices: OnlineLotPrice[];
  documentIds: string[];
  /** The profile it was submitted with (null while a draft). */
  snapshot: unknown;
  /** Once decided: the reason, the gateway results and its own agreed scores with the evaluators' feedback. */
  outcome: {
    label: string;
    reason: string | null;
    decidedOn: string | null;
    scaleMax: number;
    gateway: { question: string; passed: boolean }[];
    scores: { criterion: string; kind: string; weightPercent: number; score: number | null; feedback: string[] }[];
  } | null;
}

/** One of the organisation's applications. NOT_FOUND for another organisation's (it cannot see them). */
export async function getMyApplication(tx: Tx, providerId: string, id: string): Promise<MyApplicationDetail> {
  const row = await baseQuery(tx).where('pa.provider_id', '=', providerId).where('pa.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Application');
  const base = summary(row, await lotNames(tx, row.lot_ids));
  const decided = row.application_id !== null && (row.application_status === 'admitted' || row.application_status === 'rejected');
  return {
    ...base,
    gatewayAnswers: row.gateway_answers,
    qualityAnswers: row.quality_answers,
    lotPrices: row.lot_prices,
    documentIds: row.document_ids,
    snapshot: row.snapshot,
    outcome: decided ? await outcomeOf(tx, row.application_id!, row.procurement_id, row.scale_max, row.application_status!, row.outcome_reason, row.decided_on) : null,
  };
}

/**
 * The organisation's own scores once decided: per criterion the moderated score, or the evaluators' score where
 * they agreed, with their rationales as feedback. Never another applicant's, and no rank (no running contest).
 */
async function outcomeOf(tx: Tx, applicationId: string, procurementId: string, scaleMax: number, status: ApplicationStatus, reason: string | null, decidedOn: string | null) {
  const criteria = await tx
    .selectFrom('evaluation_criterion')
    .select(['id', 'kind', 'name', 'weight_percent'])
    .where('procurement_id', '=', procurementId)
    .where('kind', '<>', 'price')
    .orderBy('position')
    .execute();
  const scores = await tx.selectFrom('evaluation_score').select(['criterion_id', 'score', 'rationale']).where('application_id', '=', applicationId).execute();
  const moderated = await tx.selectFrom('moderated_score').select(['criterion_id', 'score', 'rationale']).where('application_id', '=', applicationId).execute();
  const gateway = await tx
    .selectFrom('gateway_answer as g')
    .innerJoin('gateway_question as q', 'q.id', 'g.question_id')
    .select(['q.question', 'g.passed'])
    .where('g.application_id', '=', applicationId)
    .orderBy('q.position')
    .execute();
  return {
    label: ONLINE_STATUS_LABELS[status],
    reason,
    decidedOn,
    scaleMax,
    gateway,
    scores: criteria.map((c) => {
      const agreed = moderated.find((m) => m.criterion_id === c.id);
      const given = scores.filter((s) => s.criterion_id === c.id);
      const unanimous = given.length > 0 && given.every((s) => s.score === given[0]!.score) ? given[0]!.score : null;
      return {
        criterion: c.name,
        kind: c.kind,
        weightPercent: Number(c.weight_percent),
        score: agreed?.score ?? unanimous,
        feedback: agreed ? [agreed.rationale] : given.map((s) => s.rationale),
      };
    }),
  };
}
