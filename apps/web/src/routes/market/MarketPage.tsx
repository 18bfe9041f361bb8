import { formatPence, FUNDING_ROUTE_LABELS, PROVIDER_ROLE_LABELS, SERVICE_TYPES, type FundingRoute, type ProviderRole } from '@concord/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { useNarrow } from '../../components/useMediaQuery.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { ContractsNavigation, serviceTypeLabel } from '../contract/shared.tsx';

type View = RouterOutputs['market']['view'];
type ByProvider = View['byProvider'][number];
type Share = View['byRole'][number] | View['byArea'][number] | View['byFundingRoute'][number];
type Overview = RouterOutputs['market']['overview']['serviceTypes'][number];

const hours = (h: number) => formatNumber(Math.round(h * 10) / 10);

/** My authority's market per service type, from the placements running today: providers, people, hours, value and shares. */
export function MarketPage() {
  usePageTitle('Market view');
  const overview = useQuery(trpc.market.overview.queryOptions({}));
  const [chosen, setChosen] = useState('');
  const serviceType = chosen || overview.data?.serviceTypes[0]?.serviceType || '';
  const view = useQuery({ ...trpc.market.view.queryOptions({ serviceType: (serviceType || 'extra_care') as never }), enabled: !!serviceType });
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ProblemPage error={overview.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Market view</h1>
      <ContractsNavigation />
      <p className="govuk-body">Worked out from your placements running on {formatDate(overview.data.asOf)}: nothing here is typed in as a total.</p>
      {overview.data.serviceTypes.length === 0 ? (
        <p className="govuk-body" data-testid="no-market">
          You have no placements running today.
        </p>
      ) : (
        <>
          <Table
            caption="Every service type"
            captionSize="m"
            rows={overview.data.serviceTypes}
            rowKey={(s) => s.serviceType}
            rowTestId="market-service-type"
            columns={[
              { header: 'Service type', rowHeader: true, cell: (s: Overview) => serviceTypeLabel(s.serviceType) },
              { header: 'Providers', numeric: true, cell: (s: Overview) => formatNumber(s.providers) },
              { header: 'People', numeric: true, cell: (s: Overview) => formatNumber(s.people) },
              { header: 'Hours a week', numeric: true, cell: (s: Overview) => hours(s.hours) },
              { header: 'Weekly value', numeric: true, cell: (s: Overview) => formatPence(s.weeklyPence) },
              { header: 'Annual value', numeric: true, cell: (s: Overview) => s.annualValue },
            ]}
          />
          <Select
            id="serviceType"
            name="serviceType"
            label="Service type to look at"
            options={SERVICE_TYPES.filter((s) => overview.data.serviceTypes.some((o) => o.serviceType === s)).map((s) => ({ value: s, label: serviceTypeLabel(s) }))}
            value={serviceType}
            onChange={setChosen}
          />
          {view.isPending ? <Loading /> : view.isError ? <ProblemPage error={view.error} /> : <ServiceMarket view={view.data} />}
        </>
      )}
    </>
  );
}

function ServiceMarket({ view }: { view: View }) {
  const narrow = useNarrow();
  const name = serviceTypeLabel(view.serviceType);
  const chart = view.byProvider.map((p) => ({ name: p.providerName, share: p.valueSharePercent }));
  const shareColumns = (label: string, cell: (s: Share) => string) => [
    { header: label, rowHeader: true, cell },
    { header: 'Providers', numeric: true, cell: (s: Share) => formatNumber(s.providers) },
    { header: 'People', numeric: true, cell: (s: Share) => formatNumber(s.people) },
    { header: 'Hours a week', numeric: true, cell: (s: Share) => hours(s.hours) },
    { header: 'Weekly value', numeric: true, cell: (s: Share) => formatPence(s.weeklyPence) },
    { header: 'Share of value', numeric: true, cell: (s: Share) => `${s.valueSharePercent}%` },
  ];
  return (
    <section aria-labelledby="service-market" data-testid="service-market">
      <h2 className="govuk-heading-m" id="service-market">
        {name}
      </h2>
      <dl className="concord-figures govuk-body" data-testid="market-totals">
        <div>
          <dt className="govuk-!-font-weight-bold">Providers</dt>
          <dd>{formatNumber(view.totals.providers)}</dd>
        </div>
        <div>
          <dt className="govuk-!-font-weight-bold">People</dt>
          <dd>{formatNumber(view.totals.people)}</dd>
        </div>
        <div>
          <dt className="govuk-!-font-weight-bold">Hours a week</dt>
          <dd>{hours(view.totals.hours)}</dd>
        </div>
        <div>
          <dt className="govuk-!-font-weight-bold">Weekly value</dt>
          <dd>{formatPence(view.totals.weeklyPence)}</dd>
        </div>
        <div>
          <dt className="govuk-!-font-weight-bold">Annual value</dt>
          <dd>{view.annualValue}</dd>
        </div>
        <div>
          <dt className="govuk-!-font-weight-bold">In area / out of area</dt>
          <dd>
            {formatNumber(view.totals.inArea)} / {formatNumber(view.totals.outOfArea)}
          </dd>
        </div>
      </dl>

      <h3 className="govuk-heading-s">Market share by provider</h3>
      <figure className="govuk-!-margin-0" aria-describedby="market-share-table">
        <div style={{ width: '100%', height: Math.max(160, chart.length * 40 + 60) }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chart} layout="vertical" margin={{ left: 24, right: 24, top: 8, bottom: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" />
              <YAxis type="category" dataKey="name" width={narrow ? 110 : 220} />
              <Tooltip formatter={(value) => `${String(value)}%`} />
              <Bar dataKey="share" name="Share of weekly value" fill="#1d70b8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="govuk-body-s">The chart shows each provider’s share of the weekly value; the table below gives the same figures.</figcaption>
      </figure>
      <div id="market-share-table">
        <Table
          caption={`${name}: market share by provider`}
          captionSize="s"
          small
          rows={view.byProvider}
          rowKey={(p) => p.providerId}
          rowTestId="market-provider"
          columns={[
            { header: 'Provider', rowHeader: true, cell: (p: ByProvider) => p.providerName },
            { header: 'Role', cell: (p: ByProvider) => (p.roles.length ? p.roles.map((r) => PROVIDER_ROLE_LABELS[r as ProviderRole] ?? r).join(', ') : '–') },
            { header: 'People', numeric: true, cell: (p: ByProvider) => formatNumber(p.people) },
            { header: 'Hours a week', numeric: true, cell: (p: ByProvider) => hours(p.hours) },
            { header: 'Weekly value', numeric: true, cell: (p: ByProvider) => formatPence(p.weeklyPence) },
            { header: 'Share of people', numeric: true, cell: (p: ByProvider) => `${p.peopleSharePercent}%` },
            { header: 'Share of hours', numeric: true, cell: (p: ByProvider) => `${p.hoursSharePercent}%` },
            { header: 'Share of value', numeric: true, cell: (p: ByProvider) => `${p.valueSharePercent}%` },
          ]}
        />
      </div>
      <Table
        caption={`${name}: by lead or supplementary role`}
        captionSize="s"
        small
        rows={view.byRole as Share[]}
        rowKey={(s) => ('role' in s ? s.role : '')}
        rowTestId="market-role"
        columns={shareColumns('Role', (s) => ('role' in s ? (s.role === 'none' ? 'No role (spot or other)' : (PROVIDER_ROLE_LABELS[s.role as ProviderRole] ?? s.role)) : ''))}
      />
      <Table
        caption={`${name}: in and out of area`}
        captionSize="s"
        small
        rows={view.byArea as Share[]}
        rowKey={(s) => ('area' in s ? s.area : '')}
        rowTestId="market-area"
        columns={shareColumns('Where', (s) => ('area' in s ? (s.area === 'in_area' ? 'In area' : 'Out of area') : ''))}
      />
      <Table
        caption={`${name}: by funding route`}
        captionSize="s"
        small
        rows={view.byFundingRoute as Share[]}
        rowKey={(s) => ('fundingRoute' in s ? s.fundingRoute : '')}
        rowTestId="market-funding"
        columns={shareColumns('Funding route', (s) => ('fundingRoute' in s ? (FUNDING_ROUTE_LABELS[s.fundingRoute as FundingRoute] ?? s.fundingRoute) : ''))}
      />
    </section>
  );
}
