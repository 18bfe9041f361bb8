import { anyText, badRequest, demandModel, idempotencyKey, recordVersion, requiredText, wholeNumber, hasAnyRole, HOUSING_LIN_PREVALENCE_75_PLUS, notFound, type DemandModel } from '@concord/domain';
import type { PopulationSource, PrevalenceRateJson, Tx } from '@concord/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { EDITOR_ROLES } from '../appraisal/appraisal.ts';
import { lockForEdit } from '../versions.ts';

/**
 * Demand models (issue 7): need = population of an age band × prevalence per 1,000, half up (the domain's
 * demandModel), per year, against current supply. Prevalence defaults to the Housing LIN rates for people aged
 * 75+. Populations are either entered, or read from the populations held for my authority (authority_population,
 * e.g. Sefton's 75+ for 2014 and 2030). Supply is entered per type of provision (units from my schemes).
 */

type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { userId: string; authorityId: string } };

const fields = {
  title: requiredText('a title', 300),
  ageBand: requiredText('the age band', 50).optional(),
  prevalenceSource: anyText(500).optional(),
  prevalence: z.array(z.object({ type: anyText(100), label: anyText(200), perThousand: z.number({ error: 'Prevalence must be a number' }).finite().min(-1e6).max(1e6) })).max(30).optional(),
  populationSource: z.enum(['entered', 'held'], { error: 'Choose entered populations or the populations held' }),
  populations: z.array(z.object({ year: wholeNumber('the year', { min: 1900, max: 2199 }), population: wholeNumber('the population', { max: 100_000_000 }) })).max(100).optional(),
  years: z.array(wholeNumber('the year', { min: 1900, max: 2199 })).max(100).optional(),
  supply: z.record(anyText(100), wholeNumber('the supply', { max: 10_000_000 })).optional(),
};
export const createDemandInput = z.object({ ...fields, idempotencyKey });
export const updateDemandInput = z.object({
  demandModelId: z.uuid('Choose a demand model'),
  /** The model as the form loaded it: a stale one is CONFLICT, naming who changed it and when. */
  version: recordVersion,
  ...fields,
  title: fields.title.optional(),
  populationSource: fields.populationSource.optional(),
});

interface Stored {
  title: string;
  ageBand: string;
  prevalenceSource: string;
  prevalence: PrevalenceRateJson[];
  populationSource: PopulationSource;
  populations: { year: number; population: number }[];
  years: number[];
  supply: Record<string, number>;
}

/** The populations the model runs on: entered, or held for my authority for the age band and years. */
async function populationsFor(tx: Tx, authorityId: string, m: Stored): Promise<{ year: number; population: number; source: string }[]> {
  if (m.populationSource === 'entered') return m.populations.map((p) => ({ ...p, source: 'Entered' }));
  if (m.years.length === 0) throw badRequest('Choose at least one year of the populations held', 'years');
  const rows = await tx
    .selectFrom('authority_population')
    .select(['year', 'population', 'source'])
    .where('authority_id', '=', authorityId)
    .where('age_band', '=', m.ageBand)
    .where('year', 'in', m.years)
    .execute();
  m.years.forEach((year, i) => {
    if (!rows.some((r) => r.year === year)) throw badRequest(`No population is held for people aged ${m.ageBand} in ${year}`, `years[${i}]`);
  });
  return rows;
}

export interface DemandView {
  id: string;
  title: string;
  ageBand: string;
  prevalenceSource: string;
  prevalence: PrevalenceRateJson[];
  populationSource: PopulationSource;
  populations: { year: number; population: number; source: string }[];
  years: number[];
  supply: Record<string, number>;
  model: DemandModel;
  canEdit: boolean;
}

async function compute(tx: Tx, authorityId: string, m: Stored): Promise<{ populations: DemandView['populations']; model: DemandModel }> {
  const populations = await populationsFor(tx, authorityId, m);
  const model = demandModel({
    ageBand: m.ageBand,
    prevalence: m.prevalence,
    populations: populations.map(({ year, population }) => ({ year, population })),
    supply: m.supply,
  });
  return { populations, model };
}

export async function createDemand(ctx: Ctx, input: z.infer<typeof createDemandInput>): Promise<{ id: string }> {
  const m: Stored = {
    title: input.title,
    ageBand: input.ageBand ?? HOUSING_LIN_PREVALENCE_75_PLUS.ageBand,
    prevalenceSource: input.prevalenceSource ?? (input.prevalence ? 'Entered' : HOUSING_LIN_PREVALENCE_75_PLUS.source),
    prevalence: input.prevalence ?? HOUSING_LIN_PREVALENCE_75_PLUS.rates.map((r) => ({ ...r })),
    populationSource: input.populationSource,
    populations: input.populations ?? [],
    years: input.years ?? [],
    supply: input.supply ?? {},
  };
  await compute(ctx.tx, ctx.session.authorityId, m);
  return ctx.tx
    .insertInto('demand_model')
    .values({
      authority_id: ctx.session.authorityId,
      title: m.title,
      age_band: m.ageBand,
      prevalence_source: m.prevalenceSource,
      prevalence: JSON.stringify(m.prevalence),
      population_source: m.populationSource,
      populations: JSON.stringify(m.populations),
      years: m.years,
      supply: JSON.stringify(m.supply),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function findRow(tx: Tx, id: string) {
  const row = await tx.selectFrom('demand_model').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Demand model');
  return row;
}
type Row = Awaited<ReturnType<typeof findRow>>;
const stored = (row: Row): Stored => ({
  title: row.title,
  ageBand: row.age_band,
  prevalenceSource: row.prevalence_source,
  prevalence: row.prevalence,
  populationSource: row.population_source,
  populations: row.populations,
  years: row.years,
  supply: row.supply,
});

export async function updateDemand(ctx: Ctx, input: z.infer<typeof updateDemandInput>): Promise<{ id: string; rowVersion: number }> {
  await findRow(ctx.tx, input.demandModelId); // NOT_FOUND for a model this authority cannot see
  await lockForEdit(ctx.tx, 'demand_model', input.demandModelId, input.version, 'Demand model', ctx.session.authorityId);
  const row = await findRow(ctx.tx, input.demandModelId);
  const before = stored(row);
  const m: Stored = {
    title: input.title ?? before.title,
    ageBand: input.ageBand ?? before.ageBand,
    prevalenceSource: input.prevalenceSource ?? before.prevalenceSource,
    prevalence: input.prevalence ?? before.prevalence,
    populationSource: input.populationSource ?? before.populationSource,
    populations: input.populations ?? before.populations,
    years: input.years ?? before.years,
    supply: input.supply ?? before.supply,
  };
  await compute(ctx.tx, ctx.session.authorityId, m);
  const updated = await ctx.tx
    .updateTable('demand_model')
    .set({
      title: m.title,
      age_band: m.ageBand,
      prevalence_source: m.prevalenceSource,
      prevalence: JSON.stringify(m.prevalence),
      population_source: m.populationSource,
      populations: JSON.stringify(m.populations),
      years: m.years,
      supply: JSON.stringify(m.supply),
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .returning('row_version')
    .executeTakeFirstOrThrow();
  return { id: row.id, rowVersion: updated.row_version };
}

export async function demandView(tx: Tx, row: Row, canEdit: boolean): Promise<DemandView> {
  const m = stored(row);
  const { populations, model } = await compute(tx, row.authority_id, m);
  return { id: row.id, ...m, populations, model, canEdit };
}

/** A model for its page: with the version its edit form sends back. */
export async function getDemand(ctx: Ctx, id: string): Promise<DemandView & { rowVersion: number }> {
  const row = await findRow(ctx.tx, id);
  return { ...(await demandView(ctx.tx, row, hasAnyRole(ctx.roles, EDITOR_ROLES))), rowVersion: row.row_version };
}

export async function findDemandRow(tx: Tx, id: string): Promise<Row> {
  return findRow(tx, id);
}

export async function listDemand(tx: Tx) {
  const rows = await tx.selectFrom('demand_model').select(['id', 'title', 'age_band', 'population_source', 'updated_at']).orderBy('updated_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, ageBand: r.age_band, populationSource: r.population_source }));
}

/** The populations held for my authority, for choosing years. */
export async function heldPopulations(ctx: Ctx) {
  return ctx.tx
    .selectFrom('authority_population')
    .select(['year', 'age_band as ageBand', 'population', 'source'])
    .where('authority_id', '=', ctx.session.authorityId)
    .orderBy('age_band')
    .orderBy('year')
    .execute();
}
