import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { useMyRoles } from '../procurement/shared.tsx';
import { ProviderTags, RatingTag } from './ProviderTags.tsx';

type Provider = RouterOutputs['provider']['list']['providers'][number];

/** Who may add to the register (as the API rules). */
export const REGISTER_ROLES = ['commissioner', 'contract_officer'];

const PER_PAGE = 25;

/** The shared providers register: every authority reads it. */
export function ProvidersPage() {
  usePageTitle('Providers register');
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const [typed, setTyped] = useState(search);
  const roles = useMyRoles();
  const { page, limit, offset, pageCount: pagesFor } = useServerPage(PER_PAGE);
  const providers = useQuery({ ...trpc.provider.list.queryOptions({ ...(search ? { search } : {}), limit, offset }), placeholderData: keepPreviousData });
  if (providers.isPending) return <Loading />;
  if (providers.isError) return <ProblemPage error={providers.error} />;
  const { total, providers: pageRows } = providers.data;
  const pageCount = pagesFor(total);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(typed.trim() ? { search: typed.trim() } : {});
  };
  return (
    <>
      <h1 className="govuk-heading-l">Providers register</h1>
      <p className="govuk-body">
        Care providers known to Concord, shared by every authority: legal name, Companies House number, CQC registration and the ratings of
        their locations. Open a provider to see its locations and the approved lists it is on.
      </p>
      {roles.some((r) => REGISTER_ROLES.includes(r)) && (
        <Link to="/providers/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Add a provider
        </Link>
      )}
      <form role="search" onSubmit={submit} className="concord-field-row" aria-label="Search the register">
        <TextInput
          id="search"
          name="search"
          label="Search by name, Companies House number or CQC ID"
          type="search"
          className="govuk-input--width-20"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </form>
      {total === 0 ? (
        <p className="govuk-body">{search ? `No provider matches “${search}”.` : 'The register is empty.'}</p>
      ) : (
        <>
          <Table
            caption={`${formatNumber(total)} providers${search ? ` matching “${search}”` : ''}${pageCount > 1 ? `, page ${page} of ${pageCount}` : ''}`}
            captionSize="s"
            rows={pageRows}
            rowKey={(p) => p.id}
            rowTestId="provider"
            small
            columns={[
              {
                header: 'Provider',
                rowHeader: true,
                width: 'govuk-!-width-one-third',
                cell: (p: Provider) => (
                  <Link className="govuk-link" to={`/providers/${p.id}`}>
                    {p.legalName}
                  </Link>
                ),
              },
              { header: 'Companies House', cell: (p: Provider) => p.companiesHouseNumber ?? 'Not given' },
              { header: 'CQC provider ID', cell: (p: Provider) => <span className="concord-nowrap">{p.cqcProviderId ?? 'Not registered'}</span> },
              { header: 'Type', cell: (p: Provider) => <ProviderTags provider={p} compact /> },
              {
                header: 'CQC locations and ratings',
                cell: (p: Provider) => (
                  <>
                    {formatNumber(p.locationCount)} {p.locationCount === 1 ? 'location' : 'locations'}
                    {p.ratings.map((r) => (
                      <div key={r.rating} className="govuk-!-margin-top-1">
                        {p.locationCount > 1 && `${r.locations} `}
                        <RatingTag rating={r.rating} />
                      </div>
                    ))}
                  </>
                ),
              },
            ]}
          />
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}
