import { SERVICE_TYPE_LABELS } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { label } from '../../labels.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { useActsForAuthority, usePartnershipsILead } from '../procurement/shared.tsx';

type Summary = RouterOutputs['specification']['list'][number];

/** The overarching specifications of my partnerships. */
export function SpecificationsPage() {
  usePageTitle('Overarching specifications');
  const enabled = useActsForAuthority();
  const specs = useQuery({ ...trpc.specification.list.queryOptions({}), enabled });
  const { partnerships: leading } = usePartnershipsILead();
  if (!enabled) return <h1 className="govuk-heading-l">Overarching specifications</h1>;
  if (specs.isPending) return <Loading />;
  if (specs.isError) return <ProblemPage error={specs.error} />;
  return (
    <>
      <Link className="govuk-back-link" to="/procurements">
        Back to joint procurements
      </Link>
      <h1 className="govuk-heading-l">Overarching specifications</h1>
      <p className="govuk-body">
        A partnership’s shared specification, in versions. A published version never changes; each new version records what changed. Partner
        authorities write an individual specification for each call-off under it.
      </p>
      {leading.length > 0 && (
        <Link to="/specifications/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Create a specification
        </Link>
      )}
      {specs.data.length === 0 ? (
        <p className="govuk-body">Your partnerships have no specification yet.</p>
      ) : (
        <Table
          caption="Specifications of your partnerships"
          captionSize="m"
          rows={specs.data}
          rowKey={(s) => s.id}
          rowTestId="specification"
          columns={[
            {
              header: 'Specification',
              rowHeader: true,
              width: 'govuk-!-width-one-half',
              cell: (s: Summary) => (
                <Link className="govuk-link" to={`/specifications/${s.id}`}>
                  {s.title}
                </Link>
              ),
            },
            { header: 'Partnership', cell: (s: Summary) => s.partnershipName },
            { header: 'Service type', cell: (s: Summary) => label(SERVICE_TYPE_LABELS, s.serviceType) },
            {
              header: 'Published',
              cell: (s: Summary) => (
                <>
                  {s.latestPublishedVersion ? `Version ${s.latestPublishedVersion}` : 'Not yet'}
                  {s.hasDraft && (
                    <Tag colour="yellow" className="concord-inline-tag">
                      Draft v{s.latestVersion}
                    </Tag>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
