import { badRequest, financialYearName, PROCUREMENT_ACT_COMMENCEMENT } from '@concord/domain';
import { assertMayWrite, type Ctx } from './access.ts';
import { DECLINED_FIELD } from './due.ts';
import { NOTICE_COLUMNS, toRecord, type NoticeRow } from './items.ts';
import type { NoticeRecord } from './types.ts';

/**
 * A commissioner says the authority's pipeline notice (UK1) for a financial year is not required (it does not expect
 * to pay more than £100 million under public contracts in the year: s.93). Held as a UK1 row withdrawn before it was
 * ever published, with the reason, flagged so; "What is due" then shows it as not required. Refused while a UK1 for
 * the year is drafted or published (withdraw that one instead).
 */
export async function declinePipeline(ctx: Ctx, input: { subjectId: string; reason: string }): Promise<NoticeRecord> {
  if (input.subjectId < PROCUREMENT_ACT_COMMENCEMENT.slice(0, 4)) throw badRequest('The Procurement Act 2023 applies from 24 February 2025', 'subjectId');
  await assertMayWrite(ctx, null, ctx.session.authorityId);
  const current = await ctx.tx
    .selectFrom('procurement_notice')
    .select('status')
    .where('authority_id', '=', ctx.session.authorityId)
    .where('notice_type', '=', 'UK1')
    .where('subject_id', '=', input.subjectId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  if (current) throw badRequest(`A pipeline notice for ${financialYearName(input.subjectId)} is ${current.status === 'published' ? 'published' : 'drafted'}: withdraw it instead`, 'subjectId');
  const row = (await ctx.tx
    .insertInto('procurement_notice')
    .values({
      authority_id: ctx.session.authorityId,
      notice_type: 'UK1',
      subject_id: input.subjectId,
      status: 'withdrawn',
      withdrawn_reason: input.reason,
      fields: JSON.stringify({ [DECLINED_FIELD]: 'yes' }),
      created_by: ctx.session.userId,
    })
    .returning([...NOTICE_COLUMNS])
    .executeTakeFirstOrThrow()) as NoticeRow;
  return toRecord(row, []);
}
