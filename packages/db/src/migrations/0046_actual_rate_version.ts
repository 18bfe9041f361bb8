import type { Kysely } from 'kysely';
import { addRowVersion } from './versions.ts';

/**
 * An entered rate (actual_rate, what an authority pays where no contract holds it) gets a version (issue 12, item 4),
 * kept by 0014's stamp_row_version trigger like every other record people edit: rate.set replaces the rate for a
 * service, band, unit and date, and a save from a form that saw another version (or none, when one was recorded
 * meanwhile) is refused with CONFLICT naming who changed it and when.
 *
 * No foreign key on updated_by: actual_rate is distributed on Citus (0040), which allows none to app_user; the trigger
 * writes only the transaction's own user there. On Citus the trigger runs on the shard it fires on and reads nothing
 * else, as 0040 allowed for budget.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addRowVersion(db, 'actual_rate', { userForeignKey: false });
}
