import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { fixtureContract, fixtureProvider, privateRowCounts } from '../support/contracts.ts';

/** The per-row report: the DomainError cause's `fields`, by rows.<row>.<column> (sent to clients as fieldErrors). */
const report = (e: TRPCError) => Object.entries((e.cause as unknown as { fields: Record<string, string[]> }).fields).map(([k, v]) => [k, v[0]]);

let connection: Connection;
let api: ReturnType<typeof callerFor>;
let contractReference: string;
const PROVIDER = 'Import Test Homecare Ltd';
beforeAll(async () => {
  connection = await openSeededDatabase();
  api = callerFor(connection, (await signIn(connection, 'officer.sefton@concord.example')).session);
  const provider = await fixtureProvider(connection.db, PROVIDER);
  contractReference = (await fixtureContract(connection.db, GSS.sefton, { providerId: provider })).reference;
});
afterAll(() => connection.close());

const HEADER = 'reference,contract_reference,provider,service_type,complexity_band,locality,in_area,funding_route,nhs_share_percent,start_date,end_date,weekly_cost,weekly_hours';
const line = (reference: string, over: Partial<Record<'contract' | 'start' | 'cost' | 'route' | 'share', string>> = {}) =>
  [reference, over.contract ?? contractReference, '', 'extra_care', 'standard', 'Bootle', 'yes', over.route ?? 'council_commissioned', over.share ?? '', over.start ?? '2025-01-06', '', over.cost ?? '312.50', '18.5'].join(',');

describe('placement CSV import is all or nothing', () => {
  it('a bad date on one row and an unknown contract on another: every problem reported by row and column, nothing written', async () => {
    const before = await privateRowCounts(connection.db);
    const csv = [HEADER, line('SEF-EC-0001'), line('SEF-EC-0002', { start: '2025-02-30' }), line('SEF-EC-0003', { contract: 'NO-SUCH-CONTRACT' }), line('SEF-EC-0004', { cost: '-12.00' })].join('\n');
    const error = await api.placement.importCsv({ csv, dryRun: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    const e = error as TRPCError;
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toBe('Row 3, start_date: "2025-02-30" is not a real date: use YYYY-MM-DD, for example 2023-10-01 (and 2 more problems)');
    expect(report(e)).toEqual([
      ['rows.3.start_date', 'Row 3, start_date: "2025-02-30" is not a real date: use YYYY-MM-DD, for example 2023-10-01'],
      ['rows.4.contract_reference', "Row 4, contract_reference: There is no contract NO-SUCH-CONTRACT in this authority's register"],
      ['rows.5.weekly_cost', 'Row 5, weekly_cost: The weekly cost must not be negative'],
    ]);
    expect(await privateRowCounts(connection.db)).toEqual(before);
  });

  it('a missing column is refused before any row is read', async () => {
    const error = (await api.placement.importCsv({ csv: 'reference,provider\nSEF-EC-0009,x\n', dryRun: false }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe('BAD_REQUEST');
    expect(report(error).map(([k]) => k)).toContain('rows.1.service_type');
  });

  it('a dry run checks and writes nothing; then the import writes every row', async () => {
    const csv = [HEADER, line('SEF-EC-0101'), line('SEF-EC-0102', { route: 'nhs_funded', share: '50' }), line('SEF-EC-0103', { start: '06/01/2025' })].join('\n');
    const before = await privateRowCounts(connection.db);
    expect(await api.placement.importCsv({ csv, dryRun: true })).toEqual({ imported: 0, checked: 3, dryRun: true });
    expect(await privateRowCounts(connection.db)).toEqual(before);
    expect(await api.placement.importCsv({ csv, dryRun: false })).toEqual({ imported: 3, checked: 3, dryRun: false });
    const { placements } = await api.placement.list({ filters: { search: 'SEF-EC-01' }, limit: 100, offset: 0 });
    expect(placements.map((p) => [p.reference, p.provider.name, p.weeklyCostPence, p.startDate, p.nhsSharePercent])).toEqual([
      ['SEF-EC-0101', PROVIDER, 31_250, '2025-01-06', null],
      ['SEF-EC-0102', PROVIDER, 31_250, '2025-01-06', 50],
      ['SEF-EC-0103', PROVIDER, 31_250, '2025-01-06', null],
    ]);
    // Importing the same file again: every reference is taken, nothing is written.
    const again = (await api.placement.importCsv({ csv, dryRun: false }).catch((e: unknown) => e)) as TRPCError;
    expect(report(again)).toHaveLength(3);
  });

  it('exports CSV that imports again elsewhere, and an Excel workbook with the same rows', async () => {
    const csv = await api.placement.exportCsv({ filters: { search: 'SEF-EC-01' } });
    expect(csv.body.split('\n')[0]).toBe(`${HEADER},requested_on,sourced_on`);
    expect(csv.rows).toBe(3);
    // Knowsley has no such contract: the export's contract column makes its import fail, naming the rows.
    const knowsley = callerFor(connection, (await signIn(connection, 'commissioner.knowsley@concord.example')).session);
    const refused = (await knowsley.placement.importCsv({ csv: csv.body, dryRun: true }).catch((e: unknown) => e)) as TRPCError;
    expect(report(refused).map(([k]) => k)).toEqual(['rows.2.contract_reference', 'rows.3.contract_reference', 'rows.4.contract_reference']);

    const xlsx = await api.placement.exportXlsx({ filters: { search: 'SEF-EC-01' } });
    expect(xlsx.rows).toBe(3);
    expect(xlsx.filename).toMatch(/^placements-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip
  });

  it('placement rows read are audited, with the reader', async () => {
    const events = await connection.db.selectFrom('audit_event').select(['procedure', 'authority_id']).where('procedure', 'in', ['placement.list', 'placement.exportCsv', 'placement.exportXlsx']).execute();
    expect(events.filter((e) => e.authority_id === GSS.sefton).map((e) => e.procedure).sort()).toEqual(['placement.exportCsv', 'placement.exportXlsx', 'placement.list']);
  });
});

describe('a placement refuses bad input, and is never a name', () => {
  it('refuses a name, an end before the start, negative money and an NHS route without its share', async () => {
    const base = { idempotencyKey: randomUUID(), reference: 'SEF-EC-0200', contractId: undefined, providerId: undefined, serviceType: 'extra_care' as const, inArea: true, fundingRoute: 'council_commissioned' as const, startDate: '2025-01-01', weeklyCostPence: 30_000 };
    const providerId = (await connection.db.selectFrom('provider').select('id').where('legal_name', '=', PROVIDER).executeTakeFirstOrThrow()).id;
    const before = await privateRowCounts(connection.db);
    for (const [input, field] of [
      [{ ...base, providerId, reference: 'Jane Doe' }, 'reference'],
      [{ ...base, providerId, endDate: '2024-12-31' }, 'endDate'],
      [{ ...base, providerId, weeklyCostPence: -1 }, 'weeklyCostPence'],
      [{ ...base, providerId, fundingRoute: 'nhs_funded' as const }, 'nhsSharePercent'],
    ] as const) {
      const e = (await api.placement.create(input).catch((x: unknown) => x)) as TRPCError;
      expect(e.code).toBe('BAD_REQUEST');
      const cause = e.cause as { field?: string; issues?: { path: PropertyKey[] }[] };
      expect(cause.field ?? cause.issues?.[0]?.path.join('.')).toBe(field);
    }
    expect(await privateRowCounts(connection.db)).toEqual(before);
  });
});
