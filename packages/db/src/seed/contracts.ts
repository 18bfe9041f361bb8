import { contractTermEnd, extendEnd, scoreMiniCompetition, termValue } from '@concord/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { ContractSource, ProviderRole } from '../schema-contracts.ts';
import { authorityBySlug } from './authorities.ts';
import {
  dayAfter,
  leicestershireLeadPackages,
  leicestershireSupplementaryPackages,
  plymouthPlacements,
  plymouthPlacements2022,
  staffordshirePlacements,
  type GeneratedPlacement,
} from './placements.ts';

type Trx = Transaction<Database>;

/**
 * The contract registers, placements and budgets of the seed papers (issue 4), as demo data. Every figure the
 * papers give comes out of these rows (the acceptance tests read them back through the API); none is stored
 * as a total.
 *
 * - Kent (seed 004): eight area home-care contracts, annual values totalling £33,632,993.52; four end on
 *   28 February 2019 and four on 31 March 2019, so continuing them all to 31 May 2019 (92 and 61 days) adds
 *   £7,095,568.31 at annual × days ÷ 365 (the values were solved for that). The continuation itself is left
 *   for the demo user (and the acceptance test) to make through the bulk continuation.
 * - Plymouth (seed 000): the Shared Lives South West contract since 2012 (expired 30 September 2023) and the
 *   two-year direct award from 1 October 2023 (£403,589 a year, £807,178 for the term), 13 long-term
 *   placements averaging £245 a week, the 2023/24 Shared Lives budget of £403,589 and the scheme fee that,
 *   with the placements, makes up the contract's cost.
 * - Staffordshire (seed 001): 509 supported-living placements with 81 providers (see placements.ts), the
 *   council-paid ones under one DPS call-off contract per provider, extended by their last option to
 *   30 September 2023 (paper, paragraph 3d).
 * - Leicestershire (seed 003): the 15 Help to Live at Home lot contracts (lead providers, linked to the joint
 *   procurement's lots) and 14 supplementary providers' contingency contracts, with the 1,775 packages of
 *   mid-August 2018.
 * - Sefton (seed 002): its two Extra Care schemes, 94 units, called off from the Tripartite PDPS when the old
 *   block contracts ended on 31 March 2019: Bootle (50 units) by direct call-off to the scheme's provider,
 *   Southport (44 units) by mini-competition among the Sefton lot's three providers, scored by the domain.
 * Providers not in the procurement seed are invented: names, Companies House numbers ('ZY' + 6 digits, a
 * prefix Companies House does not use) and CQC IDs ('1-8000…', longer than real ones) are fictional, except
 * Shared Lives South West, which the Plymouth paper names.
 */

let providerSerial = 0;
async function newProviders(trx: Trx, names: string[], flags: { sme?: boolean; vcse?: boolean } = {}): Promise<string[]> {
  const rows = names.map((legal_name) => {
    providerSerial += 1;
    const n = String(providerSerial).padStart(6, '0');
    return { legal_name, companies_house_number: `ZY${n}`, cqc_provider_id: `1-800000${n}`, is_sme: flags.sme ?? true, is_vcse: flags.vcse ?? false };
  });
  const created = await trx.insertInto('provider').values(rows).returning(['id', 'legal_name']).execute();
  return names.map((n) => created.find((c) => c.legal_name === n)!.id);
}

async function providerByName(trx: Trx, name: string): Promise<string> {
  return (await trx.selectFrom('provider').select('id').where('legal_name', '=', name).executeTakeFirstOrThrow()).id;
}

interface SeedContract {
  reference: string;
  title: string;
  providerId: string;
  serviceType: string;
  source: ContractSource;
  startDate: string;
  initialMonths: number;
  /** Extension options in order; `exercised` ones have moved the end date (a variation each). */
  options: { months: number; exercised?: { decidedOn: string; reference: string } }[];
  annualValuePence: number;
  providerRole?: ProviderRole | null;
  status: 'active' | 'extended' | 'expired';
  responsibleOfficer: string;
  ratesReviewedOn: string | null;
  rates: { band: string; unit: 'hour' | 'week' | 'night'; ratePence: number }[];
  procurementId?: string | null;
  lotId?: string | null;
  award?: { justification: string; legalBasis: string; decisionReference: string; decidedOn: string };
}

async function writeContract(trx: Trx, authorityId: string, c: SeedContract): Promise<string> {
  const initialEnd = contractTermEnd(c.startDate, c.initialMonths);
  let end = initialEnd;
  const variations: { previous: string; next: string; option: number; decidedOn: string; reference: string }[] = [];
  c.options.forEach((o, i) => {
    if (!o.exercised) return;
    const next = extendEnd(end, o.months);
    variations.push({ previous: end, next, option: i, decidedOn: o.exercised.decidedOn, reference: o.exercised.reference });
    end = next;
  });
  const months = c.initialMonths + c.options.filter((o) => o.exercised).reduce((s, o) => s + o.months, 0);
  const { id } = await trx
    .insertInto('contract')
    .values({
      authority_id: authorityId,
      reference: c.reference,
      title: c.title,
      provider_id: c.providerId,
      service_type: c.serviceType,
      source: c.source,
      procurement_id: c.procurementId ?? null,
      lot_id: c.lotId ?? null,
      start_date: c.startDate,
      initial_end_date: initialEnd,
      end_date: end,
      annual_value_pence: c.annualValuePence,
      total_value_pence: termValue(c.annualValuePence, months),
      provider_role: c.providerRole ?? null,
      status: c.status,
      responsible_officer: c.responsibleOfficer,
      rates_reviewed_on: c.ratesReviewedOn,
      award_justification: c.award?.justification ?? null,
      legal_basis: c.award?.legalBasis ?? null,
      decision_reference: c.award?.decisionReference ?? null,
      decided_on: c.award?.decidedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.rates.length > 0) {
    await trx
      .insertInto('contract_rate')
      .values(c.rates.map((r) => ({ authority_id: authorityId, contract_id: id, band: r.band, unit: r.unit, rate_pence: r.ratePence, effective_from: c.ratesReviewedOn ?? c.startDate })))
      .execute();
  }
  const optionIds: string[] = [];
  for (const [i, o] of c.options.entries()) {
    const row = await trx
      .insertInto('contract_extension_option')
      .values({
        authority_id: authorityId,
        contract_id: id,
        position: i + 1,
        months: o.months,
        status: o.exercised ? 'exercised' : 'available',
        decided_on: o.exercised?.decidedOn ?? null,
        decision_reference: o.exercised?.reference ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    optionIds.push(row.id);
  }
  for (const v of variations) {
    await trx
      .insertInto('contract_variation')
      .values({
        authority_id: authorityId,
        contract_id: id,
        kind: 'extension',
        effective_on: dayAfter(v.previous, 1),
        previous_end_date: v.previous,
        new_end_date: v.next,
        previous_annual_value_pence: c.annualValuePence,
        value_change_pence: termValue(c.annualValuePence, c.options[v.option]!.months),
        justification: `Extension option ${v.option + 1} (${c.options[v.option]!.months} months) exercised`,
        legal_basis: 'Extension option provided for in the contract',
        decision_reference: v.reference,
        decided_on: v.decidedOn,
        extension_option_id: optionIds[v.option]!,
      })
      .execute();
  }
  return id;
}

async function writePlacements(trx: Trx, authorityId: string, rows: GeneratedPlacement[], providerIds: string[], contractIds: (p: GeneratedPlacement) => string | null) {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('placement')
      .values(
        rows.slice(i, i + 500).map((p) => ({
          authority_id: authorityId,
          reference: p.reference,
          contract_id: contractIds(p),
          provider_id: providerIds[p.providerIndex]!,
          service_type: p.serviceType,
          complexity_band: p.complexityBand,
          locality: p.locality,
          in_area: p.inArea,
          funding_route: p.fundingRoute,
          nhs_share_percent: p.nhsSharePercent,
          start_date: p.startDate,
          end_date: p.endDate ?? null,
          requested_on: p.requestedOn ?? null,
          sourced_on: p.sourcedOn ?? null,
          weekly_cost_pence: p.weeklyCostPence,
          weekly_hours: p.weeklyHours,
        })),
      )
      .execute();
  }
}

const weeklyOf = (rows: GeneratedPlacement[]) => rows.reduce((s, r) => s + r.weeklyCostPence, 0);

// ── Kent ─────────────────────────────────────────────────────────────────────────────────────────────
/** Kent's eight area home-care contracts: [code, area, provider, annual value in pence, current end]. */
export const KENT_HOME_CARE: [string, string, string, number, '2019-02-28' | '2019-03-31'][] = [
  ['ASH', 'Ashford', 'Stour Valley Homecare Ltd', 392_417_306, '2019-02-28'],
  ['CAN', 'Canterbury and Coastal', 'Cathedral City Care at Home Ltd', 541_236_718, '2019-02-28'],
  ['SKC', 'South Kent Coast', 'White Cliffs Home Support Ltd', 447_809_153, '2019-02-28'],
  ['THA', 'Thanet', 'Isle of Thanet Care Services Ltd', 354_891_101, '2019-02-28'],
  ['DGS', 'Dartford, Gravesham and Swanley', 'Thames Gateway Homecare Ltd', 463_118_427, '2019-03-31'],
  ['SWA', 'Swale', 'Medway and Swale Care Ltd', 268_934_512, '2019-03-31'],
  ['WKM', 'West Kent (Maidstone and Malling)', 'Weald of Kent Home Care Ltd', 512_680_239, '2019-03-31'],
  ['WKT', 'West Kent (Tunbridge Wells and Sevenoaks)', 'High Weald Care at Home Ltd', 382_211_896, '2019-03-31'],
];
const KENT_EXTENDED = 'Both one-year extensions taken in one go (Kent paper, 4.2; decision date assumed)';

async function seedKent(trx: Trx): Promise<void> {
  const kent = authorityBySlug('kent').id;
  const providers = await newProviders(
    trx,
    KENT_HOME_CARE.map((k) => k[2]),
  );
  for (const [i, [code, area, , annual, end]] of KENT_HOME_CARE.entries()) {
    // One year plus two one-year extensions, both taken: a 3-year run ending on `end`.
    const startDate = dayAfter(end, 1).replace(/^2019/, '2016');
    await writeContract(trx, kent, {
      reference: `KCC-HC-${code}`,
      title: `Home care – ${area}`,
      providerId: providers[i]!,
      serviceType: 'home_care',
      source: 'block_contract',
      startDate,
      initialMonths: 12,
      options: [
        { months: 12, exercised: { decidedOn: '2016-12-01', reference: KENT_EXTENDED } },
        { months: 12, exercised: { decidedOn: '2016-12-01', reference: KENT_EXTENDED } },
      ],
      annualValuePence: annual,
      status: 'extended',
      responsibleOfficer: i < 4 ? 'Christy Holden, Head of Commissioning' : 'Emma Hanson, Head of Commissioning',
      ratesReviewedOn: startDate,
      rates: [{ band: 'Standard', unit: 'hour', ratePence: 1_600 + i * 15 }],
    });
  }
}

// ── Plymouth ─────────────────────────────────────────────────────────────────────────────────────────
export const PLYMOUTH_SHARED_LIVES_ANNUAL_PENCE = 40_358_900;

async function seedPlymouth(trx: Trx): Promise<void> {
  const plymouth = authorityBySlug('plymouth').id;
  const [slsw] = await newProviders(trx, ['Shared Lives South West'], { sme: true, vcse: true });
  const officer = 'Alex Morgan, Commissioning Officer';
  const old = await writeContract(trx, plymouth, {
    reference: 'PCC-SL-2012',
    title: 'Shared Lives scheme (long-term placements and short breaks)',
    providerId: slsw!,
    serviceType: 'shared_lives',
    source: 'block_contract',
    startDate: '2012-10-01',
    initialMonths: 132, // to 30 September 2023 (the paper: "in operation since 2012", expiring then)
    options: [],
    annualValuePence: PLYMOUTH_SHARED_LIVES_ANNUAL_PENCE,
    status: 'expired',
    responsibleOfficer: officer,
    ratesReviewedOn: null, // "The contract has not been reviewed for some years"
    rates: [{ band: 'Long-term placement (average)', unit: 'week', ratePence: 24_500 }],
  });
  const award = await writeContract(trx, plymouth, {
    reference: 'PCC-SL-2023',
    title: 'Shared Lives: direct award to Shared Lives South West, 2 years',
    providerId: slsw!,
    serviceType: 'shared_lives',
    source: 'direct_award',
    startDate: '2023-10-01',
    initialMonths: 24,
    options: [],
    annualValuePence: PLYMOUTH_SHARED_LIVES_ANNUAL_PENCE, // two years: £807,178
    status: 'active',
    responsibleOfficer: officer,
    ratesReviewedOn: '2023-09-04',
    rates: [{ band: 'Long-term placement (average)', unit: 'week', ratePence: 24_500 }],
    award: {
      justification:
        'Options appraisal (business case, section 5): extending existing arrangements with the current provider and increasing the carer rate scored 21 of 27, against 15 for a joint peninsula offer, 9 for a new provider and 6 for doing nothing. No other provider could be evidenced with the experience to deliver an equivalent service without disrupting the 13 people placed; the provider is rated Outstanding by the CQC and is used by Devon, Cornwall, Torbay and Somerset.',
      legalBasis: 'Public Contracts Regulations 2015, light-touch regime for social and other specific services (regulations 74 to 76): direct award on a recorded business case',
      decisionReference: 'Business case approved by the People Reporting Group on 4 September 2023; Portfolio Holder sign-off 14 September 2023; decision published 15 September 2023; contract award 20 September 2023',
      decidedOn: '2023-09-14',
    },
  });
  await writePlacements(trx, plymouth, plymouthPlacements(), [slsw!], () => award);
  await writePlacements(trx, plymouth, plymouthPlacements2022(), [slsw!], () => old);
  await trx
    .insertInto('budget')
    .values({ authority_id: plymouth, service_type: 'shared_lives', financial_year: 2023, amount_pence: PLYMOUTH_SHARED_LIVES_ANNUAL_PENCE, note: 'Shared Lives budget 2023/24 (business case, 6.2)' })
    .execute();
  // The scheme fee: with 52 weeks of the 13 placements (£165,620) it makes up the year's cost of £403,589.
  const fee = (PLYMOUTH_SHARED_LIVES_ANNUAL_PENCE - weeklyOf(plymouthPlacements()) * 52) / 4;
  await trx
    .insertInto('block_payment')
    .values(
      ['2023-04-01', '2023-07-01', '2023-10-01', '2024-01-01'].map((dueOn, q) => ({
        authority_id: plymouth,
        service_type: 'shared_lives',
        financial_year: 2023,
        contract_id: q < 2 ? old : award,
        description: `Shared Lives South West scheme fee, quarter ${q + 1} (recruiting, matching and supporting carers)`,
        amount_pence: fee,
        due_on: dueOn,
      })),
    )
    .execute();
}

// ── Staffordshire ────────────────────────────────────────────────────────────────────────────────────
const STAFFS_PLACES = ['Stafford', 'Cannock', 'Burton', 'Lichfield', 'Tamworth', 'Leek', 'Uttoxeter', 'Stone', 'Rugeley', 'Kidsgrove', 'Biddulph', 'Cheadle', 'Penkridge', 'Codsall', 'Perton'];
const STAFFS_KINDS = ['Supported Living', 'Support Services', 'Community Care'];
/** The six providers the procurement seed already has for Staffordshire's framework come first. */
const STAFFS_FRAMEWORK = ['Trent Valley Supported Living Ltd', 'Chase Independent Living CIC', 'Moorlands Community Support Ltd', 'Potteries Supported Living Ltd', 'Three Spires Support Ltd', 'Tame Valley Care Ltd'];

async function seedStaffordshire(trx: Trx): Promise<void> {
  const staffs = authorityBySlug('staffordshire').id;
  const existing = await Promise.all(STAFFS_FRAMEWORK.map((n) => providerByName(trx, n)));
  const names: string[] = [];
  for (let i = 0; names.length < 81 - existing.length; i++) names.push(`${STAFFS_PLACES[i % STAFFS_PLACES.length]} ${STAFFS_KINDS[Math.floor(i / STAFFS_PLACES.length) % STAFFS_KINDS.length]}${i >= 45 ? ` ${Math.floor(i / 45) + 1}` : ''} Ltd`);
  const providers = [...existing, ...(await newProviders(trx, names))];
  const rows = staffordshirePlacements();
  const councilPaid = rows.filter((r) => r.fundingRoute === 'council_commissioned');
  const contractIds: string[] = [];
  for (let p = 0; p < 70; p++) {
    const own = councilPaid.filter((r) => r.providerIndex === p);
    contractIds.push(
      await writeContract(trx, staffs, {
        reference: `SCC-SL-DPS-${String(p + 1).padStart(3, '0')}`,
        title: 'Supported living: call-off under the Supported Living DPS',
        providerId: providers[p]!,
        serviceType: 'supported_living',
        source: 'call_off',
        startDate: '2018-10-01',
        initialMonths: 36,
        options: [
          { months: 12, exercised: { decidedOn: '2021-06-01', reference: 'First one-year extension (date assumed)' } },
          { months: 12, exercised: { decidedOn: '2022-01-19', reference: 'Cabinet, 19 January 2022: the additional one-year extension, to 30 September 2023' } },
        ],
        annualValuePence: weeklyOf(own) * 52,
        status: 'extended',
        responsibleOfficer: 'Sarah Taylor, Commissioning Manager',
        ratesReviewedOn: '2021-04-01',
        rates: [
          { band: 'Highly complex', unit: 'week', ratePence: 240_000 },
          { band: 'Complex', unit: 'week', ratePence: 100_000 },
          { band: 'Less complex', unit: 'week', ratePence: 60_000 },
        ],
      }),
    );
  }
  await writePlacements(trx, staffs, rows, providers, (r) => (r.fundingRoute === 'council_commissioned' ? contractIds[r.providerIndex]! : null));
}

// ── Leicestershire ───────────────────────────────────────────────────────────────────────────────────
const SUPPLEMENTARY_PROVIDERS = [
  'Charnwood Community Care Ltd',
  'Leicester Forest Home Care Ltd',
  'Blaby Home Support Ltd',
  'Wigston Care Services Ltd',
  'Lutterworth Home Care Ltd',
  'Shepshed Care at Home Ltd',
  'Melton Vale Care Ltd',
  'Harborough Home Helpers Ltd',
  'Coalville Community Carers Ltd',
  'Hinckley Home Care Ltd',
  'Ibstock Care Ltd',
  'Birstall Home Support Ltd',
  'Anstey Care Services Ltd',
  'Castle Donington Care Ltd',
];
const SUPPLEMENTARY_LOCALITIES = ['Charnwood', 'Blaby', 'Blaby', 'Oadby and Wigston', 'Harborough', 'Charnwood', 'Melton', 'Harborough', 'North West Leicestershire', 'Hinckley and Bosworth', 'North West Leicestershire', 'Charnwood', 'Charnwood', 'North West Leicestershire'];

async function seedLeicestershire(trx: Trx): Promise<void> {
  const leics = authorityBySlug('leicestershire').id;
  const procurement = await trx.selectFrom('procurement').select('id').where('reference', '=', 'LCC-HTLAH-2016').executeTakeFirstOrThrow();
  const lots = await trx
    .selectFrom('lot as l')
    .leftJoin('approved_list_entry as e', (j) => j.onRef('e.lot_id', '=', 'l.id').on('e.status', '=', 'active'))
    .leftJoin('provider as p', 'p.id', 'e.provider_id')
    .select(['l.id', 'l.number', 'l.name', 'l.estimated_volume', 'e.provider_id', 'p.legal_name'])
    .where('l.procurement_id', '=', procurement.id)
    .orderBy('l.number')
    .execute();
  const bids = await trx
    .selectFrom('application')
    .select(['provider_id', 'bid_price_pence'])
    .where('procurement_id', '=', procurement.id)
    .where('status', '=', 'admitted')
    .execute();
  const leadProviders = [...new Set(lots.map((l) => l.provider_id!))];
  // 2018 hourly rates: the 2016 bids plus £0.45 an hour of uplifts (demo assumption).
  const rateOf = (providerId: string) => (bids.find((b) => b.provider_id === providerId)?.bid_price_pence ?? 1_600) + 45;
  const leadContracts: string[] = [];
  for (const l of lots) {
    const phase2 = l.number >= 10 && l.number <= 12;
    leadContracts.push(
      await writeContract(trx, leics, {
        reference: `LCC-HTLAH-L${String(l.number).padStart(2, '0')}`,
        title: `Help to Live at Home lead provider: lot ${l.number}, ${l.name}`,
        providerId: l.provider_id!,
        serviceType: 'home_care',
        source: 'block_contract',
        procurementId: procurement.id,
        lotId: l.id,
        providerRole: 'lead',
        startDate: phase2 ? '2017-11-06' : '2016-11-07',
        initialMonths: phase2 ? 24 : 36, // Phase 2 lots end with the rest, as the initial three years end in November 2019
        options: [{ months: 12 }, { months: 12 }],
        annualValuePence: 0, // set from the packages below
        status: 'active',
        responsibleOfficer: 'Kate Revell, Commissioning Business Manager',
        ratesReviewedOn: '2018-04-01',
        rates: [{ band: 'Standard', unit: 'hour', ratePence: rateOf(l.provider_id!) }],
      }),
    );
  }
  const lead = leicestershireLeadPackages(
    lots.map((l, i) => ({ hours: Number(l.estimated_volume), ratePence: rateOf(l.provider_id!), contractIndex: i, providerIndex: leadProviders.indexOf(l.provider_id!), name: l.name })),
  );
  const supplementaryIds = await newProviders(trx, SUPPLEMENTARY_PROVIDERS);
  const supplementaryContracts: string[] = [];
  for (const [i, providerId] of supplementaryIds.entries()) {
    supplementaryContracts.push(
      await writeContract(trx, leics, {
        reference: `LCC-DOM-S${String(i + 1).padStart(2, '0')}`,
        title: 'Supplementary home care: contingency arrangement under the 2011 Domiciliary Care contract',
        providerId,
        serviceType: 'home_care',
        source: 'spot_purchase',
        providerRole: 'supplementary',
        startDate: '2016-11-07',
        initialMonths: 29, // to 31 March 2019: the Framework of Supplementary Providers starts in April 2019
        options: [],
        annualValuePence: 0,
        status: 'active',
        responsibleOfficer: 'Kate Revell, Commissioning Business Manager',
        ratesReviewedOn: '2018-04-01',
        rates: [{ band: 'Standard', unit: 'hour', ratePence: 1_661 }],
      }),
    );
  }
  const supplementary = leicestershireSupplementaryPackages(
    supplementaryIds.map((_, i) => ({ ratePence: 1_661, contractIndex: i, providerIndex: leadProviders.length + i, locality: SUPPLEMENTARY_LOCALITIES[i]! })),
  );
  const providers = [...leadProviders, ...supplementaryIds];
  await writePlacements(trx, leics, lead, providers, (p) => leadContracts[p.contractIndex!]!);
  await writePlacements(trx, leics, supplementary, providers, (p) => supplementaryContracts[p.contractIndex!]!);
  // Each contract's annual value is 52 weeks of its packages.
  for (const [rows, ids] of [
    [lead, leadContracts],
    [supplementary, supplementaryContracts],
  ] as const) {
    for (const [i, id] of ids.entries()) {
      const annual = weeklyOf(rows.filter((r) => r.contractIndex === i)) * 52;
      await trx.updateTable('contract').set({ annual_value_pence: annual, total_value_pence: termValue(annual, 36) }).where('id', '=', id).execute();
    }
  }
}

// ── Sefton ───────────────────────────────────────────────────────────────────────────────────────────
/** Sefton's schemes: 50 + 44 = 94 units (Sefton paper, 1.2). Names are the demo's (the paper does not name them). */
export const SEFTON_SCHEMES = [
  { key: 'BOOTLE', schemeName: 'Bootle Extra Care scheme', units: 50, day: 525, night: 112, locality: 'Bootle' },
  { key: 'SOUTHPORT', schemeName: 'Southport Extra Care scheme', units: 44, day: 462, night: 112, locality: 'Southport' },
] as const;

async function seedSefton(trx: Trx): Promise<void> {
  const sefton = authorityBySlug('sefton').id;
  const procurement = await trx.selectFrom('procurement').select(['id', 'specification_version_id', 'scale_max']).where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow();
  const lot = await trx.selectFrom('lot').select('id').where('procurement_id', '=', procurement.id).where('name', '=', 'Sefton').executeTakeFirstOrThrow();
  const entries = await trx
    .selectFrom('approved_list_entry as e')
    .innerJoin('provider as p', 'p.id', 'e.provider_id')
    .select(['e.id', 'e.provider_id', 'p.legal_name'])
    .where('e.lot_id', '=', lot.id)
    .where('e.status', '=', 'active')
    .orderBy('p.legal_name')
    .execute();
  const criteria = await trx.selectFrom('evaluation_criterion').select(['id', 'kind', 'name']).where('procurement_id', '=', procurement.id).orderBy('position').execute();
  const officer = 'Carol Cater, Commissioning Manager';
  const callOff = async (n: number, s: (typeof SEFTON_SCHEMES)[number], method: 'direct' | 'mini_competition') =>
    (
      await trx
        .insertInto('call_off')
        .values({
          authority_id: sefton,
          reference: `LCR-EC-2018-CO-${String(n).padStart(3, '0')}`,
          procurement_id: procurement.id,
          lot_id: lot.id,
          specification_version_id: procurement.specification_version_id,
          method,
          status: 'draft', // awarded below, once its justification or responses are in
          scheme_name: s.schemeName,
          client_group: 'Older people (55 and over) assessed as needing care and support',
          units: s.units,
          day_hours_per_week: s.day,
          night_hours_per_week: s.night,
          locality: s.locality,
          start_date: '2019-04-01',
          term_months: 60, // the PDPS's minimum 5-year term of use (paper, 2.6)
          price_unit: 'hour',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const contract = async (s: (typeof SEFTON_SCHEMES)[number], callOffId: string, providerId: string, ratePence: number) =>
    writeContract(trx, sefton, {
      reference: `SEF-EC-${s.key}`,
      title: `${s.schemeName}: care and support (${s.units} units)`,
      providerId,
      serviceType: 'extra_care',
      source: 'call_off',
      procurementId: procurement.id,
      lotId: lot.id,
      startDate: '2019-04-01',
      initialMonths: 60,
      options: [],
      annualValuePence: (s.day + s.night) * 52 * ratePence,
      status: 'active',
      responsibleOfficer: officer,
      ratesReviewedOn: '2019-02-20',
      rates: [{ band: 'Day and night', unit: 'hour', ratePence }],
    }).then(async (id) => {
      await trx.updateTable('contract').set({ call_off_id: callOffId }).where('id', '=', id).execute();
      return id;
    });

  // Bootle: direct call-off to the scheme's provider.
  const [bootle, southport] = SEFTON_SCHEMES;
  const mersey = entries.find((e) => e.legal_name === 'Mersey Extra Care Ltd')!;
  const direct = await callOff(1, bootle, 'direct');
  await trx
    .updateTable('call_off')
    .set({
      status: 'awarded',
      justification:
        'Mersey Extra Care already delivers care and support at the Bootle scheme and is on the Sefton lot of the PDPS: a direct call-off keeps continuity for the 50 households while its hourly rate is within the Tripartite cost model.',
      awarded_provider_id: mersey.provider_id,
      awarded_on: '2019-02-20',
    })
    .where('id', '=', direct)
    .execute();
  await contract(bootle, direct, mersey.provider_id, 1_695);

  // Southport: mini-competition among every active provider on the Sefton lot, on refined criteria.
  const mini = await callOff(2, southport, 'mini_competition');
  const pick = (kind: string, name: string) => criteria.find((c) => c.kind === kind && c.name.startsWith(name))!;
  const refined = [
    { c: pick('quality', 'Person-centred'), weight: 40 },
    { c: pick('quality', 'Workforce'), weight: 20 },
    { c: pick('price', 'Hourly rate'), weight: 40 },
  ];
  const ccs = await trx
    .insertInto('call_off_criterion')
    .values(refined.map((r, i) => ({ authority_id: sefton, call_off_id: mini, procurement_criterion_id: r.c.id, kind: r.c.kind, name: r.c.name, weight_percent: r.weight, position: i })))
    .returning(['id', 'kind', 'name', 'weight_percent'])
    .execute();
  await trx
    .insertInto('call_off_invitation')
    .values(entries.map((e) => ({ authority_id: sefton, call_off_id: mini, provider_id: e.provider_id, approved_list_entry_id: e.id, invited_on: '2019-01-07' })))
    .execute();
  // Price per hour and the panel's scores (person-centred care, workforce) per provider (demo figures).
  const bids: Record<string, [number, number, number]> = {
    'Mersey Extra Care Ltd': [1_695, 4, 4],
    'Pinewoods Extra Care Ltd': [1_710, 4, 3],
    'Sandstone Housing Care Ltd': [1_650, 3, 4],
  };
  const responses = [];
  for (const e of entries) {
    const [price, q1, q2] = bids[e.legal_name] ?? [1_700, 3, 3];
    const { id } = await trx
      .insertInto('call_off_response')
      .values({ authority_id: sefton, call_off_id: mini, provider_id: e.provider_id, price_pence: price, received_on: '2019-02-06' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('call_off_score')
      .values([
        { authority_id: sefton, response_id: id, criterion_id: ccs[0]!.id, score: q1 },
        { authority_id: sefton, response_id: id, criterion_id: ccs[1]!.id, score: q2 },
      ])
      .execute();
    responses.push({ responseId: id, providerId: e.provider_id, providerName: e.legal_name, pricePence: price, scores: [{ criterionId: ccs[0]!.id, score: q1 }, { criterionId: ccs[1]!.id, score: q2 }] });
  }
  const ranked = scoreMiniCompetition({ criteria: ccs.map((c) => ({ id: c.id, kind: c.kind, name: c.name, weightPercent: c.weight_percent })), scaleMax: procurement.scale_max, responses });
  const winner = ranked.find((r) => r.rank === 1)!;
  await trx
    .updateTable('call_off')
    .set({ status: 'awarded', response_deadline: '2019-02-08', invite_condition: 'Every active provider on the Sefton lot’s approved list', awarded_provider_id: winner.providerId, awarded_on: '2019-02-20', award_note: `Highest total: ${winner.totalPoints} of 100` })
    .where('id', '=', mini)
    .execute();
  await contract(southport, mini, winner.providerId, winner.pricePence!);
}

/** Issue 4's demo rows. Runs as the owner inside the seed's one transaction, after the procurements. */
export async function seedContracts(trx: Trx): Promise<void> {
  await seedKent(trx);
  await seedPlymouth(trx);
  await seedStaffordshire(trx);
  await seedLeicestershire(trx);
  await seedSefton(trx);
}
