import { notFound, staleEdit } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';

/** The tables migration 0014 versions (row_version, updated_at, updated_by kept by a trigger). */
export type VersionedTable =
  | 'authority'
  | 'contract'
  | 'contract_extension_option'
  | 'placement'
  | 'budget'
  | 'call_off'
  | 'specification_version'
  | 'procurement'
  | 'lot'
  | 'evaluation_criterion'
  | 'application'
  | 'approved_list_entry'
  | 'cost_model_version'
  | 'kpi_return'
  | 'network_meeting'
  | 'meeting_action'
  | 'options_appraisal'
  | 'demand_model'
  | 'business_case'
  | 'risk'
  | 'provider'
  | 'provider_location'
  | 'procurement_notice';

interface Stamp {
  row_version: number;
  updated_at: Date;
  name: string | null;
}

async function stampOf(tx: Tx, table: VersionedTable, id: string, lock: boolean): Promise<Stamp | undefined> {
  const forUpdate = lock ? sql` FOR UPDATE OF t` : sql``;
  const { rows } = await sql<Stamp>`
    SELECT t.row_version, t.updated_at, u.display_name AS name
    FROM ${sql.table(table)} t LEFT JOIN app_user u ON u.id = t.updated_by
    WHERE t.id = ${id}${forUpdate}`.execute(tx);
  const row = rows[0];
  return row && { ...row, updated_at: new Date(row.updated_at) };
}

/**
 * Locks a record for the rest of the transaction, so what is read from it next and written back cannot
 * interleave with another request doing the same (no lost update), and, when the person's `seenVersion`
 * is given, refuses a stale one: CONFLICT "Changed by NAME at TIME — reload to see it". Call it after the
 * authorisation checks, before reading the values a change is computed from.
 */
export async function lockForEdit(tx: Tx, table: VersionedTable, id: string, seenVersion?: number, what = 'Record'): Promise<number> {
  const stamp = await stampOf(tx, table, id, true);
  if (!stamp) throw notFound(what);
  if (seenVersion !== undefined && stamp.row_version !== seenVersion) throw staleEdit(stamp.name, stamp.updated_at);
  return stamp.row_version;
}

/**
 * A state transition found the record no longer in the state it moves from (someone else got there
 * first): the CONFLICT says so, and who changed it and when.
 */
export async function alreadyChanged(tx: Tx, table: VersionedTable, id: string, lead: string) {
  const stamp = await stampOf(tx, table, id, false);
  if (!stamp) return notFound('Record');
  return staleEdit(stamp.name, stamp.updated_at, lead);
}

/** The version a record is at now, for the reads that feed edit forms. */
export async function currentVersion(tx: Tx, table: VersionedTable, id: string): Promise<number> {
  const stamp = await stampOf(tx, table, id, false);
  if (!stamp) throw notFound('Record');
  return stamp.row_version;
}

/**
 * Publishes a draft version (of a specification or a cost model) in the statement that checks it is still a
 * draft, so of two publishes at once one applies and the other is told who got there first.
 */
export async function publishDraft(tx: Tx, table: 'specification_version' | 'cost_model_version', id: string, userId: string, now: Date): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    UPDATE ${sql.table(table)} SET status = 'published', published_at = ${now}, published_by = ${userId}
    WHERE id = ${id} AND status = 'draft' RETURNING id`.execute(tx);
  if (rows.length === 0) throw await alreadyChanged(tx, table, id, 'This version was already published');
}
