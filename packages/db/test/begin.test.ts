import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../src/begin.ts';
import { connectPglite, type Connection } from '../src/connection.ts';

/**
 * BEGIN sent with the transaction's first statement (begin.ts, issue 14 item 2), on an embedded database (the same
 * pool code as PostgreSQL's): what goes over the connection, and that the transaction is still one transaction.
 */
const sent: string[] = [];
let connection: Connection;

beforeAll(async () => {
  connection = await connectPglite(undefined, { small: true, observe: (text) => void sent.push(text) });
  await sql`CREATE TABLE t (v text)`.execute(connection.db);
});
afterAll(() => connection.close());

async function sending<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  sent.length = 0;
  const result = await work();
  return { result, sent: [...sent] };
}

describe('BEGIN with the first statement', () => {
  it('a first statement without values goes with BEGIN, and its answer is the statement’s', async () => {
    const { result, sent } = await sending(() =>
      connection.db.transaction().execute(async (tx) => {
        const first = await sql<{ x: string; id: string }>`SELECT ${inlineText("it's")} AS x, txid_current()::text AS id`.execute(tx);
        const second = await sql<{ id: string }>`SELECT txid_current()::text AS id`.execute(tx);
        return { x: first.rows[0]!.x, sameTransaction: first.rows[0]!.id === second.rows[0]!.id };
      }),
    );
    expect(result).toEqual({ x: "it's", sameTransaction: true }); // BEGIN ran first: both statements in one transaction
    expect(sent).toEqual(["BEGIN;\nSELECT 'it''s' AS x, txid_current()::text AS id", 'SELECT txid_current()::text AS id', 'commit']);
  });

  it('a first statement with values is sent after a real BEGIN', async () => {
    const { sent } = await sending(() => connection.db.transaction().execute((tx) => sql`INSERT INTO t VALUES (${'a'})`.execute(tx)));
    expect(sent).toEqual(['begin', 'INSERT INTO t VALUES ($1)', 'commit']);
  });

  it('a transaction that sends nothing sends no BEGIN or COMMIT', async () => {
    const { sent } = await sending(() => connection.db.transaction().execute(async () => 1));
    expect(sent).toEqual([]);
  });

  it('a failure rolls back everything written since BEGIN, the first statement’s too', async () => {
    const failing = connection.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO t VALUES (${inlineText('b')})`.execute(tx);
      await sql`INSERT INTO t VALUES (${'c'})`.execute(tx);
      await sql`SELECT 1 / 0`.execute(tx);
    });
    await expect(failing).rejects.toThrow(/division by zero/);
    const { rows } = await sql<{ v: string }>`SELECT v FROM t ORDER BY v`.execute(connection.db);
    expect(rows.map((r) => r.v)).toEqual(['a']);
  });

  it('a failing first statement leaves the transaction to roll back, and the connection works after', async () => {
    await expect(connection.db.transaction().execute((tx) => sql`SELECT no_such_function()`.execute(tx))).rejects.toThrow(/no_such_function/);
    expect(sent.at(-1)).toBe('rollback');
    expect((await sql<{ n: number }>`SELECT 1 AS n`.execute(connection.db)).rows).toEqual([{ n: 1 }]);
  });

  it('inlineText reads back as the same text, quotes and backslashes included, whatever standard_conforming_strings is', async () => {
    const nasty = String.raw`a'b\'c\\d'); SELECT 'x`;
    for (const conforming of ['on', 'off']) {
      const read = await connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('standard_conforming_strings', ${inlineText(conforming)}, true)`.execute(tx);
        return (await sql<{ v: string }>`SELECT ${inlineText(nasty)} AS v`.execute(tx)).rows;
      });
      expect(read).toEqual([{ v: nasty }]);
    }
  });
});
