import { AUDIT_AREAS_NAMED, AUDIT_KIND_LABELS, auditAreasOf, auditEventLabel, auditKindOf, ukDayEnd, ukDayStart, type AuditKind } from '@concord/domain';
import type { Database, Tx } from '@concord/db';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ListInput } from './input.ts';

/** One event as the audit log shows it: plain words, never a procedure's name alone. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  /** The exact time (microseconds) for the next page's `before`. */
  cursor: string;
  procedure: string;
  label: string;
  kind: AuditKind;
  kindLabel: string;
  target: string | null;
  outcome: 'success' | 'denied' | 'not_found';
  requestId: string;
  who: string;
  /** The authority whose log holds it; null for the platform log. */
  authority: { id: string; name: string } | null;
}

type Log = 'audit_event' | 'platform_audit_event' | 'provider_audit_event';
type Eb = ExpressionBuilder<Database & { e: Database['audit_event'] }, 'e'>;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const personName = sql<string>`u.display_name || ' (' || u.email || ')'`;

/**
 * The filters, as conditions on one log's rows (`e`) alone, so each log's index is used before the two are merged.
 * `who` matches the name recorded with the event, or for an event recorded with none (before migration 0023) the
 * current name of its user among `whoIds`: the people the reader sees whose name matches (coalesce(actor, name)).
 */
function filters(eb: Eb, input: ListInput, whoIds: string[]): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (input.before && input.beforeId) {
    and.push(sql<SqlBool>`(e.occurred_at, e.id) < (${input.before}::timestamptz, ${input.beforeId}::uuid)`);
  } else if (input.before) {
    and.push(sql<SqlBool>`e.occurred_at < ${input.before}::timestamptz`);
  }
  if (input.from) and.push(eb('e.occurred_at', '>=', ukDayStart(input.from)));
  if (input.to) and.push(eb('e.occurred_at', '<', ukDayEnd(input.to)));
  if (input.who) {
    and.push(sql<SqlBool>`(e.actor ILIKE ${likePattern(input.who)} OR (e.actor IS NULL AND e.user_id = ANY(${whoIds}::uuid[])))`);
  }
  if (input.kind) {
    const area = sql`split_part(e.procedure, '.', 1)`;
    and.push(
      input.kind === 'records'
        ? sql<SqlBool>`${area} NOT IN (${sql.join(AUDIT_AREAS_NAMED)})`
        : sql<SqlBool>`${area} IN (${sql.join(auditAreasOf(input.kind))})`,
    );
  }
  return eb.and(and);
}

/** The people the reader sees whose "Name (email)" matches `who` (none asked: no statement). */
async function peopleNamed(tx: Tx, input: ListInput): Promise<string[]> {
  if (!input.who) return [];
  const rows = await tx.selectFrom('app_user as u').select('u.id').where(sql<SqlBool>`${personName} ILIKE ${likePattern(input.who)}`).execute();
  return rows.map((r) => r.id);
}

interface SelectOptions {
  administrationOnly: boolean;
  /** The authority whose log is read, named so that Citus routes the read to its one shard (row-level security decides). */
  authorityId?: string;
  whoIds: string[];
}

/**
 * One log's rows with the filters, newest first, at most a page. The log is read on its own, in a MATERIALIZED CTE,
 * and its page then joined with the people on the coordinator: on Citus audit_event is distributed (migration 0057),
 * and Citus 13.2.2 crashed the coordinator on a coordinator table under row-level security joined directly with a
 * distributed one (0056). On one PostgreSQL the same index range, then one lookup of app_user per row.
 */
function select(tx: Tx, log: Log, input: ListInput, options: SelectOptions) {
  // The logs have the same columns but for whose they are; kysely is told one name so the query types once.
  const authorityId = log === 'audit_event' ? sql<string | null>`e.authority_id` : sql<string | null>`NULL::text`;
  return tx
    .with(
      (cte) => cte('page').materialized(),
      (db) => {
        let page = db
          .selectFrom(`${log} as e` as 'audit_event as e')
          .select([
            'e.id',
            'e.occurred_at',
            sql<string>`to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor'),
            'e.procedure',
            'e.target',
            'e.outcome',
            'e.request_id',
            'e.user_id',
            'e.actor',
            authorityId.as('authority_id'),
          ])
          .where((eb) => filters(eb, input, options.whoIds))
          .orderBy('e.occurred_at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(input.limit);
        // Row-level security already limits a platform administrator to these; saying so uses the partial index.
        if (options.administrationOnly) page = page.where(sql<SqlBool>`audit_is_administration(e.procedure)`);
        if (options.authorityId) page = page.where('e.authority_id', '=', options.authorityId);
        return page;
      },
    )
    .selectFrom('page as e')
    .leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select([
      'e.id',
      'e.occurred_at',
      'e.cursor',
      'e.procedure',
      'e.target',
      'e.outcome',
      'e.request_id',
      'e.user_id',
      sql<string | null>`coalesce(e.actor, ${personName})`.as('who'),
      'e.authority_id',
    ])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

async function view(tx: Tx, rows: Row[], nobody: string): Promise<AuditEventView[]> {
  const ids = [...new Set(rows.map((r) => r.authority_id).filter((id): id is string => id !== null))];
  const names = new Map(
    ids.length === 0 ? [] : (await tx.selectFrom('authority').select(['id', 'name']).where('id', 'in', ids).execute()).map((a) => [a.id, a.name] as const),
  );
  return rows.map((r) => {
    const kind = auditKindOf(r.procedure);
    return {
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      cursor: r.cursor,
      procedure: r.procedure,
      label: auditEventLabel(r.procedure),
      kind,
      kindLabel: AUDIT_KIND_LABELS[kind],
      target: r.target,
      outcome: r.outcome,
      requestId: r.request_id,
      who: r.who ?? (r.user_id ? nobody : 'Someone not signed in'),
      authority: r.authority_id ? { id: r.authority_id, name: names.get(r.authority_id) ?? r.authority_id } : null,
    };
  });
}

/** The authority's own log (row-level security gives the transaction its authority's events only). */
export async function authorityLog(tx: Tx, authorityId: string, input: ListInput): Promise<AuditEventView[]> {
  const page = select(tx, 'audit_event', input, { administrationOnly: false, authorityId, whoIds: await peopleNamed(tx, input) });
  return view(tx, await page.execute(), 'Someone outside this authority');
}

/**
 * The platform administrator's log: the platform log (what administrators did for no authority) and the
 * administration events of every authority, merged newest first. Row-level security (migration 0023) shows
 * the administrator no other event of an authority's log.
 */
export async function platformLog(tx: Tx, input: ListInput): Promise<AuditEventView[]> {
  const whoIds = await peopleNamed(tx, input);
  const platform = await select(tx, 'platform_audit_event', input, { administrationOnly: false, whoIds }).execute();
  const authorities = await select(tx, 'audit_event', input, { administrationOnly: true, whoIds }).execute();
  const merged = [...platform, ...authorities]
    .sort((a, b) => (a.cursor === b.cursor ? (a.id < b.id ? 1 : -1) : a.cursor < b.cursor ? 1 : -1))
    .slice(0, input.limit);
  return view(tx, merged, 'A platform administrator');
}

/**
 * A provider organisation's own log (migration 0038): what its people did acting for it. Row-level security gives
 * only the organisation the transaction acts for, and only to its provider administrators.
 */
export async function providerLog(tx: Tx, input: ListInput): Promise<AuditEventView[]> {
  const page = select(tx, 'provider_audit_event', input, { administrationOnly: false, whoIds: await peopleNamed(tx, input) });
  return view(tx, await page.execute(), 'Someone no longer with this organisation');
}
