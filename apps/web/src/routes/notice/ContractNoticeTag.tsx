import { addDays } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { todayIso } from '../../components/DateInput.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { DUE_ROWS_READ } from './NoticesDuePanel.tsx';
import { noticeTitle, type DueRow } from './shared.tsx';

/** A notice due within this many days counts as due soon on the contract register. */
export const DUE_SOON_DAYS = 14;

/**
 * For the contract register (issue 16): each contract's most pressing Procurement Act notice that is overdue or due
 * within {@link DUE_SOON_DAYS} days, from the authority's "What is due" (soonest first, so the first row per contract wins).
 */
export function useContractNoticeWarnings(): Map<string, DueRow> {
  const due = useQuery(trpc.notice.due.queryOptions({ limit: DUE_ROWS_READ, offset: 0 }));
  const soon = addDays(todayIso(), DUE_SOON_DAYS);
  const byContract = new Map<string, DueRow>();
  for (const row of due.data?.rows ?? []) {
    if (!row.contract || byContract.has(row.contract.id)) continue;
    if (row.state === 'overdue' || (row.state === 'due' && row.dueOn !== null && row.dueOn <= soon)) byContract.set(row.contract.id, row);
  }
  return byContract;
}

/** The register's tag for a contract's notice: "UK7 overdue" in red, "UK7 due by 3 March 2027" in yellow. */
export function ContractNoticeTag({ row }: { row: DueRow | undefined }) {
  if (!row) return null;
  const overdue = row.state === 'overdue';
  return (
    <span className="govuk-!-display-block govuk-!-margin-top-1 govuk-body-s govuk-!-margin-bottom-0" data-testid="contract-row-notice">
      <Tag colour={overdue ? 'red' : 'yellow'}>{overdue ? `${row.type} overdue` : `${row.type} due by ${formatDate(row.dueOn!)}`}</Tag>
      <span className="govuk-visually-hidden">: {noticeTitle(row.type)}</span>
    </span>
  );
}
