import type { Database } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for a provider organisation's audit trail (issue 11; migration 0038):
 *   provider_audit_event   an event of the matrix provider's: its provider administrator reads it; nobody writes,
 *                          changes or removes one but record_audit_event (integration/provider-gaps.test.ts)
 */
interface Refs {
  db: Kysely<Database>;
  provider: string;
  providerPerson: string;
}

const made = { request: `matrix-${randomUUID()}` };
const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

const eventRow = (refs: Refs) => ({
  provider_id: refs.provider,
  user_id: refs.providerPerson,
  procedure: 'providerDocument.upload',
  target: null,
  outcome: 'success' as const,
  request_id: made.request,
  actor: 'Matrix Provider (matrix.provider@homecare.example)',
});

export async function makeProviderAuditFixtures(refs: Refs): Promise<void> {
  await refs.db.insertInto('provider_audit_event').values(eventRow(refs)).execute();
}

export function providerAuditTargets(refs: () => Refs) {
  const target = (t: Kysely<Database>) => t.selectFrom('provider_audit_event').where('request_id', '=', made.request);
  return {
    provider_audit_event: {
      select: async (t: Kysely<Database>) => (await target(t).select(count).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) => t.insertInto('provider_audit_event').values(eventRow(refs())).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('provider_audit_event').set({ outcome: 'denied' }).where('request_id', '=', made.request).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('provider_audit_event').where('request_id', '=', made.request).execute()),
    },
  };
}
