import { APPLICATION_COLUMNS, EVALUATION_CRITERION_COLUMNS } from '@concord/db';
import { evaluateApplications, notFound, type EvaluatedApplication, type EvaluationInput } from '@concord/domain';
import type { ApplicationStatus, Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { assertEvaluator, findProcurement, isLeadCommissioner, procurementForLead, type ProcurementRef } from '../procurement/access.ts';
import { onlineSubmissionOf, type OnlineSubmission } from './online-submission.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

/**
 * An application, found under row-level security: only the lead authority's transactions see
 * applications at all, so a partner or outsider gets NOT_FOUND for any application id. At the lead
 * authority, only its evaluators (commissioners and contract officers) may go further.
 */
export async function applicationForEvaluator(ctx: Ctx, applicationId: string) {
  const application = await ctx.tx.selectFrom('application').select(APPLICATION_COLUMNS).where('id', '=', applicationId).executeTakeFirst();
  if (!application) throw notFound('Application');
  const procurement = await findProcurement(ctx.tx, application.procurement_id);
  assertEvaluator(ctx, procurement);
  return { application, procurement };
}

/** The same, for what only the lead commissioner (who chairs moderation and makes the award) may do. */
export async function applicationForModerator(ctx: Ctx, applicationId: string) {
  const found = await applicationForEvaluator(ctx, applicationId);
  await procurementForLead(ctx, found.procurement.id);
  return found;
}

/** A procurement whose applications I may see: FORBIDDEN for partners and the lead's viewers. */
export async function procurementForEvaluator(ctx: Ctx, procurementId: string): Promise<ProcurementRef> {
  const procurement = await findProcurement(ctx.tx, procurementId);
  assertEvaluator(ctx, procurement);
  return procurement;
}

export interface ApplicationSummary {
  id: string;
  provider: { id: string; legalName: string; isSme: boolean; isVcse: boolean };
  lots: { id: string; number: number; name: string }[];
  receivedOn: string;
  bidPricePence: number | null;
  status: ApplicationStatus;
  outcomeReason: string | null;
  decidedOn: string | null;
  reopeningId: string | null;
  /** When the provider submitted it online (null: entered by the lead, e.g. from a paper application). */
  submittedAt: string | null;
  /** False while a self-registered organisation awaits verification: the lead verifies it before admitting it. */
  providerVerified: boolean;
}

async function lotsOf(tx: Tx, applicationIds: string[]) {
  if (applicationIds.length === 0) return new Map<string, { id: string; number: number; name: string }[]>();
  const rows = await tx
    .selectFrom('application_lot as al')
    .innerJoin('lot as l', 'l.id', 'al.lot_id')
    .select(['al.application_id', 'l.id', 'l.number', 'l.name'])
    .where('al.application_id', 'in', applicationIds)
    .orderBy('l.number')
    .execute();
  const byApplication = new Map<string, { id: string; number: number; name: string }[]>();
  for (const r of rows) byApplication.set(r.application_id, [...(byApplication.get(r.application_id) ?? []), { id: r.id, number: r.number, name: r.name }]);
  return byApplication;
}

export async function listApplications(ctx: Ctx, procurementId: string): Promise<ApplicationSummary[]> {
  const procurement = await procurementForEvaluator(ctx, procurementId);
  const rows = await ctx.tx
    .selectFrom('application as a')
    .innerJoin('provider as p', 'p.id', 'a.provider_id')
    .select([
      'a.id', 'a.received_on', 'a.bid_price_pence', 'a.status', 'a.outcome_reason', 'a.decided_on', 'a.reopening_id', 'a.submitted_at',
      'p.id as provider_id', 'p.legal_name', 'p.is_sme', 'p.is_vcse', 'p.self_registered', 'p.verified_at',
    ])
    .where('a.procurement_id', '=', procurement.id)
    .orderBy('a.received_on')
    .orderBy('p.legal_name')
    .execute();
  const lots = await lotsOf(
    ctx.tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    provider: { id: r.provider_id, legalName: r.legal_name, isSme: r.is_sme, isVcse: r.is_vcse },
    lots: lots.get(r.id) ?? [],
    receivedOn: r.received_on,
    bidPricePence: r.bid_price_pence,
    status: r.status,
    outcomeReason: r.outcome_reason,
    decidedOn: r.decided_on,
    reopeningId: r.reopening_id,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    providerVerified: !r.self_registered || r.verified_at !== null,
  }));
}

export interface ApplicationDetail extends ApplicationSummary {
  procurementId: string;
  gateway: { questionId: string; question: string; passed: boolean | null; note: string | null }[];
  criteria: {
    criterionId: string;
    kind: string;
    name: string;
    weightPercent: number;
    /** My own score, if I have scored it, with its version (sent back when I score it again). */
    myScore: { score: number; rationale: string; rowVersion: number } | null;
    /**
     * The other evaluators' scores: shown once I have scored the criterion myself (so my score stays
     * independent), or to the lead commissioner who moderates. Otherwise null, with `otherScoresHidden`.
     */
    otherScores: { evaluator: string; score: number; rationale: string }[] | null;
    otherScoresHidden: number;
    /** The agreed score, with its version (sent back when it is moderated again). */
    moderated: { score: number; rationale: string; moderatedBy: string | null; rowVersion: number } | null;
  }[];
  scaleMax: number;
  canModerate: boolean;
  /** The application's version: sent back with gateway answers (issue 12, item 4); scores carry their own. */
  rowVersion: number;
  /** What the provider said, when it applied online: its answers, lot prices and the profile it submitted with. */
  online: OnlineSubmission | null;
}

export async function getApplication(ctx: Ctx, applicationId: string): Promise<ApplicationDetail> {
  const { application, procurement } = await applicationForEvaluator(ctx, applicationId);
  const [summary] = (await listApplications(ctx, procurement.id)).filter((a) => a.id === applicationId);
  const canModerate = await isLeadCommissioner(ctx, { id: procurement.partnershipId, leadAuthorityId: procurement.leadAuthorityId });
  const questions = await ctx.tx.selectFrom('gateway_question').select(['id', 'question']).where('procurement_id', '=', procurement.id).orderBy('position').execute();
  const answers = await ctx.tx.selectFrom('gateway_answer').select(['question_id', 'passed', 'note']).where('application_id', '=', applicationId).execute();
  const criteria = await ctx.tx.selectFrom('evaluation_criterion').select(EVALUATION_CRITERION_COLUMNS).where('procurement_id', '=', procurement.id).orderBy('position').execute();
  const scores = await ctx.tx
    .selectFrom('evaluation_score as s')
    .leftJoin('app_user as u', 'u.id', 's.evaluator_id')
    .select(['s.criterion_id', 's.evaluator_id', 's.score', 's.rationale', 's.row_version', 'u.display_name'])
    .where('s.application_id', '=', applicationId)
    .execute();
  const moderated = await ctx.tx
    .selectFrom('moderated_score as m')
    .leftJoin('app_user as u', 'u.id', 'm.moderated_by')
    .select(['m.criterion_id', 'm.score', 'm.rationale', 'm.row_version', 'u.display_name'])
    .where('m.application_id', '=', applicationId)
    .execute();
  const scaleMax = (await ctx.tx.selectFrom('procurement').select('scale_max').where('id', '=', procurement.id).executeTakeFirstOrThrow()).scale_max;
  const online = await onlineSubmissionOf(ctx.tx, applicationId);
  return {
    online,
    ...summary!,
    procurementId: application.procurement_id,
    gateway: questions.map((q) => {
      const answer = answers.find((a) => a.question_id === q.id);
      return { questionId: q.id, question: q.question, passed: answer?.passed ?? null, note: answer?.note ?? null };
    }),
    criteria: criteria.map((c) => {
      const mine = scores.find((s) => s.criterion_id === c.id && s.evaluator_id === ctx.session.userId);
      const others = scores.filter((s) => s.criterion_id === c.id && s.evaluator_id !== ctx.session.userId);
      const maySee = canModerate || mine !== undefined;
      const agreed = moderated.find((m) => m.criterion_id === c.id);
      return {
        criterionId: c.id,
        kind: c.kind,
        name: c.name,
        weightPercent: c.weight_percent,
        myScore: mine ? { score: mine.score, rationale: mine.rationale, rowVersion: mine.row_version } : null,
        otherScores: maySee ? others.map((s) => ({ evaluator: s.display_name ?? 'Another evaluator', score: s.score, rationale: s.rationale })) : null,
        otherScoresHidden: maySee ? 0 : others.length,
        moderated: agreed ? { score: agreed.score, rationale: agreed.rationale, moderatedBy: agreed.display_name, rowVersion: agreed.row_version } : null,
      };
    }),
    scaleMax,
    canModerate,
    rowVersion: application.row_version,
  };
}

export interface LotEvaluationInput {
  lot: { id: string; number: number; name: string };
  applications: { id: string; status: ApplicationStatus }[];
  input: EvaluationInput;
}

/**
 * What packages/domain needs to score and rank the applications to each lot: criteria, scale, threshold,
 * and per application its gateway answers, bid, evaluator scores and moderated scores. Withdrawn
 * applications are left out; rejected ones stay in (a gateway fail shows as such).
 */
export async function evaluationInputs(tx: Tx, procurementId: string): Promise<LotEvaluationInput[]> {
  const procurement = await tx.selectFrom('procurement').select(['scale_max', 'quality_threshold_percent']).where('id', '=', procurementId).executeTakeFirstOrThrow();
  const criteria = await tx.selectFrom('evaluation_criterion').select(EVALUATION_CRITERION_COLUMNS).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const questionCount = (await tx.selectFrom('gateway_question').select('id').where('procurement_id', '=', procurementId).execute()).length;
  const lots = await tx.selectFrom('lot').select(['id', 'number', 'name']).where('procurement_id', '=', procurementId).orderBy('number').execute();
  const applications = await tx
    .selectFrom('application as a')
    .innerJoin('provider as p', 'p.id', 'a.provider_id')
    .select(['a.id', 'a.status', 'a.bid_price_pence', 'p.legal_name'])
    .where('a.procurement_id', '=', procurementId)
    .where('a.status', '<>', 'withdrawn')
    .execute();
  const ids = applications.map((a) => a.id);
  // One after another: a transaction is one connection.
  const some = ids.length > 0;
  const applied = some ? await tx.selectFrom('application_lot').select(['application_id', 'lot_id', 'bid_price_pence']).where('application_id', 'in', ids).execute() : [];
  const answers = some ? await tx.selectFrom('gateway_answer').select(['application_id', 'question_id', 'passed']).where('application_id', 'in', ids).execute() : [];
  const scores = some
    ? await tx.selectFrom('evaluation_score').select(['application_id', 'criterion_id', 'evaluator_id', 'score']).where('application_id', 'in', ids).execute()
    : [];
  const moderated = some ? await tx.selectFrom('moderated_score').select(['application_id', 'criterion_id', 'score']).where('application_id', 'in', ids).execute() : [];
  return lots.map((lot) => {
    const inLot = applications.filter((a) => applied.some((x) => x.application_id === a.id && x.lot_id === lot.id));
    return {
      lot,
      applications: inLot.map((a) => ({ id: a.id, status: a.status })),
      input: {
        criteria: criteria.map((c) => ({ id: c.id, kind: c.kind, name: c.name, weightPercent: c.weight_percent })),
        scaleMax: procurement.scale_max,
        qualityThresholdPercent: procurement.quality_threshold_percent,
        applications: inLot.map((a) => ({
          applicationId: a.id,
          providerName: a.legal_name,
          gateway: answers.filter((g) => g.application_id === a.id).map((g) => ({ questionId: g.question_id, passed: g.passed })),
          gatewayQuestionCount: questionCount,
          // An online application prices each lot; one entered by the lead has one price for all its lots.
          bidPricePence: applied.find((x) => x.application_id === a.id && x.lot_id === lot.id)?.bid_price_pence ?? a.bid_price_pence,
          scores: scores.filter((s) => s.application_id === a.id).map((s) => ({ criterionId: s.criterion_id, evaluatorId: s.evaluator_id, score: s.score })),
          moderated: moderated.filter((m) => m.application_id === a.id).map((m) => ({ criterionId: m.criterion_id, score: m.score })),
        })),
      },
    };
  });
}

export interface LotEvaluation {
  lot: { id: string; number: number; name: string };
  results: (EvaluatedApplication & { applicationStatus: ApplicationStatus })[];
}

/** Per lot: every application scored, totalled and ranked by packages/domain. Lead commissioner only. */
export async function evaluateProcurement(ctx: Ctx, procurementId: string): Promise<LotEvaluation[]> {
  const procurement = await procurementForEvaluator(ctx, procurementId);
  await procurementForLead(ctx, procurement.id);
  const criteria = await ctx.tx.selectFrom('evaluation_criterion').select('id').where('procurement_id', '=', procurement.id).executeTakeFirst();
  const perLot = await evaluationInputs(ctx.tx, procurement.id);
  return perLot.map(({ lot, applications, input }) => {
    // Before criteria are set there is nothing to rank.
    const results = criteria && applications.length > 0 ? evaluateApplications(input) : [];
    return {
      lot,
      results: results.map((r) => ({ ...r, applicationStatus: applications.find((a) => a.id === r.applicationId)!.status })),
    };
  });
}
