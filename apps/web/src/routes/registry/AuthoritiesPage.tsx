import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { kindLabel, RegistryGate } from './shared.tsx';

type Entry = RouterOutputs['registry']['list']['items'][number];
const STATUSES = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
];

/**
 * Manage authorities: the registry of councils (by GSS code) and NHS bodies (by ODS code) that can use
 * Concord, searched and paged; register one, import from the ONS file, rename or mark inactive.
 */
export function AuthoritiesPage() {
  return (
    <RegistryGate>
      <Registry />
    </RegistryGate>
  );
}

function Registry() {
  usePageTitle('Manage authorities');
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const status = (['active', 'inactive'].includes(params.get('status') ?? '') ? params.get('status') : 'all') as 'all' | 'active' | 'inactive';
  const asked = Number(params.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  const [typed, setTyped] = useState(search);
  const [statusChoice, setStatusChoice] = useState<string>(status);
  const list = useQuery(trpc.registry.list.queryOptions({ search: search || undefined, status, page }));

  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (typed.trim()) next.set('search', typed.trim());
    if (statusChoice !== 'all') next.set('status', statusChoice);
    setParams(next);
  };

  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Manage authorities</h1>
      <p className="govuk-body">
        The councils with adult social care responsibility and the NHS bodies that can use Concord. An authority is never deleted: one that stops using Concord is marked inactive and keeps its
        records.
      </p>
      <div className="govuk-button-group">
        <Link to="/authorities/register-council" className="govuk-button" data-module="govuk-button">
          Register a council
        </Link>
        <Link to="/authorities/register-nhs-body" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Register an NHS body
        </Link>
        <Link to="/authorities/import" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Import from the ONS file
        </Link>
      </div>
      <form noValidate onSubmit={find} role="search" aria-label="Authorities" data-testid="registry-search">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput id="search" name="search" label="Name or code" hint="For example Salford or E08000006" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select id="status" name="status" label="Status" options={STATUSES} value={statusChoice} onChange={setStatusChoice} />
          </div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ProblemPage error={list.error} />
      ) : (
        <>
          <p className="govuk-body" data-testid="registry-count">
            {list.data.total === 0 ? 'No authority matches.' : `${formatNumber(list.data.total)} ${list.data.total === 1 ? 'authority' : 'authorities'}`}
          </p>
          {list.data.items.length > 0 && (
            <Table<Entry>
              caption="Authorities"
              captionHidden
              rows={list.data.items}
              rowKey={(a) => a.id}
              rowTestId="registry-row"
              columns={[
                { header: 'Name', rowHeader: true, cell: (a) => a.name },
                { header: 'Code', cell: (a) => a.id },
                { header: 'Kind', cell: (a) => kindLabel(a.kind, a.nhsBodyKind) },
                { header: 'Region', cell: (a) => a.region },
                { header: 'Status', cell: (a) => (a.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Inactive</Tag>) },
                {
                  header: <span className="govuk-visually-hidden">Action</span>,
                  cell: (a) => (
                    <Link className="govuk-link" to={`/authorities/${encodeURIComponent(a.id)}/change`}>
                      Change<span className="govuk-visually-hidden"> {a.name}</span>
                    </Link>
                  ),
                },
              ]}
            />
          )}
          <Pagination page={list.data.page} pageCount={Math.max(1, Math.ceil(list.data.total / list.data.pageSize))} />
        </>
      )}
    </>
  );
}
