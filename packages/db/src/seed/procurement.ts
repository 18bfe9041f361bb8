import { DEFAULT_GATEWAY_QUESTIONS, DEFAULT_SCALE_DESCRIPTORS, DEFAULT_SCALE_MAX } from '@concord/domain';
import type { Insertable, Transaction } from 'kysely';
import type {
  ApprovedListAction,
  ApprovedListEntryTable,
  EvaluationScoreTable,
  GatewayAnswerTable,
  ModeratedScoreTable,
  CriterionKind,
  Database,
  LotBasis,
  ProcurementRegime,
  ProcurementRoute,
  ProcurementStatus,
  SpecificationSection,
  VolumeUnit,
} from '../schema.ts';
import { authorityBySlug } from './authorities.ts';
import type { SeedPartnership } from './partnerships.ts';
import type { SeedUser } from './users.ts';

/**
 * The joint procurements of the seed papers, as demo data (issue 3).
 *
 * 1. LCR Tripartite Extra Care PDPS (seed 002), the model case: Liverpool leads for Sefton, Knowsley and
 *    itself; launched 3 April 2018, evaluation 1–31 May, approval 1–29 June, award 2 July, in place
 *    1 September 2018; a 10-year system used for at least 5. Lots by authority area over the 12 schemes
 *    and 632 units: Sefton 2 schemes / 94 units (from the paper); Knowsley 3 / 152 and Liverpool 7 / 386
 *    (the paper gives only the Tripartite total, so this split of the other 538 units is the demo's).
 *    Six providers admitted (the paper: six providers deliver across the twelve schemes), a seventh rejected
 *    at the gateway. Two evaluators score independently; every score is moderated.
 * 2. Staffordshire Supported Living flexible framework (seed 001): Staffordshire commissions alone, so it is
 *    given a one-member partnership, 'Staffordshire Supported Living', to fit the model (a procurement
 *    belongs to a partnership and is run by its lead). Lots by complexity of need and geography, sized on the
 *    paper's figures (highly complex ~65 people / ~5 providers, complex ~300 / ~15, less complex the
 *    remaining ~15% of contracted placements). Rates come from the council's cost-of-care exercise, so
 *    providers do not bid on price: the criteria are quality and social value. Tendered January 2024, live
 *    June 2024 (paper, para 17); one reopening in 2025 for unmet highly complex demand in the south.
 * 3. Leicestershire Help to Live at Home (seed 003): the County Council as lead commissioner for itself and
 *    the two CCGs; 15 lots by geography each held by one lead provider (route 'open_tender': a competitive
 *    tender for 3-year contracts with two 1-year extensions; expected providers 1 per lot). Phase 1 went live
 *    7 November 2016 with eight lead providers; one withdrew late and its three lots were re-procured, live
 *    6 November 2017 (Phase 2). Lot volumes are the lead providers' weekly hours in mid-August 2018, which
 *    total the paper's 12,533. Lot names (districts and localities) are the demo's: the paper does not name them.
 *
 * Dates the papers do not give (drafting, some decision dates, suspensions) are marked "assumed" in notes.
 * Providers are invented: names, Companies House numbers ('ZZ' + 6 digits: a valid shape with a prefix
 * Companies House does not use) and CQC IDs (12 digits, longer than real ones) are all fictional.
 */

export const PROCUREMENT_DEMO_USERS: SeedUser[] = [
  // A second evaluator at the lead authority, so Tripartite scores are independent and moderated.
  { email: 'officer.liverpool@concord.example', displayName: 'Kath Mercer', authority: 'liverpool', roles: ['contract_officer'], leads: [], platformAdmin: false },
];

/** Staffordshire runs its framework alone: a one-member partnership so it fits the joint-procurement model. */
export const STAFFORDSHIRE_PARTNERSHIP: SeedPartnership = {
  name: 'Staffordshire Supported Living',
  kind: 'framework_consortium',
  lead: 'staffordshire',
  members: ['staffordshire'],
  joinedOn: '2022-10-19',
  why: 'Seed 001: Staffordshire recommissions Supported Living on its own; a one-member partnership lets its framework use the same model.',
};

interface SeedProvider {
  key: string;
  legalName: string;
  companiesHouseNumber: string;
  cqcProviderId: string;
  isSme: boolean;
  isVcse: boolean;
  locations: { name: string; locality: string; rating: 'outstanding' | 'good' | 'requires_improvement'; ratedOn: string }[];
}

let providerSerial = 0;
function provider(key: string, legalName: string, flags: { sme?: boolean; vcse?: boolean }, locations: SeedProvider['locations']): SeedProvider {
  providerSerial += 1;
  const n = String(providerSerial).padStart(6, '0');
  return {
    key,
    legalName,
    companiesHouseNumber: `ZZ${n}`,
    cqcProviderId: `1-900000${n}`,
    isSme: flags.sme ?? false,
    isVcse: flags.vcse ?? false,
    locations,
  };
}

export const DEMO_PROVIDERS: SeedProvider[] = [
  // Tripartite Extra Care
  provider('mersey', 'Mersey Extra Care Ltd', {}, [
    { name: 'Mersey Extra Care: Bootle scheme', locality: 'Sefton', rating: 'good', ratedOn: '2019-05-14' },
    { name: 'Mersey Extra Care: Everton scheme', locality: 'Liverpool', rating: 'good', ratedOn: '2019-08-02' },
  ]),
  provider('three-boroughs', 'Three Boroughs Care and Support Ltd', {}, [
    { name: 'Three Boroughs: Huyton scheme', locality: 'Knowsley', rating: 'good', ratedOn: '2019-03-21' },
  ]),
  provider('liver-bird', 'Liver Bird Home Support CIC', { sme: true, vcse: true }, [
    { name: 'Liver Bird: Anfield scheme', locality: 'Liverpool', rating: 'outstanding', ratedOn: '2019-11-07' },
  ]),
  provider('sandstone', 'Sandstone Housing Care Ltd', {}, [
    { name: 'Sandstone: Southport scheme', locality: 'Sefton', rating: 'requires_improvement', ratedOn: '2021-02-18' },
    { name: 'Sandstone: Garston scheme', locality: 'Liverpool', rating: 'good', ratedOn: '2019-06-30' },
  ]),
  provider('pinewoods', 'Pinewoods Extra Care Ltd', { sme: true }, [
    { name: 'Pinewoods: Kirkby scheme', locality: 'Knowsley', rating: 'good', ratedOn: '2019-09-12' },
  ]),
  provider('dockside', 'Dockside Care Partnership Ltd', {}, [
    { name: 'Dockside: Toxteth scheme', locality: 'Liverpool', rating: 'good', ratedOn: '2020-01-23' },
  ]),
  provider('northway', 'Northway Domiciliary Care Ltd', { sme: true }, [
    { name: 'Northway: head office', locality: 'Liverpool', rating: 'good', ratedOn: '2017-10-05' },
  ]),
  // Staffordshire Supported Living
  provider('trent-valley', 'Trent Valley Supported Living Ltd', {}, [
    { name: 'Trent Valley: Burton core and cluster', locality: 'East Staffordshire', rating: 'good', ratedOn: '2023-07-11' },
  ]),
  provider('chase', 'Chase Independent Living CIC', { sme: true, vcse: true }, [
    { name: 'Chase Independent Living: Cannock', locality: 'Cannock Chase', rating: 'outstanding', ratedOn: '2023-03-02' },
  ]),
  provider('moorlands', 'Moorlands Community Support Ltd', { sme: true }, [
    { name: 'Moorlands Community Support: Leek', locality: 'Staffordshire Moorlands', rating: 'good', ratedOn: '2022-12-15' },
  ]),
  provider('potteries', 'Potteries Supported Living Ltd', {}, [
    { name: 'Potteries Supported Living: Newcastle-under-Lyme', locality: 'Newcastle-under-Lyme', rating: 'good', ratedOn: '2023-05-09' },
  ]),
  provider('spires', 'Three Spires Support Ltd', { sme: true }, [
    { name: 'Three Spires Support: Lichfield', locality: 'Lichfield', rating: 'good', ratedOn: '2023-09-26' },
  ]),
  provider('tame', 'Tame Valley Care Ltd', { sme: true }, [
    { name: 'Tame Valley Care: Tamworth', locality: 'Tamworth', rating: 'good', ratedOn: '2024-11-19' },
  ]),
  // Leicestershire Help to Live at Home lead providers
  provider('soar', 'Soar Valley Homecare Ltd', {}, [{ name: 'Soar Valley Homecare: Loughborough', locality: 'Charnwood', rating: 'good', ratedOn: '2017-06-08' }]),
  provider('wreake', 'Wreake Home Care Ltd', { sme: true }, [{ name: 'Wreake Home Care: Melton Mowbray', locality: 'Melton', rating: 'good', ratedOn: '2017-09-14' }]),
  provider('welland', 'Welland Care at Home Ltd', {}, [{ name: 'Welland Care at Home: Market Harborough', locality: 'Harborough', rating: 'good', ratedOn: '2017-04-27' }]),
  provider('bosworth', 'Bosworth Field Care Ltd', { sme: true }, [{ name: 'Bosworth Field Care: Hinckley', locality: 'Hinckley and Bosworth', rating: 'requires_improvement', ratedOn: '2018-02-01' }]),
  provider('charnwood-forest', 'Charnwood Forest Home Support Ltd', {}, [{ name: 'Charnwood Forest Home Support: Coalville', locality: 'North West Leicestershire', rating: 'good', ratedOn: '2017-11-30' }]),
  provider('sence', 'Sence Valley Care Ltd', { sme: true }, [{ name: 'Sence Valley Care: Blaby', locality: 'Blaby', rating: 'good', ratedOn: '2017-08-17' }]),
  provider('foxton', 'Foxton Locks Home Care Ltd', { sme: true }, [{ name: 'Foxton Locks Home Care: Oadby', locality: 'Oadby and Wigston', rating: 'good', ratedOn: '2018-01-11' }]),
  provider('ashby', 'Ashby Canal Care Ltd', {}, [{ name: 'Ashby Canal Care: Ashby-de-la-Zouch', locality: 'North West Leicestershire', rating: 'good', ratedOn: '2016-06-22' }]),
  provider('swithland', 'Swithland Home Care Ltd', { sme: true }, [{ name: 'Swithland Home Care: Syston', locality: 'Charnwood', rating: 'good', ratedOn: '2018-03-15' }]),
];

interface SeedCriterion {
  kind: CriterionKind;
  name: string;
  guidance?: string;
  weight: number;
}

interface SeedLot {
  name: string;
  basis: LotBasis;
  description: string;
  volume: number;
  unit: VolumeUnit;
  expectedProviders: number;
}

interface SeedApplication {
  provider: string; // SeedProvider key
  lots: number[]; // lot numbers
  receivedOn: string;
  bidPricePence: number | null;
  /** Agreed score per scored (non-price) criterion, in criteria order. */
  agreed: number[];
  outcome:
    | { kind: 'admitted'; on: string; reason: string; reopening?: boolean }
    | { kind: 'rejected'; on: string; failedQuestion: number; reason: string }
    | { kind: 'withdrawn'; on: string; reason: string };
}

interface SeedListEvent {
  provider: string;
  lot: number;
  action: Exclude<ApprovedListAction, 'admitted'>;
  on: string;
  reason: string;
}

interface SeedProcurement {
  partnership: string;
  lead: string; // authority slug
  recorder: string; // email of the lead commissioner who records decisions
  evaluators: string[]; // emails: the first is also the moderator
  moderate: boolean;
  reference: string;
  title: string;
  description: string;
  serviceType: string;
  route: ProcurementRoute;
  regime: ProcurementRegime;
  status: ProcurementStatus;
  estimatedValuePence: number | null;
  systemTermMonths: number | null;
  minimumUseMonths: number | null;
  createdAt: string;
  qualityThresholdPercent: number;
  buyers: string[]; // authority slugs
  specification: {
    title: string;
    published: { sections: SpecificationSection[]; publishedAt: string };
    draft?: { sections: SpecificationSection[]; changeNote: string };
  };
  decisions: { to: ProcurementStatus; on: string; reference: string; note?: string }[];
  milestones: { name: string; start: string; end: string }[];
  lots: SeedLot[];
  criteria: SeedCriterion[];
  reopenings: { opensOn: string; closesOn: string; reason: string }[];
  applications: SeedApplication[];
  listEvents: SeedListEvent[];
}

const section = (key: string, heading: string, body: string): SpecificationSection => ({ key, heading, body });

const TRIPARTITE_SPEC_V1: SpecificationSection[] = [
  section(
    'outcomes',
    'Outcomes',
    [
      'Care and support in Extra Care housing helps older people to live independently in their own home, with their own front door, for longer.',
      '',
      'Providers will help residents to:',
      '',
      '- stay well and avoid unnecessary admissions to hospital;',
      '- delay or prevent the need for long-term residential care;',
      '- return home from hospital to a place where care and support can be reached 24 hours a day;',
      '- remain part of their local community, with activities that reflect their interests.',
    ].join('\n'),
  ),
  section(
    'service_requirements',
    'Service requirements',
    [
      'Care includes personal care (help to wash and dress), preparing food, help to eat and drink, help with toileting and administering medication.',
      '',
      'Support includes help with shopping and paying bills, help to keep the home (cleaning and laundry), and advice on tenancy rights and responsibilities.',
      '',
      'Each scheme has a core volume of daytime hours and support at night. The purchasing authority sets out, in an **individual specification** for each scheme, the client group, number of units and location; it works with this overarching specification.',
    ].join('\n'),
  ),
  section(
    'quality',
    'Quality',
    [
      'The provider must be registered with the Care Quality Commission for personal care and keep a rating of Good or better at every location.',
      '',
      'Care is outcome-focused and planned with each resident; it changes as their needs change, so that Extra Care can be a home for the rest of their life.',
    ].join('\n'),
  ),
  section(
    'workforce',
    'Workforce',
    [
      'Staff are recruited safely (enhanced DBS checks with the adults’ barred list), trained in safeguarding, medication and dementia awareness, and supervised regularly.',
      '',
      'The provider has a plan to recruit and keep care workers locally, and to keep continuity of care for residents.',
    ].join('\n'),
  ),
  section(
    'monitoring',
    'Monitoring',
    [
      'The three authorities monitor every contract in the same way, so that they can compare performance across the Tripartite and providers report once in one format.',
      '',
      'Providers return the standard key performance indicators each quarter, and meet the purchasing authority’s contract officers at least twice a year.',
    ].join('\n'),
  ),
];

const TRIPARTITE_SPEC_V2: SpecificationSection[] = TRIPARTITE_SPEC_V1.map((s) =>
  s.key === 'outcomes'
    ? {
        ...s,
        body: `${s.body}\n\nSchemes may also support people with learning disabilities or mental health conditions, where the purchasing authority's individual specification says so.`,
      }
    : s,
).concat(
  section(
    'dementia',
    'Dementia provision',
    'Where a scheme includes dementia provision, the provider adapts care and activities for residents living with dementia and trains all staff in dementia care to the level the role needs.',
  ),
);

const EXTRA_CARE_CRITERIA: SeedCriterion[] = [
  { kind: 'quality', name: 'Person-centred care and support outcomes', weight: 20 },
  { kind: 'quality', name: 'Safeguarding and managing risk', weight: 15 },
  { kind: 'quality', name: 'Workforce: recruitment, retention and training', weight: 15 },
  { kind: 'quality', name: 'Mobilisation and working with housing providers', weight: 10 },
  { kind: 'price', name: 'Hourly rate for care and support, against the Tripartite cost model', weight: 30 },
  { kind: 'social_value', name: 'Social value: local employment and community activities', weight: 10 },
];

const TRIPARTITE_AWARD = 'Contract award, 2 July 2018, under Liverpool City Council’s delegated approval to award';

const TRIPARTITE: SeedProcurement = {
  partnership: 'LCR Tripartite',
  lead: 'liverpool',
  recorder: 'commissioner.liverpool@concord.example',
  evaluators: ['commissioner.liverpool@concord.example', 'officer.liverpool@concord.example'],
  moderate: true,
  reference: 'LCR-EC-2018',
  title: 'Care and support in Extra Care housing: LCR Tripartite PDPS',
  description:
    'A Pseudo Dynamic Purchasing System giving an approved list of providers of care and support in Extra Care housing for Sefton, Knowsley and Liverpool. Each authority calls off its own contracts, by direct call-off or mini-competition, under an individual specification for each scheme.',
  serviceType: 'extra_care',
  route: 'pdps',
  regime: 'pcr_2015_light_touch',
  status: 'live',
  estimatedValuePence: null, // the paper gives no value
  systemTermMonths: 120,
  minimumUseMonths: 60,
  createdAt: '2018-02-01T09:00:00Z', // assumed: drafted before Sefton's Cabinet of 8 March 2018
  qualityThresholdPercent: 60, // assumed: the paper gives no threshold
  buyers: ['liverpool', 'sefton', 'knowsley'],
  specification: {
    title: 'Care and support in Extra Care housing: Tripartite overarching specification',
    published: { sections: TRIPARTITE_SPEC_V1, publishedAt: '2018-04-03T09:00:00Z' },
    draft: {
      sections: TRIPARTITE_SPEC_V2,
      changeNote: 'Adds dementia provision and support for people with learning disabilities or mental health conditions (Sefton paper, 3.7 and 3.8).',
    },
  },
  decisions: [
    {
      to: 'market_engagement',
      on: '2018-03-08',
      reference: 'Sefton Council Cabinet, 8 March 2018: approval to commence a procurement led by Liverpool City Council (Key Decision)',
      note: 'Sefton’s Cabinet report. Knowsley’s and Liverpool’s own approvals are not in the seed papers.',
    },
    { to: 'published', on: '2018-04-03', reference: 'Liverpool City Council (lead authority): procurement launched, 3 April 2018' },
    { to: 'evaluation', on: '2018-05-01', reference: 'Liverpool City Council: evaluation, 1 to 31 May 2018' },
    { to: 'award_approval', on: '2018-06-01', reference: 'Liverpool City Council: report and delegated approval to award, 1 to 29 June 2018' },
    {
      to: 'live',
      on: '2018-09-01',
      reference: 'Liverpool City Council delegated decision: award (contract award 2 July 2018); PDPS in place 1 September 2018',
    },
  ],
  milestones: [
    { name: 'Procurement launched', start: '2018-04-03', end: '2018-04-03' },
    { name: 'Evaluation', start: '2018-05-01', end: '2018-05-31' },
    { name: 'Report and delegated approval to award', start: '2018-06-01', end: '2018-06-29' },
    { name: 'Contract award', start: '2018-07-02', end: '2018-07-02' },
    { name: 'PDPS in place', start: '2018-09-01', end: '2018-09-01' },
  ],
  lots: [
    { name: 'Sefton', basis: 'geography', description: '2 Extra Care schemes, 94 units (Sefton paper, 1.2).', volume: 94, unit: 'units', expectedProviders: 3 },
    { name: 'Knowsley', basis: 'geography', description: '3 Extra Care schemes, 152 units (demo split of the Tripartite total).', volume: 152, unit: 'units', expectedProviders: 3 },
    { name: 'Liverpool', basis: 'geography', description: '7 Extra Care schemes, 386 units (demo split of the Tripartite total).', volume: 386, unit: 'units', expectedProviders: 5 },
  ],
  criteria: EXTRA_CARE_CRITERIA,
  reopenings: [],
  applications: [
    { provider: 'mersey', lots: [1, 3], receivedOn: '2018-04-18', bidPricePence: 1_695, agreed: [4, 4, 4, 3, 4], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    { provider: 'three-boroughs', lots: [2], receivedOn: '2018-04-20', bidPricePence: 1_720, agreed: [4, 3, 4, 4, 3], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    { provider: 'liver-bird', lots: [3], receivedOn: '2018-04-24', bidPricePence: 1_780, agreed: [5, 4, 4, 4, 5], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    { provider: 'sandstone', lots: [1, 3], receivedOn: '2018-04-25', bidPricePence: 1_650, agreed: [3, 4, 3, 3, 3], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    { provider: 'pinewoods', lots: [2, 1], receivedOn: '2018-04-26', bidPricePence: 1_710, agreed: [4, 4, 3, 4, 3], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    { provider: 'dockside', lots: [3, 2], receivedOn: '2018-04-27', bidPricePence: 1_740, agreed: [4, 3, 4, 3, 4], outcome: { kind: 'admitted', on: '2018-07-02', reason: TRIPARTITE_AWARD } },
    {
      provider: 'northway',
      lots: [3],
      receivedOn: '2018-04-30',
      bidPricePence: 1_590,
      agreed: [],
      outcome: { kind: 'rejected', on: '2018-05-04', failedQuestion: 1, reason: 'Failed the gateway: employers’ liability insurance below £5 million' },
    },
  ],
  listEvents: [
    { provider: 'sandstone', lot: 1, action: 'suspended', on: '2021-03-15', reason: 'CQC rated the Southport scheme Requires improvement; quality improvement plan agreed (assumed, demo)' },
    { provider: 'sandstone', lot: 1, action: 'reinstated', on: '2021-09-01', reason: 'Quality improvement plan completed and verified by Sefton’s contract officers (assumed, demo)' },
  ],
};

const SUPPORTED_LIVING_AWARD = 'Framework award under Staffordshire County Council’s delegated decision (assumed date)';

const STAFFORDSHIRE: SeedProcurement = {
  partnership: STAFFORDSHIRE_PARTNERSHIP.name,
  lead: 'staffordshire',
  recorder: 'commissioner.staffordshire@concord.example',
  evaluators: ['commissioner.staffordshire@concord.example'],
  moderate: false,
  reference: 'SCC-SL-FW-2024',
  title: 'Supported Living flexible framework',
  description:
    'A flexible framework of care providers appointed at the start and reopened periodically where there is unmet demand or a gap that block contracts cannot fill. Lots by complexity of need and geography; weekly rates set by the council’s cost-of-care exercise.',
  serviceType: 'supported_living',
  route: 'framework',
  regime: 'pcr_2015_light_touch',
  status: 'live',
  estimatedValuePence: null,
  systemTermMonths: 48, // assumed: the paper gives no framework term
  minimumUseMonths: null,
  createdAt: '2022-10-20T09:00:00Z',
  qualityThresholdPercent: 60, // assumed
  buyers: ['staffordshire'],
  specification: {
    title: 'Supported Living in Staffordshire: service specification',
    published: {
      publishedAt: '2024-01-15T09:00:00Z',
      sections: [
        section(
          'outcomes',
          'Outcomes',
          'People with learning disabilities, autism, mental health problems or physical disabilities live as independently as they wish, with care that builds on their strengths and helps them achieve the outcomes they want.',
        ),
        section(
          'service_requirements',
          'Service requirements',
          'Care and support in a specialised housing scheme provided by a registered housing provider. Staff are shared across the people in a scheme (typically four to six), with 1:1 support only where assessed eligible needs require it.',
        ),
        section(
          'quality',
          'Quality',
          'Providers of personal care or medication are registered with the CQC and keep to its standards; support is strengths-based; for less complex needs it has a reablement focus.',
        ),
        section(
          'workforce',
          'Workforce',
          'Staff are skilled in positive behaviour support so that intrusive 1:1 support is used only when needed; staff transfer under TUPE is planned with incoming and outgoing providers.',
        ),
        section('monitoring', 'Monitoring', 'Quarterly contract monitoring on outcomes, vacancies and capacity; the council works with providers to develop skills and facilities.'),
      ],
    },
  },
  decisions: [
    {
      to: 'market_engagement',
      on: '2022-10-19',
      reference: 'Staffordshire County Council Cabinet, 19 October 2022: final recommendations for Supported Living (paragraphs 8 to 12)',
    },
    { to: 'published', on: '2024-01-15', reference: 'Framework tendered, January 2024 (Cabinet report, paragraph 17)', note: 'Day of the month assumed.' },
    { to: 'evaluation', on: '2024-02-26', reference: 'Tender period closed (assumed date)' },
    { to: 'award_approval', on: '2024-04-15', reference: 'Evaluation report to the Assistant Director, Care Commissioning (assumed date)' },
    { to: 'live', on: '2024-06-01', reference: 'Framework contract start, June 2024 (Cabinet report, paragraph 17)' },
  ],
  milestones: [
    { name: 'Cabinet approves final recommendations', start: '2022-10-19', end: '2022-10-19' },
    { name: 'Framework tendered', start: '2024-01-15', end: '2024-02-26' },
    { name: 'Evaluation and award', start: '2024-02-26', end: '2024-05-10' },
    { name: 'Framework starts', start: '2024-06-01', end: '2024-06-01' },
    { name: 'First reopening', start: '2025-04-01', end: '2025-04-30' },
  ],
  lots: [
    { name: 'Highly complex: north', basis: 'complexity', description: 'Highly complex needs in the north of the county (around 65 people and 5 providers across both highly complex lots).', volume: 30, unit: 'people', expectedProviders: 2 },
    { name: 'Highly complex: south', basis: 'complexity', description: 'Highly complex needs in the south of the county.', volume: 35, unit: 'people', expectedProviders: 3 },
    { name: 'Complex: north', basis: 'complexity', description: 'Complex needs in the north of the county (around 300 people and 15 providers across both complex lots).', volume: 140, unit: 'people', expectedProviders: 7 },
    { name: 'Complex: south', basis: 'complexity', description: 'Complex needs in the south of the county.', volume: 160, unit: 'people', expectedProviders: 8 },
    { name: 'Less complex: countywide', basis: 'complexity', description: 'Less complex needs with a reablement focus: the remaining ~15% of contracted placements.', volume: 65, unit: 'people', expectedProviders: 5 },
  ],
  criteria: [
    { kind: 'quality', name: 'Strengths-based, outcome-focused support', weight: 35 },
    { kind: 'quality', name: 'Positive behaviour support and reducing 1:1', weight: 30 },
    { kind: 'quality', name: 'Workforce and working with housing providers', weight: 25 },
    { kind: 'social_value', name: 'Social value in Staffordshire', weight: 10 },
  ],
  reopenings: [{ opensOn: '2025-04-01', closesOn: '2025-04-30', reason: 'Unmet demand for highly complex placements in the south of the county (assumed, demo)' }],
  applications: [
    { provider: 'trent-valley', lots: [2, 4], receivedOn: '2024-02-12', bidPricePence: null, agreed: [4, 4, 4, 3], outcome: { kind: 'admitted', on: '2024-05-10', reason: SUPPORTED_LIVING_AWARD } },
    { provider: 'chase', lots: [2, 4, 5], receivedOn: '2024-02-14', bidPricePence: null, agreed: [5, 4, 4, 5], outcome: { kind: 'admitted', on: '2024-05-10', reason: SUPPORTED_LIVING_AWARD } },
    { provider: 'moorlands', lots: [1, 3], receivedOn: '2024-02-15', bidPricePence: null, agreed: [4, 3, 4, 4], outcome: { kind: 'admitted', on: '2024-05-10', reason: SUPPORTED_LIVING_AWARD } },
    { provider: 'potteries', lots: [1, 3, 5], receivedOn: '2024-02-19', bidPricePence: null, agreed: [4, 4, 3, 3], outcome: { kind: 'admitted', on: '2024-05-10', reason: SUPPORTED_LIVING_AWARD } },
    { provider: 'spires', lots: [4, 5], receivedOn: '2024-02-22', bidPricePence: null, agreed: [3, 4, 4, 3], outcome: { kind: 'admitted', on: '2024-05-10', reason: SUPPORTED_LIVING_AWARD } },
    {
      provider: 'tame',
      lots: [2],
      receivedOn: '2025-04-07',
      bidPricePence: null,
      agreed: [4, 4, 3, 4],
      outcome: { kind: 'admitted', on: '2025-04-28', reason: 'Admitted through the April 2025 reopening (assumed, demo)', reopening: true },
    },
  ],
  listEvents: [],
};

/** The 15 lots of Help to Live at Home, with the lead providers' weekly hours in mid-August 2018 (total 12,533). */
const HTLAH_LOTS: [string, number][] = [
  ['Loughborough', 1_210],
  ['Charnwood villages', 820],
  ['Syston and Soar Valley', 760],
  ['Melton', 690],
  ['Market Harborough', 840],
  ['Lutterworth and Harborough villages', 610],
  ['Hinckley', 1_050],
  ['Market Bosworth', 560],
  ['Coalville', 1_020],
  ['Ashby and Castle Donington', 780],
  ['Blaby north', 820],
  ['Blaby south', 640],
  ['Oadby and Wigston', 930],
  ['Melton villages', 480],
  ['Charnwood Forest', 1_323],
];

const PHASE_1 = 'Lead provider contract award, Phase 1 (live 7 November 2016; award date assumed)';
const PHASE_2 = 'Lead provider contract, Phase 2: lot re-procured after a provider withdrew (live 6 November 2017)';

const LEICESTERSHIRE: SeedProcurement = {
  partnership: 'Leicestershire with NHS partners',
  lead: 'leicestershire',
  recorder: 'commissioner.leicestershire@concord.example',
  evaluators: ['commissioner.leicestershire@concord.example'],
  moderate: false,
  reference: 'LCC-HTLAH-2016',
  title: 'Help to Live at Home: lead providers of home care',
  description:
    'An integrated home care model jointly commissioned by Leicestershire County Council, East Leicestershire and Rutland CCG and West Leicestershire CCG, with the County Council as lead commissioner. One lead provider per lot; supplementary providers (a separate framework) take what the leads cannot. Contracts for three years with two one-year extensions.',
  serviceType: 'home_care',
  route: 'open_tender',
  regime: 'pcr_2015_light_touch',
  status: 'live',
  estimatedValuePence: null,
  systemTermMonths: 60,
  minimumUseMonths: 36,
  createdAt: '2015-10-07T09:00:00Z',
  qualityThresholdPercent: 50, // assumed
  buyers: ['leicestershire', 'elr-ccg', 'wl-ccg'],
  specification: {
    title: 'Help to Live at Home: home care specification',
    published: {
      publishedAt: '2016-03-01T09:00:00Z', // assumed
      sections: [
        section(
          'outcomes',
          'Outcomes',
          'People achieve the greatest possible independence at home, with a focus on reablement; support after a hospital stay, or more support in the community, avoids an admission to hospital or a care home.',
        ),
        section(
          'service_requirements',
          'Service requirements',
          'Home (domiciliary) care for people leaving hospital and for people in the community whose needs have changed; lead providers deliver across their whole lot as part of integrated locality care and support.',
        ),
        section('quality', 'Quality', 'Providers keep or improve their Care Quality Commission ratings, supported by the council’s Quality Team on care planning, medication and recording.'),
        section('workforce', 'Workforce', 'Providers recruit and keep care workers in the county, with help from the council’s external workforce team.'),
        section('monitoring', 'Monitoring', 'A joint group of the three commissioning organisations meets regularly to oversee the performance of the lead providers and plan for winter.'),
      ],
    },
  },
  decisions: [
    {
      to: 'market_engagement',
      on: '2015-10-07',
      reference: 'Leicestershire County Council Cabinet, 7 October 2015: full business case for the joint commissioning of personal care in the home (Help to Live at Home)',
    },
    { to: 'published', on: '2016-03-01', reference: 'Tender published by Leicestershire County Council as lead commissioner (assumed date)' },
    { to: 'evaluation', on: '2016-05-03', reference: 'Tender period closed (assumed date)' },
    { to: 'award_approval', on: '2016-07-01', reference: 'Evaluation report to the Director of Adults and Communities (assumed date)' },
    { to: 'live', on: '2016-11-07', reference: 'Phase 1 contracts live, 7 November 2016 (Scrutiny report, 11 September 2018, paragraph 8)' },
  ],
  milestones: [
    { name: 'Cabinet approves the business case', start: '2015-10-07', end: '2015-10-07' },
    { name: 'Phase 1 live (eight lead providers, 15 lots)', start: '2016-11-07', end: '2016-11-07' },
    { name: 'Phase 2 live (three lots re-procured)', start: '2017-11-06', end: '2017-11-06' },
    { name: 'Initial three-year term ends', start: '2019-11-06', end: '2019-11-06' },
  ],
  lots: HTLAH_LOTS.map(([name, hours]) => ({
    name,
    basis: 'geography' as const,
    description: `Lead provider's hours a week in mid-August 2018: ${hours.toLocaleString('en-GB')}.`,
    volume: hours,
    unit: 'hours_per_week' as const,
    expectedProviders: 1,
  })),
  criteria: [
    { kind: 'quality', name: 'Reablement and outcomes', weight: 30 },
    { kind: 'quality', name: 'Capacity and response times across the lot', weight: 25 },
    { kind: 'quality', name: 'Workforce recruitment and retention', weight: 15 },
    { kind: 'price', name: 'Hourly rate', weight: 30 },
  ],
  reopenings: [],
  applications: [
    { provider: 'soar', lots: [1, 3], receivedOn: '2016-04-20', bidPricePence: 1_598, agreed: [4, 4, 3], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'swithland', lots: [2, 15], receivedOn: '2016-04-21', bidPricePence: 1_612, agreed: [4, 3, 4], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'wreake', lots: [4, 14], receivedOn: '2016-04-22', bidPricePence: 1_625, agreed: [3, 4, 3], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'welland', lots: [5, 6], receivedOn: '2016-04-25', bidPricePence: 1_580, agreed: [4, 4, 4], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'bosworth', lots: [7, 8], receivedOn: '2016-04-26', bidPricePence: 1_640, agreed: [3, 3, 4], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'charnwood-forest', lots: [9], receivedOn: '2016-04-27', bidPricePence: 1_605, agreed: [4, 3, 3], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'sence', lots: [13], receivedOn: '2016-04-28', bidPricePence: 1_590, agreed: [3, 4, 4], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    // Admitted to three lots, then withdrew before the service started: its lots were re-procured.
    { provider: 'ashby', lots: [10, 11, 12], receivedOn: '2016-04-29', bidPricePence: 1_570, agreed: [4, 3, 3], outcome: { kind: 'admitted', on: '2016-08-01', reason: PHASE_1 } },
    { provider: 'foxton', lots: [10, 11, 12], receivedOn: '2017-06-15', bidPricePence: 1_660, agreed: [3, 3, 3], outcome: { kind: 'admitted', on: '2017-09-01', reason: PHASE_2 } },
  ],
  listEvents: [
    ...[10, 11, 12].map((lot) => ({
      provider: 'ashby',
      lot,
      action: 'removed' as const,
      on: '2016-10-14',
      reason: 'The provider withdrew at a late stage, before the service started; the lot is re-procured (Scrutiny report, paragraph 8; date assumed)',
    })),
  ],
};

export const DEMO_PROCUREMENTS: SeedProcurement[] = [TRIPARTITE, STAFFORDSHIRE, LEICESTERSHIRE];

type Trx = Transaction<Database>;

const RATIONALE = DEFAULT_SCALE_DESCRIPTORS.map((d) => d.descriptor.split(':')[0]!);

async function writeProcurement(trx: Trx, def: SeedProcurement, partnershipId: string, users: Map<string, string>, providers: Map<string, string>): Promise<void> {
  const authorityId = authorityBySlug(def.lead).id;
  const base = { authority_id: authorityId, partnership_id: partnershipId };
  const recorder = users.get(def.recorder)!;
  const evaluators = def.evaluators.map((e) => users.get(e)!);

  const spec = await trx
    .insertInto('specification')
    .values({ ...base, title: def.specification.title, service_type: def.serviceType, created_at: def.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  const published = await trx
    .insertInto('specification_version')
    .values({
      ...base,
      specification_id: spec.id,
      version: 1,
      status: 'published',
      sections: JSON.stringify(def.specification.published.sections),
      change_note: 'First version',
      created_at: def.createdAt,
      published_at: def.specification.published.publishedAt,
      published_by: recorder,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (def.specification.draft) {
    await trx
      .insertInto('specification_version')
      .values({ ...base, specification_id: spec.id, version: 2, sections: JSON.stringify(def.specification.draft.sections), change_note: def.specification.draft.changeNote })
      .execute();
  }

  const { id: procurementId } = await trx
    .insertInto('procurement')
    .values({
      ...base,
      reference: def.reference,
      title: def.title,
      description: def.description,
      service_type: def.serviceType,
      route: def.route,
      regime: def.regime,
      status: def.status,
      estimated_value_pence: def.estimatedValuePence,
      system_term_months: def.systemTermMonths,
      minimum_use_months: def.minimumUseMonths,
      specification_id: spec.id,
      specification_version_id: published.id,
      scale_max: DEFAULT_SCALE_MAX,
      scale_descriptors: JSON.stringify(DEFAULT_SCALE_DESCRIPTORS),
      quality_threshold_percent: def.qualityThresholdPercent,
      created_at: def.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const child = { ...base, procurement_id: procurementId };

  await trx
    .insertInto('procurement_buyer')
    .values(def.buyers.map((slug) => ({ ...child, buyer_authority_id: authorityBySlug(slug).id })))
    .execute();

  let from: ProcurementStatus = 'draft';
  const decisions = def.decisions.map((d) => {
    const row = {
      ...child,
      from_status: from,
      to_status: d.to,
      decided_by: recorder,
      decided_on: d.on,
      recorded_at: `${d.on}T17:00:00Z`,
      decision_reference: d.reference,
      note: d.note ?? null,
    };
    from = d.to;
    return row;
  });
  if (from !== def.status) throw new Error(`${def.reference}: the decisions end at ${from}, not ${def.status}`);
  await trx.insertInto('procurement_decision').values(decisions).execute();

  await trx
    .insertInto('procurement_milestone')
    .values(
      def.milestones.map((m, position) => ({
        ...child,
        name: m.name,
        position,
        planned_start: m.start,
        planned_end: m.end,
        actual_start: m.start,
        actual_end: m.end,
      })),
    )
    .execute();

  const lots = await trx
    .insertInto('lot')
    .values(
      def.lots.map((l, i) => ({
        ...child,
        number: i + 1,
        name: l.name,
        basis: l.basis,
        description: l.description,
        estimated_volume: l.volume,
        volume_unit: l.unit,
        expected_providers: l.expectedProviders,
      })),
    )
    .returning(['id', 'number'])
    .execute();
  const lotId = (n: number) => lots.find((l) => l.number === n)!.id;

  const criteria = await trx
    .insertInto('evaluation_criterion')
    .values(def.criteria.map((c, position) => ({ ...child, kind: c.kind, name: c.name, guidance: c.guidance ?? null, weight_percent: c.weight, position })))
    .returning(['id', 'kind', 'position'])
    .execute();
  const scored = criteria.filter((c) => c.kind !== 'price').sort((a, b) => a.position - b.position);

  const questions = await trx
    .insertInto('gateway_question')
    .values(DEFAULT_GATEWAY_QUESTIONS.map((question, position) => ({ ...child, question, position })))
    .returning(['id', 'position'])
    .execute();
  questions.sort((a, b) => a.position - b.position);

  const reopenings = def.reopenings.length
    ? await trx
        .insertInto('reopening')
        .values(def.reopenings.map((r) => ({ ...child, opens_on: r.opensOn, closes_on: r.closesOn, reason: r.reason })))
        .returning(['id', 'opens_on'])
        .execute()
    : [];

  const scores: Insertable<EvaluationScoreTable>[] = [];
  const moderated: Insertable<ModeratedScoreTable>[] = [];
  const answers: Insertable<GatewayAnswerTable>[] = [];
  const entries: { key: string; row: Insertable<ApprovedListEntryTable>; reason: string; on: string }[] = [];

  // All applications in one statement; each provider applies once per procurement, so it keys the result.
  const applicationRows = await trx
    .insertInto('application')
    .values(
      def.applications.map((a) => ({
        authority_id: authorityId,
        procurement_id: procurementId,
        provider_id: providers.get(a.provider)!,
        reopening_id: a.outcome.kind === 'admitted' && a.outcome.reopening ? (reopenings[0]?.id ?? null) : null,
        received_on: a.receivedOn,
        bid_price_pence: a.bidPricePence,
        status: a.outcome.kind,
        outcome_reason: a.outcome.reason,
        decided_on: a.outcome.on,
      })),
    )
    .returning(['id', 'provider_id'])
    .execute();
  const applicationIdOf = (a: SeedApplication) => applicationRows.find((r) => r.provider_id === providers.get(a.provider))!.id;
  await trx
    .insertInto('application_lot')
    .values(def.applications.flatMap((a) => a.lots.map((n) => ({ authority_id: authorityId, application_id: applicationIdOf(a), lot_id: lotId(n) }))))
    .execute();

  for (const a of def.applications) {
    const outcome = a.outcome;
    const applicationId = applicationIdOf(a);
    const failed = outcome.kind === 'rejected' ? outcome.failedQuestion : -1;
    questions.forEach((q, i) => {
      // A gateway fail ends the answers there.
      if (failed >= 0 && i > failed) return;
      answers.push({ authority_id: authorityId, application_id: applicationId, question_id: q.id, passed: i !== failed, note: i === failed ? outcome.reason : null });
    });
    if (failed >= 0) continue;

    scored.forEach((c, i) => {
      const agreed = a.agreed[i]!;
      evaluators.forEach((evaluator, e) => {
        // The second evaluator is a point apart on every other criterion, so moderation has work to do.
        const own = e === 0 || i % 2 === 0 ? agreed : Math.max(0, Math.min(DEFAULT_SCALE_MAX, agreed + (agreed >= 4 ? -1 : 1)));
        scores.push({
          authority_id: authorityId,
          application_id: applicationId,
          criterion_id: c.id,
          evaluator_id: evaluator,
          score: own,
          rationale: `${RATIONALE[own]}: evidence in the written answer (demo).`,
        });
      });
      if (def.moderate) {
        moderated.push({
          authority_id: authorityId,
          application_id: applicationId,
          criterion_id: c.id,
          score: agreed,
          rationale: `Panel agreed ${agreed} (${RATIONALE[agreed]}) at moderation (demo).`,
          moderated_by: evaluators[0]!,
          moderated_at: `${def.decisions.find((d) => d.to === 'award_approval')!.on}T10:00:00Z`,
        });
      }
    });

    if (outcome.kind === 'admitted') {
      for (const n of a.lots) {
        entries.push({
          key: `${a.provider}:${n}`,
          row: { ...base, procurement_id: procurementId, lot_id: lotId(n), provider_id: providers.get(a.provider)!, status: 'active', admitted_on: outcome.on },
          reason: outcome.reason,
          on: outcome.on,
        });
      }
    }
  }
  if (answers.length) await trx.insertInto('gateway_answer').values(answers).execute();
  if (scores.length) await trx.insertInto('evaluation_score').values(scores).execute();
  if (moderated.length) await trx.insertInto('moderated_score').values(moderated).execute();

  // The list's current state follows from its events.
  const finalStatus = new Map<string, 'active' | 'suspended' | 'removed'>();
  for (const e of def.listEvents) finalStatus.set(`${e.provider}:${e.lot}`, e.action === 'reinstated' ? 'active' : e.action);
  const created = await trx
    .insertInto('approved_list_entry')
    .values(entries.map((e) => ({ ...e.row, status: finalStatus.get(e.key) ?? 'active' })))
    .returning(['id', 'lot_id', 'provider_id'])
    .execute();
  const entryId = (key: string) => {
    const [providerKey, lot] = key.split(':');
    return created.find((c) => c.provider_id === providers.get(providerKey!) && c.lot_id === lotId(Number(lot)))!.id;
  };
  await trx
    .insertInto('approved_list_event')
    .values([
      ...entries.map((e) => ({ ...base, entry_id: entryId(e.key), action: 'admitted' as const, effective_on: e.on, reason: e.reason, recorded_by: recorder, recorded_at: `${e.on}T12:00:00Z` })),
      ...def.listEvents.map((e) => ({
        ...base,
        entry_id: entryId(`${e.provider}:${e.lot}`),
        action: e.action,
        effective_on: e.on,
        reason: e.reason,
        recorded_by: recorder,
        recorded_at: `${e.on}T12:00:00Z`,
      })),
    ])
    .execute();
}

/**
 * Writes the demo procurements. Runs inside seedDemo's transaction as the owner, so row-level security does
 * not apply: every row is written with the lead's authority_id and the partnership_id, as the policies expect.
 */
export async function seedProcurements(
  trx: Trx,
  context: { partnershipIds: Map<string, string>; userIds: Map<string, string>; passwordHash: string },
): Promise<SeedUser[]> {
  // The Staffordshire partnership and its lead commissioner.
  const staffordshire = authorityBySlug('staffordshire').id;
  const { id: staffsPartnership } = await trx
    .insertInto('partnership')
    .values({ name: STAFFORDSHIRE_PARTNERSHIP.name, kind: STAFFORDSHIRE_PARTNERSHIP.kind, lead_authority_id: staffordshire })
    .returning('id')
    .executeTakeFirstOrThrow();
  context.partnershipIds.set(STAFFORDSHIRE_PARTNERSHIP.name, staffsPartnership);
  await trx.insertInto('partnership_member').values({ authority_id: staffordshire, partnership_id: staffsPartnership, joined_on: STAFFORDSHIRE_PARTNERSHIP.joinedOn }).execute();
  await trx
    .insertInto('partnership_role')
    .values({
      authority_id: staffordshire,
      partnership_id: staffsPartnership,
      user_id: context.userIds.get('commissioner.staffordshire@concord.example')!,
      role: 'lead_commissioner',
    })
    .execute();

  for (const u of PROCUREMENT_DEMO_USERS) {
    const { id } = await trx
      .insertInto('app_user')
      .values({ email: u.email, display_name: u.displayName, password_hash: context.passwordHash, is_platform_admin: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    context.userIds.set(u.email, id);
    for (const role of u.roles) await trx.insertInto('membership').values({ authority_id: authorityBySlug(u.authority!).id, user_id: id, role }).execute();
  }

  const created = await trx
    .insertInto('provider')
    .values(
      DEMO_PROVIDERS.map((p) => ({
        legal_name: p.legalName,
        companies_house_number: p.companiesHouseNumber,
        cqc_provider_id: p.cqcProviderId,
        is_sme: p.isSme,
        is_vcse: p.isVcse,
      })),
    )
    .returning(['id', 'legal_name'])
    .execute();
  const providers = new Map(DEMO_PROVIDERS.map((p) => [p.key, created.find((c) => c.legal_name === p.legalName)!.id]));
  let location = 0;
  await trx
    .insertInto('provider_location')
    .values(
      DEMO_PROVIDERS.flatMap((p) =>
        p.locations.map((l) => ({
          provider_id: providers.get(p.key)!,
          cqc_location_id: `1-910000${String(++location).padStart(6, '0')}`,
          name: l.name,
          locality: l.locality,
          rating: l.rating,
          rated_on: l.ratedOn,
        })),
      ),
    )
    .execute();

  for (const def of DEMO_PROCUREMENTS) {
    await writeProcurement(trx, def, context.partnershipIds.get(def.partnership)!, context.userIds, providers);
  }
  return PROCUREMENT_DEMO_USERS;
}
