import { GSS, type Caller } from '../support/api.ts';
import type { Connection } from '@concord/db';
import { expect } from 'vitest';
import { fixtureContract } from '../support/contracts.ts';

/**
 * Calls for the contracting authority's monitoring-return procedures (issue 11, item 5) in private-matrix.ts: the
 * target is a fresh submitted return on a fresh Sefton contract (made as the owner), so each call decides its own.
 */
export function monitoringReturnCalls(refs: () => { connection: Connection; isSefton: (actor: never) => boolean }) {
  const submittedReturn = async (): Promise<string> => {
    const db = refs().connection.db;
    const contract = await fixtureContract(db, GSS.sefton, { endDate: '2030-03-31' });
    const row = await db
      .insertInto('provider_monitoring_return')
      .values({
        authority_id: GSS.sefton,
        provider_id: contract.providerId,
        contract_id: contract.id,
        period_start: '2026-01-01',
        period_end: '2026-01-31',
        hours_delivered: 10,
        missed_visits: 0,
        late_visits: 0,
        staff_turnover_percent: 0,
        complaints: 0,
        status: 'submitted',
        submitted_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return {
    'contractReturn.list': async (c: Caller, actor: string) => {
      const id = await submittedReturn();
      const rows = await c.contractReturn.list({ limit: 100, offset: 0 });
      expect(rows.some((r) => r.id === id)).toBe(refs().isSefton(actor as never));
    },
    'contractReturn.accept': async (c: Caller) => c.contractReturn.accept({ returnId: await submittedReturn(), rowVersion: 1 }),
    'contractReturn.query': async (c: Caller) => c.contractReturn.query({ returnId: await submittedReturn(), rowVersion: 1, reason: 'Matrix query' }),
  };
}
