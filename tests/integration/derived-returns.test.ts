import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { failure as refusal } from '../support/procurement.ts';
import { returnVersion } from '../support/versions.ts';

/** Derived KPIs (issue 6): worked out from an authority's own records, previewed, then submitted. */
const NOW = () => new Date('2026-11-23T12:00:00Z');
let connection: Connection;
let peninsula: string;
let tripartite: string;
type Caller = ReturnType<typeof callerFor>;
let plymouth: Caller;

const as = async (email: string) => callerFor(connection, (await signIn(connection, email)).session, { now: NOW });
const partnership = async (name: string) => (await connection.db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = await partnership('South West Peninsula');
  tripartite = await partnership('LCR Tripartite');
  plymouth = await as('commissioner.plymouth@concord.example');
});
afterAll(() => connection.close());
/** The version of Plymouth's return for a Peninsula KPI's period, as the returns page shows it (null: none yet). */
const seen = (kpiCode: string, period: string) => returnVersion(connection.db, { authorityId: GSS.plymouth, partnershipId: peninsula, kpiCode, period });

describe('SL-01 from the seeded placements (seed 000: long-term Shared Lives placements, August 2023)', () => {
  it("Plymouth's own placements give 13, the figure it returned", async () => {
    const d = await plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023' });
    expect(d).toMatchObject({ value: 13, numerator: 13, denominator: null, reason: null, period: { start: '2023-08-01', end: '2023-08-31', label: 'Aug 2023' } });
    // The 13 long-term placements, plus the five of 2022 that had ended by March 2023.
    expect(d.working).toEqual(['13 Shared Lives placements open on 31 August 2023, of 18 placements recorded.']);
    const seeded = await connection.db.selectFrom('kpi_return').select('value').where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2023-08-01').executeTakeFirstOrThrow();
    expect(seeded.value).toBe(d.value);
  });

  it('counts the 2022 placements while they ran: 17 on 30 September 2022', async () => {
    expect((await plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2022-09-01' })).value).toBe(17);
  });

  it("Devon has no placements in the seed (its 73 is a typed return), so there is no figure — and Plymouth's rows are not read", async () => {
    const devon = await as('commissioner.devon@concord.example');
    const d = await devon.return.derive({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023' });
    expect(d).toMatchObject({ value: null, reason: 'No Shared Lives placements are recorded for your authority, so there is nothing to count: record them first.' });
  });
});

describe('PLC-01 and OOA-01 from the Plymouth placements of July to September 2022', () => {
  it('PLC-01: 3 of the 5 requested and sourced within 5 working days = 60%', async () => {
    const d = await plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2022-23 Q2' });
    expect(d).toMatchObject({ value: 60, numerator: 3, denominator: 5, rule: 'placements_sourced_within_target' });
    expect(d.working).toEqual([
      '5 placements requested between 1 July 2022 and 30 September 2022; 5 of them sourced.',
      '3 sourced within 5 working days of the request (Monday to Friday; bank holidays are not taken out).',
      '3 ÷ 5 = 60%.',
    ]);
  });

  it('OOA-01: 1 of the 4 started in the quarter out of area = 25%', async () => {
    expect(await plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'OOA-01', period: '2022-23 Q2' })).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
  });

  it('COST-01: no residential care placements, so no figure and nothing to submit', async () => {
    const d = await plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'COST-01', period: '2023-24 Q2' });
    expect(d).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    const r = await refusal(plymouth.return.submitDerived({ partnershipId: peninsula, kpiCode: 'COST-01', period: '2023-24 Q2', version: null }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'period' });
    expect(r.message).toContain('No Residential and nursing care placements were open on 30 September 2023');
  });
});

describe('submitting a derived figure', () => {
  it('stores it as my return and publishes it, the comment saying it was derived and how', async () => {
    const saved = await plymouth.return.submitDerived({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2022-23 Q2', version: await seen('PLC-01', '2022-23 Q2') });
    expect(saved).toMatchObject({ kpiCode: 'PLC-01', value: 60, status: 'late' });
    const row = await connection.db
      .selectFrom('kpi_return')
      .selectAll()
      .where('authority_id', '=', GSS.plymouth)
      .where('kpi_code', '=', 'PLC-01')
      .where('period_start', '=', '2022-07-01')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(row.comment).toBe(
      'Derived from our records on 2026-11-23 (Percentage of placements requested in the period sourced within 5 working days). ' +
        '5 placements requested between 1 July 2022 and 30 September 2022; 5 of them sourced. ' +
        '3 sourced within 5 working days of the request (Monday to Friday; bank holidays are not taken out). 3 ÷ 5 = 60%.',
    );
    const figure = await connection.db
      .selectFrom('benchmark_figure')
      .select(['value', 'numerator', 'denominator'])
      .where('authority_id', '=', GSS.plymouth)
      .where('partnership_id', '=', peninsula)
      .where('kpi_code', '=', 'PLC-01')
      .where('period_start', '=', '2022-07-01')
      .executeTakeFirstOrThrow();
    expect(figure).toEqual({ value: 60, numerator: 3, denominator: 5 });
  });

  it('a count keeps its value as the numerator', async () => {
    await plymouth.return.submitDerived({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Sep 2022', version: await seen('SL-01', 'Sep 2022') });
    const row = await connection.db.selectFrom('kpi_return').select(['value', 'numerator', 'denominator']).where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2022-09-01').executeTakeFirstOrThrow();
    expect(row).toEqual({ value: 17, numerator: 17, denominator: null });
  });

  it('a viewer may not derive or submit', async () => {
    const viewer = await as('viewer.plymouth@concord.example');
    expect((await refusal(viewer.return.derive({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023' }))).code).toBe('FORBIDDEN');
    expect((await refusal(viewer.return.submitDerived({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023', version: null }))).code).toBe('FORBIDDEN');
  });
});

describe('CQC-01 from Sefton’s contracts and its providers’ CQC ratings', () => {
  it('counts a provider Good or Outstanding only when every location rated by the last day is', async () => {
    const sefton = await as('commissioner.sefton@concord.example');
    // Both of Sefton's Extra Care contracts are with Mersey Extra Care (Bootle and Everton schemes, both Good).
    const before = await sefton.return.derive({ partnershipId: tripartite, kpiCode: 'CQC-01', period: '2023-24 Q1' });
    expect(before).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    // A spot contract with Sandstone (Southport Requires improvement, Garston Good) ending on the quarter's last day.
    const sandstone = (await connection.db.selectFrom('provider').select('id').where('legal_name', '=', 'Sandstone Housing Care Ltd').executeTakeFirstOrThrow()).id;
    await connection.db
      .insertInto('contract')
      .values({
        authority_id: GSS.sefton,
        reference: 'SEF-SPOT-CQC',
        title: 'Spot purchase (derived KPI test)',
        provider_id: sandstone,
        service_type: 'extra_care',
        source: 'spot_purchase',
        start_date: '2023-01-01',
        initial_end_date: '2023-06-30',
        end_date: '2023-06-30',
        annual_value_pence: 100_000,
        total_value_pence: 50_000,
        status: 'expired',
      })
      .execute();
    const d = await sefton.return.derive({ partnershipId: tripartite, kpiCode: 'CQC-01', period: '2023-24 Q1' });
    expect(d).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(d.working).toEqual([
      '2 providers with a contract running on 30 June 2023; 2 with a CQC rating published by then.',
      '1 rated Good or Outstanding at every rated location (Mersey Extra Care Ltd).',
      '1 ÷ 2 = 50%.',
    ]);
    // The next quarter the spot contract has ended.
    expect(await sefton.return.derive({ partnershipId: tripartite, kpiCode: 'CQC-01', period: '2023-24 Q2' })).toMatchObject({ value: 100, denominator: 1 });
  });
});

describe('MKT-01 on a KPI of the partnership’s own: Leicestershire’s lead providers’ share of home care hours', () => {
  it('reproduces the paper’s 67% (12,533 of 18,625 weekly hours) for a quarter when every package ran throughout', async () => {
    const leicestershire = await as('commissioner.leicestershire@concord.example');
    const withNhs = await partnership('Leicestershire with NHS partners');
    const kpi = await leicestershire.kpi.save({
      idempotencyKey: randomUUID(),
      partnershipId: withNhs,
      code: 'MKT-01',
      name: 'Lead-provider market share',
      definition: 'Share of the quarter’s commissioned home care hours delivered by the council’s lead providers.',
      unit: 'percent',
      direction: 'neither',
      frequency: 'quarterly',
      source: 'contracts',
      derivation: 'lead_provider_share_of_hours',
      firstPeriod: '2018-04-01',
    });
    expect(kpi.derivation).toBe('lead_provider_share_of_hours');
    const d = await leicestershire.return.derive({ partnershipId: withNhs, kpiCode: 'MKT-01', period: '2018-19 Q3' });
    // 92 days: 12,533 × 92 ÷ 7 = 164,719.43 lead hours of 18,625 × 92 ÷ 7 = 244,785.71.
    expect(d.numerator).toBeCloseTo(164_719.43, 2);
    expect(d.denominator).toBeCloseTo(244_785.71, 2);
    expect(d.value).toBeCloseTo(67.29, 2);
    expect(d.working[0]).toBe('1,775 Home care placements ran between 1 October 2018 and 31 December 2018.');

    // A new version keeps the rule unless it says otherwise.
    const next = await leicestershire.kpi.save({ idempotencyKey: randomUUID(), ...kpiInput(withNhs), changeNote: 'Clearer name' });
    expect(next).toMatchObject({ version: 2, derivation: 'lead_provider_share_of_hours' });
    // A rule must give the KPI's unit.
    const wrong = await refusal(leicestershire.kpi.save({ idempotencyKey: randomUUID(), ...kpiInput(withNhs), unit: 'count', changeNote: 'Count instead' }));
    expect(wrong).toEqual({
      code: 'BAD_REQUEST',
      field: 'derivation',
      message: 'The rule “Lead providers’ share of the period’s commissioned hours” gives a percentage, but this KPI is a count: choose a rule that fits its unit',
    });
  });
});

const kpiInput = (partnershipId: string) => ({
  partnershipId,
  code: 'MKT-01',
  name: 'Lead providers’ share of home care hours',
  definition: 'Share of the quarter’s commissioned home care hours delivered by the council’s lead providers.',
  unit: 'percent' as const,
  direction: 'neither' as const,
  frequency: 'quarterly' as const,
  source: 'contracts' as const,
  firstPeriod: '2018-04-01',
});

describe('bad input: a clear 4xx naming the field', () => {
  it('a KPI that is typed in', async () => {
    const r = await refusal(plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'SL-02', period: '2023-24 Q2' }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'kpiCode' });
    expect(r.message).toContain('SL-02 is typed in or uploaded');
  });

  it('an unknown KPI', async () => {
    expect(await refusal(plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'XX-99', period: '2023-24 Q2' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'kpiCode' });
  });

  it('a period not yet over, or not a period of the KPI', async () => {
    const open = await refusal(plymouth.return.derive({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Nov 2026' }));
    expect(open).toMatchObject({ code: 'BAD_REQUEST', field: 'period' });
    expect(open.message).toMatch(/not yet due/);
    expect(await refusal(plymouth.return.submitDerived({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2022-08-01', version: null }))).toMatchObject({ code: 'BAD_REQUEST', field: 'period' });
  });

  it('a partnership not mine is not found', async () => {
    expect((await refusal(plymouth.return.derive({ partnershipId: tripartite, kpiCode: 'CQC-01', period: '2023-24 Q1' }))).code).toBe('NOT_FOUND');
  });
});

describe('recording when a placement was requested and sourced feeds PLC-01', () => {
  it('a placement made through the API, and one imported from CSV, count in their quarter', async () => {
    const officer = await as('commissioner.plymouth@concord.example');
    const contract = (await connection.db.selectFrom('contract').select('id').where('authority_id', '=', GSS.plymouth).where('reference', '=', 'PCC-SL-2023').executeTakeFirstOrThrow()).id;
    const base = { contractId: contract, serviceType: 'shared_lives' as const, inArea: true, fundingRoute: 'council_commissioned' as const, weeklyCostPence: 24_500 };
    // Requested on Monday 6 July 2026, sourced on Friday 10 July: 4 working days.
    await officer.placement.create({ idempotencyKey: randomUUID(), ...base, reference: 'PLY-SL-0101', startDate: '2026-07-20', requestedOn: '2026-07-06', sourcedOn: '2026-07-10' });
    const refused = await refusal(officer.placement.create({ idempotencyKey: randomUUID(), ...base, reference: 'PLY-SL-0102', startDate: '2026-07-20', requestedOn: '2026-07-10', sourcedOn: '2026-07-06' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', field: 'sourcedOn' });
    // Requested on Wednesday 2 September 2026, sourced on Friday 11 September: 7 working days.
    const csv = [
      'reference,contract_reference,service_type,in_area,funding_route,start_date,weekly_cost,requested_on,sourced_on',
      'PLY-SL-0103,PCC-SL-2023,shared_lives,yes,council_commissioned,2026-09-21,245.00,2026-09-02,11/09/2026',
    ].join('\n');
    expect((await officer.placement.importCsv({ csv, dryRun: false })).imported).toBe(1);
    const d = await officer.return.derive({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2026-27 Q2' });
    expect(d).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });
});
