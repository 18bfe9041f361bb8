import { ROUTE_LABELS } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { label } from '../../labels.ts';
import { trpc } from '../../trpc.ts';
import { andList, StageTag, usePartnershipsILead, type ProcurementSummary } from './shared.tsx';

/** The joint procurements of my partnerships, and (for lead commissioners) the way to start one. */
export function ProcurementsPage() {
  usePageTitle('Joint procurements');
  const procurements = useQuery(trpc.procurement.list.queryOptions({}));
  const { partnerships: leading } = usePartnershipsILead();

  if (procurements.isPending) return <Loading />;
  if (procurements.isError) return <ProblemPage error={procurements.error} />;

  return (
    <>
      <h1 className="govuk-heading-l">Joint procurements</h1>
      <p className="govuk-body">
        Procurements run by the lead authority of a partnership on behalf of its members. Members can read each procurement, its
        specification, criteria and approved list; only the lead commissioner can change them.
      </p>
      {leading.length > 0 && (
        <Link to="/procurements/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Create a procurement
        </Link>
      )}
      {procurements.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-procurements">
          None of your partnerships has a joint procurement yet.
        </p>
      ) : (
        <Table
          caption="Procurements of your partnerships"
          captionSize="m"
          rows={procurements.data}
          rowKey={(p) => p.id}
          rowTestId="procurement"
          columns={[
            {
              header: 'Procurement',
              rowHeader: true,
              width: 'govuk-!-width-one-third',
              cell: (p: ProcurementSummary) => (
                <>
                  <Link className="govuk-link" to={`/procurements/${p.id}`}>
                    {p.title}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-margin-top-1">{p.reference}</span>
                </>
              ),
            },
            { header: 'Partnership', cell: (p: ProcurementSummary) => p.partnership.name },
            { header: 'Lead authority', cell: (p: ProcurementSummary) => p.lead.name },
            { header: 'Route', cell: (p: ProcurementSummary) => label(ROUTE_LABELS, p.route) },
            { header: 'Stage', cell: (p: ProcurementSummary) => <StageTag status={p.status} /> },
            { header: 'Buyers', cell: (p: ProcurementSummary) => andList(p.buyers.map((b) => b.name)) },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Related</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/specifications">
            Overarching specifications of your partnerships
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/providers">
            Providers register
          </Link>
        </li>
      </ul>
    </>
  );
}
