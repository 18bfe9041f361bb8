import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { StatusTag } from './shared.tsx';

/** The organisation's applications, drafts and submitted, with where each stands. */
export function MyApplicationsPage() {
  const list = useQuery(trpc.myApplication.list.queryOptions());
  usePageTitle('Your applications');
  if (list.isError) return <ProblemPage error={list.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Your applications</h1>
      {!list.isSuccess ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p className="govuk-body">
          You have not applied to anything yet. Find a procurement in{' '}
          <Link className="govuk-link" to="/organisation/opportunities">
            opportunities
          </Link>
          .
        </p>
      ) : (
        <Table
          caption="Your applications"
          captionHidden
          rows={list.data}
          rowKey={(a) => a.id}
          rowTestId="my-application"
          columns={[
            {
              header: 'Procurement',
              rowHeader: true,
              cell: (a) => (
                <Link className="govuk-link" to={`/organisation/applications/${a.id}`}>
                  {a.procurement.title}
                </Link>
              ),
            },
            { header: 'Lead authority', cell: (a) => a.procurement.leadName },
            { header: 'Lots', cell: (a) => (a.lots.length ? a.lots.map((l) => l.number).join(', ') : 'None chosen') },
            { header: 'Submitted', cell: (a) => (a.submittedAt ? formatDateTime(a.submittedAt) : 'Not yet') },
            { header: 'Status', cell: (a) => <StatusTag status={a.status} label={a.statusLabel} /> },
            { header: 'Decided', cell: (a) => (a.decidedOn ? formatDate(a.decidedOn) : '') },
          ]}
        />
      )}
    </>
  );
}
