import { kpiSetChange } from '@concord/domain';
import { seed } from '@concord/db';
import { periodContaining } from '../kpi/periods.ts';
import { currentKpis } from '../kpi/queries.ts';
import { recordEvent, today, type PartnershipCtx } from './context.ts';
import { ledPartnership } from './commands.ts';
import { lockForEdit } from '../versions.ts';

/**
 * A partnership's KPI set, chosen from the standard library (the starter KPIs of issue 6) when it is proposed and
 * changed later by the lead: a KPI added starts from the current period; one taken out gets a retired version
 * (its history and the figures already returned are kept).
 */
export const STANDARD_LIBRARY = seed.STARTER_KPIS;
const LIBRARY_CODES = STANDARD_LIBRARY.map((k) => k.code);

/** The standard library, for the forms. */
export function standardLibrary() {
  return STANDARD_LIBRARY.map((k) => ({ code: k.code, name: k.name, frequency: k.frequency }));
}

export async function addKpis(ctx: PartnershipCtx, partnershipId: string, codes: readonly string[]): Promise<void> {
  const { add } = kpiSetChange([], codes, LIBRARY_CODES);
  const versions = new Map(
    (
      await ctx.tx
        .selectFrom('kpi_definition')
        .select(['code', (eb) => eb.fn.max('version').as('version')])
        .where('partnership_id', '=', partnershipId)
        .groupBy('code')
        .execute()
    ).map((r) => [r.code, Number(r.version)]),
  );
  for (const code of add) {
    const k = STANDARD_LIBRARY.find((x) => x.code === code)!;
    await ctx.tx
      .insertInto('kpi_definition')
      .values({
        authority_id: ctx.session.authorityId,
        partnership_id: partnershipId,
        code: k.code,
        version: (versions.get(code) ?? 0) + 1,
        ...seed.starterKpiColumns(k),
        first_period: periodContaining(k.frequency, today(ctx)).start,
        change_note: 'From the standard library',
      })
      .execute();
  }
}

/**
 * Changes the KPI set if the lead's `version` of the partnership is still its version (CONFLICT naming who changed it
 * and when otherwise); the partnership's version moves on, so the next form holding the one before is refused.
 */
export async function setKpiSet(
  ctx: PartnershipCtx,
  input: { partnershipId: string; kpiCodes: string[]; version: number },
): Promise<{ added: string[]; retired: string[]; rowVersion: number }> {
  const p = await ledPartnership(ctx, input.partnershipId, 'changes the KPI set');
  await lockForEdit(ctx.tx, 'partnership', p.id, input.version, 'Partnership');
  const { row_version: rowVersion } = await ctx.tx
    .updateTable('partnership')
    .set((eb) => ({ purpose: eb.ref('purpose') }))
    .where('id', '=', p.id)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  const current = await currentKpis(ctx.tx, p.id);
  const { add, retire } = kpiSetChange(
    current.map((k) => k.code),
    input.kpiCodes,
    [...LIBRARY_CODES, ...current.map((k) => k.code)],
  );
  await addKpis(ctx, p.id, add.filter((c) => LIBRARY_CODES.includes(c)));
  for (const code of retire) {
    const k = current.find((x) => x.code === code)!;
    await ctx.tx
      .insertInto('kpi_definition')
      .values({
        authority_id: ctx.session.authorityId,
        partnership_id: p.id,
        code: k.code,
        version: k.version + 1,
        name: k.name,
        definition: k.definition,
        numerator_definition: k.numerator_definition,
        denominator_definition: k.denominator_definition,
        unit: k.unit,
        direction: k.direction,
        frequency: k.frequency,
        population_age_band: k.population_age_band,
        target: k.target,
        red_threshold: k.red_threshold,
        source: k.source,
        derivation: k.derivation,
        counts_people: k.counts_people,
        per_contract: k.per_contract,
        service_type: k.service_type,
        first_period: k.first_period,
        retired: true,
        change_note: 'Taken out of the partnership’s KPI set',
      })
      .execute();
  }
  if (add.length || retire.length) await recordEvent(ctx, p.id, 'kpi_set_changed', null, [add.length ? `added ${add.join(', ')}` : '', retire.length ? `removed ${retire.join(', ')}` : ''].filter(Boolean).join('; '));
  return { added: add, retired: retire, rowVersion };
}
