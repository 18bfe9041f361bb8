import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { label, LIST_STATUS_COLOURS, LIST_STATUS_LABELS } from '../../labels.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { ProviderTags, RatingTag } from './ProviderTags.tsx';
import { ProviderClaims } from './ProviderClaims.tsx';
import { ProviderDocumentsSection } from '../organisation/documents/AuthorityViews.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';

type Provider = RouterOutputs['provider']['get'];

export function ProviderPage() {
  const { id, valid } = useRecordId();
  const provider = useQuery({ ...trpc.provider.get.queryOptions({ providerId: id }), enabled: valid });
  return (
    <RecordGate query={provider} valid={valid}>
      {(p) => <ProviderDetail p={p} />}
    </RecordGate>
  );
}

function ProviderDetail({ p }: { p: Provider }) {
  usePageTitle(p.legalName);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <>
      <Link className="govuk-back-link" to="/providers">
        Back to the providers register
      </Link>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">Provider</span>
      <h1 className="govuk-heading-l">{p.legalName}</h1>
      <ProviderClaims providerId={p.id} />
      <SummaryList
        rows={[
          { key: 'Companies House number', value: p.companiesHouseNumber ?? 'Not given' },
          { key: 'CQC provider ID', value: p.cqcProviderId ?? 'Not registered with the CQC' },
          { key: 'Type', value: <ProviderTags provider={p} /> },
        ]}
      />
      <h2 className="govuk-heading-m">CQC locations</h2>
      {p.locations.length === 0 ? (
        <p className="govuk-body">No locations are recorded.</p>
      ) : (
        <Table
          caption="CQC locations and ratings"
          captionHidden
          rows={p.locations}
          rowKey={(l) => l.id}
          rowTestId="location"
          columns={[
            { header: 'Location', rowHeader: true, cell: (l) => l.name },
            { header: 'CQC location ID', cell: (l) => <span className="concord-nowrap">{l.cqcLocationId ?? 'Not given'}</span> },
            { header: 'Locality', cell: (l) => l.locality ?? 'Not given' },
            { header: 'Rating', cell: (l) => <RatingTag rating={l.rating} /> },
            { header: 'Rated', cell: (l) => (l.ratedOn ? <span className="concord-nowrap">{formatDate(l.ratedOn)}</span> : 'Not known') },
          ]}
        />
      )}
      <ProviderDocumentsSection providerId={p.id} />
      <h2 className="govuk-heading-m">On approved lists of your partnerships</h2>
      {p.approvedLists.length === 0 ? (
        <p className="govuk-body">This provider is not on any approved list you can see.</p>
      ) : (
        <Table
          caption="Approved lists"
          captionHidden
          rows={p.approvedLists}
          rowKey={(e) => `${e.procurementId}-${e.lotId}`}
          columns={[
            {
              header: 'Procurement',
              rowHeader: true,
              cell: (e) => (
                <>
                  <Link className="govuk-link" to={`/procurements/${e.procurementId}/approved-list`}>
                    {e.title}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">{e.reference}</span>
                </>
              ),
            },
            { header: 'Lot', cell: (e) => `${e.lotNumber}. ${e.lotName}` },
            { header: 'Admitted', cell: (e) => <span className="concord-nowrap">{formatDate(e.admittedOn)}</span> },
            { header: 'Status', cell: (e) => <Tag colour={LIST_STATUS_COLOURS[e.status] ?? 'grey'}>{label(LIST_STATUS_LABELS, e.status)}</Tag> },
          ]}
        />
      )}
    </>
  );
}
