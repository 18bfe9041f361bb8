import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';

const PER_PAGE = 20;

/** Every procurement on Concord open for applications today, across all partnerships, a page at a time. */
export function OpportunitiesPage() {
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const list = useQuery(trpc.opportunity.list.queryOptions({ limit, offset }));
  usePageTitle('Opportunities');
  if (list.isError) return <ProblemPage error={list.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Opportunities</h1>
      <p className="govuk-body">
        Procurements open for applications from every partnership of councils on Concord. Your organisation’s profile is attached to each application, so
        you tell us once.
      </p>
      {!list.isSuccess ? (
        <Loading />
      ) : list.data.total === 0 ? (
        <p className="govuk-body" data-testid="no-opportunities">
          No procurement is open for applications at the moment.
        </p>
      ) : (
        <>
          <Table
            caption={`${list.data.total} ${list.data.total === 1 ? 'procurement' : 'procurements'} open for applications`}
            captionSize="s"
            rows={list.data.items}
            rowKey={(o) => o.id}
            rowTestId="opportunity"
            columns={[
              {
                header: 'Procurement',
                rowHeader: true,
                cell: (o) => (
                  <>
                    <Link className="govuk-link" to={`/organisation/opportunities/${o.id}`}>
                      {o.title}
                    </Link>
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{o.reference}</span>
                  </>
                ),
              },
              { header: 'Partnership', cell: (o) => `${o.partnership.name}, led by ${o.lead.name}` },
              { header: 'Route', cell: (o) => o.routeLabel },
              { header: 'Lots', numeric: true, cell: (o) => o.lotCount },
              { header: 'When', cell: (o) => o.window },
            ]}
          />
          <Pagination page={page} pageCount={pageCount(list.data.total)} />
        </>
      )}
    </>
  );
}
