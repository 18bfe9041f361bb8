import { sql, type Kysely } from 'kysely';

/**
 * Defence in depth for records that must never move once they reach a status (a published specification
 * or cost model version, an approved business case): the domain refuses first, but the database refuses
 * any UPDATE or DELETE of such a row too, even by mistake.
 */
export async function freezeAtStatus(db: Kysely<any>, table: string, status: string, message: string): Promise<void> {
  const guard = `${table}_frozen`;
  await sql`
    CREATE FUNCTION ${sql.id(guard)}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = ${sql.lit(status)} THEN
        RAISE EXCEPTION ${sql.lit(message)} USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER ${sql.id(guard)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
    FOR EACH ROW EXECUTE FUNCTION ${sql.id(guard)}()`.execute(db);
}
