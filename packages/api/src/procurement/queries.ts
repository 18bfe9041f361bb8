import { EVALUATION_CRITERION_COLUMNS, GATEWAY_QUESTION_COLUMNS, PROCUREMENT_COLUMNS, PROCUREMENT_MILESTONE_COLUMNS, REOPENING_COLUMNS } from '@concord/db';
import { acceptsApplications, admissionWindow, allowedTransitions, hasAnyRole } from '@concord/domain';
import type { ProcurementRegime, ProcurementRoute, ProcurementStatus, ScaleDescriptor, Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { EVALUATOR_ROLES, findProcurement, isLeadCommissioner } from './access.ts';
import { londonDate } from './dates.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session' | 'now'>;

export interface AuthorityRef {
  id: string;
  name: string;
}

export interface ProcurementSummary {
  id: string;
  reference: string;
  title: string;
  serviceType: string;
  route: ProcurementRoute;
  regime: ProcurementRegime;
  status: ProcurementStatus;
  estimatedValuePence: number | null;
  partnership: { id: string; name: string };
  lead: AuthorityRef;
  buyers: AuthorityRef[];
  lotCount: number;
  /** Whether my authority leads it (I may still lack the role to change it). */
  ledByMyAuthority: boolean;
}

async function buyersOf(tx: Tx, procurementIds: string[]): Promise<Map<string, AuthorityRef[]>> {
  const byProcurement = new Map<string, AuthorityRef[]>();
  if (procurementIds.length === 0) return byProcurement;
  const rows = await tx
    .selectFrom('procurement_buyer as b')
    .innerJoin('authority as a', 'a.id', 'b.buyer_authority_id')
    .select(['b.procurement_id', 'a.id', 'a.name'])
    .where('b.procurement_id', 'in', procurementIds)
    .orderBy('a.name')
    .execute();
  for (const r of rows) byProcurement.set(r.procurement_id, [...(byProcurement.get(r.procurement_id) ?? []), { id: r.id, name: r.name }]);
  return byProcurement;
}

/** The procurements of my partnerships (row-level security decides which), newest first. */
export async function listProcurements(
  ctx: Ctx,
  filter: { partnershipId?: string | undefined; status?: ProcurementStatus | undefined; procurementId?: string | undefined },
): Promise<ProcurementSummary[]> {
  let query = ctx.tx
    .selectFrom('procurement as pr')
    .innerJoin('partnership as p', 'p.id', 'pr.partnership_id')
    .innerJoin('authority as lead', 'lead.id', 'p.lead_authority_id')
    .select((eb) => [
      'pr.id',
      'pr.reference',
      'pr.title',
      'pr.service_type',
      'pr.route',
      'pr.regime',
      'pr.status',
      'pr.estimated_value_pence',
      'p.id as partnership_id',
      'p.name as partnership_name',
      'lead.id as lead_id',
      'lead.name as lead_name',
      eb
        .selectFrom('lot')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('lot.procurement_id', '=', 'pr.id')
        .as('lot_count'),
    ])
    .orderBy('pr.created_at', 'desc')
    .orderBy('pr.reference');
  if (filter.partnershipId) query = query.where('pr.partnership_id', '=', filter.partnershipId);
  if (filter.status) query = query.where('pr.status', '=', filter.status);
  if (filter.procurementId) query = query.where('pr.id', '=', filter.procurementId);
  const rows = await query.execute();
  const buyers = await buyersOf(
    ctx.tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    serviceType: r.service_type,
    route: r.route,
    regime: r.regime,
    status: r.status,
    estimatedValuePence: r.estimated_value_pence,
    partnership: { id: r.partnership_id, name: r.partnership_name },
    lead: { id: r.lead_id, name: r.lead_name },
    buyers: buyers.get(r.id) ?? [],
    lotCount: Number(r.lot_count ?? 0),
    ledByMyAuthority: r.lead_id === ctx.session.authorityId,
  }));
}

export interface Lot {
  id: string;
  number: number;
  name: string;
  basis: string;
  description: string | null;
  estimatedVolume: number | null;
  volumeUnit: string | null;
  expectedProviders: number | null;
  activeProviders: number;
  rowVersion: number;
}

export interface ProcurementDetail extends ProcurementSummary {
  description: string | null;
  systemTermMonths: number | null;
  minimumUseMonths: number | null;
  createdAt: string;
  rowVersion: number;
  lots: Lot[];
  milestones: { id: string; name: string; position: number; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }[];
  decisions: {
    id: string;
    from: ProcurementStatus;
    to: ProcurementStatus;
    decidedOn: string;
    decisionReference: string;
    decisionLink: string | null;
    note: string | null;
    recordedAt: string;
    /** The lead's officer who recorded it; partners see null (they cannot see the lead's staff). */
    recordedBy: string | null;
  }[];
  criteria: { id: string; kind: string; name: string; guidance: string | null; weightPercent: number; position: number }[];
  /** The sum of the weights, in percent (must be 100 before publication). */
  criteriaTotalPercent: number;
  scale: { max: number; descriptors: ScaleDescriptor[] };
  qualityThresholdPercent: number | null;
  gatewayQuestions: { id: string; question: string; guidance: string | null; position: number }[];
  /** The overarching specification: the version it was published with, or (before then) the one chosen. */
  specification: {
    id: string;
    title: string;
    /** Set once published: the version the procurement was published with. */
    publishedWith: { versionId: string; version: number } | null;
    latestVersion: number | null;
  } | null;
  reopenings: { id: string; opensOn: string; closesOn: string; reason: string; openToday: boolean }[];
  approvedList: { activeProviders: number; suspendedEntries: number; removedEntries: number };
  /** The stages the lead may move it to next. */
  nextStages: ProcurementStatus[];
  /** Whether a provider may apply today, and whether one may be admitted today (and why not). */
  acceptsApplications: boolean;
  admission: { open: boolean; reason: string };
  /** I am a lead commissioner of the partnership acting for its lead authority. */
  canEdit: boolean;
  /** I may see and score applications (a commissioner or contract officer of the lead authority). */
  canEvaluate: boolean;
}

/** Everything a member of the partnership may see of a procurement. Outsiders: NOT_FOUND. */
export async function getProcurement(ctx: Ctx, procurementId: string): Promise<ProcurementDetail> {
  const ref = await findProcurement(ctx.tx, procurementId);
  const tx = ctx.tx;
  const [summary] = await listProcurements(ctx, { procurementId });
  const row = await tx.selectFrom('procurement').select(PROCUREMENT_COLUMNS).where('id', '=', procurementId).executeTakeFirstOrThrow();
  const lots = await tx
    .selectFrom('lot as l')
    .select((eb) => [
      'l.id',
      'l.number',
      'l.name',
      'l.basis',
      'l.description',
      'l.estimated_volume',
      'l.volume_unit',
      'l.expected_providers',
      'l.row_version',
      eb
        .selectFrom('approved_list_entry as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.lot_id', '=', 'l.id')
        .where('e.status', '=', 'active')
        .as('active'),
    ])
    .where('l.procurement_id', '=', procurementId)
    .orderBy('l.number')
    .execute();
  const milestones = await tx.selectFrom('procurement_milestone').select(PROCUREMENT_MILESTONE_COLUMNS).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const decisions = await tx
    .selectFrom('procurement_decision as d')
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .select(['d.id', 'd.from_status', 'd.to_status', 'd.decided_on', 'd.decision_reference', 'd.decision_link', 'd.note', 'd.recorded_at', 'u.display_name'])
    .where('d.procurement_id', '=', procurementId)
    .orderBy('d.decided_on')
    .orderBy('d.recorded_at')
    .execute();
  const criteria = await tx.selectFrom('evaluation_criterion').select(EVALUATION_CRITERION_COLUMNS).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const questions = await tx.selectFrom('gateway_question').select(GATEWAY_QUESTION_COLUMNS).where('procurement_id', '=', procurementId).orderBy('position').execute();
  const reopenings = await tx.selectFrom('reopening').select(REOPENING_COLUMNS).where('procurement_id', '=', procurementId).orderBy('opens_on').execute();
  const entries = await tx
    .selectFrom('approved_list_entry')
    .select(['provider_id', 'status'])
    .where('procurement_id', '=', procurementId)
    .execute();

  let specification: ProcurementDetail['specification'] = null;
  if (row.specification_id) {
    const spec = await tx.selectFrom('specification').select(['id', 'title']).where('id', '=', row.specification_id).executeTakeFirst();
    const versions = await tx
      .selectFrom('specification_version')
      .select(['id', 'version'])
      .where('specification_id', '=', row.specification_id)
      .orderBy('version', 'desc')
      .execute();
    const published = versions.find((v) => v.id === row.specification_version_id);
    if (spec) {
      specification = {
        id: spec.id,
        title: spec.title,
        publishedWith: published ? { versionId: published.id, version: published.version } : null,
        latestVersion: versions[0]?.version ?? null,
      };
    }
  }

  const today = londonDate(ctx.now());
  const windows = reopenings.map((r) => ({ id: r.id, opensOn: r.opens_on, closesOn: r.closes_on }));
  const arrangement = { route: row.route, status: row.status };
  const admission = admissionWindow(arrangement, today, windows);
  const canEdit = await isLeadCommissioner(ctx, { id: ref.partnershipId, leadAuthorityId: ref.leadAuthorityId });
  const totalHundredths = criteria.reduce((sum, c) => sum + Math.round(c.weight_percent * 100), 0);

  return {
    ...summary!,
    description: row.description,
    systemTermMonths: row.system_term_months,
    minimumUseMonths: row.minimum_use_months,
    createdAt: row.created_at.toISOString(),
    /** Sent back by the edit forms (details, timeline, buyers, criteria, scale, questions): a stale one is CONFLICT. */
    rowVersion: row.row_version,
    lots: lots.map((l) => ({
      id: l.id,
      number: l.number,
      name: l.name,
      basis: l.basis,
      description: l.description,
      estimatedVolume: l.estimated_volume,
      volumeUnit: l.volume_unit,
      expectedProviders: l.expected_providers,
      activeProviders: Number(l.active ?? 0),
      rowVersion: l.row_version,
    })),
    milestones: milestones.map((m) => ({
      id: m.id,
      name: m.name,
      position: m.position,
      plannedStart: m.planned_start,
      plannedEnd: m.planned_end,
      actualStart: m.actual_start,
      actualEnd: m.actual_end,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      from: d.from_status,
      to: d.to_status,
      decidedOn: d.decided_on,
      decisionReference: d.decision_reference,
      decisionLink: d.decision_link,
      note: d.note,
      recordedAt: d.recorded_at.toISOString(),
      recordedBy: d.display_name,
    })),
    criteria: criteria.map((c) => ({ id: c.id, kind: c.kind, name: c.name, guidance: c.guidance, weightPercent: c.weight_percent, position: c.position })),
    criteriaTotalPercent: totalHundredths / 100,
    scale: { max: row.scale_max, descriptors: row.scale_descriptors },
    qualityThresholdPercent: row.quality_threshold_percent,
    gatewayQuestions: questions.map((q) => ({ id: q.id, question: q.question, guidance: q.guidance, position: q.position })),
    specification,
    reopenings: reopenings.map((r) => ({ id: r.id, opensOn: r.opens_on, closesOn: r.closes_on, reason: r.reason, openToday: r.opens_on <= today && today <= r.closes_on })),
    approvedList: {
      activeProviders: new Set(entries.filter((e) => e.status === 'active').map((e) => e.provider_id)).size,
      suspendedEntries: entries.filter((e) => e.status === 'suspended').length,
      removedEntries: entries.filter((e) => e.status === 'removed').length,
    },
    nextStages: canEdit ? allowedTransitions(row.status) : [],
    acceptsApplications: acceptsApplications(arrangement, today, windows),
    admission: { open: admission.open, reason: admission.reason },
    canEdit,
    canEvaluate: ctx.session.authorityId === ref.leadAuthorityId && hasAnyRole(ctx.roles, EVALUATOR_ROLES),
  };
}
