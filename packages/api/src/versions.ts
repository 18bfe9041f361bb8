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
  | 'actual_rate'
  | 'procurement_notice'
  | 'partnership';

export interface Stamp {
  row_version: number;
  updated_at: Date;
  updated_by: string | null;
}

/**
 * The record's version stamp, read (and locked) from its own table alone. Who changed it is a second read
 * (`changedBy`), made only for a refusal: on Citus a distributed table joined with a coordinator table under
 * row-level security crashed Citus 13.2.2, and a multi-shard FOR UPDATE is refused, so a table distributed there
 * (budget) is locked with its `authorityId` named, which routes the statement to the authority's shard.
 */
async function stampOf(tx: Tx, table: VersionedTable, id: string, lock: boolean, authorityId?: string): Promise<Stamp | undefined> {
  const forUpdate = lock ? sql` FOR UPDATE` : sql``;
  const scoped = authorityId === undefined ? sql`` : sql` AND authority_id = ${authorityId}`;
  const { rows } = await sql<Stamp>`
    SELECT row_version, updated_at, updated_by FROM ${sql.table(table)} WHERE id = ${id}${scoped}${forUpdate}`.execute(tx);
  const row = rows[0];
  return row && { ...row, updated_at: new Date(row.updated_at) };
}

/** The name of the person who last changed a record, when the caller may see them (null otherwise). */
async function changedBy(tx: Tx, stamp: Stamp): Promise<string | null> {
  if (stamp.updated_by === null) return null;
  const { rows } = await sql<{ name: string }>`SELECT display_name AS name FROM app_user WHERE id = ${stamp.updated_by}`.execute(tx);
  return rows[0]?.name ?? null;
}

/**
 * Locks a record for the rest of the transaction, so what is read from it next and written back cannot
 * interleave with another request doing the same (no lost update), and, when the person's `seenVersion`
 * is given, refuses a stale one: CONFLICT "Changed by NAME at TIME — reload to see it". Call it after the
 * authorisation checks, before reading the values a change is computed from. Name the record's `authorityId`
 * for a table distributed on Citus (see stampOf).
 */
export async function lockForEdit(tx: Tx, table: VersionedTable, id: string, seenVersion?: number, what = 'Record', authorityId?: string): Promise<number> {
  const stamp = await stampOf(tx, table, id, true, authorityId);
  if (!stamp) throw notFound(what);
  if (seenVersion !== undefined && stamp.row_version !== seenVersion) throw staleEdit(await changedBy(tx, stamp), stamp.updated_at);
  return stamp.row_version;
}

/**
 * Refuses a stale `seenVersion` of a record its caller read (and locked) by its own key, for the versioned tables
 * keyed otherwise than by `id` (risk_rag_matrix; and see lockKeyedVersion): CONFLICT "Changed by NAME at TIME".
 */
export async function refuseIfStale(tx: Tx, stamp: Stamp, seenVersion: number): Promise<void> {
  if (stamp.row_version !== seenVersion) throw await staleStamp(tx, stamp);
}

/** The CONFLICT for a record at `stamp` that a save found changed: "[lead. ]Changed by NAME at TIME — reload to see it". */
export async function staleStamp(tx: Tx, stamp: Stamp, lead?: string) {
  return staleEdit(await changedBy(tx, stamp), new Date(stamp.updated_at), lead);
}

/**
 * A state transition found the record no longer in the state it moves from (someone else got there
 * first): the CONFLICT says so, and who changed it and when.
 */
export async function alreadyChanged(tx: Tx, table: VersionedTable, id: string, lead: string) {
  const stamp = await stampOf(tx, table, id, false);
  if (!stamp) return notFound('Record');
  return staleEdit(await changedBy(tx, stamp), stamp.updated_at, lead);
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

/**
 * Locks the version of a set of records kept in its own row by key (a person's roles in an authority:
 * membership_version; an authority's roles in a partnership: partnership_role_version), refuses a stale
 * `seenVersion` when one is given (CONFLICT naming who changed the set and when), and moves the version on.
 * Without a row the set is at version 1: the row is written at 1 first (of two at once, the second waits for the
 * first and finds its row), then moved on, so the next editor holding the version before is refused.
 */
export async function lockKeyedVersion(
  tx: Tx,
  table: 'membership_version' | 'partnership_role_version',
  key: Record<string, string>,
  seenVersion?: number,
): Promise<number> {
  const columns = Object.keys(key);
  const where = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${key[c]}`), sql` AND `);
  await sql`
    INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES (${sql.join(columns.map((c) => key[c]))})
    ON CONFLICT DO NOTHING`.execute(tx);
  const { rows } = await sql<Stamp>`SELECT row_version, updated_at, updated_by FROM ${sql.table(table)} WHERE ${where} FOR UPDATE`.execute(tx);
  if (seenVersion !== undefined) await refuseIfStale(tx, rows[0]!, seenVersion);
  // The row-version trigger moves it on.
  const bumped = await sql<{ row_version: number }>`UPDATE ${sql.table(table)} SET row_version = row_version WHERE ${where} RETURNING row_version`.execute(tx);
  return bumped.rows[0]!.row_version;
}
