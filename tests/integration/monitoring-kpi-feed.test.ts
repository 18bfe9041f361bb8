import { randomUUID } from 'node:crypto';
import { KPI_DERIVATIONS } from '@concord/domain';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, type Caller } from '../support/api.ts';
import { registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';
import { returnVersion } from '../support/versions.ts';

/**
 * Issue 11, item 5: accepted monitoring returns feed the authority's own KPIs where the KPI says so (a monitored_*
 * derivation, migration 0036). Sefton's contracts have, for January to March 2025: two accepted returns (a month of
 * one provider, the quarter of another), a queried one and a draft; and an accepted April return outside the quarter.
 * The derived figures count only the two accepted returns inside the quarter.
 */
describe('accepted monitoring returns feed derived KPIs', () => {
  let connection: Connection;
  let first: RegisteredProvider;
  let second: RegisteredProvider;
  let contracts: { first: string; second: string };
  let serviceType: string;
  let tripartite: string;
  let council: Record<'sefton' | 'liverpool', Caller>;

  /** A first return's figures (rowVersion null: none held for the period yet). */
  const figures = (hoursDelivered: number, missedVisits: number, staffTurnoverPercent: number, complaints: number) => ({ hoursDelivered, missedVisits, lateVisits: 4, staffTurnoverPercent, complaints, rowVersion: null });
  const decide = async (id: string, reason?: string) => {
    const [r] = (await council.sefton.contractReturn.list({ limit: 100, offset: 0 })).filter((x) => x.id === id);
    return reason ? council.sefton.contractReturn.query({ returnId: id, rowVersion: r!.rowVersion, reason }) : council.sefton.contractReturn.accept({ returnId: id, rowVersion: r!.rowVersion });
  };
  const kpi = (code: string, derivation: string, unit: 'hours' | 'count' | 'percent', ofService = serviceType) =>
    council.liverpool.kpi.save({
      idempotencyKey: randomUUID(),
      partnershipId: tripartite,
      code,
      name: `Monitored ${code}`,
      definition: 'From providers’ accepted monitoring returns.',
      unit,
      direction: 'neither',
      frequency: 'quarterly',
      source: 'contracts',
      derivation: derivation as never,
      serviceType: ofService,
      firstPeriod: '2024-04-01',
    });
  const derive = (caller: Caller, kpiCode: string) => caller.return.derive({ partnershipId: tripartite, kpiCode, period: '2025-01-01' });

  beforeAll(async () => {
    connection = await openSeededDatabase();
    first = await registerVerifiedProvider(connection, 330);
    second = await registerVerifiedProvider(connection, 331);
    contracts = { first: await seftonContractFor(connection, first.providerId, 0), second: await seftonContractFor(connection, second.providerId, 1) };
    serviceType = (await connection.db.selectFrom('contract').select('service_type').where('id', '=', contracts.first).executeTakeFirstOrThrow()).service_type;
    tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
    council = await callersFor(connection, { sefton: 'commissioner.sefton@concord.example', liverpool: 'commissioner.liverpool@concord.example' });

    const january = await first.caller.providerReturn.submit({ contractId: contracts.first, periodStart: '2025-01-01', periodEnd: '2025-01-31', ...figures(4210, 3, 12.5, 1) });
    const quarter = await second.caller.providerReturn.submit({ contractId: contracts.second, periodStart: '2025-01-01', periodEnd: '2025-03-31', ...figures(3790, 2, 10, 2) });
    const february = await first.caller.providerReturn.submit({ contractId: contracts.first, periodStart: '2025-02-01', periodEnd: '2025-02-28', ...figures(5000, 9, 50, 9) });
    await first.caller.providerReturn.submit({ contractId: contracts.first, periodStart: '2025-03-01', periodEnd: '2025-03-31', ...figures(1000, 7, 70, 7), asDraft: true });
    const april = await first.caller.providerReturn.submit({ contractId: contracts.first, periodStart: '2025-04-01', periodEnd: '2025-04-30', ...figures(900, 8, 80, 8) });
    await decide(january.id);
    await decide(quarter.id);
    await decide(february.id, 'The hours do not match the invoices');
    await decide(april.id);

    await kpi('MON-HRS', 'monitored_hours_delivered', 'hours');
    await kpi('MON-MISS', 'monitored_missed_visits', 'count');
    await kpi('MON-CMP', 'monitored_complaints', 'count');
    await kpi('MON-TURN', 'monitored_staff_turnover', 'percent');
    await kpi('MON-HC', 'monitored_hours_delivered', 'hours', 'home_care');
  });
  afterAll(() => connection.close());

  it('adds up only the accepted returns inside the quarter, and says so', async () => {
    const hours = await derive(council.sefton, 'MON-HRS');
    expect([hours.value, hours.reason, hours.unit]).toEqual([4210 + 3790, null, 'hours']);
    expect(hours.working[0]).toMatch(/^From 2 accepted monitoring returns \(2 contracts, 2 providers\) of .+ contracts for months or quarters between 1 January 2025 and 31 March 2025\. 1 return not yet accepted \(submitted or queried\) is left out\.$/);
    expect((await derive(council.sefton, 'MON-MISS')).value).toBe(3 + 2);
    expect((await derive(council.sefton, 'MON-CMP')).value).toBe(1 + 2);
    const turnover = await derive(council.sefton, 'MON-TURN');
    // (12.5 × 4,210 + 10 × 3,790) ÷ 8,000: weighted by hours delivered.
    expect(turnover.value).toBeCloseTo((12.5 * 4210 + 10 * 3790) / 8000, 9);
    expect([turnover.numerator, turnover.denominator]).toEqual([905.25, 8000]);
  });

  it('the figure submitted as Sefton’s return keeps its numerator and denominator', async () => {
    const saved = await council.sefton.return.submitDerived({ partnershipId: tripartite, kpiCode: 'MON-TURN', period: '2025-01-01', version: await returnVersion(connection.db, { authorityId: GSS.sefton, partnershipId: tripartite, kpiCode: 'MON-TURN', period: '2025-01-01' }) });
    expect(saved.value).toBeCloseTo(11.315625, 9);
    const row = await connection.db.selectFrom('kpi_return').select(['value', 'numerator', 'denominator', 'comment']).where('id', '=', saved.id).executeTakeFirstOrThrow();
    expect([Number(row.numerator), Number(row.denominator)]).toEqual([905.25, 8000]);
    expect(row.comment).toMatch(/from 2 accepted monitoring returns/i);
  });

  it('reads only the contracts of the KPI’s service type, and only the authority’s own', async () => {
    const other = await derive(council.sefton, 'MON-HC');
    expect(other.value).toBeNull();
    expect(other.reason).toMatch(/^No accepted monitoring returns of home care contracts cover a month or quarter/);
    const liverpool = await derive(council.liverpool, 'MON-HRS');
    expect([liverpool.value, liverpool.working.some((w) => /left out/.test(w))]).toEqual([null, false]);
  });

  it('a queried return counts once it is corrected and accepted', async () => {
    const [february] = (await first.caller.providerReturn.list({ contractId: contracts.first, limit: 100, offset: 0 })).filter((r) => r.periodStart === '2025-02-01');
    const corrected = await first.caller.providerReturn.submit({ contractId: contracts.first, periodStart: '2025-02-01', periodEnd: '2025-02-28', ...figures(4000, 1, 5, 0), rowVersion: february!.rowVersion });
    await decide(corrected.id);
    expect((await derive(council.sefton, 'MON-HRS')).value).toBe(4210 + 3790 + 4000);
  });

  it('the database accepts every rule the domain has as a KPI’s derivation (migration 0036)', async () => {
    const { rows } = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'kpi_definition_derivation_check'`.execute(connection.db);
    for (const rule of KPI_DERIVATIONS) expect(rows[0]!.def).toContain(`'${rule}'`);
  });
});
