import { formatPence } from '@concord/domain';

export interface ChartBar {
  label: string;
  ratePence: number;
  mine: boolean;
}

const WIDTH = 720;
const RIGHT = 90;
const ROW = 34;
const TOP = 40;

/**
 * Each member's rate as a horizontal bar, with the model rate (dashed) and the partnership median (dotted) as
 * reference lines. An image with a text description: the table beside it gives the same figures. Values are
 * printed on the bars and the lines are told apart by pattern, not only colour, so it reads in black and white.
 */
export function RateChart({ bars, modelPence, medianPence, title }: { bars: ChartBar[]; modelPence: number | null; medianPence: number; title: string }) {
  // Room for the longest name (about 8.5 units a character at this size), within reason.
  const LEFT = Math.min(330, Math.max(120, Math.max(...bars.map((b) => b.label.length + (b.mine ? 6 : 0))) * 8.5 + 16));
  const max = Math.max(...bars.map((b) => b.ratePence), modelPence ?? 0, medianPence) * 1.08;
  const x = (pence: number) => LEFT + (pence / max) * (WIDTH - LEFT - RIGHT);
  const height = TOP + bars.length * ROW + 16;
  const description = `${title}. ${bars.map((b) => `${b.label} ${formatPence(b.ratePence)}`).join(', ')}. Median ${formatPence(medianPence)}${modelPence !== null ? `, model rate ${formatPence(modelPence)}` : ''}. The table gives the same figures.`;
  const reference = (pence: number, text: string, dash: string, row: number) => (
    <g>
      <line x1={x(pence)} x2={x(pence)} y1={TOP - 6} y2={height - 10} stroke="#0b0c0c" strokeWidth={2} strokeDasharray={dash} />
      <text x={x(pence)} y={12 + row * 14} textAnchor="middle" fontSize={13} fill="#0b0c0c">
        {text} {formatPence(pence)}
      </text>
    </g>
  );
  return (
    <figure className="concord-rate-chart" data-testid="rate-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={description} xmlns="http://www.w3.org/2000/svg">
        <line x1={LEFT} x2={LEFT} y1={TOP - 6} y2={height - 10} stroke="#505a5f" strokeWidth={1} />
        {bars.map((b, i) => {
          const y = TOP + i * ROW;
          return (
            <g key={b.label}>
              <text x={LEFT - 8} y={y + ROW / 2 + 1} textAnchor="end" dominantBaseline="middle" fontSize={15} fontWeight={b.mine ? 700 : 400} fill="#0b0c0c">
                {b.label}
                {b.mine ? ' (you)' : ''}
              </text>
              <rect
                className={b.mine ? 'concord-rate-chart__bar--mine' : undefined}
                x={LEFT}
                y={y + 5}
                width={Math.max(1, x(b.ratePence) - LEFT)}
                height={ROW - 10}
                fill={b.mine ? '#1d70b8' : '#b1b4b6'}
                stroke="#0b0c0c"
                strokeWidth={b.mine ? 0 : 0.5}
              />
            </g>
          );
        })}
        {reference(medianPence, 'Median', '2 3', modelPence !== null && Math.abs(x(modelPence) - x(medianPence)) < 150 ? 1 : 0)}
        {modelPence !== null && reference(modelPence, 'Model', '8 4', 0)}
        {bars.map((b, i) => (
          <text key={b.label} x={x(b.ratePence) + 6} y={TOP + i * ROW + ROW / 2 + 1} dominantBaseline="middle" fontSize={14} fill="#0b0c0c" stroke="#fff" strokeWidth={4} paintOrder="stroke">
            {formatPence(b.ratePence)}
          </text>
        ))}
      </svg>
      <figcaption className="govuk-body-s govuk-!-margin-top-1">
        Dotted line: the partnership median. {modelPence !== null ? 'Dashed line: the model rate. ' : ''}The table gives the same figures.
      </figcaption>
    </figure>
  );
}
