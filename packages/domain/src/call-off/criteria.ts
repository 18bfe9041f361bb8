import { badRequest } from '../errors.ts';
import type { CriterionKind } from '../procurement/labels.ts';

/**
 * A mini-competition's criteria come from the joint procurement's and may only be refined: a subset of
 * them, with weights set again to total 100%. A criterion the procurement did not have cannot be added
 * (the approved providers were admitted against the procurement's criteria; adding one would change the
 * competition they joined).
 */
export interface ProcurementCriterionRef {
  id: string;
  kind: CriterionKind;
  name: string;
}

export interface RefinedCriterion {
  procurementCriterionId: string;
  kind: CriterionKind;
  name: string;
  weightPercent: number;
}

/** A weight as whole hundredths of a percent (33.33% → 3333); more than 2 decimals is refused. */
function hundredths(weight: number, field: string): number {
  const h = Math.round(weight * 100);
  if (!Number.isFinite(weight) || Math.abs(weight * 100 - h) > 1e-6) throw badRequest('A weight can have at most 2 decimal places, for example 33.33', field);
  if (h <= 0 || h > 10_000) throw badRequest('A weight must be more than 0% and at most 100%', field);
  return h;
}

export function refineCriteria(
  procurementCriteria: readonly ProcurementCriterionRef[],
  chosen: readonly { criterionId: string; weightPercent: number }[],
): RefinedCriterion[] {
  if (chosen.length === 0) throw badRequest('Choose at least one of the procurement’s criteria', 'criteria');
  const byId = new Map(procurementCriteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  let total = 0;
  const refined = chosen.map((c, i) => {
    const found = byId.get(c.criterionId);
    if (!found) throw badRequest('This criterion is not one of the procurement’s: a call-off can only use and re-weight the procurement’s criteria', `criteria[${i}].criterionId`);
    if (seen.has(c.criterionId)) throw badRequest(`“${found.name}” is chosen twice`, `criteria[${i}].criterionId`);
    seen.add(c.criterionId);
    total += hundredths(c.weightPercent, `criteria[${i}].weightPercent`);
    return { procurementCriterionId: found.id, kind: found.kind, name: found.name, weightPercent: c.weightPercent };
  });
  if (total !== 10_000) throw badRequest(`The weights must total 100%; they total ${total / 100}%`, 'criteria');
  return refined;
}
