import type { SpcAssuranceReading, SpcVariationReading } from '@concord/domain';

/**
 * NHS "Making Data Count" icons: variation (grey common cause; blue improvement, orange concern, purple where the
 * KPI has no better direction; H or L for the side) and assurance (blue P passes, orange F fails, grey ? both).
 * Decorative: the words always stand beside them.
 */
const GREY = '#7b7d7d';
const BLUE = '#289de0';
const ORANGE = '#fab428';
const PURPLE = '#361475';

function Circle({ colour, children }: { colour: string; children: React.ReactNode }) {
  return (
    <svg className="concord-spc-icon" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="17" fill="#fff" stroke={colour} strokeWidth="3" />
      {children}
    </svg>
  );
}

export function VariationIcon({ icon }: { icon: SpcVariationReading['icon'] }) {
  const [kind, side] = icon === 'common_cause' ? ['common', null] : (icon.split('_') as [string, 'high' | 'low']);
  const colour = kind === 'common' ? GREY : kind === 'improvement' ? BLUE : kind === 'concern' ? ORANGE : PURPLE;
  // Seven points: level for common cause, the last ones raised (H) or lowered (L) for a special cause.
  const ys = side === 'high' ? [24, 24, 24, 24, 19, 17, 15] : side === 'low' ? [18, 18, 18, 18, 23, 25, 27] : [22, 20, 23, 21, 22, 20, 22];
  return (
    <Circle colour={colour}>
      <polyline points={ys.map((y, i) => `${9 + i * 3.7},${y}`).join(' ')} fill="none" stroke={GREY} strokeWidth="1.5" />
      {ys.map((y, i) => (
        <circle key={i} cx={9 + i * 3.7} cy={y} r="1.8" fill={side && i >= 4 ? colour : GREY} />
      ))}
      {side ? (
        <text x="20" y={side === 'high' ? 13 : 35} textAnchor="middle" fontSize="9" fontWeight="700" fill={colour}>
          {side === 'high' ? 'H' : 'L'}
        </text>
      ) : null}
    </Circle>
  );
}

export function AssuranceIcon({ icon }: { icon: SpcAssuranceReading['icon'] }) {
  const colour = icon === 'pass' ? BLUE : icon === 'fail' ? ORANGE : GREY;
  return (
    <Circle colour={colour}>
      <text x="20" y="26" textAnchor="middle" fontSize="17" fontWeight="700" fill={colour}>
        {icon === 'pass' ? 'P' : icon === 'fail' ? 'F' : '?'}
      </text>
    </Circle>
  );
}
