import { addDays } from '@concord/domain';
import { useQueries } from '@tanstack/react-query';
import { todayIso } from '../../components/DateInput.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatDate } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';

type Warning = RouterOutputs['notice']['registerWarnings'][number]['warnings'][number];

/** A notice due within this many days counts as due soon on the contract register. */
export const DUE_SOON_DAYS = 14;
/** The contracts one registerWarnings request asks about (the procedure takes at most 100). */
const PER_REQUEST = 100;

/**
 * For the contract register (issue 16): per contract shown, the Procurement Act warning its row carries, from
 * notice.registerWarnings asked for exactly the contracts shown (100 a request). Which warnings become a tag: a
 * contract started inside the standstill of its contract award notice (s.51), a notice overdue, and a notice due
 * within {@link DUE_SOON_DAYS} days. A notice due later shows only on the contract's own page (its notices), so that
 * the register does not carry a tag for every contract's 120-day contract details notice. One tag per contract, the
 * most pressing: a start before the award notice allows, then overdue, then the soonest due.
 */
export function useContractNoticeWarnings(contractIds: readonly string[]): Map<string, Warning> {
  const chunks: string[][] = [];
  for (let i = 0; i < contractIds.length; i += PER_REQUEST) chunks.push(contractIds.slice(i, i + PER_REQUEST));
  const answers = useQueries({ queries: chunks.map((ids) => ({ ...trpc.notice.registerWarnings.queryOptions({ contractIds: ids }), placeholderData: (previous: RouterOutputs['notice']['registerWarnings'] | undefined) => previous })) });
  const soon = addDays(todayIso(), DUE_SOON_DAYS);
  const rank = (w: Warning) => (w.kind === 'before_award_notice' || w.kind === 'inside_standstill' ? 0 : w.kind === 'notice_overdue' ? 1 : 2);
  const byContract = new Map<string, Warning>();
  for (const answer of answers) {
    for (const contract of answer.data ?? []) {
      const shown = contract.warnings
        .filter((w) => w.kind !== 'notice_due' || (w.dueOn !== null && w.dueOn <= soon))
        .sort((a, b) => rank(a) - rank(b) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))[0];
      if (shown) byContract.set(contract.contractId, shown);
    }
  }
  return byContract;
}

/** The register's tag for a contract: "Inside standstill" or "UK7 overdue" in red, "UK7 due by 3 March 2027" in yellow. */
export function ContractNoticeTag({ warning }: { warning: Warning | undefined }) {
  if (!warning) return null;
  const words = warning.kind === 'before_award_notice' ? 'Starts before its UK6' : warning.kind === 'inside_standstill' ? 'Inside standstill' : warning.kind === 'notice_overdue' ? `${warning.type} overdue` : `${warning.type} due by ${formatDate(warning.dueOn!)}`;
  return (
    <span className="govuk-!-display-block govuk-!-margin-top-1 govuk-body-s govuk-!-margin-bottom-0" data-testid="contract-row-notice">
      <Tag colour={warning.kind === 'notice_due' ? 'yellow' : 'red'}>{words}</Tag>
      <span className="govuk-visually-hidden">: {warning.text}</span>
    </span>
  );
}
