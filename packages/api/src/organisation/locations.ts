import { CQC_RATING_LABELS, DomainError, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { providerLocationInput } from '../provider/input.ts';
import { lockForEdit } from '../versions.ts';

/** The CQC locations of a provider organisation, kept by its provider administrator (issue 11, item 2). */
type LocationDetails = z.infer<typeof providerLocationInput>;

export async function listLocations(tx: Tx, providerId: string) {
  const rows = await tx
    .selectFrom('provider_location')
    .select(['id', 'cqc_location_id', 'name', 'locality', 'rating', 'rated_on', 'row_version'])
    .where('provider_id', '=', providerId)
    .orderBy('name')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    cqcLocationId: r.cqc_location_id,
    name: r.name,
    locality: r.locality,
    rating: r.rating,
    ratingLabel: r.rating ? CQC_RATING_LABELS[r.rating] : null,
    ratedOn: r.rated_on,
    rowVersion: r.row_version,
  }));
}

/**
 * A CQC location ID belongs to one location in the whole register, and an organisation cannot see other
 * organisations' locations to check: the write runs under a savepoint, and the register's unique index answers.
 */
async function uniqueLocationId<T>(tx: Tx, write: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT provider_location_write`.execute(tx);
  try {
    const result = await write();
    await sql`RELEASE SAVEPOINT provider_location_write`.execute(tx);
    return result;
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    await sql`ROLLBACK TO SAVEPOINT provider_location_write`.execute(tx);
    throw new DomainError('CONFLICT', 'This CQC location ID is already in the register', 'cqcLocationId');
  }
}

const columns = (details: LocationDetails) => ({
  name: details.name,
  cqc_location_id: details.cqcLocationId ?? null,
  locality: details.locality ?? null,
  rating: details.rating ?? null,
  rated_on: details.ratedOn ?? null,
});

export async function addLocation(tx: Tx, providerId: string, details: LocationDetails): Promise<{ locationId: string }> {
  const row = await uniqueLocationId(tx, () =>
    tx.insertInto('provider_location').values({ provider_id: providerId, ...columns(details) }).returning('id').executeTakeFirstOrThrow(),
  );
  return { locationId: row.id };
}

export async function updateLocation(tx: Tx, providerId: string, locationId: string, details: LocationDetails, seenVersion: number) {
  await ownLocation(tx, providerId, locationId);
  await lockForEdit(tx, 'provider_location', locationId, seenVersion, 'Location');
  const row = await uniqueLocationId(tx, () =>
    tx
      .updateTable('provider_location')
      .set(columns(details))
      .where('provider_id', '=', providerId)
      .where('id', '=', locationId)
      .returning('row_version')
      .executeTakeFirst(),
  );
  if (!row) throw notFound('Location');
  return { rowVersion: row.row_version };
}

export async function removeLocation(tx: Tx, providerId: string, locationId: string, seenVersion: number): Promise<{ locationId: string }> {
  await ownLocation(tx, providerId, locationId);
  await lockForEdit(tx, 'provider_location', locationId, seenVersion, 'Location');
  await tx.deleteFrom('provider_location').where('provider_id', '=', providerId).where('id', '=', locationId).execute();
  return { locationId };
}

async function ownLocation(tx: Tx, providerId: string, locationId: string): Promise<void> {
  const row = await tx.selectFrom('provider_location').select('id').where('provider_id', '=', providerId).where('id', '=', locationId).executeTakeFirst();
  if (!row) throw notFound('Location');
}
