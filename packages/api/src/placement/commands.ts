import { placementProviderKeys } from '../provider/keys.ts';
import { badRequest, checkPlacementCsvHeader, longDate, DomainError, parsePlacementCsvRecords, restoreCsvText, type CsvRowProblem, type ParsedPlacementRow } from '@concord/domain';
import type { Tx } from '@concord/db';
import { parse } from 'csv-parse/sync';
import type { TenantContext } from '../context.ts';
import { assertProvider } from '../contract/commands.ts';
import type { CreatePlacementInput, UpdatePlacementInput } from './input.ts';
import { lockForEdit } from '../versions.ts';
import { getPlacement } from './queries.ts';

type Ctx = Pick<TenantContext, 'tx'> & { session: { authorityId: string } };

async function contractFor(tx: Tx, contractId: string) {
  const c = await tx.selectFrom('contract').select(['id', 'reference', 'provider_id']).where('id', '=', contractId).executeTakeFirst();
  if (!c) throw badRequest('There is no such contract in your register', 'contractId');
  return c;
}

function checkDates(startDate: string, endDate: string | null | undefined) {
  if (endDate && endDate < startDate) throw badRequest(`The end date (${longDate(endDate)}) cannot be before the start date (${longDate(startDate)})`, 'endDate');
}
function checkSourcing(requestedOn: string | null | undefined, sourcedOn: string | null | undefined) {
  if (sourcedOn && !requestedOn) throw badRequest('Enter the date requested as well as the date sourced', 'requestedOn');
  if (sourcedOn && requestedOn && sourcedOn < requestedOn) throw badRequest(`The date sourced (${longDate(sourcedOn)}) cannot be before the date requested (${longDate(requestedOn)})`, 'sourcedOn');
}
function checkNhsShare(route: string, share: number | null | undefined) {
  if (route === 'nhs_funded' && !(share != null && share > 0)) throw badRequest('An NHS-funded placement needs the NHS share, more than 0%', 'nhsSharePercent');
}

export async function createPlacement(ctx: Ctx, input: CreatePlacementInput) {
  checkDates(input.startDate, input.endDate);
  checkSourcing(input.requestedOn, input.sourcedOn);
  checkNhsShare(input.fundingRoute, input.nhsSharePercent);
  let providerId = input.providerId;
  if (input.contractId) {
    const c = await contractFor(ctx.tx, input.contractId);
    if (providerId && providerId !== c.provider_id) throw badRequest(`The provider is not the provider of contract ${c.reference}`, 'providerId');
    providerId = c.provider_id;
  }
  if (!providerId) throw badRequest('Choose the provider, or the contract the placement is under', 'providerId');
  await assertProvider(ctx.tx, providerId);
  const taken = await ctx.tx.selectFrom('placement').select('id').where('reference', '=', input.reference).executeTakeFirst();
  if (taken) throw badRequest(`${input.reference} is already a placement of your authority`, 'reference');
  const { id } = await ctx.tx
    .insertInto('placement')
    .values({
      authority_id: ctx.session.authorityId,
      reference: input.reference,
      contract_id: input.contractId ?? null,
      provider_id: providerId,
      service_type: input.serviceType,
      complexity_band: input.complexityBand ?? null,
      locality: input.locality ?? null,
      in_area: input.inArea,
      funding_route: input.fundingRoute,
      nhs_share_percent: input.nhsSharePercent ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      weekly_cost_pence: input.weeklyCostPence,
      weekly_hours: input.weeklyHours ?? null,
      requested_on: input.requestedOn ?? null,
      sourced_on: input.sourcedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference: input.reference };
}

export async function updatePlacement(ctx: Ctx, input: UpdatePlacementInput) {
  await getPlacement(ctx.tx, input.placementId); // NOT_FOUND for one this authority cannot see
  await lockForEdit(ctx.tx, 'placement', input.placementId, input.version, 'Placement');
  const current = await getPlacement(ctx.tx, input.placementId);
  const startDate = input.startDate ?? current.startDate;
  const endDate = input.endDate === undefined ? current.endDate : input.endDate;
  checkDates(startDate, endDate);
  checkSourcing(input.requestedOn === undefined ? current.requestedOn : input.requestedOn, input.sourcedOn === undefined ? current.sourcedOn : input.sourcedOn);
  const route = input.fundingRoute ?? current.fundingRoute;
  checkNhsShare(route, input.nhsSharePercent === undefined ? current.nhsSharePercent : input.nhsSharePercent);
  const set: Record<string, unknown> = {};
  if (input.contractId !== undefined) {
    if (input.contractId) {
      const c = await contractFor(ctx.tx, input.contractId);
      if (c.provider_id !== current.provider.id) throw badRequest(`The placement's provider is not the provider of contract ${c.reference}`, 'contractId');
    }
    set.contract_id = input.contractId;
  }
  if (input.complexityBand !== undefined) set.complexity_band = input.complexityBand;
  if (input.locality !== undefined) set.locality = input.locality;
  if (input.inArea !== undefined) set.in_area = input.inArea;
  if (input.fundingRoute !== undefined) set.funding_route = input.fundingRoute;
  if (input.nhsSharePercent !== undefined) set.nhs_share_percent = input.nhsSharePercent;
  if (input.startDate !== undefined) set.start_date = input.startDate;
  if (input.endDate !== undefined) set.end_date = input.endDate;
  if (input.weeklyCostPence !== undefined) set.weekly_cost_pence = input.weeklyCostPence;
  if (input.weeklyHours !== undefined) set.weekly_hours = input.weeklyHours;
  if (input.requestedOn !== undefined) set.requested_on = input.requestedOn;
  if (input.sourcedOn !== undefined) set.sourced_on = input.sourcedOn;
  if (Object.keys(set).length > 0) await ctx.tx.updateTable('placement').set(set).where('id', '=', current.id).execute();
  return { id: current.id };
}

export const MAX_IMPORT_ROWS = 20_000;

/**
 * A per-row report as a 400: every problem goes out in the error's field errors, named rows.<row>.<column>
 * (the API's error formatter sends a DomainError's `fields`). Nothing is written.
 */
function refuse(problems: CsvRowProblem[]): never {
  const fields: Record<string, string[]> = {};
  for (const p of problems) (fields[`rows.${p.row}.${p.column}`] ??= []).push(`Row ${p.row}, ${p.column}: ${p.message}`);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : '';
  throw new DomainError('BAD_REQUEST', `Row ${first.row}, ${first.column}: ${first.message}${more}`, `rows.${first.row}.${first.column}`, fields);
}

/**
 * Imports placements from CSV, all or nothing: every row is checked against my register and the providers
 * register; if any row has a problem, nothing is written and every problem is reported by row and column.
 */
export async function importPlacementsCsv(ctx: Ctx, csv: string, dryRun: boolean): Promise<{ imported: number; dryRun: boolean; rows: ParsedPlacementRow[] }> {
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => {
        header = h.map((x) => x.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      // Our own export puts an apostrophe before a formula-like cell (CSV injection); take it off again.
      cast: (value, context) => (context.header ? value : restoreCsvText(value)),
    }) as Record<string, string>[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    refuse([{ row: e.lines ?? 1, column: 'row', message: `The file is not valid CSV: ${e.message}` }]);
  }
  const headerProblems = checkPlacementCsvHeader(header);
  if (headerProblems.length > 0) refuse(headerProblems);
  if (records.length === 0) refuse([{ row: 2, column: 'row', message: 'The file has no placement rows' }]);
  if (records.length > MAX_IMPORT_ROWS) refuse([{ row: MAX_IMPORT_ROWS + 2, column: 'row', message: `At most ${MAX_IMPORT_ROWS} rows at a time` }]);

  const contracts = await ctx.tx.selectFrom('contract').select(['id', 'reference', 'provider_id', 'service_type']).execute();
  const providers = await ctx.tx.selectFrom('provider').select(['id', 'legal_name', 'cqc_provider_id', 'companies_house_number']).execute();
  const existing = await ctx.tx.selectFrom('placement').select('reference').execute();
  const providerKeys = placementProviderKeys(providers);
  const { rows, problems } = parsePlacementCsvRecords(records, {
    contracts: new Map(contracts.map((c) => [c.reference.toUpperCase(), { id: c.id, providerId: c.provider_id, serviceType: c.service_type }])),
    providers: providerKeys,
    existingReferences: new Set(existing.map((e) => e.reference)),
  });
  if (problems.length > 0) refuse(problems);
  if (!dryRun) {
    for (let i = 0; i < rows.length; i += 500) {
      await ctx.tx
        .insertInto('placement')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            authority_id: ctx.session.authorityId,
            reference: r.reference,
            contract_id: r.contractId,
            provider_id: r.providerId,
            service_type: r.serviceType,
            complexity_band: r.complexityBand,
            locality: r.locality,
            in_area: r.inArea,
            funding_route: r.fundingRoute,
            nhs_share_percent: r.nhsSharePercent,
            start_date: r.startDate,
            end_date: r.endDate,
            weekly_cost_pence: r.weeklyCostPence,
            weekly_hours: r.weeklyHours,
            requested_on: r.requestedOn,
            sourced_on: r.sourcedOn,
          })),
        )
        .execute();
    }
  }
  return { imported: dryRun ? 0 : rows.length, dryRun, rows };
}
