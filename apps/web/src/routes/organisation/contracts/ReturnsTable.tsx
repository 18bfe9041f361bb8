import { MONITORING_FIGURES, monitoringPeriodText, monitoringReturnStatusText, type MonitoringReturnStatus } from '@concord/domain';
import type { ReactNode } from 'react';
import { Table, type Column } from '../../../components/Table.tsx';
import { Tag, type TagColour } from '../../../components/Tag.tsx';
import { formatDate, formatNumber } from '../../../format.ts';
import type { RouterOutputs } from '../../../trpc.ts';

/** A monitoring return as both sides' lists give it (issue 11, item 5). */
export type MonitoringReturn = RouterOutputs['providerReturn']['list'][number];

const STATUS_COLOURS: Record<MonitoringReturnStatus, TagColour> = { draft: 'grey', submitted: 'blue', accepted: 'green', queried: 'orange' };

export const periodOf = (r: { periodStart: string; periodEnd: string }) => monitoringPeriodText(r.periodStart, r.periodEnd);

/** The return's status in words, when it was submitted, and the authority's reason under a queried one. */
export function ReturnStatus({ r }: { r: MonitoringReturn }) {
  return (
    <>
      <Tag colour={STATUS_COLOURS[r.status as MonitoringReturnStatus] ?? 'grey'} testId="return-status">
        {monitoringReturnStatusText(r.status)}
      </Tag>
      <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0 concord-secondary-text" data-testid="return-submitted">
        {r.submittedAt ? `Submitted ${formatDate(r.submittedAt)}` : 'Not submitted yet'}
      </p>
      {r.status === 'queried' && r.queryReason && (
        <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" data-testid="return-query-reason">
          Queried: {r.queryReason}
        </p>
      )}
    </>
  );
}

const figure = (r: MonitoringReturn, key: (typeof MONITORING_FIGURES)[number]['key']) => (key === 'staffTurnoverPercent' ? `${r[key].toFixed(1)}%` : formatNumber(r[key]));

/**
 * A contract's monitoring returns, newest period first: the period, the figures, and the status in words with when it
 * was submitted; `actions` adds a last column (correct, accept, query) for the rows it gives something for.
 */
export function ReturnsTable({ returns, caption, actions }: { returns: MonitoringReturn[]; caption: string; actions?: (r: MonitoringReturn) => ReactNode }) {
  const columns: Column<MonitoringReturn>[] = [
    { header: 'Period', rowHeader: true, cell: (r) => periodOf(r) },
    ...MONITORING_FIGURES.map((f) => ({ header: f.label, numeric: true, cell: (r: MonitoringReturn) => figure(r, f.key) })),
    { header: 'Status', width: 'govuk-!-width-one-quarter', cell: (r) => <ReturnStatus r={r} /> },
  ];
  if (actions) columns.push({ header: <span className="govuk-visually-hidden">Actions</span>, cell: (r) => actions(r) ?? '' });
  return <Table caption={caption} captionHidden small rows={returns} rowKey={(r) => r.id} rowTestId="monitoring-return" columns={columns} />;
}
