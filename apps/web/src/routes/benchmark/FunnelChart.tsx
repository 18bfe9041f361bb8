import { formatKpiAxis, formatKpiValue } from '@concord/domain';
import { CartesianGrid, ComposedChart, LabelList, Line, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import { FiguresBehind } from '../../components/charts/FiguresBehind.tsx';
import { useNarrow } from '../../components/useMediaQuery.ts';
import type { RouterOutputs } from '../../trpc.ts';

type Benchmark = RouterOutputs['benchmark']['get'];
type Unit = Benchmark['headlineUnit'];
const BLUE = '#1d70b8';
const ORANGE = '#d4351c';

/** "Plymouth City Council" → "Plymouth": a point's label on the chart (the table gives the full name). */
const shortName = (label: string) => label.replace(/\s+(City|County|Borough|Metropolitan Borough)?\s*Council$/i, '');

const POSITION: Record<'above' | 'below' | 'within', string> = { above: 'Above', below: 'Below', within: 'Within' };

/** A funnel plot: each named member's point, labelled, against the partnership figure's 95% and 99.8% limits. */
export function FunnelChart({ f, unit, unitLabel, leftOut }: { f: NonNullable<Benchmark['funnel']>; unit: Unit; unitLabel: string; leftOut: string[] }) {
  const narrow = useNarrow();
  // A proportion funnel plots percentages whatever the KPI's unit.
  const shown: Unit = f.measure === 'proportion' ? 'percent' : unit;
  const points = f.points.map((p) => ({ denominator: p.denominator, point: p.value, name: shortName(p.label), isMe: p.isMe }));
  const curve = f.curve.map((c) => ({ ...c }));
  const per = f.measure === 'proportion' ? 'Denominator' : 'Population';
  return (
    <section aria-labelledby="funnel-heading">
      <h3 className="govuk-heading-s govuk-!-margin-top-6" id="funnel-heading">
        Funnel plot: each authority against its {f.measure === 'proportion' ? 'denominator' : 'population'}
      </h3>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What a funnel plot shows</span>
        </summary>
        <div className="govuk-details__text">
          Each authority’s figure is plotted against its size. The funnel lines are the 95% (solid) and 99.8% (dashed) limits around the partnership figure: a smaller
          authority’s figure varies more by chance, so its limits are wider. A point outside the funnel differs from the partnership by more than chance would explain.
        </div>
      </details>
      <figure className="concord-chart" aria-label="Funnel plot; the figures behind it are in the table after it">
        <ResponsiveContainer width="100%" height={narrow ? 280 : 340}>
          <ComposedChart margin={{ left: narrow ? 0 : 20, right: narrow ? 20 : 60, top: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="denominator" type="number" domain={['dataMin', 'dataMax']} tickCount={narrow ? 3 : 5} tickFormatter={(v: number) => Math.round(v).toLocaleString('en-GB')} />
            <YAxis type="number" width={narrow ? 50 : 70} domain={['auto', 'auto']} tickFormatter={(v: number) => formatKpiAxis(v, shown)} />
            <ReferenceLine y={f.target} stroke="#00703c" label={{ value: 'partnership', position: 'insideTopRight' }} />
            <Line data={curve} dataKey="upper95" dot={false} stroke="#505a5f" isAnimationActive={false} />
            <Line data={curve} dataKey="lower95" dot={false} stroke="#505a5f" isAnimationActive={false} />
            <Line data={curve} dataKey="upper998" dot={false} stroke="#505a5f" strokeDasharray="4 3" isAnimationActive={false} />
            <Line data={curve} dataKey="lower998" dot={false} stroke="#505a5f" strokeDasharray="4 3" isAnimationActive={false} />
            <Scatter data={points} dataKey="point" isAnimationActive={false} shape={(p: { cx?: number; cy?: number; payload?: { isMe: boolean } }) => <circle cx={p.cx} cy={p.cy} r={5} fill={p.payload?.isMe ? ORANGE : BLUE} />}>
              <LabelList dataKey="name" position="right" fontSize={narrow ? 11 : 13} fill="#0b0c0c" />
            </Scatter>
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      {leftOut.length ? (
        <p className="govuk-body-s" data-testid="funnel-left-out">
          Not plotted: {leftOut.join(', ')}. An anonymised member is left out of the funnel plot and of its partnership figure, because its position would give its size.
        </p>
      ) : null}
      <FiguresBehind>
        <table className="govuk-table" data-testid="funnel-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Funnel plot points (partnership figure {formatKpiValue(f.target, shown)})</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th className="govuk-table__header" scope="col">Authority</th>
              <th className="govuk-table__header govuk-table__header--numeric" scope="col">{per}</th>
              <th className="govuk-table__header govuk-table__header--numeric" scope="col">{f.measure === 'proportion' ? '%' : unitLabel}</th>
              <th className="govuk-table__header" scope="col">Against the 95% limits</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {f.points.map((p) => (
              <tr className="govuk-table__row" key={p.label}>
                <th className="govuk-table__header" scope="row">
                  {p.label}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{Math.round(p.denominator).toLocaleString('en-GB')}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatKpiValue(p.value, shown)}</td>
                <td className="govuk-table__cell">{p.position === 'within' ? 'Within' : `${POSITION[p.position]}${p.outside998 ? ' (beyond the 99.8% limits too)' : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </FiguresBehind>
    </section>
  );
}
