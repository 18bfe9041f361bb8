import { FUNDING_ROUTE_LABELS, PLACEMENT_CSV_COLUMNS, placementCsvRecord, SERVICE_TYPE_LABELS, type FundingRoute, type ServiceType } from '@concord/domain';
import { writeCsv } from '../csv.ts';
import { loadExcelJs } from '../heavy.ts';
import type { PlacementRow } from './queries.ts';

const record = (p: PlacementRow) =>
  placementCsvRecord({
    reference: p.reference,
    contractReference: p.contract?.reference ?? null,
    providerName: p.provider.name,
    serviceType: p.serviceType,
    complexityBand: p.complexityBand,
    locality: p.locality,
    inArea: p.inArea,
    fundingRoute: p.fundingRoute,
    nhsSharePercent: p.nhsSharePercent,
    startDate: p.startDate,
    endDate: p.endDate,
    weeklyCostPence: p.weeklyCostPence,
    weeklyHours: p.weeklyHours,
    requestedOn: p.requestedOn,
    sourcedOn: p.sourcedOn,
  });

/**
 * The import's own columns, so an export can be edited and imported again (the import drops the apostrophe
 * `writeCsv` puts before a formula-like name). Names and localities come out inert for spreadsheets.
 */
export function placementsCsv(placements: PlacementRow[]): string {
  return writeCsv(placements.map(record), { header: true, columns: [...PLACEMENT_CSV_COLUMNS] });
}

/** An Excel workbook: the same columns, typed (dates as dates, money as £ with pence), with readable labels. */
export async function placementsXlsx(placements: PlacementRow[], title: string): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'Concord';
  const sheet = workbook.addWorksheet('Placements', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Reference', key: 'reference', width: 16 },
    { header: 'Contract', key: 'contract', width: 18 },
    { header: 'Provider', key: 'provider', width: 36 },
    { header: 'Service type', key: 'serviceType', width: 22 },
    { header: 'Complexity band', key: 'band', width: 16 },
    { header: 'Locality', key: 'locality', width: 22 },
    { header: 'In area', key: 'inArea', width: 9 },
    { header: 'Funding route', key: 'route', width: 24 },
    { header: 'NHS share %', key: 'nhs', width: 12 },
    { header: 'Start date', key: 'start', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'End date', key: 'end', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Weekly cost (£)', key: 'cost', width: 15, style: { numFmt: '£#,##0.00' } },
    { header: 'Weekly hours', key: 'hours', width: 13, style: { numFmt: '0.00' } },
    { header: 'Requested on', key: 'requested', width: 13, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Sourced on', key: 'sourced', width: 13, style: { numFmt: 'dd/mm/yyyy' } },
  ];
  sheet.getRow(1).font = { bold: true };
  const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
  for (const p of placements) {
    sheet.addRow({
      reference: p.reference,
      contract: p.contract?.reference ?? '',
      provider: p.provider.name,
      serviceType: SERVICE_TYPE_LABELS[p.serviceType as ServiceType] ?? p.serviceType,
      band: p.complexityBand ?? '',
      locality: p.locality ?? '',
      inArea: p.inArea ? 'Yes' : 'No',
      route: FUNDING_ROUTE_LABELS[p.fundingRoute as FundingRoute] ?? p.fundingRoute,
      nhs: p.nhsSharePercent,
      start: day(p.startDate),
      end: day(p.endDate),
      cost: p.weeklyCostPence / 100,
      hours: p.weeklyHours,
      requested: day(p.requestedOn),
      sourced: day(p.sourcedOn),
    });
  }
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
