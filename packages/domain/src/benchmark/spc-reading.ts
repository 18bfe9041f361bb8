import type { KpiDirection } from './kpi-direction.ts';
import type { SpecialCauseFlag, SpecialCauseRule, SpecialCauseSide } from './spc.ts';

/**
 * How NHS England's "Making Data Count" reads an XmR chart, in its icons and plain words:
 *
 * Variation (the latest point):
 *   - no special-cause flag → common cause variation (grey icon);
 *   - flagged, on the KPI's better side → "Special cause — improvement" (blue, H or L for the side);
 *   - flagged, on the worse side → "Special cause — concern" (orange);
 *   - flagged, where the KPI has no better direction → "Special cause — unusually high/low" (purple).
 *   Flags on both sides: the side of the mean the point lies on decides; on the mean exactly, the strongest
 *   rule's side (outside the limits, then 2 of 3 near a limit, then a run, then a trend). So there is always a
 *   side, and never a reading of "special cause neither".
 * Assurance (the process limits against the target), only with a target and a better direction:
 *   - both limits on the target's passing side → "Consistently passes the target" (blue P);
 *   - both on its failing side → "Consistently fails the target" (orange F);
 *   - the target between them → "Inconsistent — passes and fails the target" (grey ?).
 *   A limit exactly on the target counts as passing (as RAG does: meeting the target passes).
 */
export type SpcVariationIcon = 'common_cause' | 'improvement_high' | 'improvement_low' | 'concern_high' | 'concern_low' | 'neither_high' | 'neither_low';
export type SpcAssuranceIcon = 'pass' | 'fail' | 'hit_or_miss';

export interface SpcVariationReading {
  icon: SpcVariationIcon;
  /** The reading in words: "Common cause variation", "Special cause — improvement" … */
  label: string;
  /** One sentence saying what it means. */
  explanation: string;
}

export interface SpcAssuranceReading {
  icon: SpcAssuranceIcon;
  label: string;
  explanation: string;
}

const RULE_STRENGTH: readonly SpecialCauseRule[] = ['outside_limits', 'two_of_three', 'shift', 'trend'];

/** The side a flagged point's special cause is on; null when it has no flag. */
export function specialCauseSide(point: { value: number; flags: readonly SpecialCauseFlag[] }, mean: number): SpecialCauseSide | null {
  if (point.flags.length === 0) return null;
  const sides = new Set(point.flags.map((f) => f.side));
  if (sides.size === 1) return point.flags[0]!.side;
  if (point.value > mean) return 'high';
  if (point.value < mean) return 'low';
  const strongest = [...point.flags].sort((a, b) => RULE_STRENGTH.indexOf(a.rule) - RULE_STRENGTH.indexOf(b.rule))[0]!;
  return strongest.side;
}

/** The variation reading of a point (the latest, for a chart's headline). */
export function spcVariationReading(point: { value: number; flags: readonly SpecialCauseFlag[] }, mean: number, direction: KpiDirection): SpcVariationReading {
  const side = specialCauseSide(point, mean);
  if (side === null) {
    return { icon: 'common_cause', label: 'Common cause variation', explanation: 'The latest figure is within what this series usually does: no sign of a real change.' };
  }
  const higher = side === 'high';
  if (direction === 'neither') {
    return {
      icon: higher ? 'neither_high' : 'neither_low',
      label: `Special cause — unusually ${higher ? 'high' : 'low'}`,
      explanation: `The latest figure is unusually ${higher ? 'high' : 'low'} for this series; this KPI has no better direction, so it is neither an improvement nor a concern.`,
    };
  }
  const improving = higher === (direction === 'higher_better');
  return {
    icon: `${improving ? 'improvement' : 'concern'}_${side}`,
    label: `Special cause — ${improving ? 'improvement' : 'concern'}`,
    explanation: `The latest figure is unusually ${higher ? 'high' : 'low'} for this series, which for this KPI is ${improving ? 'better' : 'worse'}.`,
  };
}

/** The assurance reading: can the process be relied on to meet the target? Null without a target or a better direction. */
export function spcAssuranceReading(
  limits: { lowerProcessLimit: number; upperProcessLimit: number },
  target: number | null,
  direction: KpiDirection,
): SpcAssuranceReading | null {
  if (target === null || direction === 'neither') return null;
  const passes = (v: number) => (direction === 'higher_better' ? v >= target : v <= target);
  const low = passes(limits.lowerProcessLimit);
  const high = passes(limits.upperProcessLimit);
  if (low && high) return { icon: 'pass', label: 'Consistently passes the target', explanation: 'Both process limits are on the passing side of the target: unless something changes, it will go on meeting it.' };
  if (!low && !high) return { icon: 'fail', label: 'Consistently fails the target', explanation: 'Both process limits are on the failing side of the target: it will not meet it unless the process changes.' };
  return { icon: 'hit_or_miss', label: 'Inconsistent — passes and fails the target', explanation: 'The target lies between the process limits: some periods will meet it and some will not, by chance alone.' };
}

const RULE_WORDS: Record<SpecialCauseRule, (higher: boolean) => string> = {
  outside_limits: (h) => `${h ? 'Above the upper' : 'Below the lower'} process limit`,
  shift: (h) => `Run of 6 or more ${h ? 'above' : 'below'} the mean`,
  trend: (h) => `6 or more ${h ? 'rising' : 'falling'} in a row`,
  two_of_three: (h) => `2 of 3 close to the ${h ? 'upper' : 'lower'} limit`,
};

/** A special-cause flag in words, for the table behind an SPC chart. */
export function specialCauseLabel(flag: SpecialCauseFlag): string {
  return RULE_WORDS[flag.rule](flag.side === 'high');
}
