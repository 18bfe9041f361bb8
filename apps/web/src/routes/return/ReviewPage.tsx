import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useBenchmarkParams, type BenchmarkParam } from '../benchmark/useBenchmarkParams.ts';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorMessage, trpc } from '../../trpc.ts';
import { usePartnershipsILead } from '../procurement/shared.tsx';
import { ReviewTable } from './ReviewTable.tsx';

/**
 * The lead commissioner's review of members' returns: each member's figure as published to the partnership
 * for one KPI and period, to accept or to query with a reason (the member sees the reason on its returns).
 */
export function ReviewPage() {
  usePageTitle('Review members’ returns');
  const { params, choose: set } = useBenchmarkParams();
  // The partnerships whose KPIs I may edit (their lead commissioner), and the chosen one's KPIs.
  const { partnerships: mine, isPending } = usePartnershipsILead();
  const partnership = mine.find((p) => p.id === params.get('partnership')) ?? mine[0];
  const lib = useQuery({ ...trpc.kpi.list.queryOptions({ partnershipId: partnership?.id ?? '', limit: 200 }), enabled: !!partnership });
  const kpis = lib.data?.partnerships[0]?.kpis ?? [];
  const kpiCode = params.get('kpi') ?? kpis[0]?.code ?? '';
  const period = params.get('period') ?? undefined;
  const queue = useQuery({ ...trpc.return.reviewQueue.queryOptions({ partnershipId: partnership?.id ?? '', kpiCode, period }), enabled: !!partnership && !!kpiCode, retry: false });
  if (isPending || (partnership && lib.isPending)) return <Loading />;
  if (lib.isError) return <ProblemPage error={lib.error} />;
  const choose = (key: BenchmarkParam) => (value: string) => set(key, value);
  return (
    <>
      <Link className="govuk-back-link" to="/returns">
        Back to my returns
      </Link>
      <h1 className="govuk-heading-l">Review members’ returns</h1>
      {!partnership ? (
        <p className="govuk-body">Only a partnership’s lead commissioner reviews members’ returns. You can see your own returns, and any query about them, on <Link className="govuk-link" to="/returns">My returns</Link>.</p>
      ) : (
        <>
          <p className="govuk-body">Each member’s figure as published to the partnership. Accept it, or query it with a reason: the member sees the reason on its returns and can correct and resubmit.</p>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select id="review-partnership" className="govuk-!-width-full" name="partnership" label="Partnership" options={mine.map((p) => ({ value: p.id, label: p.name }))} value={partnership.id} onChange={choose('partnership')} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select id="review-kpi" className="govuk-!-width-full" name="kpi" label="KPI" options={kpis.map((k) => ({ value: k.code, label: `${k.code} ${k.name}` }))} value={kpiCode} onChange={choose('kpi')} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select
                id="review-period"
                className="govuk-!-width-full"
                name="period"
                label="Period"
                options={(queue.data?.periods ?? []).map((p) => ({ value: p.start, label: p.label }))}
                value={queue.data?.period?.start ?? ''}
                onChange={choose('period')}
              />
            </div>
          </div>
          {queue.isError ? (
            <div className="govuk-inset-text" role="status">
              {errorMessage(queue.error)}
            </div>
          ) : null}
          {queue.isPending && kpiCode ? <Loading /> : null}
          {queue.data && !queue.data.period ? <p className="govuk-body">No member has returned {queue.data.kpi.code} yet.</p> : null}
          {queue.data?.period ? <ReviewTable partnershipId={partnership.id} queue={queue.data} /> : null}
          {queue.data?.period ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/benchmark?partnership=${partnership.id}&kpi=${queue.data.kpi.code}&period=${queue.data.period.start}`}>
                Benchmark for {queue.data.kpi.code}, {queue.data.period.label}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

/** On My returns, the way to the review for a lead commissioner (nothing for anyone else). */
export function ReviewLink() {
  const { partnerships } = usePartnershipsILead();
  if (partnerships.length === 0) return null;
  return (
    <p className="govuk-body">
      As lead commissioner of {partnerships.map((p) => p.name).join(' and ')}:{' '}
      <Link className="govuk-link" to="/returns/review">
        review members’ returns
      </Link>
    </p>
  );
}
