import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';

/**
 * Issue 15 (migration 0070): two rules Citus holds every function to once its tables are Citus tables, both found by
 * making `authority` a reference table on the three-node cluster (infra/scale-out.md). Checked on every database, so a
 * new function breaks them here and not first on a cluster.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

describe('functions Citus can run', () => {
  it('every function a policy calls is STABLE or IMMUTABLE (Citus refuses a VOLATILE one in an UPDATE)', async () => {
    const { rows } = await sql<{ name: string; volatility: string }>`
      WITH called AS (
        SELECT DISTINCT (regexp_matches(coalesce(qual, '') || ' ' || coalesce(with_check, ''), '([a-z_][a-z0-9_]*)\\(', 'g'))[1] AS name
        FROM pg_policies WHERE schemaname = 'public'
      )
      SELECT p.proname AS name, p.provolatile AS volatility FROM called c JOIN pg_proc p ON p.proname = c.name
      WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`.execute(connection.db);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.name)).toContain('app_may_decide_claim');
    expect(rows.filter((r) => r.volatility === 'v').map((r) => r.name)).toEqual([]);
  });

  it('no function inserts a subquery inside VALUES (Citus: "subqueries are not supported within INSERT queries")', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT proname AS name FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosrc ~* 'VALUES\\s*\\([^;]*\\(\\s*SELECT' ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('the verification is still entered in the organisation’s audit trail, naming the verifying authority or the platform', async () => {
    const actors = await connection.db
      .transaction()
      .execute(async (tx) => {
        const entries = await tx.selectFrom('provider').select('id').where('verified_at', 'is', null).orderBy('id').limit(2).execute();
        expect(entries).toHaveLength(2);
        await tx.updateTable('provider').set({ verified_at: new Date().toISOString(), verified_by: GSS.sefton }).where('id', '=', entries[0]!.id).execute();
        await tx.updateTable('provider').set({ verified_at: new Date().toISOString(), verified_by: 'platform' }).where('id', '=', entries[1]!.id).execute();
        const { rows } = await sql<{ actor: string }>`SELECT e.actor FROM provider_audit_event e
          WHERE e.procedure = 'organisation.verify' AND e.provider_id IN (${entries[0]!.id}, ${entries[1]!.id})
          ORDER BY e.provider_id = ${entries[0]!.id} DESC`.execute(tx);
        throw Object.assign(new Error('undo'), { rows });
      })
      .catch((error: { rows?: { actor: string }[]; message?: string }) => error.rows?.map((r) => r.actor) ?? error.message);
    expect(actors).toEqual(['Sefton Council', 'A Concord platform administrator']);
  });
});
