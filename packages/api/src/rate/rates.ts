import {
  badRequest,
  compareRates,
  requiredText,
  wholeNumber,
  forbidden,
  hasAnyRole,
  RATE_SHARER_ROLES,
  RATE_WRITER_ROLES,
  fairCostOfCare,
  rateGapsToOthers,
  upliftImpact,
  upliftStartDay,
  financialYearOf,
  type AuthorityRole,
  type CostModelKind,
  type RateComparison,
  type RateGaps,
  type UpliftImpact,
} from '@concord/domain';
import type { CostModelRateUnit, Tx } from '@concord/db';
import { z } from 'zod';
import { anonymousLabels, consentByAuthority, isNamedTo } from '../benchmark/consent.ts';
import type { TenantContext } from '../context.ts';
import { findPartnership } from '../cost-model/access.ts';
import { serviceTypeInput } from '../cost-model/fair-cost.ts';
import { modelRatesFor } from '../cost-model/models.ts';
import { placementsRunningOn } from '../budget/uplift.ts';
import { currentMember } from '../partnership/members.ts';

/**
 * What each authority actually pays, and how members compare.
 *
 * Sharing: an authority's own rates are private (actual_rate, and its contracts' rate cards). It puts them
 * before a partnership by SHARING them (rate.share): its current rate per band is copied into shared_rate, a
 * table every member reads but only the authority itself writes (its own rows, in its own partnerships).
 * Comparisons read shared_rate only — never another authority's private rows — and show each other member
 * named or as "Authority A/B/…" according to its benchmark consent (issue 6); my own rate is always named to me.
 */
type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'now'> & { session: { userId: string; authorityId: string } };

export const RATE_WRITERS: readonly AuthorityRole[] = RATE_WRITER_ROLES;
export const RATE_SHARERS: readonly AuthorityRole[] = RATE_SHARER_ROLES;

export const shareInput = z.object({ partnershipId: z.uuid('Choose a partnership'), serviceType: serviceTypeInput });

export const compareInput = shareInput.extend({ costModelId: z.uuid('Choose a cost model').optional() });

export const scenarioInput = compareInput.extend({
  band: requiredText('the band', 100),
  risePercent: z.number({ error: 'Rate rise must be a number' }).finite().min(-100, 'Rate rise must be -100% or more').max(1000, 'Rate rise must be 1,000% or less'),
  extraPaidWeeks: z.number({ error: 'Extra paid weeks must be a number' }).finite().min(0, 'Extra paid weeks must not be negative').max(52, 'Extra paid weeks must be 52 or fewer').default(0),
  startMonth: wholeNumber('start month', { min: 1, max: 12 }).default(4),
  /** How many placements to cost; by default my placements of the service type (and band, where recorded) running on the first day of the start month this financial year, as the budgets calculator counts them. */
  placements: wholeNumber('placements', { max: 100_000 }).optional(),
});

const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

export interface MyRate {
  serviceType: string;
  band: string;
  unit: CostModelRateUnit;
  ratePence: number;
  effectiveFrom: string;
  source: 'entered' | 'contract';
  /** For contract rates: how many active contracts the rate is the median of. */
  contracts?: number;
  note: string | null;
}

/**
 * My current rate per service type, band and unit: the newest entered rate in effect; where none is entered,
 * the median of my active contracts' current rate-card rates for that band (issue 4's contract_rate).
 */
export async function myCurrentRates(tx: Tx, authorityId: string, on: string, serviceType?: string): Promise<MyRate[]> {
  let entered = tx
    .selectFrom('actual_rate')
    .select(['service_type', 'band', 'unit', 'rate_pence', 'effective_from', 'note'])
    .where('authority_id', '=', authorityId)
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc');
  if (serviceType) entered = entered.where('service_type', '=', serviceType as CostModelKind);
  const key = (r: { service_type: string; band: string; unit: string }) => `${r.service_type}|${r.band}|${r.unit}`;
  const rates = new Map<string, MyRate>();
  for (const r of await entered.execute()) {
    if (rates.has(key(r))) continue;
    rates.set(key(r), { serviceType: r.service_type, band: r.band, unit: r.unit, ratePence: r.rate_pence, effectiveFrom: r.effective_from, source: 'entered', note: r.note });
  }

  let contract = tx
    .selectFrom('contract_rate as r')
    .innerJoin('contract as c', (j) => j.onRef('c.authority_id', '=', 'r.authority_id').onRef('c.id', '=', 'r.contract_id'))
    .select(['c.id as contract_id', 'c.service_type', 'r.band', 'r.unit', 'r.rate_pence', 'r.effective_from'])
    .where('r.authority_id', '=', authorityId)
    .where('c.status', 'in', ['active', 'extended'])
    .where('r.effective_from', '<=', on)
    .orderBy('r.effective_from', 'desc');
  if (serviceType) contract = contract.where('c.service_type', '=', serviceType);
  const current = new Map<string, { key: string; row: { service_type: string; band: string; unit: CostModelRateUnit; rate_pence: number; effective_from: string } }>();
  for (const r of await contract.execute()) {
    const k = `${r.contract_id}|${key(r)}`;
    if (!current.has(k)) current.set(k, { key: key(r), row: r });
  }
  const byKey = new Map<string, (typeof current extends Map<string, infer V> ? V : never)['row'][]>();
  for (const { key: k, row } of current.values()) byKey.set(k, [...(byKey.get(k) ?? []), row]);
  for (const [k, rows] of byKey) {
    if (rates.has(k) || !['home_care', 'supported_living', 'shared_lives', 'extra_care'].includes(rows[0]!.service_type)) continue;
    rates.set(k, {
      serviceType: rows[0]!.service_type,
      band: rows[0]!.band,
      unit: rows[0]!.unit,
      ratePence: fairCostOfCare(rows.map((r) => ({ provider: r.band, pencePerUnit: r.rate_pence })), { values: 'stored' }).medianPence,
      effectiveFrom: rows.map((r) => r.effective_from).sort().pop()!,
      source: 'contract',
      contracts: rows.length,
      note: null,
    });
  }
  return [...rates.values()].sort((a, b) => a.serviceType.localeCompare(b.serviceType) || a.band.localeCompare(b.band) || a.unit.localeCompare(b.unit));
}

export interface MyRates {
  rates: MyRate[];
  /** What I have shared, per partnership of mine. */
  shared: { partnershipId: string; partnershipName: string; serviceType: string; band: string; unit: string; ratePence: number; sharedAt: string }[];
  /** Every rate entered (past, current and from a later date), with the version rate.set sends to replace it. */
  entered: { serviceType: string; band: string; unit: CostModelRateUnit; effectiveFrom: string; rowVersion: number }[];
}

export async function myRates(ctx: Ctx): Promise<MyRates> {
  const rates = await myCurrentRates(ctx.tx, ctx.session.authorityId, today(ctx));
  const shared = await ctx.tx
    .selectFrom('shared_rate as s')
    .innerJoin('partnership as p', 'p.id', 's.partnership_id')
    .select(['s.partnership_id', 'p.name', 's.service_type', 's.band', 's.unit', 's.rate_pence', 's.shared_at'])
    .where('s.authority_id', '=', ctx.session.authorityId)
    .orderBy('p.name')
    .orderBy('s.service_type')
    .orderBy('s.band')
    .execute();
  const entered = await ctx.tx
    .selectFrom('actual_rate')
    .select(['service_type', 'band', 'unit', 'effective_from', 'row_version'])
    .where('authority_id', '=', ctx.session.authorityId)
    .orderBy('effective_from')
    .execute();
  return {
    rates,
    entered: entered.map((r) => ({ serviceType: r.service_type, band: r.band, unit: r.unit, effectiveFrom: r.effective_from, rowVersion: r.row_version })),
    shared: shared.map((s) => ({
      partnershipId: s.partnership_id,
      partnershipName: s.name,
      serviceType: s.service_type,
      band: s.band,
      unit: s.unit,
      ratePence: s.rate_pence,
      sharedAt: s.shared_at.toISOString(),
    })),
  };
}

async function memberPartnership(ctx: Ctx, partnershipId: string, roles: readonly AuthorityRole[], what: string) {
  const partnership = await findPartnership(ctx.tx, partnershipId); // NOT_FOUND for outsiders
  if (!hasAnyRole(ctx.roles, roles)) throw forbidden(what);
  return partnership;
}

/** Puts my current rates for a service type before a partnership (replacing what I shared before). Commissioners only. */
export async function shareRates(ctx: Ctx, input: z.infer<typeof shareInput>): Promise<{ shared: number }> {
  await memberPartnership(ctx, input.partnershipId, RATE_SHARERS, 'Sharing your authority’s rates with a partnership needs the commissioner role');
  const rates = await myCurrentRates(ctx.tx, ctx.session.authorityId, today(ctx), input.serviceType);
  if (rates.length === 0) throw badRequest('Your authority has no current rates for this service to share: record them first', 'serviceType');
  await ctx.tx
    .deleteFrom('shared_rate')
    .where('authority_id', '=', ctx.session.authorityId)
    .where('partnership_id', '=', input.partnershipId)
    .where('service_type', '=', input.serviceType)
    .execute();
  await ctx.tx
    .insertInto('shared_rate')
    .values(
      rates.map((r) => ({
        authority_id: ctx.session.authorityId,
        partnership_id: input.partnershipId,
        service_type: input.serviceType,
        band: r.band,
        unit: r.unit,
        rate_pence: r.ratePence,
        effective_from: r.effectiveFrom,
        source: r.source,
        shared_at: ctx.now(),
        shared_by: ctx.session.userId,
      })),
    )
    .execute();
  return { shared: rates.length };
}

/** Takes my rates for a service type back out of a partnership. Commissioners only. */
export async function withdrawRates(ctx: Ctx, input: z.infer<typeof shareInput>): Promise<{ withdrawn: number }> {
  await memberPartnership(ctx, input.partnershipId, RATE_SHARERS, 'Withdrawing your authority’s rates needs the commissioner role');
  const result = await ctx.tx
    .deleteFrom('shared_rate')
    .where('authority_id', '=', ctx.session.authorityId)
    .where('partnership_id', '=', input.partnershipId)
    .where('service_type', '=', input.serviceType)
    .executeTakeFirst();
  return { withdrawn: Number(result.numDeletedRows) };
}

export interface BandComparison {
  band: string;
  unit: string;
  /** The model's rate for this band, if the partnership's model has one. */
  modelRatePence: number | null;
  /** Each member's shared rate against the model and the partnership median, £ and %, min–max spread. */
  comparison: RateComparison;
  /** Which row is mine (named to me), if I shared a rate for this band. */
  me: string | null;
  /** How far my rate is below (+) or above (−) each other member's. Null when I have no rate or no one to compare with. */
  myGaps: RateGaps | null;
}

export interface PartnershipRateComparison {
  partnership: { id: string; name: string };
  serviceType: string;
  model: { costModelId: string; name: string; version: number; effectiveFrom: string; unit: string } | null;
  /** Members with shared rates for the service, and those without. */
  sharedBy: number;
  members: number;
  bands: BandComparison[];
}

interface SharedRow {
  authority_id: string;
  authority_name: string;
  band: string;
  unit: string;
  rate_pence: number;
}

/** The label each member's figure carries for me: its name when consent allows (mine always), else "Authority A/B/…". */
async function labelsFor(ctx: Ctx, partnershipId: string, authorities: { id: string; name: string }[]) {
  const consent = await consentByAuthority(ctx.tx, partnershipId);
  const anonymised = authorities.filter((a) => !isNamedTo(consent, a.id, ctx.session.authorityId)).map((a) => a.id);
  const anon = anonymousLabels(partnershipId, anonymised);
  return new Map(authorities.map((a) => [a.id, { label: anon.get(a.id) ?? a.name, named: !anon.has(a.id) }]));
}

async function sharedRows(ctx: Ctx, partnershipId: string, serviceType: string): Promise<SharedRow[]> {
  return ctx.tx
    .selectFrom('shared_rate as s')
    .innerJoin('authority as a', 'a.id', 's.authority_id')
    .select(['s.authority_id', 'a.name as authority_name', 's.band', 's.unit', 's.rate_pence'])
    .where('s.partnership_id', '=', partnershipId)
    .where('s.service_type', '=', serviceType as CostModelKind)
    .orderBy('a.name')
    .execute();
}

function compareBand(
  rows: SharedRow[],
  labels: Map<string, { label: string; named: boolean }>,
  myAuthorityId: string,
  band: string,
  unit: string,
  modelRatePence: number | null,
  override?: { authorityId: string; ratePence: number },
): BandComparison {
  const rates = rows
    .filter((r) => r.band === band && r.unit === unit)
    .map((r) => ({
      authority: labels.get(r.authority_id)!.label,
      ratePence: override && r.authority_id === override.authorityId ? override.ratePence : r.rate_pence,
      mine: r.authority_id === myAuthorityId,
    }));
  const comparison = compareRates({ rates: rates.map(({ authority, ratePence }) => ({ authority, ratePence })), ...(modelRatePence === null ? {} : { modelRatePence }) });
  const mine = rates.find((r) => r.mine);
  const myGaps = mine && rates.length > 1 ? rateGapsToOthers(rates.map(({ authority, ratePence }) => ({ authority, ratePence })), mine.authority) : null;
  return { band, unit, modelRatePence, comparison, me: mine?.authority ?? null, myGaps };
}

/** Every band members have shared for a service type, compared against the partnership's model and median. */
export async function compareSharedRates(ctx: Ctx, input: z.infer<typeof compareInput>): Promise<PartnershipRateComparison> {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  const rows = await sharedRows(ctx, partnership.id, input.serviceType);
  const members = await ctx.tx.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', partnership.id).where(currentMember()).execute();
  const authorities = [...new Map(rows.map((r) => [r.authority_id, { id: r.authority_id, name: r.authority_name }])).values()];
  const labels = await labelsFor(ctx, partnership.id, authorities);
  const model = await modelRatesFor(ctx.tx, partnership.id, input.serviceType, today(ctx), input.costModelId);
  const bands = [...new Map(rows.map((r) => [`${r.band}|${r.unit}`, { band: r.band, unit: r.unit }])).values()];
  return {
    partnership: { id: partnership.id, name: partnership.name },
    serviceType: input.serviceType,
    model: model ? { costModelId: model.costModelId, name: model.name, version: model.version, effectiveFrom: model.effectiveFrom, unit: model.result.unit } : null,
    sharedBy: authorities.length,
    members: members.length,
    bands: bands.map(({ band, unit }) => {
      const modelRate = model && model.result.unit === unit ? (model.result.rates.find((r) => r.band === band)?.ratePence ?? null) : null;
      return compareBand(rows, labels, ctx.session.authorityId, band, unit, modelRate);
    }),
  };
}

export interface RateScenario {
  band: string;
  unit: string;
  currentRatePence: number;
  newRatePence: number;
  placements: number;
  /** Where the placement count came from: my placement records, or the number entered. */
  placementsFrom: 'placements' | 'entered';
  /** The domain's uplift costing (weekly rates): to the end of the financial year and for a full year. */
  impact: UpliftImpact;
  /** Where I stand now, and where I would stand with the new rate (others unchanged). */
  before: BandComparison;
  after: BandComparison;
}

/** "Long-term" (a rate's band) and "long_term" (a placement's band) are the same band. */
const bandKey = (band: string) => band.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * My placements of a service type (and band, where the placement records one) running on the day the uplift
 * starts: the same placements the budgets calculator and the business case cost (../budget/uplift.ts).
 */
async function countMyPlacements(ctx: Ctx, serviceType: string, band: string, on: string): Promise<number> {
  const rows = await placementsRunningOn(ctx.tx, serviceType, on);
  const banded = rows.filter((r) => r.complexity_band !== null && bandKey(r.complexity_band) === bandKey(band));
  return banded.length > 0 ? banded.length : rows.filter((r) => r.complexity_band === null).length;
}

/** An uplift to my rate for a band (and extra paid weeks): its cost from my placements, and where I would then stand. */
export async function rateScenario(ctx: Ctx, input: z.infer<typeof scenarioInput>): Promise<RateScenario> {
  const partnership = await findPartnership(ctx.tx, input.partnershipId);
  const rows = await sharedRows(ctx, partnership.id, input.serviceType);
  const mine = rows.find((r) => r.authority_id === ctx.session.authorityId && r.band === input.band);
  if (!mine) throw badRequest('Share your rate for this band with the partnership before modelling an uplift', 'band');
  if (mine.unit !== 'week') throw badRequest('An uplift scenario costs weekly rates: this band is priced per ' + mine.unit, 'band');
  const on = today(ctx);
  const fromRecords = input.placements === undefined;
  const startsOn = upliftStartDay(financialYearOf(on), input.startMonth);
  const placements = fromRecords ? await countMyPlacements(ctx, input.serviceType, input.band, startsOn) : input.placements!;
  const impact = upliftImpact({
    placements: [{ label: input.band, weeklyPence: mine.rate_pence, count: placements }],
    risePercent: input.risePercent,
    extraPaidWeeks: input.extraPaidWeeks,
    startMonth: input.startMonth,
  }, { placements: 'stored' });
  // The new weekly rate of one placement (rounded to the penny as the domain rounds it).
  const newRate = upliftImpact({ placements: [{ weeklyPence: mine.rate_pence, count: 1 }], risePercent: input.risePercent, startMonth: input.startMonth }, { placements: 'stored' }).newWeeklyPence;
  const authorities = [...new Map(rows.map((r) => [r.authority_id, { id: r.authority_id, name: r.authority_name }])).values()];
  const labels = await labelsFor(ctx, partnership.id, authorities);
  const model = await modelRatesFor(ctx.tx, partnership.id, input.serviceType, on, input.costModelId);
  const modelRate = model && model.result.unit === mine.unit ? (model.result.rates.find((r) => r.band === input.band)?.ratePence ?? null) : null;
  return {
    band: input.band,
    unit: mine.unit,
    currentRatePence: mine.rate_pence,
    newRatePence: newRate,
    placements,
    placementsFrom: fromRecords ? 'placements' : 'entered',
    impact,
    before: compareBand(rows, labels, ctx.session.authorityId, input.band, mine.unit, modelRate),
    after: compareBand(rows, labels, ctx.session.authorityId, input.band, mine.unit, modelRate, { authorityId: ctx.session.authorityId, ratePence: newRate }),
  };
}
