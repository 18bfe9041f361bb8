import type { Connection } from '@concord/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, outcome, outcomeWithField, type Caller } from '../support/api.ts';
import { registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';

/**
 * Issue 11, item 5: a provider uploads its monitoring returns as a CSV or XLSX, all or nothing, each row checked and
 * written as the form does it (providerReturn.submit). A dry run names every bad row and field; a real upload with a
 * bad row saves nothing. A row naming another provider's contract, or a period already accepted, is a bad row.
 * Sefton gets one message per contract.
 */
const HEADER = 'contract_reference,period_start,period_end,hours_delivered,missed_visits,late_visits,staff_turnover_percent,complaints';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n')).toString('base64');

describe('monitoring returns by upload', () => {
  let connection: Connection;
  let provider: RegisteredProvider;
  let other: RegisteredProvider;
  let refs: { first: string; second: string; others: string };
  let ids: { first: string; second: string };
  let sefton: Caller;

  const seftonMessagesFrom = async (providerId: string) =>
    (await connection.db.selectFrom('message').select('subject').where('authority_id', '=', GSS.sefton).where('from_provider_id', '=', providerId).orderBy('subject').execute()).map((m) => m.subject);
  const returnsOf = async (p: RegisteredProvider) =>
    (await p.caller.providerReturn.list({ limit: 100, offset: 0 })).map((r) => [r.contract.reference, r.periodStart, r.periodEnd, r.hoursDelivered, r.missedVisits, r.lateVisits, r.staffTurnoverPercent, r.complaints, r.status]);
  const referenceOf = async (id: string) => (await connection.db.selectFrom('contract').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;

  beforeAll(async () => {
    connection = await openSeededDatabase();
    provider = await registerVerifiedProvider(connection, 320);
    other = await registerVerifiedProvider(connection, 321);
    ids = { first: await seftonContractFor(connection, provider.providerId, 0), second: await seftonContractFor(connection, provider.providerId, 1) };
    // The other provider holds a Kent contract (Sefton's seed has two).
    const { id: othersId } = await connection.db.selectFrom('contract').select('id').where('authority_id', '=', GSS.kent).orderBy('reference').executeTakeFirstOrThrow();
    await connection.db.updateTable('contract').set({ provider_id: other.providerId }).where('id', '=', othersId).execute();
    refs = { first: await referenceOf(ids.first), second: await referenceOf(ids.second), others: await referenceOf(othersId) };
    ({ sefton } = await callersFor(connection, { sefton: 'commissioner.sefton@concord.example' }));
  });
  afterAll(() => connection.close());

  it('a good CSV: every row written as submitted, one message to Sefton per contract', async () => {
    const file = csv(
      `${refs.first},2026-01-01,2026-01-31,"4,210",3,17,12.5,1`,
      `${refs.first.toLowerCase()},2026-02-01,2026-02-28,3980,2,11,10,0`,
      '',
      `${refs.second},2026-01-01,2026-03-31,12000,9,40,8.3,4`,
    );
    expect(await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: true })).toEqual({ written: 0, errors: [] });
    expect(await returnsOf(provider)).toEqual([]);
    expect(await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: false })).toEqual({ written: 3, errors: [] });
    expect((await returnsOf(provider)).sort()).toEqual(
      [
        [refs.first, '2026-01-01', '2026-01-31', 4210, 3, 17, 12.5, 1, 'submitted'],
        [refs.first, '2026-02-01', '2026-02-28', 3980, 2, 11, 10, 0, 'submitted'],
        [refs.second, '2026-01-01', '2026-03-31', 12000, 9, 40, 8.3, 4, 'submitted'],
      ].sort(),
    );
    expect(await seftonMessagesFrom(provider.providerId)).toEqual([`Monitoring return submitted: ${refs.second}, January to March 2026`, `Monitoring returns submitted: ${refs.first}, 2 periods`].sort());
    expect((await sefton.contractReturn.list({ contractId: ids.first })).map((r) => r.periodStart)).toEqual(['2026-02-01', '2026-01-01']);
  });

  it('bad rows are reported by row and column (the header is row 1), and a real upload saves none of the file', async () => {
    const before = await returnsOf(provider);
    const file = csv(
      `${refs.first},2026-04-01,2026-04-30,4000,1,2,5,0`,
      `${refs.first},2026-05-01,2026-05-15,4000,1,2,5,0`,
      `${refs.first},2026-06-01,2026-06-30,lots,1,2,5,`,
      `${refs.others},2026-04-01,2026-04-30,4000,1,2,5,0`,
      `NO-SUCH-CONTRACT,2026-04-01,2026-04-30,4000,1,2,5,0`,
      `${refs.first},2026-04-01,2026-04-30,4100,1,2,5,0`,
      `${refs.second},2026-04-01,2026-06-30,4000,1,2,100.5,0`,
    );
    const report = await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: true });
    expect(report.written).toBe(0);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'period_end'],
      [4, 'hours_delivered'],
      [4, 'complaints'],
      [5, 'contract_reference'],
      [6, 'contract_reference'],
      [7, 'period_start'],
      [8, 'staff_turnover_percent'],
    ]);
    expect(report.errors[0]!.message).toMatch(/whole month or a quarter/);
    expect(report.errors[1]!.message).toBe('Hours delivered must be a number');
    expect(report.errors[3]!.message).toMatch(/no contract with that reference/);
    expect(report.errors[5]!.message).toMatch(/appears twice in this file/);
    expect(await outcomeWithField(provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: false }))).toBe('BAD_REQUEST rows.3.period_end');
    expect(await returnsOf(provider)).toEqual(before);
  });

  it('another provider’s contract reference is refused, and nothing of the file is written', async () => {
    const file = csv(`${refs.others},2026-01-01,2026-01-31,100,0,0,0,0`, `${refs.first},2026-07-01,2026-07-31,100,0,0,0,0`);
    const mine = csv(`${refs.first},2026-07-01,2026-07-31,100,0,0,0,0`);
    expect((await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: true })).errors).toEqual([
      { row: 2, field: 'contract_reference', message: 'There is no contract with that reference among your organisation’s contracts' },
    ]);
    // The other provider cannot tell the first provider's contract exists, nor write to it.
    expect((await other.caller.providerReturn.upload({ format: 'csv', contentBase64: mine, dryRun: true })).errors.map((e) => e.field)).toEqual(['contract_reference']);
    expect(await outcomeWithField(other.caller.providerReturn.upload({ format: 'csv', contentBase64: mine, dryRun: false }))).toBe('BAD_REQUEST rows.2.contract_reference');
    expect(await outcomeWithField(provider.caller.providerReturn.upload({ format: 'csv', contentBase64: file, dryRun: false }))).toBe('BAD_REQUEST rows.2.contract_reference');
    expect((await returnsOf(provider)).some((r) => r[1] === '2026-07-01')).toBe(false);
    expect(await returnsOf(other)).toEqual([]);
  });

  it('a good XLSX (headers in any case, dates as date cells) replaces a submitted return; an accepted period is a bad row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Returns');
    sheet.addRow(['Contract Reference', 'Period Start', 'Period End', 'Hours Delivered', 'Missed Visits', 'Late Visits', 'Staff Turnover Percent', 'Complaints']);
    sheet.addRow([refs.first, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 31)), 4300, 4, 18, 12.5, 2]);
    sheet.addRow([refs.first, '2026-03-01', '2026-03-31', 4100, 1, 9, 9.9, 0]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    expect(await provider.caller.providerReturn.upload({ format: 'xlsx', contentBase64: file, dryRun: false })).toEqual({ written: 2, errors: [] });
    const rows = await returnsOf(provider);
    expect(rows.filter((r) => r[0] === refs.first).sort()).toEqual(
      [
        [refs.first, '2026-01-01', '2026-01-31', 4300, 4, 18, 12.5, 2, 'submitted'],
        [refs.first, '2026-02-01', '2026-02-28', 3980, 2, 11, 10, 0, 'submitted'],
        [refs.first, '2026-03-01', '2026-03-31', 4100, 1, 9, 9.9, 0, 'submitted'],
      ].sort(),
    );
    expect((await seftonMessagesFrom(provider.providerId)).filter((s) => s.startsWith('Monitoring returns submitted')).length).toBe(2);

    const [january] = await sefton.contractReturn.list({ contractId: ids.first, status: 'submitted' }).then((l) => l.filter((r) => r.periodStart === '2026-01-01'));
    await sefton.contractReturn.accept({ returnId: january!.id, rowVersion: january!.rowVersion });
    const report = await provider.caller.providerReturn.upload({ format: 'xlsx', contentBase64: file, dryRun: true });
    expect(report.errors).toEqual([{ row: 2, field: 'period_start', message: 'This return has been accepted and can no longer be changed' }]);
    expect(await outcomeWithField(provider.caller.providerReturn.upload({ format: 'xlsx', contentBase64: file, dryRun: false }))).toBe('BAD_REQUEST rows.2.period_start');
  });

  it('refuses a file that is not a table of returns', async () => {
    const noHeader = Buffer.from('contract_reference,period_start\nX,2026-01-01').toString('base64');
    const { errors } = await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: noHeader, dryRun: true });
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'period_end'],
      [1, 'hours_delivered'],
      [1, 'missed_visits'],
      [1, 'late_visits'],
      [1, 'staff_turnover_percent'],
      [1, 'complaints'],
    ]);
    expect((await provider.caller.providerReturn.upload({ format: 'csv', contentBase64: csv(), dryRun: true })).errors).toEqual([{ row: 1, field: 'file', message: 'The file has no returns in it' }]);
    expect((await provider.caller.providerReturn.upload({ format: 'xlsx', contentBase64: csv(), dryRun: true })).errors[0]!.field).toBe('file');
    expect(await outcomeWithField(provider.caller.providerReturn.upload({ format: 'csv', contentBase64: Buffer.from(`${HEADER}\nA\u0000,2026-01-01`).toString('base64'), dryRun: true }))).toBe('BAD_REQUEST contentBase64');
    expect(await outcome(sefton.providerReturn.upload({ format: 'csv', contentBase64: csv(), dryRun: true }))).toBe('FORBIDDEN');
  });
});
