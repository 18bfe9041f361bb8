import { badRequest, financialYearName, notFound, PROCUREMENT_ACT_COMMENCEMENT } from '@concord/domain';
import { assertMayWrite, type Ctx } from './access.ts';
import { DECLINED_FIELD, pipelineOfYear } from './due.ts';
import { dueText, londonToday, NOTICE_COLUMNS, toRecord, type NoticeRow } from './items.ts';
import type { NoticeItem, NoticeRecord } from './types.ts';

/** The last financial year Concord counts (budget/financial-year.ts): a UK1 for a later one could not be shown. */
const LAST_PIPELINE_YEAR = '2100-04-01';

/** A UK1's financial year (its first day) must fall under the Act and within the years Concord counts. */
export function assertPipelineYear(year: string): void {
  if (year < PROCUREMENT_ACT_COMMENCEMENT.slice(0, 4)) throw badRequest('The Procurement Act 2023 applies from 24 February 2025', 'subjectId');
  if (year > LAST_PIPELINE_YEAR) throw badRequest(`Name a financial year up to ${financialYearName(LAST_PIPELINE_YEAR)}`, 'subjectId');
}

/** A pipeline notice (UK1) Concord holds, with what the Act asks of its financial year: the item NoticeView shows. */
export interface PipelineNotice {
  /** The first day of the financial year. */
  yearStartsOn: string;
  /** '2027 to 2028'. */
  yearName: string;
  item: NoticeItem & { record: NoticeRecord };
}

/** The item of a UK1 row: the year's state, deadline and reason (as on "What is due"), with this record. */
export async function pipelineItemOf(ctx: Ctx, row: NoticeRow): Promise<NoticeItem & { record: NoticeRecord }> {
  const year = await pipelineOfYear(ctx, row.subject_id, londonToday(ctx));
  return {
    type: 'UK1',
    name: year.name,
    subjectId: row.subject_id,
    subjectLabel: `The financial year ${year.yearName}`,
    state: year.state,
    stateLabel: year.stateLabel,
    dueOn: year.dueOn,
    dueText: dueText(year.state, year.dueOn),
    reason: year.reason,
    record: toRecord(row, []),
  };
}

/** My authority's pipeline notice (UK1) by id: NOT_FOUND for another authority's, or for a notice that is not a UK1. */
export async function pipelineNotice(ctx: Ctx, noticeId: string): Promise<PipelineNotice> {
  const row = (await ctx.tx
    .selectFrom('procurement_notice')
    .select([...NOTICE_COLUMNS])
    .where('id', '=', noticeId)
    .where('authority_id', '=', ctx.session.authorityId)
    .where('notice_type', '=', 'UK1')
    .executeTakeFirst()) as NoticeRow | undefined;
  if (!row) throw notFound('Pipeline notice');
  return { yearStartsOn: row.subject_id, yearName: financialYearName(row.subject_id), item: await pipelineItemOf(ctx, row) };
}

/**
 * A commissioner says the authority's pipeline notice (UK1) for a financial year is not required (it does not expect
 * to pay more than £100 million under public contracts in the year: s.93). Held as a UK1 row withdrawn before it was
 * ever published, with the reason, flagged so; "What is due" then shows it as not required. Refused while a UK1 for
 * the year is drafted or published (withdraw that one instead).
 */
export async function declinePipeline(ctx: Ctx, input: { subjectId: string; reason: string }): Promise<NoticeRecord> {
  assertPipelineYear(input.subjectId);
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
