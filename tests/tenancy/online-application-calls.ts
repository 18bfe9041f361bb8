import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { expect } from 'vitest';
import type { Caller } from '../support/api.ts';
import { fixtureProcurement } from '../support/procurement.ts';
import type { RegisteredProvider } from '../support/providers.ts';

/** Calls for online-application-matrix.ts. Each target is a draft of organisation A's, to a fresh procurement open for applications. */
export function onlineApplicationCalls(refs: () => { connection: Connection; a: RegisteredProvider }) {
  const openProcurement = () => fixtureProcurement(refs().connection.db, { status: 'published' });
  const draftOfA = async () => {
    const p = await openProcurement();
    const { id } = await refs().a.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: p.id });
    const { rowVersion } = await refs().a.caller.myApplication.get({ applicationId: id });
    return { id, rowVersion, p };
  };
  return {
    'opportunity.list': async (caller: Caller) => {
      const p = await openProcurement();
      const { items } = await caller.opportunity.list({ limit: 100, offset: 0 });
      expect(items.some((o) => o.id === p.id)).toBe(true);
    },
    'opportunity.get': async (caller: Caller) => caller.opportunity.get({ procurementId: (await openProcurement()).id }),
    'opportunity.ask': async (caller: Caller) => caller.opportunity.ask({ idempotencyKey: randomUUID(), procurementId: (await openProcurement()).id, question: 'Matrix question?' }),
    'myApplication.list': async (caller: Caller) => caller.myApplication.list(),
    'myApplication.start': async (caller: Caller) => caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: (await openProcurement()).id }),
    'myApplication.get': async (caller: Caller) => caller.myApplication.get({ applicationId: (await draftOfA()).id }),
    'myApplication.save': async (caller: Caller) => {
      const draft = await draftOfA();
      return caller.myApplication.save({ applicationId: draft.id, rowVersion: draft.rowVersion, lotIds: [draft.p.lotIds[0]!] });
    },
    'myApplication.submit': async (caller: Caller) => {
      const { id, p } = await draftOfA();
      const full = await refs().a.caller.myApplication.get({ applicationId: id });
      const saved = await refs().a.caller.myApplication.save({
        applicationId: id,
        rowVersion: full.rowVersion,
        lotIds: [p.lotIds[0]!],
        gatewayAnswers: p.questionIds.map((q) => ({ id: q, answer: 'Yes' })),
        qualityAnswers: [p.criterionIds.quality, p.criterionIds.socialValue].map((c) => ({ id: c, answer: 'Our approach' })),
        lotPrices: [{ lotId: p.lotIds[0]!, pricePence: 2_000 }],
      });
      return caller.myApplication.submit({ applicationId: id, rowVersion: saved.rowVersion });
    },
    'myApplication.discard': async (caller: Caller) => caller.myApplication.discard({ applicationId: (await draftOfA()).id }),
  };
}
