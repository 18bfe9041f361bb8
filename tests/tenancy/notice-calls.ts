import { randomUUID } from 'node:crypto';
import { GSS, type Caller } from '../support/api.ts';
import type { Connection } from '@concord/db';
import { expect } from 'vitest';
import { fixtureProvider } from '../support/contracts.ts';

/**
 * Calls for the Procurement Act notices (issue 16) in private-matrix.ts. The target is a fresh Sefton contract awarded
 * directly under the Act (decided 1 June 2026, made as the owner), with a fresh draft contract details notice (UK7) for
 * the calls that change one, so each call has its own. A contract's notices are private to its authority: only its
 * commissioners write them. notice.forProcurement reads the seeded Tripartite PDPS (2015 rules: no notices apply),
 * which its members see and an outsider cannot.
 */
let serial = 0;
let pipelineYears = -1;
export function noticeCalls(refs: () => { connection: Connection; isSefton: (actor: never) => boolean }) {
  const actContract = async (): Promise<string> => {
    const db = refs().connection.db;
    const provider = await fixtureProvider(db);
    const reference = `SEF-ACT-${Date.now().toString(36).toUpperCase()}-${++serial}`;
    const row = await db
      .insertInto('contract')
      .values({
        authority_id: GSS.sefton,
        reference,
        title: `Matrix Act contract ${reference}`,
        provider_id: provider,
        service_type: 'extra_care',
        source: 'direct_award',
        start_date: '2026-07-01',
        initial_end_date: '2027-06-30',
        end_date: '2027-06-30',
        annual_value_pence: 10_000_000,
        total_value_pence: 10_000_000,
        award_justification: 'Matrix',
        decision_reference: 'Matrix',
        decided_on: '2026-06-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const draftNotice = async (): Promise<string> => {
    const contractId = await actContract();
    const row = await refs()
      .connection.db.insertInto('procurement_notice')
      .values({ authority_id: GSS.sefton, notice_type: 'UK7', contract_id: contractId, fields: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  /** A fresh draft pipeline notice (UK1) of Sefton's, for a year of its own (from 2090: declinePipeline's are 2030 to 2089). */
  const pipelineNotice = async (): Promise<string> =>
    (
      await refs()
        .connection.db.insertInto('procurement_notice')
        .values({ authority_id: GSS.sefton, notice_type: 'UK1', subject_id: `${2090 + (++pipelineYears % 11)}-04-01`, fields: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const tripartite = async () => (await refs().connection.db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow()).id;
  return {
    'notice.forProcurement': async (c: Caller) => expect((await c.notice.forProcurement({ procurementId: await tripartite() })).items).toEqual([]),
    'notice.forContract': async (c: Caller) => expect((await c.notice.forContract({ contractId: await actContract() })).items.map((i) => i.type)).toEqual(['UK5', 'UK6', 'UK7']),
    'notice.due': async (c: Caller, actor: string) => {
      const contractId = await actContract();
      const { rows } = await c.notice.due({ limit: 200, offset: 0 });
      expect(rows.some((r) => r.contract?.id === contractId)).toBe(refs().isSefton(actor as never));
    },
    'notice.registerWarnings': async (c: Caller, actor: string) => {
      const contractId = await actContract();
      const warnings = await c.notice.registerWarnings({ contractIds: [contractId] });
      expect(warnings.some((w) => w.contractId === contractId && w.warnings.some((x) => x.type === 'UK5'))).toBe(refs().isSefton(actor as never));
    },
    'notice.pipeline': async (c: Caller) => {
      const noticeId = await pipelineNotice();
      expect((await c.notice.pipeline({ noticeId })).item).toMatchObject({ type: 'UK1', state: 'due', record: { id: noticeId, status: 'draft' } });
    },
    'notice.declinePipeline': async (c: Caller) => c.notice.declinePipeline({ idempotencyKey: randomUUID(), subjectId: `${2030 + (++serial % 60)}-04-01`, reason: 'Matrix: spend well under £100 million' }),
    'notice.draft': async (c: Caller) => c.notice.draft({ idempotencyKey: randomUUID(), type: 'UK7', contractId: await actContract() }),
    'notice.update': async (c: Caller) => c.notice.update({ id: await draftNotice(), rowVersion: 1, fields: { description: 'Matrix' } }),
    'notice.markReady': async (c: Caller) => c.notice.markReady({ id: await draftNotice(), rowVersion: 1 }),
    'notice.markPublished': async (c: Caller) => c.notice.markPublished({ id: await draftNotice(), rowVersion: 1, noticeIdentifier: `${String(++serial).padStart(6, '0')}-2026`, publishedOn: '2026-07-10' }),
    'notice.withdraw': async (c: Caller) => c.notice.withdraw({ id: await draftNotice(), rowVersion: 1, reason: 'Matrix' }),
    'notice.release': async (c: Caller) => c.notice.release({ id: await draftNotice() }),
    'notice.pdf': async (c: Caller) => c.notice.pdf({ id: await draftNotice() }),
  };
}
