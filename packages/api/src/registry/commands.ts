import { badRequest, DomainError, isOdsCode, ODS_CODE_HINT, type CouncilKind, type NhsBodyKind } from '@concord/domain';
import type { Tx } from '@concord/db';
import { lockForEdit } from '../versions.ts';

interface Registration {
  code: string;
  name: string;
  region: string;
  idempotencyKey?: string | undefined;
}

async function register(tx: Tx, entry: Registration & { kind: CouncilKind | 'nhs_body'; nhsBodyKind: NhsBodyKind | null }) {
  const existing = await tx.selectFrom('authority').select(['id', 'name', 'registration_key', 'row_version']).where('id', '=', entry.code).executeTakeFirst();
  if (existing) {
    // The same form sent twice (a double click, a retry after a lost answer): the first registration stands.
    if (entry.idempotencyKey && existing.registration_key === entry.idempotencyKey) return { id: existing.id, rowVersion: existing.row_version };
    throw new DomainError('CONFLICT', `${entry.code} is already registered, as ${existing.name}`, 'code');
  }
  const row = await tx
    .insertInto('authority')
    .values({ id: entry.code, name: entry.name, kind: entry.kind, region: entry.region, nhs_body_kind: entry.nhsBodyKind, registration_key: entry.idempotencyKey ?? null })
    .returning(['id', 'row_version'])
    .executeTakeFirstOrThrow();
  return { id: row.id, rowVersion: row.row_version };
}

/** A council with adult social care responsibility, by GSS code; its kind follows from the code (the input has checked it). */
export function registerCouncil(tx: Tx, input: Registration & { kind: CouncilKind }) {
  if (input.kind === 'london_borough' && input.region !== 'London') throw badRequest('A London borough’s region is London', 'region');
  return register(tx, { ...input, nhsBodyKind: null });
}

/** An ICB or an NHS trust, by ODS code. */
export function registerNhsBody(tx: Tx, input: Registration & { nhsBodyKind: NhsBodyKind }) {
  if (!isOdsCode(input.code, input.nhsBodyKind)) throw badRequest(ODS_CODE_HINT[input.nhsBodyKind], 'code');
  return register(tx, { ...input, kind: 'nhs_body' });
}

/** A new name (and optionally region) from the version the administrator saw; a stale version is a CONFLICT. */
export async function renameAuthority(tx: Tx, input: { authorityId: string; version: number; name: string; region?: string | undefined }) {
  await lockForEdit(tx, 'authority', input.authorityId, input.version, 'Authority');
  const row = await tx
    .updateTable('authority')
    .set({ name: input.name, ...(input.region ? { region: input.region } : {}) })
    .where('id', '=', input.authorityId)
    .returning(['id', 'name', 'row_version'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, rowVersion: row.row_version };
}

/**
 * Marks an authority inactive (or active again). Inactive, it keeps all its data, users and history, and
 * stays in the registry; it can no longer lead or join a partnership (the database refuses it).
 */
export async function setAuthorityActive(tx: Tx, input: { authorityId: string; version: number; active: boolean }) {
  await lockForEdit(tx, 'authority', input.authorityId, input.version, 'Authority');
  const row = await tx
    .updateTable('authority')
    .set({ active: input.active })
    .where('id', '=', input.authorityId)
    .returning(['id', 'active', 'row_version'])
    .executeTakeFirstOrThrow();
  return { id: row.id, active: row.active, rowVersion: row.row_version };
}
