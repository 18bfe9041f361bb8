import { notFound } from '@concord/domain';
import type { KpiDefinitionTable, Tx } from '@concord/db';
import { sql, type Selectable } from 'kysely';
import type { TenantContext } from '../context.ts';

export type KpiRow = Selectable<KpiDefinitionTable>;

export interface Kpi {
  id: string;
  partnershipId: string;
  code: string;
  version: number;
  name: string;
  definition: string;
  numeratorDefinition: string | null;
  denominatorDefinition: string | null;
  unit: KpiRow['unit'];
  direction: KpiRow['direction'];
  frequency: KpiRow['frequency'];
  populationAgeBand: string | null;
  target: number | null;
  redThreshold: number | null;
  source: KpiRow['source'];
  /** The rule that works it out from the authority's records, or null when it is typed in. */
  derivation: KpiRow['derivation'];
  countsPeople: boolean;
  perContract: boolean;
  serviceType: string | null;
  firstPeriod: string;
  changeNote: string | null;
  createdAt: string;
}

export function toKpi(r: KpiRow): Kpi {
  return {
    id: r.id,
    partnershipId: r.partnership_id,
    code: r.code,
    version: r.version,
    name: r.name,
    definition: r.definition,
    numeratorDefinition: r.numerator_definition,
    denominatorDefinition: r.denominator_definition,
    unit: r.unit,
    direction: r.direction,
    frequency: r.frequency,
    populationAgeBand: r.population_age_band,
    target: r.target,
    redThreshold: r.red_threshold,
    source: r.source,
    derivation: r.derivation,
    countsPeople: r.counts_people,
    perContract: r.per_contract,
    serviceType: r.service_type,
    firstPeriod: r.first_period,
    changeNote: r.change_note,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The latest version of each KPI of one partnership (of all of mine by default), retired ones included: a query to run or join. */
function latestVersions(tx: Tx, partnershipId?: string) {
  const q = tx.selectFrom('kpi_definition').selectAll().distinctOn(['partnership_id', 'code']).orderBy('partnership_id').orderBy('code').orderBy('version', 'desc');
  return partnershipId ? q.where('partnership_id', '=', partnershipId) : q;
}

/** The current (latest) version of every KPI of the given partnerships (all of mine by default). */
export async function currentKpis(tx: Tx, partnershipId?: string): Promise<KpiRow[]> {
  return (await latestVersions(tx, partnershipId).execute()).filter((k) => !k.retired);
}

/** The current version of one KPI by partnership and code, or NOT_FOUND. */
export async function currentKpi(tx: Tx, partnershipId: string, code: string): Promise<KpiRow> {
  const row = await tx
    .selectFrom('kpi_definition')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!row) throw notFound('KPI');
  return row;
}

export interface KpiLibrary {
  /** The page's KPIs by partnership (a partnership with none has an empty list): partnerships by name, KPIs by code. */
  partnerships: { id: string; name: string; canEdit: boolean; kpis: Kpi[] }[];
  /** Over all pages: KPIs, and partnerships with none, each counted once. */
  total: number;
}

export interface KpiLibraryQuery {
  partnershipId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * One page of the current KPIs of my partnerships (or of one), in one statement (issue 14, item 3): partnerships
 * by name, each KPI a row of the page, a partnership with no KPI a row of its own (its lead may add one), with
 * whether I may edit each partnership's KPIs (its lead commissioner, acting for its lead authority).
 */
export async function kpiLibrary(ctx: Pick<TenantContext, 'tx'>, query: KpiLibraryQuery = {}): Promise<KpiLibrary> {
  const { partnershipId, limit = 100, offset = 0 } = query;
  const current = latestVersions(ctx.tx, partnershipId);
  let page = ctx.tx
    .selectFrom('partnership as p')
    .leftJoin(current.as('k'), (j) => j.onRef('k.partnership_id', '=', 'p.id').on('k.retired', '=', false))
    .selectAll('k')
    .select([
      'p.id as p_id',
      'p.name as p_name',
      sql<boolean>`p.lead_authority_id = current_setting('app.authority_id', true) AND EXISTS (SELECT 1 FROM partnership_role r
        WHERE r.partnership_id = p.id AND r.authority_id = p.lead_authority_id AND r.role = 'lead_commissioner'
          AND r.user_id = nullif(current_setting('app.user_id', true), '')::uuid)`.as('can_edit'),
      sql<number | string>`count(*) OVER ()`.as('total'),
    ])
    .orderBy('p.name')
    .orderBy('p.id')
    .orderBy('k.code')
    .limit(limit)
    .offset(offset);
  if (partnershipId) page = page.where('p.id', '=', partnershipId);
  const rows = await page.execute();
  if (rows.length === 0) {
    if (partnershipId && offset === 0) throw notFound('Partnership');
    // Past the last page: nothing, but the total still holds.
    return { partnerships: [], total: offset > 0 ? (await kpiLibrary(ctx, { partnershipId, limit: 1 })).total : 0 };
  }
  const partnerships: KpiLibrary['partnerships'] = [];
  for (const r of rows) {
    let p = partnerships.at(-1);
    if (p?.id !== r.p_id) partnerships.push((p = { id: r.p_id, name: r.p_name, canEdit: r.can_edit, kpis: [] }));
    if (r.id !== null) p.kpis.push(toKpi(r as KpiRow));
  }
  return { partnerships, total: Number(rows[0]!.total) };
}

/** Every version of a KPI, newest first (its past results keep the version they answered). */
export async function kpiHistory(tx: Tx, kpiId: string): Promise<Kpi[]> {
  const one = await tx.selectFrom('kpi_definition').select(['partnership_id', 'code']).where('id', '=', kpiId).executeTakeFirst();
  if (!one) throw notFound('KPI');
  const rows = await tx.selectFrom('kpi_definition').selectAll().where('partnership_id', '=', one.partnership_id).where('code', '=', one.code).orderBy('version', 'desc').execute();
  return rows.map(toKpi);
}
