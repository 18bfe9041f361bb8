import { notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { alreadyChanged, lockForEdit, staleStamp, type Stamp, type VersionedTable } from './versions.ts';

interface Saved {
  id: string;
  row_version: number;
}

/**
 * Sets a record that is one per key (a budget per service and year, a rate per band and date, a KPI return per
 * period) from a form that saw it at version `seen`, or saw none (`null`). The first for its key is made by `insert`, which does nothing
 * when one exists (ON CONFLICT DO NOTHING, so of two made at once one is made and the other is refused, never
 * overwritten). Otherwise the existing one (`existing`) is replaced by `update` only if the form saw its version:
 * a form that saw none, or an older version, is refused with CONFLICT naming who changed it and when (`lead` says
 * what happened when the form saw none). Name `authorityId` for a table distributed on Citus (see lockForEdit).
 */
export async function setFromForm<T extends Saved>(
  tx: Tx,
  record: { table: VersionedTable; what: string; lead: string; authorityId?: string },
  seen: number | null,
  steps: { insert: () => Promise<T | undefined>; existing: () => Promise<{ id: string }>; update: (id: string) => Promise<T> },
): Promise<T> {
  const inserted = await steps.insert();
  if (inserted) return inserted;
  const { id } = await steps.existing();
  if (seen === null) throw await alreadyChanged(tx, record.table, id, record.lead);
  await lockForEdit(tx, record.table, id, seen, record.what, record.authorityId);
  return steps.update(id);
}

/**
 * The same for a record kept by its key alone (an evaluator's score of a criterion; the agreed score of a criterion),
 * each way in one statement: a form that saw none (`null`) makes it with `insert` (ON CONFLICT DO NOTHING: of two at
 * once, the second waits for the first and then writes nothing); a form that saw version `seen` replaces it with
 * `update`, which must match the row only while it is at `seen` (the UPDATE compares under the row lock it takes, so
 * of two saves from one version the second waits for the first and then finds it moved on). A save that wrote nothing
 * is refused with CONFLICT naming who changed the record and when (read by `stamp`), and NOT_FOUND (`what`) when the
 * form saw a version of a record there is none of.
 */
export async function setKeyedFromForm<T>(
  tx: Tx,
  record: { what: string; lead: string },
  seen: number | null,
  steps: { insert: () => Promise<T | undefined>; update: (seen: number) => Promise<T | undefined>; stamp: () => Promise<Stamp | undefined> },
): Promise<T> {
  const saved = seen === null ? await steps.insert() : await steps.update(seen);
  if (saved !== undefined) return saved;
  const stamp = await steps.stamp();
  if (!stamp) throw notFound(record.what);
  throw await staleStamp(tx, stamp, seen === null ? record.lead : undefined);
}
