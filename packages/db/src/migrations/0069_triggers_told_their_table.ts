import { sql, type Kysely } from 'kysely';

/**
 * The copy-keeping trigger functions are told which table they fire on (issue 15, infra/scale-out.md "What making
 * `authority` a reference table breaks").
 *
 * Seven trigger functions shared by several tables (0058's colleague columns, 0061's call-off copies, 0064's procurement
 * copies, 0065's application copies, 0066's provider document copies) chose what to do by `TG_TABLE_NAME`. On a Citus
 * table (distributed, reference or Citus local) a row trigger fires on the shard, whose name carries the shard's number
 * (`call_off_102008`), so no branch matched: tried on the three-node cluster, inserting a call-off failed with 'record
 * "new" has no field "call_off_id"'. Each trigger now passes its table's name as its argument and the functions read
 * `TG_ARGV[0]`, which is the same on every shard. Same behaviour on PGlite and PostgreSQL, where the two are equal.
 *
 * Done from the catalog so the seven bodies are not restated here: each function's definition with `TG_TABLE_NAME`
 * read as `TG_ARGV[0]` (CREATE OR REPLACE keeps its owner, grants, SECURITY DEFINER and search_path), and each of its
 * triggers re-created with the same name, timing, events, columns and condition, and the table's name as argument.
 * A trigger's place in the firing order is its name, which is kept. tests: packages/db/test/catalog-gate.test.ts.
 */
export const TOLD_THEIR_TABLE = [
  'concord_keep_colleague_columns',
  'concord_call_off_copies',
  'concord_keep_call_off_copies',
  'concord_procurement_copies',
  'concord_keep_procurement_copies',
  'concord_application_copies',
  'concord_keep_provider_document_copies',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of TOLD_THEIR_TABLE) {
    const { rows } = await sql<{ definition: string }>`SELECT pg_get_functiondef(${name}::regproc) AS definition`.execute(db);
    const definition = rows[0]!.definition;
    if (!definition.includes('TG_TABLE_NAME')) throw new Error(`0069: ${name} no longer reads TG_TABLE_NAME`);
    await sql.raw(definition.replaceAll('TG_TABLE_NAME', 'TG_ARGV[0]')).execute(db);
    const { rows: triggers } = await sql<{ table: string; trigger: string; definition: string }>`
      SELECT t.tgrelid::regclass::text AS table, t.tgname AS trigger, pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t WHERE t.tgfoid = ${name}::regproc AND NOT t.tgisinternal ORDER BY 1, 2`.execute(db);
    for (const trigger of triggers) {
      const call = `EXECUTE FUNCTION ${name}()`;
      if (!trigger.definition.endsWith(call)) throw new Error(`0069: unexpected trigger ${trigger.trigger}: ${trigger.definition}`);
      await sql`DROP TRIGGER ${sql.id(trigger.trigger)} ON ${sql.id(trigger.table)}`.execute(db);
      await sql.raw(`${trigger.definition.slice(0, -call.length)}EXECUTE FUNCTION ${name}('${trigger.table}')`).execute(db);
    }
  }
}
