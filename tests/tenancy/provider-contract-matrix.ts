import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { GSS, type Caller } from '../support/api.ts';
import type { RegisteredProvider } from '../support/providers.ts';

type CellOutcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST';
const cells = (provider: CellOutcome, otherProvider: CellOutcome, unverifiedProvider: CellOutcome) => ({
  signedOut: 'UNAUTHORIZED' as const,
  commissioner: 'FORBIDDEN' as const,
  platformAdmin: 'FORBIDDEN' as const,
  provider,
  otherProvider,
  unverifiedProvider,
});

/**
 * After award (issue 11, item 5), the provider's procedures. The target is a seeded Sefton contract made A's (as the
 * owner): B cannot tell it exists; C, not verified, sees no contract at all. Authorities decide returns with
 * contractReturn.* (private-matrix.ts).
 */
export const PROVIDER_CONTRACT_MATRIX = {
  'providerContract.list': cells('ok', 'ok', 'FORBIDDEN'),
  'providerContract.get': cells('ok', 'NOT_FOUND', 'FORBIDDEN'),
  // Monitoring returns: each organisation lists its own; A submits one for a fresh month of its contract, which B cannot
  // tell exists.
  'providerReturn.list': cells('ok', 'ok', 'FORBIDDEN'),
  'providerReturn.submit': cells('ok', 'NOT_FOUND', 'FORBIDDEN'),
  // An upload naming A's contract by its reference: B's is refused as a row with no such contract (its file is bad).
  'providerReturn.upload': cells('ok', 'BAD_REQUEST', 'FORBIDDEN'),
};

/** A seeded Sefton contract handed to organisation `providerId` (as the owner), once per database. */
export async function seftonContractFor(connection: Connection, providerId: string, offset = 0): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM contract WHERE authority_id = ${GSS.sefton} ORDER BY reference DESC OFFSET ${offset} LIMIT 1`.execute(connection.db);
  // The seeded Sefton contracts ended on 31 March 2024; the tests report 2024–2027 periods, which a return must lie
  // within (a continuation to 31 March 2027, as Sefton would record one).
  await sql`UPDATE contract SET provider_id = ${providerId}, end_date = GREATEST(end_date, DATE '2027-03-31') WHERE id = ${rows[0]!.id}`.execute(connection.db);
  return rows[0]!.id;
}

/** Calls for PROVIDER_CONTRACT_MATRIX. */
export function providerContractCalls(refs: () => { connection: Connection; a: RegisteredProvider }) {
  let made: Promise<string> | null = null;
  let returnsMade = 0;
  const contractOfA = () => (made ??= seftonContractFor(refs().connection, refs().a.providerId));
  return {
    'providerContract.list': async (caller: Caller, actor: string) => {
      const id = await contractOfA();
      const { items } = await caller.providerContract.list({});
      expect(items.some((c) => c.id === id)).toBe(actor === 'provider');
    },
    'providerContract.get': async (caller: Caller) => expect((await caller.providerContract.get({ contractId: await contractOfA() })).id).toBe(await contractOfA()),
    'providerReturn.list': async (caller: Caller, actor: string) => {
      const contractId = await contractOfA();
      const mine = await caller.providerReturn.list({ limit: 100, offset: 0 });
      if (actor !== 'provider') expect(mine.some((r) => r.contract.id === contractId)).toBe(false);
    },
    'providerReturn.submit': async (caller: Caller) => {
      const month = String(++returnsMade).padStart(2, '0');
      const next = new Date(Date.UTC(2025, returnsMade, 0)).toISOString().slice(0, 10);
      return caller.providerReturn.submit({ contractId: await contractOfA(), periodStart: `2025-${month}-01`, periodEnd: next, hoursDelivered: 1, missedVisits: 0, lateVisits: 0, staffTurnoverPercent: 0, complaints: 0, rowVersion: null });
    },
    'providerReturn.upload': async (caller: Caller) => {
      const contractId = await contractOfA();
      const { rows } = await sql<{ reference: string }>`SELECT reference FROM contract WHERE id = ${contractId}`.execute(refs().connection.db);
      const file = `contract_reference,period_start,period_end,hours_delivered,missed_visits,late_visits,staff_turnover_percent,complaints\n${rows[0]!.reference},2024-12-01,2024-12-31,1,0,0,0,0`;
      const result = await caller.providerReturn.upload({ format: 'csv', contentBase64: Buffer.from(file).toString('base64'), dryRun: false });
      expect(result.written).toBe(1);
    },
  };
}
