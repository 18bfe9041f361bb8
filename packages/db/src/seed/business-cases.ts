import {
  DEFAULT_APPRAISAL_SCALE,
  HOUSING_LIN_PREVALENCE_75_PLUS,
  PLYMOUTH_SHARED_LIVES_APPRAISAL,
  PLYMOUTH_SHARED_LIVES_RISKS,
  PLYMOUTH_SHARED_LIVES_UPLIFT_2023,
  SEFTON_75_PLUS_POPULATION,
} from '@concord/domain';
import type { Transaction } from 'kysely';
import type { AppraisalOptionJson, CurrentServiceFigureJson, FinancialJson, MilestoneJson, OutcomeJson } from '../schema-business-case.ts';
import type { Database } from '../schema.ts';
import { authorityBySlug } from './authorities.ts';

/**
 * Business cases (issue 7), as demo data:
 * 1. Plymouth's Shared Lives business case (seed 000): the direct award to Shared Lives South West, with its
 *    options appraisal (4 options × 9 criteria, totals 6 / 9 / 15 / 21), its five risks as written (one raised by
 *    its mitigation, 2×3=6 → 3×4=12), the timeline 4 September → 1 October 2023, the 2023/24 budget of
 *    £403,589 and the two-year contract of £807,178, and the 11.5% carer-rate uplift. It is SUBMITTED: the
 *    paper asks for the decision; the decision is not in it.
 * 2. Sefton's Extra Care demand model (seed 002): Housing LIN rates per 1,000 people aged 75+, over the
 *    populations held for Sefton (29,900 in 2014, 41,900 in 2030). Current supply: the 94 units of the two
 *    council-commissioned Extra Care schemes, entered against "Extra Care for rent" (the paper does not split
 *    them by tenure; the demo's assumption).
 */

/** Seed 000, section 5.1: the options with their pros and cons. */
const PLYMOUTH_OPTION_DETAIL: Record<string, { pros: string; cons: string }> = {
  'do-nothing': {
    pros: 'None identified.',
    cons: 'We currently have 13 vulnerable adults accessing the existing provision and this approach would weaken our contractual rigour and potentially lead to higher costs.',
  },
  'seek-new-provider': {
    pros: 'Maintain a Shared Lives option enabling greater choice and opportunity to promote independence. Prevent people accessing supported living and 24/7 residential care unnecessarily, if they are able to live more independently.',
    cons: 'We were unable to evidence other providers with the requisite experience to deliver an equivalent service and without disruption to service users.',
  },
  'peninsula-offer': {
    pros: 'Opportunity to share costs, maximise resources to obtain greater efficiencies in recruitment of host families and referrals, joined up marketing campaigns.',
    cons: 'The Peninsula group is not yet ready to jointly commission in this way and unable to mobilise in time for the end of our contract. We need time to evaluate if this model would be beneficial.',
  },
  'extend-existing': {
    pros: 'Maintain a Shared Lives option enabling greater choice and opportunity to promote independence. Prevent people accessing supported living and 24/7 residential care unnecessarily. Devon, Cornwall, Torbay and Somerset have continued to contract with Shared Lives SW; following this approach gives consistency across the peninsula.',
    cons: 'Need to promote growth in host families and referrals. Additional investment used to increase the carers rate and support a marketing campaign for host families, though still more cost efficient than the other options.',
  },
};

export const PLYMOUTH_APPRAISAL_OPTIONS: AppraisalOptionJson[] = PLYMOUTH_SHARED_LIVES_APPRAISAL.options.map((o) => ({
  id: o.id,
  name: o.name,
  description: o.description,
  ...PLYMOUTH_OPTION_DETAIL[o.id]!,
}));

export const PLYMOUTH_SHARED_LIVES_TITLE = 'Direct award of a new contract to Shared Lives South West';

const SECTIONS: Record<string, string> = {
  executiveSummary:
    'The aim of this paper is to present the historic and current delivery of the Shared Lives service in Plymouth and make recommendations for the next two years. We are seeking to increase the number of local Shared Lives hosts and ensure that we pay a realistic and sustainable rate for this provision.\n\nA Shared Lives scheme is an alternative to home care and care homes for adults in need of support: carers share their lives, and in most cases their homes, with the people they support. The current provider, Shared Lives South West, was set up by Devon County Council in 2004 with Plymouth City Council and Torbay Council, and is rated Outstanding by the Care Quality Commission.\n\nA decision is sought to direct award to Shared Lives South West for a 2 year period, so that the service continues for existing users while the council works with the provider, and with Livewell, to grow the local offer.',
  introduction:
    "Plymouth City Council's People Directorate has been on a change journey of modernisation, transformation and integration with health partners for more than a decade. The Adult Social Care Transformation Programme runs from 2023 to 2026.\n\nThis business case is to develop a future Shared Lives offer to make financial savings and provide better outcomes for people using these services.",
  currentService:
    'Plymouth City Council wishes to see the use of Shared Lives grow, by recruiting more host families through Shared Lives South West and by making sure adult social care considers Shared Lives early in assessment. Plymouth now pays carers between 2.8% and 12.3% less than other local authorities in the region: the contract has not been reviewed for some years. The intention is to recruit 30 local carers over the next 2 years, 15 a year, for 28 available by the end of the second year after carers who leave.',
  caseForChange:
    'The current contract expires on 30 September 2023, having been in operation since 2012. Market research found that Shared Lives South West remains the appropriate provider, on the quality of the service, continuity for service users, its wish to grow the offer with the council, and its value for money relative to other types of care.\n\nNational drivers: the NHS Long Term Plan (2019), the Care Act (2014), the Public Services (Social Value) Act (2012) and the Equality Act (2010). System drivers: the Local Care Partnership and Livewell Southwest. Council drivers: the Plymouth Plan 2014-2034, the Go Green campaign and the Corporate Plan priority to keep children, adults and communities safe.',
  recommendedOption:
    'The proposal is to extend the existing contract with Shared Lives South West for 2 years from the end of the current contract on 30 September 2023, with additional investment to equalise pay rates for carers and offer more paid breaks. Over the 2 years we will work with the provider to market the service and increase the number of local carers.',
  financialNarrative:
    'Based upon current spend the new two year contract remains within the MTFP budget set for Shared Lives delivery. The investment will allow for cost avoidance within the Supported Living budget; this is reflected in current forecasting and will be factored into the MTFP for 2024/25.',
};

/** Typed by the author: comparisons with other care types (Plymouth's own placements and the neighbours' published benchmark figures are read live). */
const CURRENT_SERVICE: CurrentServiceFigureJson[] = [
  { label: 'Short break placements', value: '0', source: 'Entered by the author' },
  { label: 'Average weekly cost: supported living', value: '£653', source: 'Entered by the author' },
  { label: 'Average weekly cost: residential care', value: '£1,100', source: 'Entered by the author' },
];

const MILESTONES: MilestoneJson[] = [
  { activity: 'Business case approved (People Reporting Group)', date: '2023-09-04' },
  { activity: 'Portfolio Holder sign-off', date: '2023-09-14' },
  { activity: 'Decision published', date: '2023-09-15' },
  { activity: 'Contract award', date: '2023-09-20' },
  { activity: 'Contract go live', date: '2023-10-01' },
];

const FINANCIAL: FinancialJson = {
  // Placements, contracts and the budget record are read live from Plymouth's register (issue 4's seed).
  serviceType: 'shared_lives',
  liveAsAt: '2023-08-31',
  financialYear: 2023,
  budgetYear: '2023/24',
  budgetPence: 40_358_900,
  contractTermYears: 2,
  contractValuePence: 80_717_800,
  uplift: { ...PLYMOUTH_SHARED_LIVES_UPLIFT_2023, placements: PLYMOUTH_SHARED_LIVES_UPLIFT_2023.placements.map((p) => ({ ...p })) },
  upliftStatedPence: 1_250_000,
  notes: 'The paper states the uplift at £12,500 for October to March.',
};

const OUTCOMES: OutcomeJson[] = [
  {
    outcome: "The Local Care Partnership plan to receive 'the right care, at the right time, in the right place'.",
    benefit:
      'System efficiencies by supporting people to live in a more independent setting, reducing the need to move into supported living and 24/7 residential services: better outcomes, and financial efficiencies for the council.',
    category: 'Service user improvements',
  },
  {
    outcome: "The Local Care Partnership plan to receive 'the right care, at the right time, in the right place'.",
    benefit:
      'Working with Livewell SW and Shared Lives South West to refer people to a more person-centred service that maintains and builds on their independence.',
    category: 'System and partner improvements',
  },
  {
    outcome: 'The Corporate Plan priority to keep children, adults and communities safe.',
    benefit: 'Opportunities in the community to become a host family, bringing additional income during the cost of living crisis, and reducing social isolation and loneliness.',
    category: 'System and partner improvements',
  },
];

export async function seedBusinessCases(trx: Transaction<Database>, context: { userIds: Map<string, string> }): Promise<void> {
  const plymouth = authorityBySlug('plymouth').id;
  const sefton = authorityBySlug('sefton').id;
  const plymouthCommissioner = context.userIds.get('commissioner.plymouth@concord.example') ?? null;

  const appraisal = await trx
    .insertInto('options_appraisal')
    .values({
      authority_id: plymouth,
      title: 'Shared Lives: options for the contract ending 30 September 2023',
      scale: JSON.stringify(DEFAULT_APPRAISAL_SCALE),
      options: JSON.stringify(PLYMOUTH_APPRAISAL_OPTIONS),
      criteria: JSON.stringify(PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria),
      scores: JSON.stringify(PLYMOUTH_SHARED_LIVES_APPRAISAL.scores),
      created_by: plymouthCommissioner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const businessCase = await trx
    .insertInto('business_case')
    .values({
      authority_id: plymouth,
      title: PLYMOUTH_SHARED_LIVES_TITLE,
      status: 'submitted',
      appraisal_id: appraisal.id,
      sections: JSON.stringify(SECTIONS),
      current_service: JSON.stringify(CURRENT_SERVICE),
      milestones: JSON.stringify(MILESTONES),
      financial: JSON.stringify(FINANCIAL),
      outcomes: JSON.stringify(OUTCOMES),
      submitted_at: new Date('2023-08-25T09:00:00Z'),
      submitted_by: plymouthCommissioner,
      created_by: plymouthCommissioner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await trx
    .insertInto('risk')
    .values(
      PLYMOUTH_SHARED_LIVES_RISKS.map((r, position) => ({
        authority_id: plymouth,
        subject_kind: 'business_case' as const,
        subject_id: businessCase.id,
        position,
        description: r.description,
        owner: 'Commissioning',
        before_likelihood: r.before.likelihood,
        before_impact: r.before.impact,
        mitigation: r.mitigation,
        after_likelihood: r.after.likelihood,
        after_impact: r.after.impact,
      })),
    )
    .execute();

  await trx
    .insertInto('demand_model')
    .values({
      authority_id: sefton,
      title: 'Extra Care and specialised housing for people aged 75+',
      age_band: HOUSING_LIN_PREVALENCE_75_PLUS.ageBand,
      prevalence_source: HOUSING_LIN_PREVALENCE_75_PLUS.source,
      prevalence: JSON.stringify(HOUSING_LIN_PREVALENCE_75_PLUS.rates),
      population_source: 'held',
      years: SEFTON_75_PLUS_POPULATION.map((p) => p.year),
      supply: JSON.stringify({ extra_care_rent: 94 }),
    })
    .execute();
}
