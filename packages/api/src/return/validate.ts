import { badRequest, forbidden } from '@concord/domain';
import type { Kpi } from '../kpi/queries.ts';
import { parsePeriod, type Period } from '../kpi/periods.ts';

/** One return as entered or uploaded, before checking. */
export interface ReturnEntry {
  kpiCode: string;
  period: string;
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  comment?: string | null | undefined;
  /** GSS code, if given: must be the authority the user acts for. */
  authorityId?: string | null | undefined;
  contractRef?: string | null | undefined;
}

export interface CheckedReturn {
  kpi: Kpi;
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  contractRef: string;
}

/** A period of the KPI's frequency that has ended, from its first period on; refusals name 'period'. */
export function checkPeriod(kpi: Kpi, text: string, today: string): Period {
  const period = parsePeriod(kpi.frequency, text);
  if (!period) {
    throw badRequest(
      `period: "${text}" is not a ${kpi.frequency} period of ${kpi.code} (use ${kpi.frequency === 'monthly' ? "'Aug 2023'" : kpi.frequency === 'quarterly' ? "'2023-24 Q2'" : "'2023-24'"} or its first day)`,
      'period',
    );
  }
  if (period.end >= today) throw badRequest(`period: ${period.label} is not yet due — it ends on ${period.end}`, 'period');
  if (period.start < kpi.firstPeriod) throw badRequest(`period: ${kpi.code} starts with the period beginning ${kpi.firstPeriod}`, 'period');
  return period;
}

/**
 * The rules every return meets, whether typed or uploaded. Each refusal names its field, so an upload
 * can report "row 4, denominator: …".
 *   - for my own authority only;
 *   - a period of the KPI's frequency that has ENDED (a period not yet over is "not yet due"), and not
 *     before the KPI's first period;
 *   - percent: a value 0–100, or a numerator and a denominator (denominator more than 0, numerator no
 *     more than the denominator), from which the % is worked out;
 *   - counts of people, pence: whole numbers of 0 or more; hours and others: 0 or more.
 */
export function checkReturn(kpi: Kpi, entry: ReturnEntry, ctx: { authorityId: string; today: string }): CheckedReturn {
  if (entry.authorityId && entry.authorityId.trim() && entry.authorityId.trim() !== ctx.authorityId) {
    throw forbidden(`authority: you can only make returns for your own authority (${ctx.authorityId}), not ${entry.authorityId.trim()}`);
  }
  const period = checkPeriod(kpi, entry.period, ctx.today);
  const num = entry.numerator ?? null;
  const den = entry.denominator ?? null;
  let value = entry.value ?? null;
  for (const [name, v] of [['value', value], ['numerator', num], ['denominator', den]] as const) {
    if (v !== null && !Number.isFinite(v)) throw badRequest(`${name}: must be a number`, name);
    if (v !== null && v < 0) throw badRequest(`${name}: must not be negative`, name);
  }
  if (den !== null && den === 0) throw badRequest('denominator: must be more than 0 (a denominator of 0 has no rate)', 'denominator');
  if ((num === null) !== (den === null) && kpi.unit === 'percent' && value === null) {
    throw badRequest(num === null ? 'numerator: enter the numerator as well as the denominator' : 'denominator: enter the denominator as well as the numerator', num === null ? 'numerator' : 'denominator');
  }
  if (num !== null && den !== null && num > den) throw badRequest(`numerator: ${num} is more than the denominator ${den}`, 'numerator');
  if (kpi.unit === 'percent') {
    if (num !== null && den !== null) {
      const worked = (num / den) * 100;
      if (value !== null && Math.abs(value - worked) > 0.05) throw badRequest(`value: ${value}% does not match ${num} / ${den} = ${worked.toFixed(1)}%`, 'value');
      value = worked;
    }
    if (value === null) throw badRequest('value: enter a percentage, or a numerator and denominator', 'value');
    if (value > 100) throw badRequest(`value: a percentage cannot be more than 100 (got ${value})`, 'value');
  } else {
    if (value === null) value = num;
    if (value === null) throw badRequest('value: enter a value', 'value');
  }
  const whole = kpi.unit === 'pence' || (kpi.countsPeople && kpi.unit !== 'percent');
  if (whole && !Number.isInteger(value)) throw badRequest(`value: ${kpi.unit === 'pence' ? 'money is in whole pence' : 'a count of people is a whole number'}`, 'value');
  if (kpi.countsPeople && num !== null && !Number.isInteger(num)) throw badRequest('numerator: a count of people is a whole number', 'numerator');
  const comment = entry.comment?.trim() || null;
  if (comment && comment.length > 2000) throw badRequest('comment: at most 2,000 characters', 'comment');
  return {
    kpi,
    period,
    value,
    numerator: kpi.unit === 'percent' ? num : (num ?? (kpi.countsPeople ? value : null)),
    denominator: den,
    comment,
    contractRef: entry.contractRef?.trim() ?? '',
  };
}
