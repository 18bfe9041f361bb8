import { financialYear, upliftImpact, upliftStartDay, type UpliftImpact } from '@concord/domain';
import type { Tx } from '@concord/db';

/**
 * An uplift costed on the register (issue 13: one calculation, one answer). The budgets calculator, the
 * business case and the rates' uplift scenario all cost an uplift on the SAME placements: my placements of
 * the service type running on the day the uplift starts (the domain's upliftStartDay), every band, each at
 * its own weekly cost, through the domain's upliftImpact. Before this, the scenario matched placements by
 * the rate's band label ("Long-term") against the placement's band code ("long_term"), found none and
 * costed "Placements 0, £0.00" where the calculator found 13 and £11,300.51.
 */

export interface RegisterUpliftInput {
  serviceType: string;
  /** 2023 = 2023/24. */
  financialYear: number;
  risePercent: number;
  extraPaidWeeks?: number;
  startMonth: number;
  extraWeeksInPartYear?: 'pro_rata' | 'whole';
  extraWeeksAt?: 'new_rate' | 'current_rate';
}

export interface RegisterUplift {
  financialYear: string;
  /** The day the placements were counted on: the first day of the start month. */
  on: string;
  placements: number;
  /** Null when no placement of the service type was running then (nothing to cost: the page says so). */
  impact: UpliftImpact | null;
}

/** My placements of a service type running on a day (RLS keeps them mine). */
export function placementsRunningOn(tx: Tx, serviceType: string, on: string) {
  return tx
    .selectFrom('placement')
    .select(['reference', 'weekly_cost_pence', 'complexity_band'])
    .where('service_type', '=', serviceType)
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .orderBy('reference')
    .execute();
}

export async function registerUplift(tx: Tx, input: RegisterUpliftInput): Promise<RegisterUplift> {
  const fy = financialYear(input.financialYear);
  const on = upliftStartDay(input.financialYear, input.startMonth);
  const placements = await placementsRunningOn(tx, input.serviceType, on);
  if (placements.length === 0) return { financialYear: fy.label, on, placements: 0, impact: null };
  const impact = upliftImpact(
    {
      placements: placements.map((p) => ({ label: p.reference, weeklyPence: p.weekly_cost_pence })),
      risePercent: input.risePercent,
      extraPaidWeeks: input.extraPaidWeeks ?? 0,
      startMonth: input.startMonth,
      extraWeeksInPartYear: input.extraWeeksInPartYear ?? 'pro_rata',
      extraWeeksAt: input.extraWeeksAt ?? 'new_rate',
    },
    { placements: 'stored' }, // cost what is stored: the typing-slip cap is for typed weekly costs only
  );
  return { financialYear: fy.label, on, placements: placements.length, impact };
}
