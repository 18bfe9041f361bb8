import { longDate } from '../date-text.ts';
import type { Regime } from '../procurement/labels.ts';
import { assertIsoDate } from '../procurement/dates.ts';

/**
 * Which rules a procurement follows. The Procurement Act 2023 came into force on 24 February 2025 (the
 * Procurement Act 2023 (Commencement No. 3 and Transitional and Saving Provisions) Regulations 2024, S.I. 2024/716,
 * as amended by S.I. 2024/959). A procurement begun before then, and a contract awarded under a framework or a
 * dynamic purchasing system (Concord's PDPS included) set up under the Public Contracts Regulations 2015, stay
 * under the 2015 rules (the transitional provisions of S.I. 2024/716); a new one follows the Act. Healthcare
 * services arranged under the Provider Selection Regime (in force 1 January 2024) follow it instead.
 */
export const PROCUREMENT_ACT_COMMENCEMENT = '2025-02-24';
export const PROVIDER_SELECTION_REGIME_COMMENCEMENT = '2024-01-01';

export interface RegimeFacts {
  /** The day the procurement began (its first notice or the decision to procure, as the authority records it). */
  readonly startedOn: string;
  /** For a call-off: the regime of the framework, DPS/PDPS or dynamic market it is awarded under. */
  readonly callOffFrom?: { readonly regime: Regime } | undefined;
  /** Healthcare services the authority arranges under the Provider Selection Regime. */
  readonly healthcareServicesUnderPsr?: boolean | undefined;
}

export interface RegimeDecision {
  readonly regime: Regime;
  /** Why, in words. */
  readonly reason: string;
}

export function regimeFor(facts: RegimeFacts): RegimeDecision {
  assertIsoDate(facts.startedOn, 'the day the procurement began');
  if (facts.healthcareServicesUnderPsr && facts.startedOn >= PROVIDER_SELECTION_REGIME_COMMENCEMENT) {
    return { regime: 'provider_selection_regime', reason: 'Healthcare services arranged under the Provider Selection Regime (in force from 1 January 2024).' };
  }
  if (facts.callOffFrom) {
    if (facts.callOffFrom.regime === 'pcr_2015_light_touch') {
      return { regime: 'pcr_2015_light_touch', reason: 'A call-off from a framework or purchasing system set up under the Public Contracts Regulations 2015 stays under those rules.' };
    }
    return { regime: facts.callOffFrom.regime, reason: 'A call-off follows the rules its framework or dynamic market was set up under.' };
  }
  if (facts.startedOn < PROCUREMENT_ACT_COMMENCEMENT) {
    return {
      regime: 'pcr_2015_light_touch',
      reason: `Begun on ${longDate(facts.startedOn)}, before the Procurement Act 2023 came into force on ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}: the Public Contracts Regulations 2015 still apply.`,
    };
  }
  return { regime: 'procurement_act_2023', reason: `Begun on or after ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}: the Procurement Act 2023 applies.` };
}
