import { DomainError } from '@concord/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure } from '../trpc.ts';
import { draftInput, dueInput, forContractInput, forProcurementInput, markPublishedInput, markReadyInput, noticeId, updateInput, withdrawInput } from './input.ts';
import type { DuePage, NoticeJsonFile, NoticeList, NoticePdfFile, NoticeRecord } from './types.ts';

const notYet = (): never => {
  throw new DomainError('BAD_REQUEST', 'Notices are not ready yet (issue 16)');
};

/**
 * The Procurement Act 2023's notices (issue 16): what is due for a procurement or contract and by when, the
 * drafts Concord makes from its data, and the record of what was published on Find a Tender. Any member reads
 * its own authority's; only commissioners write (the procurement's lead, the contracting authority).
 */
export const noticeRouter = {
  forProcurement: authorityProcedure.input(forProcurementInput).query(async (): Promise<NoticeList> => notYet()),
  forContract: authorityProcedure.input(forContractInput).query(async (): Promise<NoticeList> => notYet()),
  due: authorityProcedure.input(dueInput).query(async (): Promise<DuePage> => notYet()),
  draft: authorityProcedure.input(draftInput).mutation(idempotent(async (): Promise<NoticeRecord> => notYet())),
  update: authorityProcedure.input(updateInput).mutation(async (): Promise<NoticeRecord> => notYet()),
  markReady: authorityProcedure.input(markReadyInput).mutation(async (): Promise<NoticeRecord> => notYet()),
  markPublished: authorityProcedure.input(markPublishedInput).mutation(async (): Promise<NoticeRecord> => notYet()),
  withdraw: authorityProcedure.input(withdrawInput).mutation(async (): Promise<NoticeRecord> => notYet()),
  /** The notice's OCDS 1.1.5 release package (frozen at publication). */
  release: authorityProcedure.input(noticeId).query(async (): Promise<NoticeJsonFile> => notYet()),
  /** The notice as a readable A4 PDF. */
  pdf: authorityProcedure.input(noticeId).query(async (): Promise<NoticePdfFile> => notYet()),
} satisfies TRPCRouterRecord;
