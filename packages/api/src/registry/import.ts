import { canonicalPlan, DomainError, planRegistryImport, type ImportPlan } from '@concord/domain';
import type { Tx } from '@concord/db';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { readMyeAreas } from './mye-areas.ts';

export interface ImportPreview extends ImportPlan {
  /** Changes when what a confirm would write changes: the confirm must bring the one its preview showed. */
  fingerprint: string;
}

async function planFor(tx: Tx, csv: string): Promise<ImportPreview> {
  const registry = await tx.selectFrom('authority').select(['id', 'name', 'kind', 'active']).execute();
  const plan = planRegistryImport(registry, readMyeAreas(csv));
  return { ...plan, fingerprint: createHash('sha256').update(canonicalPlan(plan)).digest('hex') };
}

/** What importing the file would add and rename. Reads only. */
export function previewImport(tx: Tx, csv: string): Promise<ImportPreview> {
  return planFor(tx, csv);
}

/**
 * Applies the file's plan if it is still the one previewed (same fingerprint), all or nothing. Idempotent:
 * when the registry already matches the file (a repeated confirm, a second import of the same file) nothing
 * is written and nothing is refused. If the registry changed since the preview so that the file would now
 * do something else, CONFLICT: preview again.
 */
export async function confirmImport(tx: Tx, csv: string, fingerprint: string): Promise<{ added: number; renamed: number; unchanged: number }> {
  // One import at a time: the plan is made and applied under the same lock.
  await sql`SELECT pg_advisory_xact_lock(hashtext('concord.authority_registry'))`.execute(tx);
  const plan = await planFor(tx, csv);
  if (plan.add.length === 0 && plan.rename.length === 0) return { added: 0, renamed: 0, unchanged: plan.unchanged.length };
  if (plan.fingerprint !== fingerprint) {
    throw new DomainError('CONFLICT', 'The registry has changed since this preview, so the import would now do something else: preview the file again', 'fingerprint');
  }
  if (plan.add.length > 0) await tx.insertInto('authority').values(plan.add.map((a) => ({ id: a.id, name: a.name, kind: a.kind, region: a.region }))).execute();
  for (const r of plan.rename) await tx.updateTable('authority').set({ name: r.to }).where('id', '=', r.id).where('name', '=', r.from).execute();
  return { added: plan.add.length, renamed: plan.rename.length, unchanged: plan.unchanged.length };
}
