import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Pagination, useServerPage } from '../../../components/Pagination.tsx';
import { RecordStatus } from '../../../components/RecordGate.tsx';
import { Table } from '../../../components/Table.tsx';
import { Tag } from '../../../components/Tag.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { formatDate } from '../../../format.ts';
import { trpc, type RouterOutputs } from '../../../trpc.ts';
import { DATE_STATUS_COLOURS, serviceTypeLabel } from '../../contract/shared.tsx';
import { isNotVerified, NotVerifiedYet, useMaySendReturns } from './shared.tsx';

export type ProviderContract = RouterOutputs['providerContract']['get'];
const PER_PAGE = 25;

/** Your contracts (issue 11, item 5): a provider organisation's contracts with every authority, latest end first, paged. */
export function ProviderContractsPage() {
  usePageTitle('Your contracts');
  const { page, limit, offset, pageCount } = useServerPage(PER_PAGE);
  const contracts = useQuery({ ...trpc.providerContract.list.queryOptions({ limit, offset }), placeholderData: keepPreviousData });
  const sender = useMaySendReturns();
  if (isNotVerified(contracts.error)) return <NotVerifiedYet title="Your contracts" />;
  if (!contracts.isSuccess) return <RecordStatus query={contracts} />;
  const { items, total } = contracts.data;
  return (
    <>
      <h1 className="govuk-heading-l">Your contracts</h1>
      <p className="govuk-body">The contracts councils hold with your organisation, and the call-offs awarded to you. Open one to see it and send its monitoring returns.</p>
      {sender.may && items.length > 0 && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/organisation/contracts/upload" data-testid="upload-returns-link">
            Upload returns (CSV or Excel)
          </Link>
        </p>
      )}
      {items.length === 0 ? (
        <p className="govuk-body" data-testid="no-contracts">
          You have no contracts yet. When a council awards you a contract or a call-off, it is listed here.
        </p>
      ) : (
        <Table
          caption="Your contracts"
          captionHidden
          small
          rows={items}
          rowKey={(c) => c.id}
          rowTestId="provider-contract"
          columns={[
            {
              header: 'Contract',
              rowHeader: true,
              cell: (c: ProviderContract) => (
                <Link className="govuk-link" to={`/organisation/contracts/${c.id}`}>
                  {c.reference}
                  <span className="govuk-visually-hidden">: {c.title}</span>
                </Link>
              ),
            },
            { header: 'Council', cell: (c: ProviderContract) => c.authority.name },
            { header: 'Service', cell: (c: ProviderContract) => serviceTypeLabel(c.serviceType) },
            { header: 'Dates', cell: (c: ProviderContract) => `${formatDate(c.startDate)} to ${formatDate(c.endDate)}` },
            { header: 'Status', cell: (c: ProviderContract) => <Tag colour={DATE_STATUS_COLOURS[c.dateStatus] ?? 'grey'}>{c.statusText}</Tag> },
          ]}
        />
      )}
      <Pagination page={page} pageCount={pageCount(total)} />
    </>
  );
}
