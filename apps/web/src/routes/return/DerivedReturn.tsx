import { formatPence } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Entry = RouterOutputs['return']['list']['entries'][number];

/** A figure in its KPI's unit: pence as money, percentages to one decimal place. */
function formatFigure(value: number, unit: string): string {
  if (unit === 'pence') return formatPence(value);
  const shown = value.toLocaleString('en-GB', { maximumFractionDigits: unit === 'count' ? 0 : 1 });
  return unit === 'percent' ? `${shown}%` : shown;
}

/** For a period that has ended of a KPI worked out from our records: the "Calculate from our records" action. */
export function CalculateButton({ entry, onChoose }: { entry: Entry; onChoose: (entry: Entry) => void }) {
  if (!entry.derivation || entry.status === 'upcoming') return null;
  return (
    <button type="button" className="concord-link-button" onClick={() => onChoose(entry)}>
      Calculate<span className="govuk-visually-hidden"> from our records</span>
      <span className="govuk-visually-hidden">
        {' '}
        {entry.kpiCode} {entry.periodLabel}
      </span>
    </button>
  );
}

/** The derived figure and how it was worked out; the user submits it as the return for the period, or cancels. */
export function DerivedReturnPanel({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const input = { partnershipId: entry.partnershipId, kpiCode: entry.kpiCode, period: entry.periodStart };
  const derived = useQuery(trpc.return.derive.queryOptions(input, { staleTime: 0 }));
  const submit = useMutation(
    trpc.return.submitDerived.mutationOptions({
      onSuccess: async () => {
        await refreshAfterChange(trpc.return.pathKey(), trpc.benchmark.pathKey());
        onDone();
      },
    }),
  );
  const d = derived.data;
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="derived-return-heading" data-testid="derived-return">
      <h2 className="govuk-heading-m" id="derived-return-heading">
        {entry.kpiCode} {entry.kpiName}: {entry.periodLabel}, calculated from our records
      </h2>
      {derived.isError ? <ErrorSummary errors={[{ text: errorMessage(derived.error) }]} /> : null}
      {submit.isError ? <ErrorSummary errors={[{ text: errorMessage(submit.error) }]} /> : null}
      {derived.isPending ? <p className="govuk-body">Calculating…</p> : null}
      {d ? (
        <>
          <SummaryList
            rows={[
              { key: 'Figure', value: d.value === null ? 'No figure' : formatFigure(d.value, d.unit) },
              ...(d.unit === 'percent' && d.value !== null ? [{ key: 'Numerator and denominator', value: `${formatFigure(d.numerator!, 'hours')} of ${formatFigure(d.denominator!, 'hours')}` }] : []),
              { key: 'Rule', value: d.ruleLabel },
              { key: 'Period', value: `${d.period.label} (${d.period.start} to ${d.period.end})` },
            ]}
          />
          <h3 className="govuk-heading-s">How it was worked out</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="derived-working">
            {d.working.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {d.value === null ? <div className="govuk-inset-text">There is nothing to submit: {d.reason}</div> : null}
        </>
      ) : null}
      <div className="govuk-button-group">
        {d && d.value !== null ? (
          <button type="button" className="govuk-button" disabled={submit.isPending} onClick={() => submit.mutate({ ...input, version: entry.rowVersion })}>
            Submit this figure
          </button>
        ) : null}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  );
}
