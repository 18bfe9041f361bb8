import { formatKpiAxis, formatKpiValue, specialCauseLabel, spcAssuranceReading, spcVariationReading, type KpiDirection } from '@concord/domain';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { FiguresBehind } from '../../components/charts/FiguresBehind.tsx';
import { useNarrow } from '../../components/useMediaQuery.ts';
import { AssuranceIcon, VariationIcon } from '../../components/charts/SpcIcons.tsx';
import type { RouterOutputs } from '../../trpc.ts';

type Benchmark = RouterOutputs['benchmark']['get'];
type Unit = Benchmark['headlineUnit'];
const BLUE = '#1d70b8';
const ORANGE = '#f47738';

/** An XmR chart in NHS "Making Data Count" style: variation and assurance icons with their words, and the figures behind it. */
export function SpcChart({ s, unit, unitLabel, direction, target }: { s: Benchmark['spc'][number]; unit: Unit; unitLabel: string; direction: KpiDirection; target: number | null }) {
  const narrow = useNarrow();
  const last = s.points[s.points.length - 1]!;
  const variation = spcVariationReading(last, s.mean, direction);
  const assurance = spcAssuranceReading(s, target, direction);
  const data = s.points.map((p) => ({ label: p.label, value: p.value, flagged: p.flags.length > 0 }));
  return (
    <section aria-labelledby="spc-heading">
      <h3 className="govuk-heading-s govuk-!-margin-top-6" id="spc-heading">
        SPC chart (XmR) for {s.label}
      </h3>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What an SPC chart shows</span>
        </summary>
        <div className="govuk-details__text">
          A statistical process control (SPC) chart, here an XmR chart, plots each period’s figure against its mean and process limits (the mean ± 2.66 times the average
          change from one period to the next). Figures inside the limits vary by chance (common cause); a figure outside them, a run of 6 on one side of the mean, 6 rising or
          falling in a row, or 2 of 3 close to a limit is a special cause worth looking into. The icons follow NHS England’s “Making Data Count”.
        </div>
      </details>
      <ul className="govuk-list concord-spc-readings" data-testid="spc-readings">
        <li>
          <VariationIcon icon={variation.icon} />
          <span>
            <strong>{variation.label}</strong>
            <br />
            <span className="govuk-body-s">{variation.explanation}</span>
          </span>
        </li>
        {assurance ? (
          <li>
            <AssuranceIcon icon={assurance.icon} />
            <span>
              <strong>{assurance.label}</strong>
              <br />
              <span className="govuk-body-s">
                {assurance.explanation} Target {formatKpiValue(target!, unit)}.
              </span>
            </span>
          </li>
        ) : null}
      </ul>
      <p className="govuk-body">
        Mean {formatKpiValue(s.mean, unit)}, process limits {formatKpiValue(s.lowerProcessLimit, unit)} to {formatKpiValue(s.upperProcessLimit, unit)}
        {s.fewPoints ? ' (fewer than 15 points: the limits are indicative)' : ''}.
      </p>
      <figure className="concord-chart" aria-label="SPC chart; the figures behind it are in the table after it">
        <ResponsiveContainer width="100%" height={narrow ? 220 : 260}>
          <LineChart data={data} margin={{ left: narrow ? 0 : 20, right: narrow ? 10 : 40, top: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={narrow ? 20 : 5} />
            <YAxis domain={['auto', 'auto']} width={narrow ? 60 : 80} tickFormatter={(v: number) => formatKpiAxis(v, unit)} />
            <ReferenceLine y={s.mean} stroke="#00703c" label={{ value: 'mean', position: 'insideTopRight' }} />
            <ReferenceLine y={s.upperProcessLimit} stroke="#505a5f" strokeDasharray="4 3" />
            <ReferenceLine y={s.lowerProcessLimit} stroke="#505a5f" strokeDasharray="4 3" />
            {target !== null && direction !== 'neither' ? <ReferenceLine y={target} stroke="#d4351c" strokeDasharray="8 3" label={{ value: 'target', position: 'insideBottomRight' }} /> : null}
            <Line
              dataKey="value"
              stroke={BLUE}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => (
                <circle key={props.index} cx={props.cx} cy={props.cy} r={data[props.index ?? 0]?.flagged ? 5 : 3} fill={data[props.index ?? 0]?.flagged ? ORANGE : BLUE} />
              )}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <FiguresBehind>
        <table className="govuk-table" data-testid="spc-table">
          <caption className="govuk-table__caption govuk-table__caption--s">SPC points ({unitLabel})</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th className="govuk-table__header" scope="col">Period</th>
              <th className="govuk-table__header govuk-table__header--numeric" scope="col">Value</th>
              <th className="govuk-table__header" scope="col">Special cause</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {s.points.map((p) => (
              <tr className="govuk-table__row" key={p.periodStart}>
                <td className="govuk-table__cell">{p.label}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatKpiValue(p.value, unit)}</td>
                <td className="govuk-table__cell">{p.flags.map(specialCauseLabel).join('; ') || 'None'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </FiguresBehind>
    </section>
  );
}
