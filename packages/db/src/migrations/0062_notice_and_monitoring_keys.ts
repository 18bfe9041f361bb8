import { sql, type Kysely } from 'kysely';

/**
 * Three policies whose subquery a key answers (issue 15, infra/scale-out.md "Keys instead of subqueries (0062)").
 * Citus refuses any policy with a subquery on a table it manages. Each of these asked whether a row it references by
 * key belongs to someone; a composite foreign key now holds that fact on the row itself, and the policy reads the row.
 * Keys between tables keyed by authority_id are what Citus keeps between co-located distributed tables, so this works
 * there too (unlike a function reading the other table, which on a worker is a nested distributed query).
 *
 * - provider_monitoring_return_provider_adds (INSERT) and _provider_corrects (UPDATE, WITH CHECK) required
 *   `EXISTS contract c WHERE c.authority_id = r.authority_id AND c.id = r.contract_id AND c.provider_id =
 *   app_provider_id()`, beside `provider_id = app_provider_id() AND app_provider_verified()`. The return's key
 *   (authority_id, contract_id, provider_id) → contract (authority_id, id, provider_id) now makes every return's
 *   provider its contract's provider, so with `provider_id = app_provider_id()` the contract's provider is the
 *   transaction's. The subquery ran under contract's policies, which show a provider organisation exactly its own
 *   contracts once verified (contract_provider_reads); the policies require app_provider_verified() already, and a
 *   transaction acting for a provider acts for no authority (tenant.ts), so contract_own_authority showed it nothing
 *   more. Same set. Every existing return was written through these policies, so the key holds for every row (the
 *   migration checks it as it adds the key). What the key adds: a contract's provider cannot be changed while
 *   monitoring returns name the old one (refused, 23503). Concord never changes a contract's provider (no command
 *   writes contract.provider_id after the contract is made); a return stays the return of the provider who sent it.
 * - procurement_notice_partnership_reads (SELECT, application role) let an authority read a procurement's notice when
 *   `EXISTS procurement p WHERE p.id = n.procurement_id AND p.authority_id = n.authority_id`, under procurement's
 *   policies: for a transaction acting for an authority (the policy requires app.authority_id; such a transaction has
 *   no provider organisation), those show the procurements of its current partnerships (procurement_partnership_reads:
 *   `partnership_id = ANY (app_partnership_ids())`) and nothing else. A notice now carries its procurement's
 *   partnership_id, held to it by the key (authority_id, procurement_id, partnership_id) → procurement (authority_id,
 *   id, partnership_id) ON UPDATE CASCADE, and a check that a notice of a procurement has one; the policy reads
 *   `partnership_id = ANY (app_partnership_ids())`. Same set. The application writes the column when it drafts a
 *   procurement's notice (notice/commands.ts); the key refuses any other value.
 *
 * Subquery policies left after this migration: those of the provider-visibility family (procurements and what hangs
 * off them, applications and their scores) and provider_document's and provider_membership's claim check
 * (policy-settings.test.ts lists them).
 */
const PROVIDER_RETURN = `provider_id = app_provider_id() AND app_provider_verified() AND status = ANY (ARRAY['draft', 'submitted'])`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE contract ADD CONSTRAINT contract_authority_id_id_provider_id_key UNIQUE (authority_id, id, provider_id)`.execute(db);
  await sql`
    ALTER TABLE provider_monitoring_return ADD CONSTRAINT provider_monitoring_return_contract_provider_fkey
      FOREIGN KEY (authority_id, contract_id, provider_id) REFERENCES contract (authority_id, id, provider_id)`.execute(db);
  await sql`ALTER POLICY provider_monitoring_return_provider_adds ON provider_monitoring_return WITH CHECK (${sql.raw(PROVIDER_RETURN)})`.execute(db);
  await sql`ALTER POLICY provider_monitoring_return_provider_corrects ON provider_monitoring_return WITH CHECK (${sql.raw(PROVIDER_RETURN)})`.execute(db);

  await sql`ALTER TABLE procurement ADD CONSTRAINT procurement_authority_id_id_partnership_id_key UNIQUE (authority_id, id, partnership_id)`.execute(db);
  await sql`ALTER TABLE procurement_notice ADD COLUMN partnership_id uuid`.execute(db);
  // The backfill reads every notice and procurement: both force row-level security on their owner too, for this
  // statement only.
  for (const table of ['procurement', 'procurement_notice']) await sql`ALTER TABLE ${sql.id(table)} NO FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    UPDATE procurement_notice n SET partnership_id = p.partnership_id
    FROM procurement p WHERE p.authority_id = n.authority_id AND p.id = n.procurement_id`.execute(db);
  for (const table of ['procurement', 'procurement_notice']) await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    ALTER TABLE procurement_notice
      ADD CONSTRAINT procurement_notice_procurement_partnership_fkey FOREIGN KEY (authority_id, procurement_id, partnership_id)
        REFERENCES procurement (authority_id, id, partnership_id) ON UPDATE CASCADE,
      ADD CONSTRAINT procurement_notice_partnership_of_procurement CHECK (procurement_id IS NULL OR partnership_id IS NOT NULL)`.execute(db);
  await sql`
    ALTER POLICY procurement_notice_partnership_reads ON procurement_notice USING (
      current_setting('app.authority_id', true) <> '' AND procurement_id IS NOT NULL AND call_off_id IS NULL AND contract_id IS NULL
      AND partnership_id = ANY (app_partnership_ids()))`.execute(db);
}
