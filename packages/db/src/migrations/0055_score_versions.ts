import type { Kysely } from 'kysely';
import { addRowVersion } from './versions.ts';

/**
 * Each score is its own record with its own version (issue 12, item 4), kept by 0014's stamp_row_version trigger like
 * every other record people edit: an evaluator's score of a criterion (evaluation_score, one per application,
 * criterion and evaluator) and the agreed score of a criterion (moderated_score, one per application and criterion).
 * Until now a save carried the application's version and moved it on, so evaluators saving different criteria of one
 * application at once were refused (CONFLICT) though they changed different records; now a save carries the version of
 * the score it replaces (or none, for the first), and only a save from a stale version of that same score is refused.
 *
 * Both tables stay on the coordinator on Citus (0040 distributes neither), so updated_by keeps its foreign key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addRowVersion(db, 'evaluation_score');
  await addRowVersion(db, 'moderated_score');
}
