import { CONTRACT_TERMINATION_NOTICE_DAYS, LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS, CONTRACT_DETAILS_NOTICE_DAYS, PROCUREMENT_ACT_COMMENCEMENT } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import { LIGHT_TOUCH, type ScopeKind, type ScopeSelector } from './facts.ts';

const ACT = 'procurement_act_2023';

export interface Candidate {
  kind: ScopeKind;
  id: string;
  /** The earliest open UK7 or UK11 deadline of its contracts (the SQL mirror below), null when none. */
  sortDay: string | null;
}

/**
 * One page of the records ("scopes") of my authority that the Act asks notices of, chosen and ordered in SQL, with
 * their number, in one statement: the procurements under the Act I lead, my call-offs from them, and my contracts
 * outside any procurement of mine (begun under the Act, or made under another's Act procurement without a call-off).
 *
 * Order: the earliest open contract notice deadline of each record first (overdue before due, soonest first), then
 * the records with no such deadline (before an award, or all their contract notices published), each by kind and id,
 * a stable key, so the pages continue one another without repeats or gaps. The deadline is a SQL mirror of the
 * domain's calendar-day rules, tested against them (tests/integration/notices-due-paging.test.ts): the UK7 within
 * 120 days (30 for a contract that is not light touch) beginning with the day the contract was entered into, unless a
 * UK7 for it is published; the UK11 within 30 days beginning with the day it ended, unless one is published.
 * The domain's noticesDue stays the source of each notice's state and date (computed for the page's records only).
 */
export async function candidatePage(tx: Tx, me: string, today: string, page: { limit: number; offset: number }): Promise<{ candidates: Candidate[]; total: number }> {
  const uk7 = (LIGHT_TOUCH ? LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS : CONTRACT_DETAILS_NOTICE_DAYS) - 1;
  const uk11 = CONTRACT_TERMINATION_NOTICE_DAYS - 1;
  const published = (type: string) =>
    sql`EXISTS (SELECT 1 FROM procurement_notice n WHERE n.authority_id = k.authority_id AND n.contract_id = k.id AND n.notice_type = ${type}
      AND n.status = 'published' AND n.published_on IS NOT NULL AND n.procurement_id IS NULL AND n.call_off_id IS NULL)`;
  const { rows } = await sql<{ kind: ScopeKind; id: string; sort_day: string | null; total: string }>`
    WITH scope AS (
      SELECT 'procurement'::text AS kind, p.id FROM procurement p WHERE p.authority_id = ${me} AND p.regime = ${ACT}
      UNION ALL
      SELECT 'callOff', c.id FROM call_off c JOIN procurement p ON p.id = c.procurement_id WHERE c.authority_id = ${me} AND p.regime = ${ACT}
      UNION ALL
      SELECT 'contract', k.id FROM contract k LEFT JOIN procurement p ON p.id = k.procurement_id
       WHERE k.authority_id = ${me} AND k.call_off_id IS NULL
         AND ((k.procurement_id IS NULL AND coalesce(k.decided_on, k.start_date) >= ${PROCUREMENT_ACT_COMMENCEMENT}::date) OR (p.authority_id <> ${me} AND p.regime = ${ACT}))
    ),
    ended AS (
      SELECT k.id, k.authority_id, k.start_date, k.call_off_id, k.procurement_id, p.authority_id AS procurement_authority_id,
        CASE WHEN k.status = 'terminated' THEN coalesce((SELECT min(v.effective_on) FROM contract_variation v WHERE v.authority_id = k.authority_id AND v.contract_id = k.id AND v.kind = 'termination'), k.end_date)
             WHEN k.status = 'expired' OR k.end_date < ${today}::date THEN k.end_date END AS ended_on
      FROM contract k LEFT JOIN procurement p ON p.id = k.procurement_id
      WHERE k.authority_id = ${me}
    ),
    deadline AS (
      SELECT CASE WHEN k.call_off_id IS NOT NULL THEN 'callOff' WHEN k.procurement_id IS NOT NULL AND k.procurement_authority_id = k.authority_id THEN 'procurement' ELSE 'contract' END AS kind,
             CASE WHEN k.call_off_id IS NOT NULL THEN k.call_off_id WHEN k.procurement_id IS NOT NULL AND k.procurement_authority_id = k.authority_id THEN k.procurement_id ELSE k.id END AS id,
             least(CASE WHEN NOT ${published('UK7')} THEN k.start_date + ${uk7}::int END,
                   CASE WHEN k.ended_on IS NOT NULL AND NOT ${published('UK11')} THEN k.ended_on + ${uk11}::int END) AS due_day
      FROM ended k
    )
    SELECT s.kind, s.id, to_char(min(d.due_day), 'YYYY-MM-DD') AS sort_day, count(*) OVER () AS total
    FROM scope s LEFT JOIN deadline d ON d.kind = s.kind AND d.id = s.id
    GROUP BY s.kind, s.id
    ORDER BY min(d.due_day) NULLS LAST, s.kind, s.id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(tx);
  const total = rows[0] ? Number(rows[0].total) : page.offset > 0 ? (await candidatePage(tx, me, today, { limit: 1, offset: 0 })).total : 0;
  return { candidates: rows.map((r) => ({ kind: r.kind, id: r.id, sortDay: r.sort_day })), total };
}

/** The candidates as loadScopes asks for them. */
export function selectorOfCandidates(candidates: readonly Pick<Candidate, 'kind' | 'id'>[]): ScopeSelector {
  const of = (kind: ScopeKind) => candidates.filter((c) => c.kind === kind).map((c) => c.id);
  return { procurementIds: of('procurement'), callOffIds: of('callOff'), contractIds: of('contract') };
}

/** Which scope each of these contracts of mine belongs to, in one statement (contracts I cannot see are left out). */
export async function scopesOfContracts(tx: Tx, me: string, contractIds: readonly string[]): Promise<{ contractId: string; kind: ScopeKind; id: string }[]> {
  if (contractIds.length === 0) return [];
  const rows = await tx
    .selectFrom('contract as k')
    .leftJoin('procurement as p', 'p.id', 'k.procurement_id')
    .select(['k.id', 'k.authority_id', 'k.call_off_id', 'k.procurement_id', 'p.authority_id as procurement_authority_id'])
    .where('k.authority_id', '=', me)
    .where('k.id', 'in', contractIds)
    .execute();
  return rows.map((k) =>
    k.call_off_id
      ? { contractId: k.id, kind: 'callOff' as const, id: k.call_off_id }
      : k.procurement_id && k.procurement_authority_id === k.authority_id
        ? { contractId: k.id, kind: 'procurement' as const, id: k.procurement_id }
        : { contractId: k.id, kind: 'contract' as const, id: k.id },
  );
}
