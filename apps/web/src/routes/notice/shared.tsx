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

/** Where a pipeline notice (UK1) Concord holds is seen and changed. */
export const pipelinePath = (noticeId: string) => `/notices/pipeline/${noticeId}`;

/** After a notice changes: every list of notices and what is due is read again. */
export const refreshNotices = () =>
  refreshAfterChange(trpc.notice.forProcurement.queryKey(), trpc.notice.forContract.queryKey(), trpc.notice.due.queryKey(), trpc.notice.pipeline.queryKey(), trpc.contract.list.queryKey(), trpc.contract.warnings.queryKey());

const STATE_COLOURS: Record<NoticeItem['state'], TagColour> = { due: 'blue', overdue: 'red', done: 'green', not_required: 'grey' };

/** The notice's state as a tag, in words with its date: 'Due by 3 March 2026', 'Overdue since 4 March 2026', 'Published on …'. */
export function stateText(item: { type: NoticeType; state: NoticeItem['state']; stateLabel: string; dueOn: string | null; record?: NoticeRecord | null }): string {
  if (item.state === 'due') return item.dueOn ? `Due by ${formatDate(item.dueOn)}` : 'Due';
  if (item.state === 'overdue') return item.dueOn ? `Overdue since ${formatDate(addDays(item.dueOn, 1))}` : 'Overdue';
  if (item.state === 'done' && item.record?.publishedOn) return `Published on ${formatDate(item.record.publishedOn)}`;
  if (item.state === 'not_required' && NOTICE_CATALOGUE[item.type].obligation === 'optional') return 'Optional';
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

/** Where the notice is handled: its procurement's Notices tab, or its contract's page. */
export function whereOf(row: DueRow): { to: string; text: string } | null {
  if (row.contract) return { to: `/contracts/${row.contract.id}`, text: row.contract.reference };
  if (row.procurement) return { to: `/procurements/${row.procurement.id}/notices`, text: row.procurement.name };
  return null;
}

/** When the notice is due, and why, in words: the reason alone once it is published or when it is not required. */
export const whenText = (item: Pick<NoticeItem, 'state' | 'dueText' | 'reason'>): string => (item.state === 'due' || item.state === 'overdue' ? `${item.dueText}. ${item.reason}` : item.reason);
