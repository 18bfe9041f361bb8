import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';
import { PipelineNoticeCard } from './PipelineNoticeCard.tsx';
import { noticeTitle, NoticeStateTag, whereOf, type DueRow } from './shared.tsx';

/** Procurements, call-offs and contracts a page: their notices are listed together. */
const PER_PAGE = 25;

/**
 * "What is due" for the authority (issue 16), paged by the server over its procurements, call-offs and contracts
 * (those with a contract notice due soonest first): each page's notices overdue, then due soonest first, then
 * published. The first page leads with the authority's pipeline notice (UK1).
 */
export function DueNoticesPage() {
  usePageTitle('Notices due');
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const due = useQuery({ ...trpc.notice.due.queryOptions({ limit, offset }), placeholderData: (previous) => previous });
  const location = useLocation();
  // After the pipeline notice is withdrawn its page sends the reader back here, saying so.
  const withdrawn = (location.state as { noticeWithdrawn?: string } | null)?.noticeWithdrawn;
  if (!due.isSuccess) return <RecordStatus query={due} />;
  const { rows, total, pipeline } = due.data;
  return (
    <>
      {withdrawn && (
        <NotificationBanner success key={location.key}>
          {withdrawn}
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Notices due</h1>
      <p className="govuk-body">
        The notices the Procurement Act 2023 asks of your authority’s procurements and contracts: those overdue first, then those due, soonest first, then
        those already published. Publish each on Find a Tender, then record it in Concord.
      </p>
      {pipeline && <PipelineNoticeCard pipeline={pipeline} />}
      <h2 className="govuk-heading-m">Procurements and contracts</h2>
      {rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-notices-due">
          No notice is due.
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="notices-due-total">
            {total === 1 ? '1 procurement or contract' : `${total} procurements and contracts`} under the Act
            {pageCount(total) > 1 ? `, ${PER_PAGE} a page, those with a contract notice due soonest first` : ''}.
          </p>
          <Table
            caption="Notices due"
            captionHidden
            small
            rows={rows}
            rowKey={(r) => `${r.type}-${r.procurement?.id ?? ''}-${r.contract?.id ?? ''}-${r.subjectId ?? ''}`}
            rowTestId="notice-due"
            columns={[
              {
                header: 'Notice',
                rowHeader: true,
                cell: (r: DueRow) => (
                  <>
                    {noticeTitle(r.type)}
                    <span className="govuk-!-display-block govuk-!-font-weight-regular concord-secondary-text">{r.reason}</span>
                  </>
                ),
              },
              {
                header: 'For',
                cell: (r: DueRow) => {
                  const where = whereOf(r);
                  return where ? (
                    <Link className="govuk-link" to={where.to}>
                      {where.text}
                    </Link>
                  ) : (
                    'Your authority'
                  );
                },
              },
              { header: 'State', cell: (r: DueRow) => <NoticeStateTag item={r} /> },
            ]}
          />
          <Pagination page={page} pageCount={pageCount(total)} />
        </>
      )}
    </>
  );
}
