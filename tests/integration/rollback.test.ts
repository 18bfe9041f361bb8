import { trpc } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

// Procedures built with the production builders, for this test only: one writes (an audit row, through the
// only way the application role may write one) and then fails.
const testRouter = trpc.router({
  writeThenThrow: trpc.authorityProcedure.mutation(async ({ ctx }) => {
    await sql`SELECT record_audit_event('marker.failed', NULL, 'success', 'marker')`.execute(ctx.tx);
    throw new Error('boom after writing');
  }),
  writeAndSucceed: trpc.authorityProcedure.mutation(async ({ ctx }) => {
    await sql`SELECT record_audit_event('marker.kept', NULL, 'success', 'marker')`.execute(ctx.tx);
    return 'ok';
  }),
});
const createTestCaller = trpc.createCallerFactory(testRouter);

async function count(procedure: string): Promise<number> {
  const rows = await connection.db.selectFrom('audit_event').select('id').where('procedure', '=', procedure).execute();
  return rows.length;
}

it('a mutation that writes and then throws leaves no row and no audit row', async () => {
  const { session } = await signIn(connection, 'commissioner.sefton@concord.example');
  const ctx = contextFor(connection, session);
  expect(await outcome(createTestCaller(ctx).writeThenThrow())).toBe('INTERNAL_SERVER_ERROR');
  expect(await count('marker.failed')).toBe(0);
  expect(await count('writeThenThrow')).toBe(0);
});

it('the internal error says nothing of the cause', async () => {
  const { session } = await signIn(connection, 'commissioner.sefton@concord.example');
  const ctx = contextFor(connection, session);
  const error = await createTestCaller(ctx).writeThenThrow().catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  // The caller sees the raw TRPCError; what goes over HTTP is checked in the server test.
  expect((error as Error & { code: string }).code).toBe('INTERNAL_SERVER_ERROR');
});

it('a mutation that succeeds keeps its row and one audit row for the acting authority', async () => {
  const { session } = await signIn(connection, 'commissioner.sefton@concord.example');
  const ctx = contextFor(connection, session);
  expect(await createTestCaller(ctx).writeAndSucceed()).toBe('ok');
  expect(await count('marker.kept')).toBe(1);
  const audit = await connection.db.selectFrom('audit_event').selectAll().where('procedure', '=', 'writeAndSucceed').execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ authority_id: GSS.sefton, user_id: session.userId, outcome: 'success', request_id: ctx.meta.requestId });
});
