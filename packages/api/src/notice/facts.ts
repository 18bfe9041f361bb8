import { CONTRACT_CHANGE_EXEMPTIONS, governingAwardNotice, longDate, PROCUREMENT_ACT_COMMENCEMENT, regimeFor, REGIME_LABELS, type ContractFacts, type ProcurementFacts, type ProcurementRoute, type PublishedAwardNotice, type PublishedNotice, type Regime } from '@concord/domain';
import type { Tx } from '@concord/db';

/**
 * What the Procurement Act 2023 asks is worked out per "scope": a procurement the authority runs (its own notices, and
 * the contracts it made under it directly), a call-off it made from a framework or dynamic market, or a contract it
 * made outside any procurement Concord holds (a direct award, a continuation). Each scope's facts for noticesDue come
 * from a handful of set-based statements, however many scopes are read at once (the "What is due" page reads all of
 * an authority's).
 */
export type ScopeKind = 'procurement' | 'callOff' | 'contract';

export interface ScopeContract {
  id: string;
  reference: string;
  title: string;
  providerId: string;
  startDate: string;
  endDate: string;
  totalValuePence: number;
  status: string;
  variations: { id: string; kind: string; effectiveOn: string; decisionReference: string; justification: string }[];
}

export interface Scope {
  kind: ScopeKind;
  /** The procurement, call-off or contract id. */
  id: string;
  /** The authority whose notices these are (the writer): the procurement's lead, the call-off's or contract's authority. */
  authorityId: string;
  name: string;
  reference: string;
  regime: Regime;
  regimeReason: string;
  /** The procurement behind it, when there is one (a call-off's framework or dynamic market). */
  procurement: { id: string; name: string; reference: string; route: string; estimatedValuePence: number | null; partnershipId: string } | null;
  contracts: ScopeContract[];
  facts: ProcurementFacts;
  /** The scope's governing published contract award notice (UK6: the latest), or null. */
  awardNotice: PublishedAwardNotice | null;
}

/** Where a notice row sits: exactly one of the three, plus a change or event within it ('' for none). */
export interface NoticeKey {
  procurementId: string | null;
  callOffId: string | null;
  contractId: string | null;
  subjectId: string;
}

const DYNAMIC = new Set(['dynamic_market', 'dps', 'pdps']);
/** Adult social care is a light touch service (Procurement Regulations 2024, Schedule 1): every contract Concord holds. */
export const LIGHT_TOUCH = true;

const CONTRACT_LEVEL = new Set(['UK7', 'UK10', 'UK11']);
const SUBJECT_LEVEL = new Set(['UK10', 'UK15', 'UK1']);

/** The domain's subjectId of a notice row: the contract for UK7 and UK11, the change or event for UK10, UK15 and UK1. */
export function domainSubjectOf(row: { notice_type: string; contract_id: string | null; subject_id: string }): string | null {
  if (row.notice_type === 'UK7' || row.notice_type === 'UK11') return row.contract_id;
  return SUBJECT_LEVEL.has(row.notice_type) ? row.subject_id || null : null;
}

/** The row key of a notice of `type` about `subjectId` (the domain's) within a scope. */
export function keyOf(scope: Pick<Scope, 'kind' | 'id' | 'contracts'>, type: string, subjectId: string | null): NoticeKey {
  if (CONTRACT_LEVEL.has(type)) {
    const contractId = type === 'UK10' ? scope.contracts.find((c) => c.variations.some((v) => v.id === subjectId))?.id ?? null : subjectId;
    return { procurementId: null, callOffId: null, contractId, subjectId: type === 'UK10' ? (subjectId ?? '') : '' };
  }
  const subject = SUBJECT_LEVEL.has(type) ? (subjectId ?? '') : '';
  if (scope.kind === 'procurement') return { procurementId: scope.id, callOffId: null, contractId: null, subjectId: subject };
  if (scope.kind === 'callOff') return { procurementId: null, callOffId: scope.id, contractId: null, subjectId: subject };
  return { procurementId: null, callOffId: null, contractId: scope.id, subjectId: subject };
}

export interface ScopeSelector {
  procurementIds?: readonly string[];
  callOffIds?: readonly string[];
  /** Contracts outside any procurement (or made under another's without a call-off record). */
  contractIds?: readonly string[];
}

const none = <T>(xs: readonly T[] | undefined): xs is undefined => !xs || xs.length === 0;

function engagementOf(decisions: { to_status: string }[], uk4Fields: Record<string, string> | undefined) {
  const tookPlace = decisions.some((d) => d.to_status === 'market_engagement');
  return { tookPlace, noNoticeReason: uk4Fields?.noMarketEngagementNoticeReason?.trim() || null };
}

/** Reads the scopes' facts, under the caller's row-level security. */
export async function loadScopes(tx: Tx, selector: ScopeSelector, today: string): Promise<Scope[]> {
  const procurementIds = [...(selector.procurementIds ?? [])];
  const callOffs = none(selector.callOffIds)
    ? []
    : await tx.selectFrom('call_off').select(['id', 'authority_id', 'reference', 'scheme_name', 'procurement_id', 'method', 'awarded_on', 'cancelled_on', 'created_at']).where('id', 'in', selector.callOffIds).execute();
  const standalone = none(selector.contractIds) ? [] : await tx.selectFrom('contract').selectAll().where('id', 'in', selector.contractIds).execute();
  const allProcurementIds = [...new Set([...procurementIds, ...callOffs.map((c) => c.procurement_id), ...standalone.map((c) => c.procurement_id).filter((x): x is string => !!x)])];

  const procurements = allProcurementIds.length
    ? await tx.selectFrom('procurement').select(['id', 'authority_id', 'partnership_id', 'reference', 'title', 'route', 'regime', 'status', 'estimated_value_pence', 'created_at']).where('id', 'in', allProcurementIds).execute()
    : [];
  const byProcurement = new Map(procurements.map((p) => [p.id, p]));
  const decisions = procurementIds.length
    ? await tx.selectFrom('procurement_decision').select(['procurement_id', 'to_status', 'decided_on']).where('procurement_id', 'in', procurementIds).orderBy('decided_on').execute()
    : [];

  // The contracts of each scope: a procurement's own (made by its lead, not through a call-off), a call-off's, a standalone one.
  const contractRows =
    procurementIds.length || callOffs.length || standalone.length
      ? await tx
          .selectFrom('contract')
          .selectAll()
          .where((eb) =>
            eb.or([
              ...(procurementIds.length ? [eb.and([eb('procurement_id', 'in', procurementIds), eb('call_off_id', 'is', null)])] : []),
              ...(callOffs.length ? [eb('call_off_id', 'in', callOffs.map((c) => c.id))] : []),
              ...(standalone.length ? [eb('id', 'in', standalone.map((c) => c.id))] : []),
            ]),
          )
          .execute()
      : [];
  const contractIds = contractRows.map((c) => c.id);
  const variations = contractIds.length
    ? await tx.selectFrom('contract_variation').select(['id', 'contract_id', 'kind', 'effective_on', 'decision_reference', 'justification']).where('contract_id', 'in', contractIds).orderBy('effective_on').orderBy('recorded_at').execute()
    : [];
  const notices = await tx
    .selectFrom('procurement_notice')
    .select(['notice_type', 'procurement_id', 'call_off_id', 'contract_id', 'subject_id', 'status', 'published_on', 'fields'])
    .where('status', '<>', 'withdrawn')
    .where((eb) =>
      eb.or([
        eb('procurement_id', 'in', procurementIds.length ? procurementIds : ['00000000-0000-0000-0000-000000000000']),
        eb('call_off_id', 'in', callOffs.length ? callOffs.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000']),
        eb('contract_id', 'in', contractIds.length ? contractIds : ['00000000-0000-0000-0000-000000000000']),
      ]),
    )
    .execute();

  const toContract = (c: (typeof contractRows)[number]): ScopeContract => ({
    id: c.id,
    reference: c.reference,
    title: c.title,
    providerId: c.provider_id,
    startDate: c.start_date,
    endDate: c.end_date,
    totalValuePence: c.total_value_pence,
    status: c.status,
    variations: variations
      .filter((v) => v.contract_id === c.id && v.kind !== 'termination')
      .map((v) => ({ id: v.id, kind: v.kind, effectiveOn: v.effective_on, decisionReference: v.decision_reference, justification: v.justification })),
  });
  const contractFacts = (c: (typeof contractRows)[number]): ContractFacts => {
    const terminated = variations.find((v) => v.contract_id === c.id && v.kind === 'termination');
    const ended = c.status === 'terminated' ? (terminated?.effective_on ?? c.end_date) : c.status === 'expired' || c.end_date < today ? c.end_date : null;
    const uk10Fields = (id: string) => notices.find((n) => n.notice_type === 'UK10' && n.contract_id === c.id && n.subject_id === id)?.fields;
    return {
      id: c.id,
      name: c.reference,
      lightTouch: LIGHT_TOUCH,
      enteredOn: c.start_date,
      changes: variations
        .filter((v) => v.contract_id === c.id && v.kind !== 'termination')
        .map((v) => ({ id: v.id, changeOn: v.effective_on, exemption: exemptionOf(uk10Fields(v.id)) })),
      endedOn: ended,
    };
  };
  const publishedOf = (match: (n: (typeof notices)[number]) => boolean): PublishedNotice[] =>
    notices.filter((n) => n.status === 'published' && n.published_on && match(n)).map((n) => ({ type: n.notice_type, subjectId: domainSubjectOf(n), publishedOn: n.published_on! }));
  const awardNoticeOf = (match: (n: (typeof notices)[number]) => boolean): PublishedAwardNotice | null =>
    governingAwardNotice(
      notices
        .filter((n) => n.notice_type === 'UK6' && n.status === 'published' && n.published_on && match(n))
        .map((n) => ({ publishedOn: n.published_on!, fields: n.fields as Record<string, string> | null })),
    );
  const ofContracts = (ids: string[]) => (n: (typeof notices)[number]) => n.contract_id !== null && ids.includes(n.contract_id) && n.procurement_id === null && n.call_off_id === null && CONTRACT_LEVEL.has(n.notice_type);

  const scopes: Scope[] = [];
  for (const id of procurementIds) {
    const p = byProcurement.get(id);
    if (!p) continue;
    const mine = decisions.filter((d) => d.procurement_id === id);
    const on = (status: string) => mine.filter((d) => d.to_status === status).at(-1)?.decided_on ?? null;
    const rows = contractRows.filter((c) => c.procurement_id === id && c.call_off_id === null && c.authority_id === p.authority_id);
    const dynamic = DYNAMIC.has(p.route);
    const route: ProcurementRoute = dynamic ? 'dynamic_market' : 'competitive';
    const uk4 = notices.find((n) => n.notice_type === 'UK4' && n.procurement_id === id)?.fields;
    const live = on('live');
    scopes.push({
      kind: 'procurement',
      id,
      authorityId: p.authority_id,
      name: p.title,
      reference: p.reference,
      regime: p.regime,
      regimeReason: regimeReasonOf(p.regime),
      procurement: { id, name: p.title, reference: p.reference, route: p.route, estimatedValuePence: p.estimated_value_pence, partnershipId: p.partnership_id },
      contracts: rows.map(toContract),
      facts: {
        regime: p.regime,
        lightTouch: LIGHT_TOUCH,
        route,
        marketEngagement: engagementOf(mine, uk4),
        plannedNoticeOn: null,
        award: !dynamic && live ? { decidedOn: live } : null,
        abandonedOn: on('published') ? on('cancelled') : null,
        dynamicMarket: dynamic
          ? {
              establishedOn: live,
              // A modification is recorded by drafting its UK15 (Concord holds no other record of one), named by its subject.
              modifications: notices.filter((n) => n.notice_type === 'UK15' && n.procurement_id === id && n.subject_id).map((n) => ({ id: n.subject_id, on: n.published_on ?? today })),
              ceasedOn: on('closed'),
            }
          : null,
        contracts: rows.map(contractFacts),
        published: publishedOf((n) => n.procurement_id === id || ofContracts(rows.map((r) => r.id))(n)),
      },
      awardNotice: awardNoticeOf((n) => n.procurement_id === id),
    });
  }
  for (const c of callOffs) {
    const p = byProcurement.get(c.procurement_id);
    if (!p) continue;
    const decision = regimeFor({ startedOn: c.created_at.toISOString().slice(0, 10), callOffFrom: { regime: p.regime } });
    const rows = contractRows.filter((k) => k.call_off_id === c.id);
    scopes.push({
      kind: 'callOff',
      id: c.id,
      authorityId: c.authority_id,
      name: `Call-off for ${c.scheme_name}`,
      reference: c.reference,
      regime: decision.regime,
      regimeReason: decision.reason,
      procurement: { id: p.id, name: p.title, reference: p.reference, route: p.route, estimatedValuePence: p.estimated_value_pence, partnershipId: p.partnership_id },
      contracts: rows.map(toContract),
      facts: {
        regime: decision.regime,
        lightTouch: LIGHT_TOUCH,
        route: DYNAMIC.has(p.route) ? 'dynamic_market_call_off' : 'framework_call_off',
        award: c.awarded_on ? { decidedOn: c.awarded_on } : null,
        abandonedOn: c.cancelled_on,
        contracts: rows.map(contractFacts),
        published: publishedOf((n) => n.call_off_id === c.id || ofContracts(rows.map((r) => r.id))(n)),
      },
      awardNotice: awardNoticeOf((n) => n.call_off_id === c.id),
    });
  }
  for (const k of standalone) {
    const row = contractRows.find((c) => c.id === k.id) ?? k;
    const p = k.procurement_id ? byProcurement.get(k.procurement_id) : undefined;
    const decision = regimeFor({ startedOn: k.decided_on ?? k.start_date, ...(p ? { callOffFrom: { regime: p.regime } } : {}) });
    scopes.push({
      kind: 'contract',
      id: k.id,
      authorityId: k.authority_id,
      name: k.title,
      reference: k.reference,
      regime: decision.regime,
      regimeReason: decision.reason,
      procurement: p ? { id: p.id, name: p.title, reference: p.reference, route: p.route, estimatedValuePence: p.estimated_value_pence, partnershipId: p.partnership_id } : null,
      contracts: [toContract(row)],
      facts: {
        regime: decision.regime,
        lightTouch: LIGHT_TOUCH,
        route: p ? (DYNAMIC.has(p.route) ? 'dynamic_market_call_off' : 'framework_call_off') : 'direct',
        award: { decidedOn: k.decided_on ?? k.start_date },
        contracts: [contractFacts(row)],
        published: publishedOf((n) => n.contract_id === k.id),
      },
      awardNotice: awardNoticeOf((n) => n.contract_id === k.id),
    });
  }
  return scopes;
}

const EXEMPTIONS = new Set<string>(CONTRACT_CHANGE_EXEMPTIONS);
function exemptionOf(fields: Record<string, string> | undefined) {
  const value = fields?.exemption?.trim();
  return value && EXEMPTIONS.has(value) ? (value as never) : null;
}

function regimeReasonOf(regime: Regime): string {
  return regime === 'procurement_act_2023'
    ? `The procurement follows the Procurement Act 2023 (in force from ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}).`
    : `The procurement follows the ${REGIME_LABELS[regime]}: none of the Procurement Act 2023's notices apply.`;
}

/** Which scope a contract belongs to: its call-off, its procurement (made by the procurement's lead), or itself. */
export async function scopeOfContract(tx: Tx, contractId: string): Promise<{ kind: ScopeKind; id: string } | null> {
  const k = await tx
    .selectFrom('contract as k')
    .leftJoin('procurement as p', 'p.id', 'k.procurement_id')
    .select(['k.id', 'k.authority_id', 'k.call_off_id', 'k.procurement_id', 'p.authority_id as procurement_authority_id'])
    .where('k.id', '=', contractId)
    .executeTakeFirst();
  if (!k) return null;
  if (k.call_off_id) return { kind: 'callOff', id: k.call_off_id };
  if (k.procurement_id && k.procurement_authority_id === k.authority_id) return { kind: 'procurement', id: k.procurement_id };
  return { kind: 'contract', id: k.id };
}

export const selectorOf = (scope: { kind: ScopeKind; id: string }): ScopeSelector =>
  scope.kind === 'procurement' ? { procurementIds: [scope.id] } : scope.kind === 'callOff' ? { callOffIds: [scope.id] } : { contractIds: [scope.id] };
