import { computeBenchmark, type BenchmarkKpi } from '@concord/domain';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { BenchmarkFigureTable, KpiDerivation, KpiDirectionColumn, KpiFrequency, KpiReturnTable, KpiSource, KpiUnit } from '../schema-kpi.ts';
import { AUTHORITIES, authorityBySlug } from './authorities.ts';
import { PARTNERSHIPS } from './partnerships.ts';

/**
 * Standard KPIs and benchmarking demo (issue 6).
 *
 * The starter library (seed 002: "standardisation of contract monitoring should enable the three
 * authorities to benchmark performance across the areas"), the same for the South West Peninsula and the
 * LCR Tripartite, each led by its lead authority.
 *
 * Returns: generated deterministically (a keyed hash, no clock) from April 2022 to September 2026 —
 * monthly for Shared Lives placements, quarterly for the rest — for every member. One real figure is
 * pinned: seed 000's long-term Shared Lives placements in August 2023: Devon 73, Torbay 28, Cornwall 130,
 * Somerset 62, Plymouth 13. Every other number is invented for the demo and says so in its comment.
 * Somerset has chosen to be anonymised to the other Peninsula members.
 *
 * Meetings: the Peninsula meets quarterly; the September 2023 meeting's benchmark pack is issued (frozen as
 * at 21 September 2023), with actions carried into the next meeting. The Tripartite meets quarterly too.
 */
interface StarterKpi {
  code: string;
  name: string;
  definition: string;
  numeratorDefinition?: string;
  denominatorDefinition?: string;
  unit: KpiUnit;
  direction: KpiDirectionColumn;
  frequency: KpiFrequency;
  populationAgeBand?: string;
  target?: number;
  redThreshold?: number;
  source: KpiSource;
  /** The rule that works it out from an authority's records (migration 0008), for a non-manual source. */
  derivation?: KpiDerivation;
  countsPeople: boolean;
  serviceType?: string;
}

export const STARTER_KPIS: StarterKpi[] = [
  {
    code: 'SL-01',
    name: 'Long-term Shared Lives placements',
    definition: 'People in a long-term Shared Lives arrangement on the last day of the month, compared per 100,000 residents.',
    unit: 'count',
    direction: 'higher_better',
    frequency: 'monthly',
    populationAgeBand: 'all',
    source: 'placements',
    derivation: 'placements_open_at_period_end',
    countsPeople: true,
    serviceType: 'shared_lives',
  },
  {
    code: 'COST-01',
    name: 'Average weekly cost of a residential care placement',
    definition: 'Mean gross weekly cost, in pence, of the council’s long-term residential care placements open on the last day of the quarter.',
    unit: 'pence',
    direction: 'neither',
    frequency: 'quarterly',
    source: 'placements',
    derivation: 'mean_weekly_cost_at_period_end',
    countsPeople: false,
    // The placements' service-type vocabulary (SERVICE_TYPES) calls residential care 'residential_nursing'.
    serviceType: 'residential_nursing',
  },
  {
    code: 'SL-02',
    name: 'Shared Lives carers recruited',
    definition: 'Shared Lives carers approved by the scheme’s panel during the quarter.',
    unit: 'count',
    direction: 'higher_better',
    frequency: 'quarterly',
    source: 'manual',
    countsPeople: true,
  },
  {
    code: 'SL-03',
    name: 'Shared Lives carers leaving',
    definition: 'Shared Lives carers who stopped being approved carers during the quarter, for any reason.',
    unit: 'count',
    direction: 'lower_better',
    frequency: 'quarterly',
    source: 'manual',
    countsPeople: true,
  },
  {
    code: 'PLC-01',
    name: 'Placements sourced within the target time',
    definition: 'Of the placements requested in the quarter, the percentage sourced within 5 working days of the request.',
    numeratorDefinition: 'Placements sourced within 5 working days of the request',
    denominatorDefinition: 'Placements requested in the quarter and sourced',
    unit: 'percent',
    direction: 'higher_better',
    frequency: 'quarterly',
    target: 85,
    redThreshold: 75,
    source: 'placements',
    derivation: 'placements_sourced_within_target',
    countsPeople: true,
  },
  {
    code: 'CQC-01',
    name: 'Providers rated Good or Outstanding by CQC',
    definition: 'Of the providers the council contracts with for regulated care, the percentage whose overall CQC rating is Good or Outstanding at the end of the quarter.',
    numeratorDefinition: 'Contracted providers rated Good or Outstanding',
    denominatorDefinition: 'Contracted providers with a published CQC rating',
    unit: 'percent',
    direction: 'higher_better',
    frequency: 'quarterly',
    target: 80,
    redThreshold: 70,
    source: 'contracts',
    derivation: 'contracted_providers_good_or_outstanding',
    countsPeople: false,
  },
  {
    code: 'MKT-01',
    name: 'Lead-provider market share',
    definition: 'Share of the quarter’s commissioned home care hours delivered by the council’s lead providers.',
    unit: 'percent',
    direction: 'neither',
    frequency: 'quarterly',
    source: 'contracts',
    derivation: 'lead_provider_share_of_hours',
    countsPeople: false,
  },
  {
    code: 'HRS-01',
    name: 'Home care hours delivered',
    definition: 'Commissioned home care hours delivered in the quarter, as invoiced.',
    unit: 'hours',
    direction: 'neither',
    frequency: 'quarterly',
    source: 'manual',
    countsPeople: false,
  },
  {
    code: 'OOA-01',
    name: 'Placements made out of area',
    definition: 'Of the placements made in the quarter, the percentage outside the council’s own area.',
    numeratorDefinition: 'Placements made in the quarter outside the council’s area',
    denominatorDefinition: 'Placements made in the quarter',
    unit: 'percent',
    direction: 'lower_better',
    frequency: 'quarterly',
    target: 10,
    redThreshold: 15,
    source: 'placements',
    derivation: 'placements_started_out_of_area',
    countsPeople: true,
  },
  {
    code: 'PPL-01',
    name: 'Adults supported in long-term care',
    definition: 'Adults receiving long-term council-funded social care at the end of the quarter, compared per 100,000 people aged 18 and over (needs the ONS mid-year estimates for 18+).',
    unit: 'count',
    direction: 'neither',
    frequency: 'quarterly',
    populationAgeBand: '18+',
    source: 'manual',
    countsPeople: true,
  },
];

/** Seed 000: long-term Shared Lives placements in August 2023. */
export const SHARED_LIVES_AUGUST_2023: Record<string, number> = { devon: 73, torbay: 28, cornwall: 130, somerset: 62, plymouth: 13 };
/** Invented for the demo: the Tripartite's Shared Lives placements in August 2023. */
const TRIPARTITE_SHARED_LIVES: Record<string, number> = { liverpool: 48, sefton: 22, knowsley: 9 };

export const DEMO_FIRST_PERIOD = '2022-04-01';
/** The last quarter with demo returns: July to September 2026. Monthly returns run to September 2026 too. */
export const DEMO_LAST_PERIOD = '2026-07-01';

const DEMO_PARTNERSHIPS = ['South West Peninsula', 'LCR Tripartite'];

/** A deterministic number in [0, 1) from a key. */
function unit(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995) >>> 0;
  h ^= h >>> 15;
  return h / 4294967296;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DemoPeriod {
  start: string;
  end: string;
  due: string;
  label: string;
  index: number;
}

function demoPeriods(frequency: 'monthly' | 'quarterly'): DemoPeriod[] {
  const size = frequency === 'monthly' ? 1 : 3;
  const out: DemoPeriod[] = [];
  const last = frequency === 'monthly' ? '2026-09-01' : DEMO_LAST_PERIOD;
  for (let i = 0, m = 3; ; i++, m += size) {
    const start = iso(2022, m, 1);
    if (start > last) break;
    const y = Number(start.slice(0, 4));
    const mm = Number(start.slice(5, 7)) - 1;
    const fy = mm >= 3 ? y : y - 1;
    const label = frequency === 'monthly' ? `${MONTHS[mm]} ${y}` : `${fy}-${String((fy + 1) % 100).padStart(2, '0')} Q${Math.floor(((mm - 3 + 12) % 12) / 3) + 1}`;
    out.push({ start, end: iso(2022, m + size, 0), due: iso(2022, m + size + 1, 0), label, index: i });
  }
  return out;
}

interface Figure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** The demo figure of one authority for one KPI and period. */
function demoFigure(kpi: StarterKpi, slug: string, population: number, p: DemoPeriod, slBase: number): Figure {
  const r = (salt: string) => unit(`${kpi.code}|${slug}|${p.start}|${salt}`);
  const size = population / 100_000;
  const drift = p.index / 18;
  switch (kpi.code) {
    case 'SL-01': {
      if (p.start === '2023-08-01') return { value: slBase, numerator: slBase, denominator: null };
      const monthsFromAugust = p.index - 16;
      const value = Math.max(0, Math.round(slBase * (1 + 0.004 * monthsFromAugust) + (r('n') - 0.5) * Math.max(2, slBase * 0.06)));
      return { value, numerator: value, denominator: null };
    }
    case 'SL-02': {
      const value = Math.max(0, Math.round(slBase / 9 + (r('n') - 0.5) * 4));
      return { value, numerator: value, denominator: null };
    }
    case 'SL-03': {
      const value = Math.max(0, Math.round(slBase / 13 + (r('n') - 0.5) * 3));
      return { value, numerator: value, denominator: null };
    }
    case 'COST-01':
      return { value: Math.round((78_000 + r('base') * 12_000) * (1 + 0.02 * p.index) + (r('n') - 0.5) * 3_000), numerator: null, denominator: null };
    case 'PLC-01':
    case 'OOA-01': {
      const denominator = Math.max(8, Math.round(size * 16 * (0.85 + r('d') * 0.3)));
      const rate = kpi.code === 'PLC-01' ? 0.74 + unit(`${slug}|plc`) * 0.12 + drift * 0.04 + (r('n') - 0.5) * 0.08 : 0.06 + unit(`${slug}|ooa`) * 0.08 + (r('n') - 0.5) * 0.05;
      const numerator = Math.min(denominator, Math.max(0, Math.round(denominator * rate)));
      return { value: (numerator / denominator) * 100, numerator, denominator };
    }
    case 'CQC-01': {
      const denominator = Math.max(12, Math.round(size * 22));
      const numerator = Math.min(denominator, Math.round(denominator * (0.76 + unit(`${slug}|cqc`) * 0.12 + (r('n') - 0.5) * 0.04)));
      return { value: (numerator / denominator) * 100, numerator, denominator };
    }
    case 'MKT-01':
      return { value: Math.round((30 + unit(`${slug}|mkt`) * 20 + drift * 5 + (r('n') - 0.5) * 4) * 10) / 10, numerator: null, denominator: null };
    case 'HRS-01':
      return { value: Math.round(size * 42_000 * (1 + drift * 0.1) + (r('n') - 0.5) * size * 3_000), numerator: null, denominator: null };
    case 'PPL-01': {
      const value = Math.round(size * 1_150 * (1 + (r('n') - 0.5) * 0.04));
      return { value, numerator: value, denominator: null };
    }
    default:
      throw new Error(`no demo generator for ${kpi.code}`);
  }
}

/** A KPI of the standard library as the columns of a kpi_definition row (the seed's and a new partnership's KPI set). */
export function starterKpiColumns(k: (typeof STARTER_KPIS)[number]) {
  return {
    name: k.name,
    definition: k.definition,
    numerator_definition: k.numeratorDefinition ?? null,
    denominator_definition: k.denominatorDefinition ?? null,
    unit: k.unit,
    direction: k.direction,
    frequency: k.frequency,
    population_age_band: k.populationAgeBand ?? null,
    target: k.target ?? null,
    red_threshold: k.redThreshold ?? null,
    source: k.source,
    derivation: k.derivation ?? null,
    counts_people: k.countsPeople,
    service_type: k.serviceType ?? null,
  };
}

export async function seedKpis(trx: Kysely<Database>, ctx: { partnershipIds: Map<string, string> }): Promise<void> {
  const periods = { monthly: demoPeriods('monthly'), quarterly: demoPeriods('quarterly') };
  for (const name of DEMO_PARTNERSHIPS) {
    const partnership = PARTNERSHIPS.find((p) => p.name === name)!;
    const partnershipId = ctx.partnershipIds.get(name)!;
    const lead = authorityBySlug(partnership.lead).id;
    const kpiIds = new Map<string, string>();
    for (const k of STARTER_KPIS) {
      const row = await trx
        .insertInto('kpi_definition')
        .values({
          authority_id: lead,
          partnership_id: partnershipId,
          code: k.code,
          version: 1,
          ...starterKpiColumns(k),
          first_period: DEMO_FIRST_PERIOD,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      kpiIds.set(k.code, row.id);
    }

    const slBases = name === 'South West Peninsula' ? SHARED_LIVES_AUGUST_2023 : TRIPARTITE_SHARED_LIVES;
    const returns: Insertable<KpiReturnTable>[] = [];
    const figures: (Insertable<BenchmarkFigureTable> & SeedFigure)[] = [];
    for (const slug of partnership.members) {
      const authority = authorityBySlug(slug);
      for (const k of STARTER_KPIS) {
        for (const p of periods[k.frequency as 'monthly' | 'quarterly']) {
          const f = demoFigure(k, slug, authority.population, p, slBases[slug]!);
          // Torbay was late with the 2024-25 Q2 quarterly returns.
          const late = slug === 'torbay' && p.start === '2024-07-01';
          const pinned = k.code === 'SL-01' && p.start === '2023-08-01' && name === 'South West Peninsula';
          returns.push({
            authority_id: authority.id,
            partnership_id: partnershipId,
            kpi_id: kpiIds.get(k.code)!,
            kpi_code: k.code,
            period_start: p.start,
            period_end: p.end,
            due_on: p.due,
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
            comment: pinned ? 'Seed 000: long-term Shared Lives placements, August 2023' : 'Demo figure (generated)',
            status: late ? 'late' : 'submitted',
            submitted_at: late ? `${p.due}T12:00:00Z` : `${p.end}T12:00:00Z`,
          });
          figures.push({
            authority_id: authority.id,
            partnership_id: partnershipId,
            kpi_id: kpiIds.get(k.code)!,
            kpi_code: k.code,
            period_start: p.start,
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
            published_at: `${p.end}T12:00:00Z`,
          });
        }
      }
    }
    for (let i = 0; i < returns.length; i += 500) await trx.insertInto('kpi_return').values(returns.slice(i, i + 500)).execute();
    for (let i = 0; i < figures.length; i += 500) await trx.insertInto('benchmark_figure').values(figures.slice(i, i + 500)).execute();

    if (name === 'South West Peninsula') {
      await trx.insertInto('benchmark_consent').values({ authority_id: authorityBySlug('somerset').id, partnership_id: partnershipId, mode: 'anonymised' }).execute();
    }
    await seedMeetings(trx, { name, partnershipId, lead, members: partnership.members.map((s) => authorityBySlug(s).id), kpiIds, figures });
  }
}

interface SeedFigure {
  authority_id: string;
  kpi_code: string;
  period_start: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

async function seedMeetings(
  trx: Kysely<Database>,
  ctx: { name: string; partnershipId: string; lead: string; members: string[]; kpiIds: Map<string, string>; figures: SeedFigure[] },
): Promise<void> {
  const dates = ['2023-06-15', '2023-09-21', '2023-12-14', '2024-03-21', '2024-06-20', '2024-09-19', '2024-12-12', '2025-03-20'];
  const meetingIds: string[] = [];
  for (const heldOn of dates) {
    const row = await trx
      .insertInto('network_meeting')
      .values({
        authority_id: ctx.lead,
        partnership_id: ctx.partnershipId,
        held_on: heldOn,
        title: `${ctx.name === 'South West Peninsula' ? 'Peninsula commissioners network' : 'Tripartite contract monitoring'} — ${heldOn.slice(0, 7)}`,
        agenda: '1. Actions from the last meeting\n2. Benchmark pack: Shared Lives, placements sourcing, out-of-area placements\n3. Market position and provider quality\n4. Any other business',
        attending: ctx.members,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    meetingIds.push(row.id);
  }
  if (ctx.name !== 'South West Peninsula') return;

  const [plymouth, devon, torbay] = ['plymouth', 'devon', 'torbay'].map((s) => authorityBySlug(s).id);
  const september = meetingIds[1]!;
  await trx
    .insertInto('meeting_action')
    .values([
      { authority_id: ctx.lead, partnership_id: ctx.partnershipId, meeting_id: september, owner_authority_id: plymouth!, description: 'Review Shared Lives carer recruitment: Plymouth has the lowest placements per head in the Peninsula', due_on: '2023-12-14' },
      { authority_id: ctx.lead, partnership_id: ctx.partnershipId, meeting_id: september, owner_authority_id: devon!, description: 'Share the out-of-area placement protocol with the network', due_on: '2023-12-14', status: 'done' },
      { authority_id: ctx.lead, partnership_id: ctx.partnershipId, meeting_id: meetingIds[2]!, owner_authority_id: torbay!, description: 'Bring a note on the sourcing-time dip to the next meeting', due_on: '2024-03-21' },
    ])
    .execute();

  // The September 2023 pack, issued as at 21 September 2023 with the figures published by then.
  const asAt = '2023-09-21T09:30:00.000Z';
  const packKpis: { code: string; periods: DemoPeriod[] }[] = [
    { code: 'SL-01', periods: demoPeriods('monthly').filter((p) => p.start <= '2023-08-01').slice(-12) },
    { code: 'PLC-01', periods: demoPeriods('quarterly').filter((p) => p.start <= '2023-04-01').slice(-8) },
    { code: 'OOA-01', periods: demoPeriods('quarterly').filter((p) => p.start <= '2023-04-01').slice(-8) },
  ];
  const kpiRows = await trx.selectFrom('kpi_definition').selectAll().where('partnership_id', '=', ctx.partnershipId).execute();
  const authorities = new Map(AUTHORITIES.map((a) => [a.id, a]));
  const consent = new Map([[authorityBySlug('somerset').id, 'anonymised' as const]]);
  const title = 'South West Peninsula: benchmark pack, September 2023';
  const pack = await trx
    .insertInto('benchmark_pack')
    .values({
      authority_id: ctx.lead,
      partnership_id: ctx.partnershipId,
      meeting_id: september,
      title,
      kpi_codes: packKpis.map((k) => k.code),
      periods: [...new Set(packKpis.flatMap((k) => k.periods.map((p) => p.start)))].sort(),
      issued_at: asAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const viewer of ctx.members) {
    const results = packKpis.map(({ code, periods }) => {
      const row = kpiRows.find((k) => k.code === code)!;
      const kpi = {
        id: row.id,
        partnershipId: row.partnership_id,
        code: row.code,
        version: row.version,
        name: row.name,
        definition: row.definition,
        numeratorDefinition: row.numerator_definition,
        denominatorDefinition: row.denominator_definition,
        unit: row.unit,
        direction: row.direction,
        frequency: row.frequency,
        populationAgeBand: row.population_age_band,
        target: row.target === null ? null : Number(row.target),
        redThreshold: row.red_threshold === null ? null : Number(row.red_threshold),
        source: row.source,
        countsPeople: row.counts_people,
        perContract: row.per_contract,
        serviceType: row.service_type,
        firstPeriod: row.first_period,
        changeNote: row.change_note,
        createdAt: asAt,
      } satisfies BenchmarkKpi & Record<string, unknown>;
      const starts = new Set(periods.map((p) => p.start));
      return computeBenchmark({
        partnershipId: ctx.partnershipId,
        kpi,
        members: ctx.members
          .map((id) => authorities.get(id)!)
          .map((a) => ({ id: a.id, name: a.name, population: kpi.populationAgeBand === 'all' ? { value: a.population, year: 2021, ageBand: 'all' } : null }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
        periods: periods.map((p) => ({ start: p.start, label: p.label })),
        figures: ctx.figures
          .filter((f) => f.kpi_code === code && starts.has(f.period_start))
          .map((f) => ({ authorityId: f.authority_id, periodStart: f.period_start, value: f.value, numerator: f.numerator, denominator: f.denominator, kpiVersion: 1 })),
        consent,
        viewerAuthorityId: viewer,
      });
    });
    await trx
      .insertInto('benchmark_pack_view')
      .values({ authority_id: ctx.lead, partnership_id: ctx.partnershipId, pack_id: pack.id, viewer_authority_id: viewer, snapshot: JSON.stringify({ title, asAt, results }) })
      .execute();
  }
}
