import type { Tx } from '@concord/db';
import { alreadyChanged, lockForEdit, type VersionedTable } from './versions.ts';

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
