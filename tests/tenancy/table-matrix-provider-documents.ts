import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for provider documents (issue 11, item 2; migration 0030):
 *   provider_document   a document of the matrix provider's, which Sefton (holding the matrix contract with the
 *                       provider) may read; the update marks it superseded (the one change ever made to a document)
 */
interface Refs {
  db: Kysely<Database>;
  provider: string;
  /** The matrix provider's administrator: a document is uploaded by the person the transaction acts as. */
  providerPerson: string;
}

const made = { document: '' };
const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);
const content = Buffer.from('%PDF-1.4\n%%EOF\n');

const documentRow = (refs: Refs, title: string) => ({
  provider_id: refs.provider,
  kind: 'other' as const,
  title,
  file_name: 'matrix.pdf',
  content_type: 'application/pdf',
  size_bytes: content.length,
  sha256: 'a'.repeat(64),
  content,
  uploaded_by: refs.providerPerson,
});

export async function makeProviderDocumentFixtures(refs: Refs): Promise<void> {
  made.document = (await refs.db.insertInto('provider_document').values(documentRow(refs, 'Matrix document')).returning('id').executeTakeFirstOrThrow()).id;
}

export function providerDocumentTargets(refs: () => Refs) {
  return {
    provider_document: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('provider_document').select(count).where('id', '=', made.document).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) => t.insertInto('provider_document').values(documentRow(refs(), 'Matrix second document')).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('provider_document').set({ superseded_at: new Date() }).where('id', '=', made.document).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('provider_document').where('id', '=', made.document).execute()),
    },
  };
}
