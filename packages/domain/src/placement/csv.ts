import { z } from 'zod';
import { SERVICE_TYPES, SERVICE_TYPE_LABELS, type ServiceType } from '../procurement/labels.ts';
import type { Pence } from '../money.ts';
import { FUNDING_ROUTES, FUNDING_ROUTE_LABELS, type FundingRoute } from './labels.ts';
import { PLACEMENT_REFERENCE, PLACEMENT_REFERENCE_MESSAGE } from './reference.ts';
import { normaliseLegalName } from '../provider-name.ts';

/**
 * The placements CSV: one header row, then one placement a row. The same columns are exported, so an export
 * can be edited and imported elsewhere. Rows are numbered as a spreadsheet shows them: the header is row 1,
 * the first placement row 2.
 *
 * Parsing the text is the API's job (csv-parse); this checks each record and says, per row and column,
 * what is wrong. An import writes only if no row has a problem.
 */
export const PLACEMENT_CSV_COLUMNS = [
  'reference',
  'contract_reference',
  'provider',
  'service_type',
  'complexity_band',
  'locality',
  'in_area',
  'funding_route',
  'nhs_share_percent',
  'start_date',
  'end_date',
  'weekly_cost',
  'weekly_hours',
  'requested_on',
  'sourced_on',
] as const;
export type PlacementCsvColumn = (typeof PLACEMENT_CSV_COLUMNS)[number];
export const REQUIRED_PLACEMENT_CSV_COLUMNS: readonly PlacementCsvColumn[] = ['reference', 'service_type', 'in_area', 'funding_route', 'start_date', 'weekly_cost'];

export interface CsvRowProblem {
  row: number;
  column: PlacementCsvColumn | 'row';
  message: string;
}

export interface ContractLookup {
  id: string;
  providerId: string;
  serviceType: string;
}

export interface PlacementCsvLookups {
  /** By contract reference, upper case. */
  contracts: ReadonlyMap<string, ContractLookup>;
  /**
   * By CQC provider ID and Companies House number (upper case) and by normalised legal name (normaliseLegalName); a
   * name more than one entry has maps to '' (ambiguous: the row must use a number).
   */
  providers: ReadonlyMap<string, string>;
  /** Placement references the authority already holds. */
  existingReferences: ReadonlySet<string>;
}

export interface ParsedPlacementRow {
  row: number;
  reference: string;
  contractId: string | null;
  providerId: string;
  serviceType: ServiceType;
  complexityBand: string | null;
  locality: string | null;
  inArea: boolean;
  fundingRoute: FundingRoute;
  nhsSharePercent: number | null;
  startDate: string;
  endDate: string | null;
  weeklyCostPence: Pence;
  weeklyHours: number | null;
  /** When the placement was asked for and when a provider was found (PLC-01: sourced within 5 working days). */
  requestedOn: string | null;
  sourcedOn: string | null;
}

const REAL_DATE = z.iso.date();
const norm = (v: string) => v.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** 2023-10-01, or 01/10/2023 as UK spreadsheets write it. */
export function parseCsvDate(text: string): string | null {
  const t = text.trim();
  let iso = t;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (uk) iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  return REAL_DATE.safeParse(iso).success ? iso : null;
}

/** '245', '245.00', '£1,160.50' → pence. Null when it is not an amount of money. */
export function parseCsvMoney(text: string): Pence | null {
  const cleaned = text.trim().replace(/[£,\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -pence : pence;
}

function parseNumber(text: string, maxDecimals: number): number | null {
  const t = text.trim();
  if (!new RegExp(`^-?\\d+(\\.\\d{1,${maxDecimals}})?$`).test(t)) return null;
  return Number(t);
}

const YES = new Set(['yes', 'y', 'true', '1', 'in', 'in_area', 'in_county']);
const NO = new Set(['no', 'n', 'false', '0', 'out', 'out_of_area', 'out_of_county']);

function matchCode<T extends string>(text: string, codes: readonly T[], labels: Record<T, string>): T | null {
  const n = norm(text);
  return codes.find((c) => c === n || norm(labels[c]) === n) ?? null;
}

/** Checks the header: every required column present, no unknown or repeated column. */
export function checkPlacementCsvHeader(header: readonly string[]): CsvRowProblem[] {
  const problems: CsvRowProblem[] = [];
  const names = header.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of names) {
    if (!(PLACEMENT_CSV_COLUMNS as readonly string[]).includes(name))
      problems.push({ row: 1, column: 'row', message: `Unknown column "${name}". The columns are: ${PLACEMENT_CSV_COLUMNS.join(', ')}` });
    else if (seen.has(name)) problems.push({ row: 1, column: name as PlacementCsvColumn, message: `The column "${name}" appears twice` });
    seen.add(name);
  }
  for (const required of REQUIRED_PLACEMENT_CSV_COLUMNS) {
    if (!seen.has(required)) problems.push({ row: 1, column: required, message: `The column "${required}" is missing` });
  }
  return problems;
}

/**
 * Checks every record against the lookups. Returns the parsed rows only when there is no problem at all
 * (the import is all or nothing), otherwise every problem found, row by row.
 */
export function parsePlacementCsvRecords(
  records: readonly Record<string, string | undefined>[],
  lookups: PlacementCsvLookups,
): { rows: ParsedPlacementRow[]; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  const rows: ParsedPlacementRow[] = [];
  const inFile = new Map<string, number>();

  records.forEach((record, index) => {
    const row = index + 2;
    const before = problems.length;
    const problem = (column: CsvRowProblem['column'], message: string) => problems.push({ row, column, message });
    const get = (column: PlacementCsvColumn) => record[column]?.trim() ?? '';

    const reference = get('reference').toUpperCase();
    if (!reference) problem('reference', 'Enter the placement reference');
    else if (!PLACEMENT_REFERENCE.test(reference)) problem('reference', PLACEMENT_REFERENCE_MESSAGE);
    else if (lookups.existingReferences.has(reference)) problem('reference', `${reference} is already a placement of this authority`);
    else if (inFile.has(reference)) problem('reference', `${reference} is also on row ${inFile.get(reference)}`);
    else inFile.set(reference, row);

    let contract: ContractLookup | null = null;
    const contractReference = get('contract_reference').toUpperCase();
    if (contractReference) {
      contract = lookups.contracts.get(contractReference) ?? null;
      if (!contract) problem('contract_reference', `There is no contract ${contractReference} in this authority's register`);
    }

    let providerId: string | null = null;
    const providerText = get('provider');
    if (providerText) {
      // By number, else by a name that only one entry of the register has (issue 11: '' marks a name several have).
      const found = lookups.providers.get(providerText.toUpperCase()) ?? lookups.providers.get(normaliseLegalName(providerText));
      providerId = found || null;
      if (found === '') problem('provider', `More than one provider in the register is called "${providerText}": use its CQC provider ID or Companies House number`);
      else if (!providerId) problem('provider', `There is no provider "${providerText}" (use the legal name, the CQC provider ID or the Companies House number)`);
      else if (contract && contract.providerId !== providerId) problem('provider', `The provider is not the provider of contract ${contractReference}`);
    } else if (contract) providerId = contract.providerId;
    else if (!contractReference) problem('provider', 'Enter the provider, or a contract reference');

    const serviceType = matchCode(get('service_type'), SERVICE_TYPES, SERVICE_TYPE_LABELS);
    if (!serviceType) problem('service_type', `Enter a service type: ${SERVICE_TYPES.join(', ')}`);

    const inAreaText = norm(get('in_area'));
    const inArea = YES.has(inAreaText) ? true : NO.has(inAreaText) ? false : null;
    if (inArea === null) problem('in_area', 'Enter yes (in area) or no (out of area)');

    const fundingRoute = matchCode(get('funding_route'), FUNDING_ROUTES, FUNDING_ROUTE_LABELS);
    if (!fundingRoute) problem('funding_route', `Enter a funding route: ${FUNDING_ROUTES.join(', ')}`);

    let nhsSharePercent: number | null = null;
    const shareText = get('nhs_share_percent').replace(/%$/, '');
    if (shareText) {
      nhsSharePercent = parseNumber(shareText, 2);
      if (nhsSharePercent === null || nhsSharePercent < 0 || nhsSharePercent > 100) {
        problem('nhs_share_percent', 'Enter the NHS share as a percentage from 0 to 100');
        nhsSharePercent = null;
      }
    }
    if (fundingRoute === 'nhs_funded' && !(nhsSharePercent !== null && nhsSharePercent > 0) && !problems.some((p) => p.row === row && p.column === 'nhs_share_percent'))
      problem('nhs_share_percent', 'An NHS-funded placement needs the NHS share, more than 0%');

    const startText = get('start_date');
    const startDate = startText ? parseCsvDate(startText) : null;
    if (!startText) problem('start_date', 'Enter the start date');
    else if (!startDate) problem('start_date', `"${startText}" is not a real date: use YYYY-MM-DD, for example 2023-10-01`);

    const endText = get('end_date');
    const endDate = endText ? parseCsvDate(endText) : null;
    if (endText && !endDate) problem('end_date', `"${endText}" is not a real date: use YYYY-MM-DD, for example 2025-09-30`);
    else if (startDate && endDate && endDate < startDate) problem('end_date', `The end date ${endDate} is before the start date ${startDate}`);

    const costText = get('weekly_cost');
    const weeklyCostPence = costText ? parseCsvMoney(costText) : null;
    if (!costText) problem('weekly_cost', 'Enter the weekly cost in pounds, for example 245.00');
    else if (weeklyCostPence === null) problem('weekly_cost', `"${costText}" is not an amount of money: use pounds and pence, for example 245.00`);
    else if (weeklyCostPence < 0) problem('weekly_cost', 'The weekly cost must not be negative');
    else if (weeklyCostPence > 5_000_000) problem('weekly_cost', 'The weekly cost must not be more than £50,000.00');

    let weeklyHours: number | null = null;
    const hoursText = get('weekly_hours');
    if (hoursText) {
      weeklyHours = parseNumber(hoursText, 2);
      if (weeklyHours === null || weeklyHours < 0 || weeklyHours > 168) {
        problem('weekly_hours', 'Enter the weekly hours as a number from 0 to 168, at most 2 decimal places');
        weeklyHours = null;
      }
    }

    const requestedText = get('requested_on');
    const requestedOn = requestedText ? parseCsvDate(requestedText) : null;
    if (requestedText && !requestedOn) problem('requested_on', `"${requestedText}" is not a real date: use YYYY-MM-DD, for example 2023-09-04`);
    const sourcedText = get('sourced_on');
    const sourcedOn = sourcedText ? parseCsvDate(sourcedText) : null;
    if (sourcedText && !sourcedOn) problem('sourced_on', `"${sourcedText}" is not a real date: use YYYY-MM-DD, for example 2023-09-08`);
    else if (sourcedOn && !requestedText) problem('sourced_on', 'Enter the date requested as well as the date sourced');
    else if (sourcedOn && requestedOn && sourcedOn < requestedOn) problem('sourced_on', `The date sourced ${sourcedOn} is before the date requested ${requestedOn}`);

    const complexityBand = get('complexity_band') || null;
    if (complexityBand && complexityBand.length > 50) problem('complexity_band', 'The complexity band must be 50 characters or fewer');
    const locality = get('locality') || null;
    if (locality && locality.length > 100) problem('locality', 'The locality must be 100 characters or fewer');

    if (problems.length === before) {
      rows.push({
        row,
        reference,
        contractId: contract?.id ?? null,
        providerId: providerId!,
        serviceType: serviceType!,
        complexityBand,
        locality,
        inArea: inArea!,
        fundingRoute: fundingRoute!,
        nhsSharePercent,
        startDate: startDate!,
        endDate,
        weeklyCostPence: weeklyCostPence!,
        weeklyHours,
        requestedOn,
        sourcedOn,
      });
    }
  });
  return { rows: problems.length === 0 ? rows : [], problems };
}

/** One placement as an export row (the import's columns, pounds with 2 decimals, dates as ISO). */
export function placementCsvRecord(p: {
  reference: string;
  contractReference: string | null;
  providerName: string;
  serviceType: string;
  complexityBand: string | null;
  locality: string | null;
  inArea: boolean;
  fundingRoute: string;
  nhsSharePercent: number | null;
  startDate: string;
  endDate: string | null;
  weeklyCostPence: number;
  weeklyHours: number | null;
  requestedOn?: string | null;
  sourcedOn?: string | null;
}): Record<PlacementCsvColumn, string> {
  return {
    reference: p.reference,
    contract_reference: p.contractReference ?? '',
    provider: p.providerName,
    service_type: p.serviceType,
    complexity_band: p.complexityBand ?? '',
    locality: p.locality ?? '',
    in_area: p.inArea ? 'yes' : 'no',
    funding_route: p.fundingRoute,
    nhs_share_percent: p.nhsSharePercent === null ? '' : String(p.nhsSharePercent),
    start_date: p.startDate,
    end_date: p.endDate ?? '',
    weekly_cost: (p.weeklyCostPence / 100).toFixed(2),
    weekly_hours: p.weeklyHours === null ? '' : String(p.weeklyHours),
    requested_on: p.requestedOn ?? '',
    sourced_on: p.sourcedOn ?? '',
  };
}
