import { CONTRACT_DATE_STATUSES, CONTRACT_DATE_STATUS_LABELS, CONTRACT_SOURCES, formatPence, SERVICE_TYPES, type ContractDateStatus, type ContractSource, type ServiceType } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractNoticeTag, useContractNoticeWarnings } from '../notice/ContractNoticeTag.tsx';
import { ContractsNavigation, ContractStatusTag, ContractWarnings, roleLabel, serviceTypeLabel, sourceLabel, WARNING_KIND_LABELS } from './shared.tsx';

type Contract = RouterOutputs['contract']['list']['contracts'][number];
type SortKey = 'end_date' | 'reference' | 'title' | 'provider' | 'annual_value' | 'start_date';

/** My authority's contract register: warnings first, then every contract, filtered and sorted. */
export function ContractsPage() {
  usePageTitle('Contract register');
  const [status, setStatus] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [source, setSource] = useState('');
  const [sort, setSort] = useState<SortKey>('end_date');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const list = useQuery({
    ...trpc.contract.list.queryOptions({
      ...(status && { shownStatus: [status as ContractDateStatus] }),
      ...(serviceType && { serviceType: serviceType as ServiceType }),
      ...(source && { source: source as ContractSource }),
      sort,
      direction,
    }),
    placeholderData: (previous) => previous,
  });
  const warnings = useQuery(trpc.contract.warnings.queryOptions());
  const noticeWarnings = useContractNoticeWarnings(list.data?.contracts.map((c) => c.id) ?? []);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;

  const sortBy = (key: SortKey) => {
    if (sort === key) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDirection('asc');
    }
  };
  // A sortable column: its header is a button, and the header cell carries aria-sort while the rows follow it.
  const header = (label: string, key: SortKey): { header: ReactNode; ariaSort?: 'ascending' | 'descending' } => ({
    ariaSort: sort === key ? (direction === 'asc' ? 'ascending' : 'descending') : undefined,
    header: (
      <button type="button" className="concord-sort-button govuk-link" onClick={() => sortBy(key)} data-testid={`sort-${key}`}>
        {label}
        {sort === key && <span aria-hidden="true">{direction === 'asc' ? ' ▲' : ' ▼'}</span>}
        <span className="govuk-visually-hidden">{sort === key ? `, sorted ${direction === 'asc' ? 'ascending' : 'descending'}` : ', sort by this column'}</span>
      </button>
    ),
  });
  const { contracts, totals, today } = list.data;

  return (
    <>
      <h1 className="govuk-heading-l">Contract register</h1>
      <ContractsNavigation />
      {warnings.data && <ContractWarnings warnings={warnings.data.warnings} />}
      <p className="govuk-body">
        Every contract your authority holds, as at {formatDate(today)}. Only your authority sees its register.{' '}
        <Link className="govuk-link" to="/contracts/continue">
          Continue several contracts to one end date
        </Link>
        .
      </p>
      <form className="concord-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter contracts">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select
              id="status"
              name="status"
              label="Status"
              placeholder="Any status"
              options={CONTRACT_DATE_STATUSES.map((s) => ({ value: s, label: CONTRACT_DATE_STATUS_LABELS[s] }))}
              value={status}
              onChange={setStatus}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="serviceType"
              name="serviceType"
              label="Service type"
              placeholder="Any service type"
              options={SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeLabel(s) }))}
              value={serviceType}
              onChange={setServiceType}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="source"
              name="source"
              label="Source"
              placeholder="Any source"
              options={CONTRACT_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))}
              value={source}
              onChange={setSource}
            />
          </div>
        </div>
      </form>
      <p className="govuk-body" data-testid="register-totals" aria-live="polite">
        {totals.count} {totals.count === 1 ? 'contract' : 'contracts'}, worth {formatPence(totals.annualValuePence)} a year ({formatPence(totals.totalValuePence)} in total).
      </p>
      {contracts.length === 0 ? (
        <p className="govuk-body" data-testid="no-contracts">
          No contracts match.
        </p>
      ) : (
        <Table
          caption="Contracts"
          captionHidden
          small
          rows={contracts}
          rowKey={(c) => c.id}
          rowTestId="contract"
          columns={[
            {
              ...header('Reference', 'reference'),
              rowHeader: true,
              cell: (c: Contract) => (
                <>
                  <Link className="govuk-link" to={`/contracts/${c.id}`} data-testid="contract-reference">
                    {c.reference}
                  </Link>
                  <span className="govuk-!-display-block govuk-!-font-weight-regular">{c.title}</span>
                </>
              ),
            },
            { ...header('Provider', 'provider'), cell: (c: Contract) => c.provider.name },
            {
              header: 'Service and source',
              cell: (c: Contract) => (
                <>
                  {serviceTypeLabel(c.serviceType)}
                  <span className="govuk-!-display-block concord-secondary-text">{sourceLabel(c.source)}</span>
                </>
              ),
            },
            { ...header('Start', 'start_date'), cell: (c: Contract) => <span className="concord-nowrap">{formatDate(c.startDate)}</span> },
            {
              ...header('End', 'end_date'),
              cell: (c: Contract) => (
                <>
                  <span className="concord-nowrap">{formatDate(c.endDate)}</span>
                  {c.latestPossibleEnd !== c.endDate && <span className="govuk-!-display-block concord-secondary-text">latest {formatDate(c.latestPossibleEnd)}</span>}
                </>
              ),
            },
            { ...header('Annual value', 'annual_value'), numeric: true, cell: (c: Contract) => formatPence(c.annualValuePence) },
            {
              header: 'Status',
              cell: (c: Contract) => (
                <>
                  <ContractStatusTag contract={c} />
                  {c.providerRole && <span className="govuk-!-display-block govuk-!-margin-top-1 concord-secondary-text">{roleLabel(c.providerRole)}</span>}
                  {c.warnings.length > 0 && (
                    <span className="govuk-!-display-block govuk-!-margin-top-1 govuk-body-s govuk-!-margin-bottom-0" data-testid="contract-row-warnings">
                      <strong className="govuk-tag govuk-tag--red">{c.warnings.length === 1 ? '1 warning' : `${c.warnings.length} warnings`}</strong>
                      <span className="govuk-visually-hidden">: {c.warnings.map((w) => WARNING_KIND_LABELS[w] ?? w).join('; ')}</span>
                    </span>
                  )}
                  <ContractNoticeTag warning={noticeWarnings.get(c.id)} />
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
