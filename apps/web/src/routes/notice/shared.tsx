import { addDays, NOTICE_CATALOGUE, type NoticeType } from '@concord/domain';
import { Tag, type TagColour } from '../../components/Tag.tsx';
import { formatDate } from '../../format.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

/** What the notice procedures answer (issue 16): a procurement's or contract's notices, and one notice Concord holds. */
export type NoticeList = RouterOutputs['notice']['forProcurement'];
export type NoticeItem = NoticeList['items'][number];
export type NoticeRecord = NonNullable<NoticeItem['record']>;
export type DueRow = RouterOutputs['notice']['due']['rows'][number];

/** 'UK6 Contract award notice': the code first, as Find a Tender lists them, then the name in words. */
export const noticeTitle = (type: NoticeType): string => `${type} ${NOTICE_CATALOGUE[type].name}`;

/** Where a notice is drafted from: the procurement or the contract it belongs to. */
export type NoticeOwner = { procurementId: string } | { contractId: string };

/** After a notice changes: every list of notices and what is due is read again. */
export const refreshNotices = () =>
  refreshAfterChange(trpc.notice.forProcurement.queryKey(), trpc.notice.forContract.queryKey(), trpc.notice.due.queryKey(), trpc.contract.list.queryKey(), trpc.contract.warnings.queryKey());

const STATE_COLOURS: Record<NoticeItem['state'], TagColour> = { due: 'blue', overdue: 'red', done: 'green', not_required: 'grey' };

/** The notice's state as a tag, in words with its date: 'Due by 3 March 2026', 'Overdue since 4 March 2026', 'Published on …'. */
export function stateText(item: { state: NoticeItem['state']; stateLabel: string; dueOn: string | null; record?: NoticeRecord | null }): string {
  if (item.state === 'due') return item.dueOn ? `Due by ${formatDate(item.dueOn)}` : 'Due';
  if (item.state === 'overdue') return item.dueOn ? `Overdue since ${formatDate(addDays(item.dueOn, 1))}` : 'Overdue';
  if (item.state === 'done' && item.record?.publishedOn) return `Published on ${formatDate(item.record.publishedOn)}`;
  return item.stateLabel;
}

export function NoticeStateTag({ item, testId }: { item: Parameters<typeof stateText>[0]; testId?: string }) {
  return (
    <Tag colour={STATE_COLOURS[item.state]} testId={testId}>
      {stateText(item)}
    </Tag>
  );
}

const STATUS_COLOURS: Record<NoticeRecord['status'], TagColour> = { draft: 'yellow', ready: 'turquoise', published: 'green', withdrawn: 'grey' };

/** The record's own status (draft, ready, published, withdrawn) as a tag. */
export function RecordStatusTag({ record }: { record: NoticeRecord }) {
  return (
    <Tag colour={STATUS_COLOURS[record.status]} testId="notice-record-status">
      {record.statusLabel}
    </Tag>
  );
}
