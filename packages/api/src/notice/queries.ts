import type { Ctx } from './access.ts';
import { contractScope, procurementScope } from './access.ts';
import { findNotice, releaseOf } from './commands.ts';
import { suppliersOf } from './fields.ts';
import { itemsOf, listOf, londonToday, scopeRows } from './items.ts';
import { noticePdf } from './pdf.ts';
import { pipelineItemOf } from './pipeline.ts';
import type { NoticeJsonFile, NoticeList, NoticePdfFile } from './types.ts';

export { due, registerWarnings } from './due.ts';

export async function forProcurement(ctx: Ctx, procurementId: string): Promise<NoticeList> {
  return listOf(ctx.tx, await procurementScope(ctx, procurementId), londonToday(ctx));
}

export async function forContract(ctx: Ctx, contractId: string): Promise<NoticeList> {
  return listOf(ctx.tx, await contractScope(ctx, contractId), londonToday(ctx), contractId);
}

const fileName = (type: string, id: string, ext: string) => `notice-${type}-${id.slice(0, 8)}.${ext}`;

/** The OCDS release package: as published (frozen then), or as it would be published today. */
export async function release(ctx: Ctx, id: string): Promise<NoticeJsonFile> {
  const { row, scope } = await findNotice(ctx, id);
  const json = row.status === 'published' && row.release ? row.release : await releaseOf(ctx, row, scope, londonToday(ctx));
  return { filename: fileName(row.notice_type, row.id, 'json'), json };
}

export async function pdf(ctx: Ctx, id: string): Promise<NoticePdfFile> {
  const { row, scope } = await findNotice(ctx, id);
  const today = londonToday(ctx);
  const item = scope
    ? (itemsOf(scope, await scopeRows(ctx.tx, scope), [], today).find((i) => i.record?.id === row.id) ?? null)
    : row.notice_type === 'UK1'
      ? await pipelineItemOf(ctx, row)
      : null;
  const authority = await ctx.tx.selectFrom('authority').select(['id', 'name']).where('id', '=', row.authority_id).executeTakeFirstOrThrow();
  const bytes = await noticePdf({ row, scope, item, authority, today, suppliers: scope ? await suppliersOf(ctx.tx, scope) : [] });
  return { filename: fileName(row.notice_type, row.id, 'pdf'), mimeType: 'application/pdf', base64: bytes.toString('base64') };
}
