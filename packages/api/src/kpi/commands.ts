import { badRequest, KPI_DERIVATION_RULES } from '@concord/domain';
import type { TenantContext } from '../context.ts';
import { assertLeadCommissioner, findPartnership } from '../procurement/access.ts';
import type { SaveKpiInput } from './input.ts';
import { isPeriodStart } from './periods.ts';
import { toKpi, type Kpi } from './queries.ts';

/** A KPI unit in words, for messages. */
const UNIT_WORDS: Record<string, string> = { count: 'a count', percent: 'a percentage', pence: 'an amount in pounds', hours: 'hours', rate_per_100k: 'a rate per 100,000' };

/**
 * Adds a KPI to the partnership's library, or a new version of an existing code. Nothing is rewritten:
 * returns already made keep pointing at the version they answered, so a changed definition or target
 * never alters a past result. Only the partnership's lead commissioner (acting for the lead authority).
 */
export async function saveKpi(ctx: TenantContext, input: SaveKpiInput): Promise<Kpi> {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  await assertLeadCommissioner(ctx, partnership);
  if (!isPeriodStart(input.frequency, input.firstPeriod)) {
    throw badRequest(`The first period must be the first day of a ${input.frequency} period (financial-year aligned)`, 'firstPeriod');
  }
  const latest = await ctx.tx
    .selectFrom('kpi_definition')
    .select(['version', 'derivation'])
    .where('partnership_id', '=', partnership.id)
    .where('code', '=', input.code)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (latest && !input.changeNote) throw badRequest('Say what changed in this version', 'changeNote');
  // A new version keeps its rule unless it says otherwise (and a typed-in KPI has none).
  const derivation = input.source === 'manual' ? null : input.derivation === undefined ? (latest?.derivation ?? null) : input.derivation;
  if (derivation && KPI_DERIVATION_RULES[derivation].unit !== input.unit) {
    const rule = KPI_DERIVATION_RULES[derivation];
    throw badRequest(`The rule “${rule.label}” gives ${UNIT_WORDS[rule.unit]}, but this KPI is ${UNIT_WORDS[input.unit]}: choose a rule that fits its unit`, 'derivation');
  }
  const row = await ctx.tx
    .insertInto('kpi_definition')
    .values({
      authority_id: partnership.leadAuthorityId,
      partnership_id: partnership.id,
      code: input.code,
      version: (latest?.version ?? 0) + 1,
      name: input.name,
      definition: input.definition,
      numerator_definition: input.numeratorDefinition ?? null,
      denominator_definition: input.denominatorDefinition ?? null,
      unit: input.unit,
      direction: input.direction,
      frequency: input.frequency,
      population_age_band: input.populationAgeBand ?? null,
      target: input.target ?? null,
      red_threshold: input.redThreshold ?? null,
      source: input.source,
      derivation,
      counts_people: input.countsPeople,
      per_contract: input.perContract,
      service_type: input.serviceType ?? null,
      first_period: input.firstPeriod,
      change_note: input.changeNote ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toKpi(row);
}
