import {
  assertEndNotBeforeStart,
  badRequest,
  continuationExtraCost,
  contractTermEnd,
  costOfDays,
  daysBetween,
  extendEnd,
  LIVE_CONTRACT_STATUSES,
  notFound,
  planBulkContinuation,
  planTermination,
  termValue,
  longDate,
  type ContinuationPlan,
} from '@concord/domain';
import type { ContractSource, Tx } from '@concord/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import type { BulkContinuationInput, CreateContractInput, DirectAwardInput, TerminationInput, VariationInput, endDecisionInput, extensionDecisionInput, setRatesInput, updateContractInput } from './input.ts';
import { alreadyChanged, lockForEdit } from '../versions.ts';
import { findContract } from './queries.ts';
import { assertStandstillOver } from '../notice/gate.ts';

type Ctx = Pick<TenantContext, 'tx' | 'session' | 'now'> & { session: { authorityId: string; userId: string } };

/** A provider on the shared register, or BAD_REQUEST naming the field. */
export async function assertProvider(tx: Tx, providerId: string, field = 'providerId'): Promise<void> {
  const found = await tx.selectFrom('provider').select('id').where('id', '=', providerId).executeTakeFirst();
  if (!found) throw badRequest('There is no such provider on the providers register', field);
}

async function assertReferenceFree(tx: Tx, reference: string): Promise<void> {
  const taken = await tx.selectFrom('contract').select('id').where('reference', '=', reference).executeTakeFirst();
  if (taken) throw badRequest(`${reference} is already a contract in your register`, 'reference');
}

interface NewContract {
  reference: string;
  title: string;
  providerId: string;
  serviceType: string;
  source: ContractSource;
  procurementId?: string | null;
  lotId?: string | null;
  callOffId?: string | null;
  startDate: string;
  termMonths?: number | undefined;
  endDate?: string | undefined;
  annualValuePence: number;
  totalValuePence?: number | undefined;
  providerRole?: 'lead' | 'supplementary' | null | undefined;
  status?: 'draft' | 'active';
  responsibleOfficer?: string | null | undefined;
  ratesReviewedOn?: string | null | undefined;
  rates: { band: string; unit: 'hour' | 'week' | 'night'; ratePence: number; effectiveFrom?: string | undefined }[];
  extensionOptions: { months: number }[];
  awardJustification?: string | null | undefined;
  legalBasis?: string | null | undefined;
  decisionReference?: string | null | undefined;
  decidedOn?: string | null | undefined;
}

/**
 * Locks a contract for the rest of the transaction and reads it as it is now: everything derived from it
 * (total value, end date, the next extension option) is computed from a row no one else can change until
 * this transaction ends, so parallel variations add up instead of overwriting each other. The version the
 * person saw is required: a stale one is refused (CONFLICT) before anything is read from the row. Every edit
 * then updates the contract row, whose trigger moves the version on.
 */
async function lockContract(ctx: Ctx, contractId: string, seenVersion: number) {
  await findContract(ctx.tx, contractId); // NOT_FOUND for a contract this authority cannot see
  await lockForEdit(ctx.tx, 'contract', contractId, seenVersion, 'Contract');
  return findContract(ctx.tx, contractId);
}

/** Writes a contract with its rate card and extension options. Shared by create, direct award and call-off award. */
export async function insertContract(ctx: Ctx, c: NewContract): Promise<{ id: string; reference: string }> {
  const endDate = c.endDate ?? contractTermEnd(c.startDate, c.termMonths!);
  assertEndNotBeforeStart(c.startDate, endDate, c.endDate ? 'endDate' : 'termMonths');
  if (c.endDate && c.termMonths !== undefined && contractTermEnd(c.startDate, c.termMonths) !== c.endDate)
    throw badRequest(`A ${c.termMonths}-month term from ${longDate(c.startDate)} ends on ${longDate(contractTermEnd(c.startDate, c.termMonths))}, not ${longDate(c.endDate)}`, 'endDate');
  if (c.ratesReviewedOn && c.ratesReviewedOn > londonToday(ctx)) throw badRequest('The rates cannot have been reviewed in the future', 'ratesReviewedOn');
  await assertProvider(ctx.tx, c.providerId);
  await assertReferenceFree(ctx.tx, c.reference);
  if (c.procurementId) {
    const visible = await ctx.tx.selectFrom('procurement').select('id').where('id', '=', c.procurementId).executeTakeFirst();
    if (!visible) throw badRequest('There is no such procurement in your partnerships', 'procurementId');
  }
  // Procurement Act 2023, s.51: not inside the standstill after a published contract award notice (issue 16).
  await assertStandstillOver(ctx.tx, { procurementId: c.procurementId, callOffId: c.callOffId, startDate: c.startDate });
  if (c.lotId) {
    const lot = await ctx.tx.selectFrom('lot').select(['id', 'procurement_id']).where('id', '=', c.lotId).executeTakeFirst();
    if (!lot || (c.procurementId && lot.procurement_id !== c.procurementId)) throw badRequest('There is no such lot in that procurement', 'lotId');
  }
  const months = c.termMonths ?? Math.max(1, Math.round((daysBetween(c.startDate, endDate) + 1) / (365 / 12)));
  const { id } = await ctx.tx
    .insertInto('contract')
    .values({
      authority_id: ctx.session.authorityId,
      reference: c.reference,
      title: c.title,
      provider_id: c.providerId,
      service_type: c.serviceType,
      source: c.source,
      procurement_id: c.procurementId ?? null,
      lot_id: c.lotId ?? null,
      call_off_id: c.callOffId ?? null,
      start_date: c.startDate,
      initial_end_date: endDate,
      end_date: endDate,
      annual_value_pence: c.annualValuePence,
      total_value_pence: c.totalValuePence ?? termValue(c.annualValuePence, months),
      provider_role: c.providerRole ?? null,
      status: c.status ?? 'active',
      responsible_officer: c.responsibleOfficer ?? null,
      rates_reviewed_on: c.ratesReviewedOn ?? null,
      award_justification: c.awardJustification ?? null,
      legal_basis: c.legalBasis ?? null,
      decision_reference: c.decisionReference ?? null,
      decided_on: c.decidedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.rates.length > 0) {
    await ctx.tx
      .insertInto('contract_rate')
      .values(
        c.rates.map((r) => ({
          authority_id: ctx.session.authorityId,
          contract_id: id,
          band: r.band,
          unit: r.unit,
          rate_pence: r.ratePence,
          effective_from: r.effectiveFrom ?? c.startDate,
        })),
      )
      .execute();
  }
  if (c.extensionOptions.length > 0) {
    await ctx.tx
      .insertInto('contract_extension_option')
      .values(c.extensionOptions.map((o, i) => ({ authority_id: ctx.session.authorityId, contract_id: id, position: i + 1, months: o.months })))
      .execute();
  }
  return { id, reference: c.reference };
}

const londonToday = (ctx: Pick<TenantContext, 'now'>) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(ctx.now());

export async function createContract(ctx: Ctx, input: CreateContractInput) {
  if (input.source === 'direct_award' && !(input.awardJustification && input.decisionReference && input.decidedOn))
    throw badRequest('A direct award needs its justification, decision reference and decision date', 'awardJustification');
  if (input.source === 'call_off' && !input.procurementId)
    throw badRequest('A call-off made here names the procurement it is called off from (or use the call-off pages)', 'procurementId');
  return insertContract(ctx, input);
}

export async function directAward(ctx: Ctx, input: DirectAwardInput) {
  return insertContract(ctx, { ...input, source: 'direct_award', awardJustification: input.justification, status: 'active' });
}

export async function updateContract(ctx: Ctx, input: z.infer<typeof updateContractInput>) {
  await lockContract(ctx, input.contractId, input.version);
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.status !== undefined) set.status = input.status;
  if (input.responsibleOfficer !== undefined) set.responsible_officer = input.responsibleOfficer;
  if (input.providerRole !== undefined) set.provider_role = input.providerRole;
  if (Object.keys(set).length > 0) await ctx.tx.updateTable('contract').set(set).where('id', '=', input.contractId).execute();
  return { id: input.contractId };
}

/** Replaces the rate card (a review): the rates and the date they were reviewed. */
export async function setRates(ctx: Ctx, input: z.infer<typeof setRatesInput>) {
  const c = await lockContract(ctx, input.contractId, input.version);
  if (input.reviewedOn > londonToday(ctx)) throw badRequest('The rates cannot have been reviewed in the future', 'reviewedOn');
  const seen = new Set<string>();
  input.rates.forEach((r, i) => {
    const key = `${r.band.toLowerCase()}|${r.unit}|${r.effectiveFrom ?? input.reviewedOn}`;
    if (seen.has(key)) throw badRequest(`The ${r.band} rate ${r.unit === 'hour' ? 'per hour' : `per ${r.unit}`} is entered twice`, `rates[${i}].band`);
    seen.add(key);
  });
  await ctx.tx.deleteFrom('contract_rate').where('contract_id', '=', c.id).execute();
  if (input.rates.length > 0) {
    await ctx.tx
      .insertInto('contract_rate')
      .values(
        input.rates.map((r) => ({
          authority_id: ctx.session.authorityId,
          contract_id: c.id,
          band: r.band,
          unit: r.unit,
          rate_pence: r.ratePence,
          effective_from: r.effectiveFrom ?? input.reviewedOn,
        })),
      )
      .execute();
  }
  await ctx.tx.updateTable('contract').set({ rates_reviewed_on: input.reviewedOn }).where('id', '=', c.id).execute();
  return { id: c.id, rates: input.rates.length };
}

function assertLive(c: { reference: string; status: string }, field = 'contractId') {
  if (!(LIVE_CONTRACT_STATUSES as readonly string[]).includes(c.status)) throw badRequest(`${c.reference} is ${c.status}: only an active or extended contract can be varied`, field);
}

/**
 * Records a variation. Extension and continuation move the end date (and add annual × days ÷ 365 to the total
 * value unless a figure is given); a price change sets the new annual value (and adds the difference for the
 * days left unless given); a scope change records what it changes.
 */
export async function addVariation(ctx: Ctx, input: VariationInput) {
  const c = await lockContract(ctx, input.contractId, input.version);
  assertLive(c);
  let newEnd: string | null = null;
  let newAnnual: number | null = input.newAnnualValuePence ?? null;
  let change = input.valueChangePence;
  if (input.kind === 'extension' || input.kind === 'continuation') {
    if (!input.newEndDate) throw badRequest('Enter the new end date', 'newEndDate');
    if (input.newEndDate <= c.end_date) throw badRequest(`The new end date must be after the current end date (${longDate(c.end_date)})`, 'newEndDate');
    newEnd = input.newEndDate;
    change ??= continuationExtraCost(newAnnual ?? c.annual_value_pence, c.end_date, newEnd).extraPence;
  } else if (input.newEndDate) {
    throw badRequest('Only an extension or a continuation changes the end date', 'newEndDate');
  }
  if (input.rates?.length && input.kind !== 'price_change') throw badRequest('Only a price change changes the rates', 'rates');
  if (input.kind === 'price_change') {
    if (newAnnual === null) throw badRequest('Enter the new annual value', 'newAnnualValuePence');
    const from = input.effectiveOn > c.start_date ? input.effectiveOn : c.start_date;
    const daysLeft = Math.max(0, daysBetween(from, c.end_date) + 1);
    const difference = newAnnual - c.annual_value_pence;
    change ??= Math.sign(difference) * costOfDays(Math.abs(difference), daysLeft);
  }
  change ??= 0;
  if (c.total_value_pence + change < 0) throw badRequest('The variation would take the total value below zero', 'valueChangePence');
  const { id } = await ctx.tx
    .insertInto('contract_variation')
    .values({
      authority_id: ctx.session.authorityId,
      contract_id: c.id,
      kind: input.kind,
      effective_on: input.effectiveOn,
      previous_end_date: c.end_date,
      new_end_date: newEnd,
      previous_annual_value_pence: c.annual_value_pence,
      new_annual_value_pence: newAnnual,
      value_change_pence: change,
      justification: input.justification,
      legal_basis: input.legalBasis,
      decision_reference: input.decisionReference,
      decided_on: input.decidedOn,
      recorded_by: ctx.session.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.rates?.length) await addRatesFrom(ctx, c.id, input.rates, input.effectiveOn, input.decidedOn);
  await ctx.tx
    .updateTable('contract')
    .set({
      end_date: newEnd ?? c.end_date,
      status: newEnd ? 'extended' : c.status,
      annual_value_pence: newAnnual ?? c.annual_value_pence,
      total_value_pence: c.total_value_pence + change,
    })
    .where('id', '=', c.id)
    .execute();
  return { id, contractId: c.id, valueChangePence: change, endDate: newEnd ?? c.end_date };
}

type NewRate = { band: string; unit: 'hour' | 'week' | 'night'; ratePence: number };

/**
 * A price change's new rates: added to the rate card from the date it takes effect (a rate already entered for
 * that band, unit and date is replaced; earlier rates stay as history). The decision reviews the rates.
 */
async function addRatesFrom(ctx: Ctx, contractId: string, rates: NewRate[], effectiveOn: string, decidedOn: string) {
  const seen = new Set<string>();
  rates.forEach((r, i) => {
    const key = `${r.band.toLowerCase()}|${r.unit}`;
    if (seen.has(key)) throw badRequest(`The ${r.band} rate ${r.unit === 'hour' ? 'per hour' : `per ${r.unit}`} is entered twice`, `rates.${i}.band`);
    seen.add(key);
  });
  for (const r of rates) {
    await ctx.tx.deleteFrom('contract_rate').where('contract_id', '=', contractId).where('effective_from', '=', effectiveOn).where('band', '=', r.band).where('unit', '=', r.unit).execute();
  }
  await ctx.tx
    .insertInto('contract_rate')
    .values(rates.map((r) => ({ authority_id: ctx.session.authorityId, contract_id: contractId, band: r.band, unit: r.unit, rate_pence: r.ratePence, effective_from: effectiveOn })))
    .execute();
  if (decidedOn <= londonToday(ctx)) await ctx.tx.updateTable('contract').set({ rates_reviewed_on: decidedOn }).where('id', '=', contractId).execute();
}

/** Exercises (an extension variation, moving the end date) or declines the next extension option, in order. */
export async function decideExtension(ctx: Ctx, input: z.infer<typeof extensionDecisionInput>) {
  const c = await lockContract(ctx, input.contractId, input.version);
  const options = await ctx.tx.selectFrom('contract_extension_option').selectAll().where('contract_id', '=', c.id).orderBy('position').execute();
  const option = options.find((o) => o.id === input.optionId);
  if (!option) throw notFound('Extension option');
  if (option.status !== 'available') throw await alreadyChanged(ctx.tx, 'contract_extension_option', option.id, `Option ${option.position} was already ${option.status}`);
  assertLive(c);
  const next = options.find((o) => o.status === 'available');
  if (next && next.id !== option.id) throw badRequest(`Decide option ${next.position} first: options are taken in order`, 'optionId');
  // The state is checked in the statement that changes it, as well as under the contract's lock.
  const decided = await ctx.tx
    .updateTable('contract_extension_option')
    .set({ status: input.decision === 'exercise' ? 'exercised' : 'declined', decided_on: input.decidedOn, decision_reference: input.decisionReference, note: input.justification ?? null })
    .where('id', '=', option.id)
    .where('status', '=', 'available')
    .returning('id')
    .executeTakeFirst();
  if (!decided) throw await alreadyChanged(ctx.tx, 'contract_extension_option', option.id, `Option ${option.position} was already decided`);
  if (input.decision === 'decline') {
    // Declining one option forgoes the later ones too: they extend from it.
    await ctx.tx
      .updateTable('contract_extension_option')
      .set({ status: 'declined', decided_on: input.decidedOn, decision_reference: input.decisionReference, note: `Forgone with option ${option.position}` })
      .where('contract_id', '=', c.id)
      .where('status', '=', 'available')
      .execute();
    // The contract's options changed: its version moves on (the trigger), so a form loaded before is stale.
    await ctx.tx.updateTable('contract').set({ status: c.status }).where('id', '=', c.id).execute();
    return { id: option.id, endDate: c.end_date };
  }
  const newEnd = extendEnd(c.end_date, option.months);
  const change = continuationExtraCost(c.annual_value_pence, c.end_date, newEnd).extraPence;
  await ctx.tx
    .insertInto('contract_variation')
    .values({
      authority_id: ctx.session.authorityId,
      contract_id: c.id,
      kind: 'extension',
      effective_on: nextDay(c.end_date),
      previous_end_date: c.end_date,
      new_end_date: newEnd,
      previous_annual_value_pence: c.annual_value_pence,
      new_annual_value_pence: null,
      value_change_pence: change,
      justification: input.justification ?? `Extension option ${option.position} (${option.months} months) exercised`,
      legal_basis: input.legalBasis ?? 'Extension option in the contract',
      decision_reference: input.decisionReference,
      decided_on: input.decidedOn,
      extension_option_id: option.id,
      recorded_by: ctx.session.userId,
    })
    .execute();
  await ctx.tx
    .updateTable('contract')
    .set({ end_date: newEnd, status: 'extended', total_value_pence: c.total_value_pence + change })
    .where('id', '=', c.id)
    .execute();
  return { id: option.id, endDate: newEnd };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Records what happens at the current end date, which clears the "ending with no decision" warning. */
export async function recordEndDecision(ctx: Ctx, input: z.infer<typeof endDecisionInput>) {
  const c = await lockContract(ctx, input.contractId, input.version);
  await ctx.tx
    .updateTable('contract')
    .set({ end_decision: input.decision, end_decision_for: c.end_date, end_decision_reference: input.decisionReference, end_decided_on: input.decidedOn, end_decision_note: input.note ?? null })
    .where('id', '=', c.id)
    .execute();
  return { id: c.id, forEndDate: c.end_date };
}

/**
 * Terminates a running contract on a date (domain rules in planTermination): the contract ends that day and
 * is marked terminated, and a termination variation keeps the reason, the clause relied on, the decision
 * and the value taken off the total.
 */
export async function terminateContract(ctx: Ctx, input: TerminationInput) {
  const c = await lockContract(ctx, input.contractId, input.version);
  const plan = planTermination(
    { reference: c.reference, status: c.status, startDate: c.start_date, endDate: c.end_date, annualValuePence: c.annual_value_pence, totalValuePence: c.total_value_pence },
    input.terminatedOn,
  );
  await ctx.tx
    .insertInto('contract_variation')
    .values({
      authority_id: ctx.session.authorityId,
      contract_id: c.id,
      kind: 'termination',
      effective_on: input.terminatedOn,
      previous_end_date: c.end_date,
      new_end_date: plan.newEndDate,
      previous_annual_value_pence: c.annual_value_pence,
      value_change_pence: plan.valueChangePence,
      justification: input.justification,
      legal_basis: input.legalBasis,
      decision_reference: input.decisionReference,
      decided_on: input.decidedOn,
      recorded_by: ctx.session.userId,
    })
    .execute();
  await ctx.tx
    .updateTable('contract')
    .set({ status: 'terminated', end_date: plan.newEndDate, total_value_pence: c.total_value_pence + plan.valueChangePence })
    .where('id', '=', c.id)
    .execute();
  return { id: c.id, endDate: plan.newEndDate, valueChangePence: plan.valueChangePence, daysCut: plan.daysCut };
}

/** The plan for continuing contracts to a common end date: what each adds, and the total. Nothing is written. */
export async function planContinuation(tx: Tx, contractIds: string[], commonEndDate: string): Promise<ContinuationPlan> {
  const rows = await tx.selectFrom('contract').select(['id', 'reference', 'title', 'status', 'annual_value_pence', 'end_date']).where('id', 'in', contractIds).execute();
  const candidates = contractIds.map((id, i) => {
    const r = rows.find((x) => x.id === id);
    if (!r) throw notFound(`Contract ${i + 1} of those chosen`);
    return { id: r.id, reference: r.reference, title: r.title, status: r.status, annualValuePence: r.annual_value_pence, endDate: r.end_date };
  });
  return planBulkContinuation(candidates, commonEndDate);
}

/** Continues every chosen contract to one end date under one single-source justification: all or nothing. */
export async function bulkContinue(ctx: Ctx, input: BulkContinuationInput) {
  // Lock every chosen contract (in one order, so two batches cannot deadlock) before planning from them.
  await ctx.tx.selectFrom('contract').select('id').where('id', 'in', input.contractIds).orderBy('id').forUpdate().execute();
  const plan = await planContinuation(ctx.tx, input.contractIds, input.commonEndDate);
  const { id: batchId } = await ctx.tx
    .insertInto('continuation_batch')
    .values({
      authority_id: ctx.session.authorityId,
      common_end_date: input.commonEndDate,
      justification: input.justification,
      legal_basis: input.legalBasis,
      decision_reference: input.decisionReference,
      decided_on: input.decidedOn,
      total_annual_value_pence: plan.totalAnnualValuePence,
      total_extra_pence: plan.totalExtraPence,
      recorded_by: ctx.session.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const line of plan.lines) {
    await ctx.tx
      .insertInto('contract_variation')
      .values({
        authority_id: ctx.session.authorityId,
        contract_id: line.contractId,
        kind: 'continuation',
        effective_on: nextDay(line.currentEndDate),
        previous_end_date: line.currentEndDate,
        new_end_date: line.newEndDate,
        previous_annual_value_pence: line.annualValuePence,
        value_change_pence: line.extraPence,
        justification: input.justification,
        legal_basis: input.legalBasis,
        decision_reference: input.decisionReference,
        decided_on: input.decidedOn,
        batch_id: batchId,
        recorded_by: ctx.session.userId,
      })
      .execute();
    await ctx.tx
      .updateTable('contract')
      .set((eb) => ({ end_date: line.newEndDate, status: 'extended', total_value_pence: eb('total_value_pence', '+', line.extraPence) }))
      .where('id', '=', line.contractId)
      .execute();
  }
  return { batchId, ...plan };
}
