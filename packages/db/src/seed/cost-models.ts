import { computeCostModel, PENINSULA_SHARED_LIVES_DEMO_RATES, type CostModelKind, type CostModelParameters } from '@concord/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { authorityBySlug } from './authorities.ts';

type Trx = Transaction<Database>;

/**
 * Shared cost models and rates (issue 5), as demo data. The papers give the shape of each model but no unit
 * costs, so every figure below is the demo's own (plausible for its year), except the Peninsula Shared Lives
 * carer rates, chosen so that Plymouth's gaps to the other four are exactly 2.8% (Somerset) and 12.3%
 * (Cornwall) — seed 000: "paying between 2.8% and 12.3% less than other local authorities".
 *
 *   LCR Tripartite (Liverpool leads)       Extra Care: the shared cost model of seed 002, per scheme (day
 *                                          block + night cover); v1 published, v2 a draft with a higher rate.
 *   Staffordshire Supported Living         weekly rates by complexity band × scheme size 4–6 (seed 001,
 *                                          para 12: "determined by a cost of care exercise").
 *   South West Peninsula (Devon convenes)  Shared Lives carer payments, and each member's actual carer rate
 *                                          (private), shared into the partnership for comparison.
 *   Leicestershire with NHS partners       an hourly home care rate built up UKHCA-style, and the fair cost
 *                                          of care exercise its providers answered (six submissions).
 */

interface SeedModel {
  partnership: string;
  lead: string;
  name: string;
  kind: CostModelKind;
  description: string;
  versions: { effectiveFrom: string; status: 'draft' | 'published'; changeNote: string; parameters: unknown }[];
}

const extraCare = (hourlyRatePence: number): CostModelParameters['extra_care'] => ({
  schemes: [
    { scheme: 'Sefton: Bootle scheme', units: 52, hourlyRatePence, dayHoursPerWeek: 420, wakingNightsPerWeek: 14, wakingNightRatePence: 12_500, sleepInNightsPerWeek: 0, sleepInRatePence: 0 },
    { scheme: 'Sefton: Southport scheme', units: 42, hourlyRatePence, dayHoursPerWeek: 336, wakingNightsPerWeek: 7, wakingNightRatePence: 12_500, sleepInNightsPerWeek: 7, sleepInRatePence: 7_500 },
    { scheme: 'Knowsley: Huyton scheme', units: 50, hourlyRatePence, dayHoursPerWeek: 392, wakingNightsPerWeek: 14, wakingNightRatePence: 12_500, sleepInNightsPerWeek: 0, sleepInRatePence: 0 },
    { scheme: 'Liverpool: Everton scheme', units: 60, hourlyRatePence, dayHoursPerWeek: 504, wakingNightsPerWeek: 14, wakingNightRatePence: 12_500, sleepInNightsPerWeek: 7, sleepInRatePence: 7_500 },
  ],
});

export const SUPPORTED_LIVING_DEMO_PARAMETERS: CostModelParameters['supported_living'] = {
  hourlyRatePence: 2_150,
  schemeSizes: [4, 5, 6],
  bands: [
    { name: 'Less complex', sharedHoursPerWeek: 112, oneToOneHoursPerWeek: 0, sleepInNightsPerWeek: 7, sleepInRatePence: 9_500, wakingNightsPerWeek: 0, wakingNightRatePence: 0 },
    { name: 'Complex', sharedHoursPerWeek: 168, oneToOneHoursPerWeek: 7, sleepInNightsPerWeek: 7, sleepInRatePence: 9_500, wakingNightsPerWeek: 0, wakingNightRatePence: 0 },
    { name: 'Highly complex', sharedHoursPerWeek: 224, oneToOneHoursPerWeek: 21, sleepInNightsPerWeek: 0, sleepInRatePence: 0, wakingNightsPerWeek: 7, wakingNightRatePence: 16_500 },
  ],
};

export const HOME_CARE_DEMO_PARAMETERS: CostModelParameters['home_care'] = {
  careWorkerPayPence: 1_042,
  travelTimePercent: 20,
  trainingAndSupervisionPercent: 5,
  employerNiPercent: 6.5,
  pensionPercent: 3,
  holidayPercent: 12.07,
  mileagePencePerContactHour: 150,
  backOfficePencePerContactHour: 450,
  surplusPercent: 3,
};

/** The band every Peninsula authority's long-term Shared Lives carer rate is entered and compared under. */
export const SHARED_LIVES_BAND = 'Long-term';

export const COST_MODELS: SeedModel[] = [
  {
    partnership: 'LCR Tripartite',
    lead: 'liverpool',
    name: 'Tripartite Extra Care cost model',
    kind: 'extra_care',
    description: 'Seed 002: a shared cost model for care and support across the Tripartite that demonstrates value for money. Figures are the demo’s.',
    versions: [
      { effectiveFrom: '2018-09-01', status: 'published', changeNote: 'Agreed for the PDPS going live', parameters: extraCare(1_650) },
      { effectiveFrom: '2019-04-01', status: 'draft', changeNote: 'National Living Wage rise from April 2019', parameters: extraCare(1_720) },
    ],
  },
  {
    partnership: 'Staffordshire Supported Living',
    lead: 'staffordshire',
    name: 'Supported Living weekly rates',
    kind: 'supported_living',
    description: 'Seed 001, para 12: weekly rates by complexity of need and scheme size, from a cost of care exercise. Figures are the demo’s.',
    versions: [{ effectiveFrom: '2024-06-01', status: 'published', changeNote: 'Rates for the framework going live', parameters: SUPPORTED_LIVING_DEMO_PARAMETERS }],
  },
  {
    partnership: 'South West Peninsula',
    lead: 'devon',
    name: 'Peninsula Shared Lives carer payments',
    kind: 'shared_lives',
    description: 'Seed 000: a carer rate comparable across the peninsula, with paid breaks. Figures are the demo’s.',
    versions: [
      {
        effectiveFrom: '2023-10-01',
        status: 'published',
        changeNote: 'Peninsula reference rate',
        parameters: { paidBreakWeeks: 4, bands: [{ name: SHARED_LIVES_BAND, weeklyPence: 26_500 }, { name: 'Short breaks', weeklyPence: 31_500 }] },
      },
    ],
  },
  {
    partnership: 'Leicestershire with NHS partners',
    lead: 'leicestershire',
    name: 'Help to Live at Home hourly rate',
    kind: 'home_care',
    description: 'Seed 003: home care, priced per contact hour on the UK Homecare Association’s build-up. Figures are the demo’s.',
    versions: [{ effectiveFrom: '2023-04-01', status: 'published', changeNote: 'Rate for 2023/24', parameters: HOME_CARE_DEMO_PARAMETERS }],
  },
];

export const FAIR_COST_DEMO = {
  partnership: 'Leicestershire with NHS partners',
  lead: 'leicestershire',
  name: 'Fair cost of care exercise 2022: home care',
  serviceType: 'home_care' as const,
  band: 'Standard',
  unit: 'hour' as const,
  heldOn: '2022-10-14',
  submissions: [2_050, 2_110, 2_175, 2_230, 2_290, 2_410].map((pencePerUnit, i) => ({ providerLabel: `Provider ${i + 1}`, pencePerUnit })),
};

const SLUG: Record<string, string> = { Plymouth: 'plymouth', Devon: 'devon', Cornwall: 'cornwall', Torbay: 'torbay', Somerset: 'somerset' };

export async function seedCostModels(trx: Trx, context: { partnershipIds: Map<string, string>; userIds: Map<string, string> }): Promise<void> {
  for (const model of COST_MODELS) {
    const partnershipId = context.partnershipIds.get(model.partnership)!;
    const lead = authorityBySlug(model.lead).id;
    const leadUser = context.userIds.get(`commissioner.${model.lead}@concord.example`)!;
    const { id } = await trx
      .insertInto('cost_model')
      .values({ authority_id: lead, partnership_id: partnershipId, name: model.name, kind: model.kind, description: model.description })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, v] of model.versions.entries()) {
      computeCostModel(model.kind, v.parameters); // the demo's own figures must pass the same checks as anyone's
      await trx
        .insertInto('cost_model_version')
        .values({
          authority_id: lead,
          partnership_id: partnershipId,
          cost_model_id: id,
          version: i + 1,
          effective_from: v.effectiveFrom,
          status: v.status,
          parameters: JSON.stringify(v.parameters),
          change_note: v.changeNote,
          published_at: v.status === 'published' ? `${v.effectiveFrom}T09:00:00Z` : null,
          published_by: v.status === 'published' ? leadUser : null,
        })
        .execute();
    }
  }

  // The Peninsula members' own carer rates (private), each shared into the partnership for comparison.
  const peninsula = context.partnershipIds.get('South West Peninsula')!;
  for (const rate of PENINSULA_SHARED_LIVES_DEMO_RATES) {
    const slug = SLUG[rate.authority]!;
    const row = { authority_id: rate.gssCode, service_type: 'shared_lives' as const, band: SHARED_LIVES_BAND, unit: 'week' as const, rate_pence: rate.ratePence, effective_from: '2023-04-01' };
    await trx.insertInto('actual_rate').values({ ...row, note: 'Long-term carer payment, per week (demo figure)' }).execute();
    await trx
      .insertInto('shared_rate')
      .values({ ...row, partnership_id: peninsula, source: 'entered', shared_at: '2023-08-31T12:00:00Z', shared_by: context.userIds.get(`commissioner.${slug}@concord.example`)! })
      .execute();
  }

  const fair = FAIR_COST_DEMO;
  const partnershipId = context.partnershipIds.get(fair.partnership)!;
  const lead = authorityBySlug(fair.lead).id;
  const { id: exerciseId } = await trx
    .insertInto('fair_cost_exercise')
    .values({ authority_id: lead, partnership_id: partnershipId, name: fair.name, service_type: fair.serviceType, band: fair.band, unit: fair.unit, held_on: fair.heldOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('fair_cost_submission')
    .values(fair.submissions.map((s) => ({ authority_id: lead, partnership_id: partnershipId, exercise_id: exerciseId, provider_label: s.providerLabel, pence_per_unit: s.pencePerUnit })))
    .execute();
}
