import { notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import { currentKpis } from '../kpi/queries.ts';

/** What the returns calendar can be filtered by: asked for once, not with every page of the calendar (issue 14). */
export interface ReturnFilters {
  /** The partnerships I make returns for (those of mine with a current KPI), by name. */
  partnerships: { id: string; name: string }[];
  /** The partnership whose KPIs follow: the one asked for, or my only one; null when there are several to choose from. */
  partnershipId: string | null;
  /** The current KPIs of that partnership, by code; none when no partnership is chosen. */
  kpis: { code: string; name: string }[];
}

/**
 * The partnerships I make returns for and, for one of them, its current KPIs: one statement each, reading only my
 * partnerships and the chosen partnership's KPI versions. A partnership that is not mine is NOT_FOUND.
 */
export async function returnFilters(tx: Tx, partnershipId?: string): Promise<ReturnFilters> {
  // Every partnership of mine, with whether it has a current (latest, not retired) KPI.
  const mine = await sql<{ id: string; name: string; has_kpis: boolean }>`
    SELECT p.id, p.name, EXISTS (
      SELECT 1 FROM kpi_definition k WHERE k.partnership_id = p.id AND NOT k.retired
        AND NOT EXISTS (SELECT 1 FROM kpi_definition n WHERE n.partnership_id = k.partnership_id AND n.code = k.code AND n.version > k.version)
    ) AS has_kpis
    FROM partnership p WHERE p.id = ANY(app_partnership_ids())
    ORDER BY p.name, p.id`.execute(tx);
  if (partnershipId !== undefined && !mine.rows.some((p) => p.id === partnershipId)) throw notFound('Partnership');
  const partnerships = mine.rows.filter((p) => p.has_kpis).map((p) => ({ id: p.id, name: p.name }));
  const chosen = partnershipId ?? (partnerships.length === 1 ? partnerships[0]!.id : null);
  if (chosen === null) return { partnerships, partnershipId: null, kpis: [] };
  // Its current KPIs (one partnership's, a few dozen), by code byte by byte (as COLLATE "C").
  const kpis = (await currentKpis(tx, chosen)).map((k) => ({ code: k.code, name: k.name }));
  return { partnerships, partnershipId: chosen, kpis: kpis.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) };
}
