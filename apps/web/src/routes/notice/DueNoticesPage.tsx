import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';
import { noticeTitle, NoticeStateTag, type DueRow } from './shared.tsx';

const PER_PAGE = 25;

/** Where the notice is handled: its procurement's Notices tab, or its contract's page. */
function whereOf(row: DueRow) {
  if (row.contract) return { to: `/contracts/${row.contract.id}`, text: row.contract.reference };
  if (row.procurement) return { to: `/procurements/${row.procurement.id}/notices`, text: row.procurement.name };
  return null;
}

/** "What is due" for the authority (issue 16): every Procurement Act notice due or overdue, soonest first, paged. */
export function DueNoticesPage() {
  usePageTitle('Notices due');
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const due = useQuery({ ...trpc.notice.due.queryOptions({ limit, offset }), placeholderData: (previous) => previous });
  if (!due.isSuccess) return <RecordStatus query={due} />;
  const { rows, total } = due.data;
  return (
    <>
      <h1 className="govuk-heading-l">Notices due</h1>
      <p className="govuk-body">
        The notices the Procurement Act 2023 asks of your authority’s procurements and contracts, soonest first. Publish each on Find a Tender, then record
        it in Concord.
      </p>
      {rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-notices-due">
          No notice is due.
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="notices-due-total">
            {total === 1 ? '1 notice is due.' : `${total} notices are due.`}
          </p>
          <Table
            caption="Notices due"
            captionHidden
            small
            rows={rows}
            rowKey={(r) => `${r.type}-${r.procurement?.id ?? ''}-${r.contract?.id ?? ''}-${r.subjectId ?? ''}`}
            rowTestId="notice-due"
            columns={[
              { header: 'Notice', rowHeader: true, cell: (r: DueRow) => noticeTitle(r.type) },
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
              { header: 'Why', cell: (r: DueRow) => r.reason },
            ]}
          />
          <Pagination page={page} pageCount={pageCount(total)} />
        </>
      )}
    </>
  );
}

/** Home-page reminder: notices overdue or due, the first few, linked to the full list. Nothing when none is due. */
export function NoticesDuePanel() {
  const due = useQuery(trpc.notice.due.queryOptions({ limit: 5, offset: 0 }));
  if (!due.data || due.data.total === 0) return null;
  const { rows, total } = due.data;
  const overdue = rows.filter((r) => r.state === 'overdue').length;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="notices-due-title" data-testid="home-notices-due">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notices-due-title">
          Notices due
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {total} Procurement Act notice{total === 1 ? '' : 's'} to publish{overdue ? `, ${overdue} overdue` : ''}.
        </p>
        <ul className="govuk-list govuk-list--bullet">
          {rows.map((r) => {
            const where = whereOf(r);
            return (
              <li key={`${r.type}-${r.procurement?.id ?? ''}-${r.contract?.id ?? ''}-${r.subjectId ?? ''}`}>
                {noticeTitle(r.type)}
                {where && (
                  <>
                    {' for '}
                    <Link className="govuk-notification-banner__link" to={where.to}>
                      {where.text}
                    </Link>
                  </>
                )}
                : <NoticeStateTag item={r} />
              </li>
            );
          })}
        </ul>
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to="/notices">
            See every notice due
          </Link>
        </p>
      </div>
    </div>
  );
}
