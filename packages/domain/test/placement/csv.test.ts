import { describe, expect, it } from 'vitest';
import { checkPlacementCsvHeader, parseCsvDate, parseCsvMoney, parsePlacementCsvRecords, placementCsvRecord, type PlacementCsvLookups } from '../../src/placement/csv.ts';
import { placementReference } from '../../src/placement/reference.ts';

const lookups: PlacementCsvLookups = {
  contracts: new Map([['PCC-SL-2023', { id: 'contract-1', providerId: 'slsw', serviceType: 'shared_lives' }]]),
  providers: new Map([
    ['shared lives south west', 'slsw'],
    ['other care ltd', 'other'],
  ]),
  existingReferences: new Set(['PLY-SL-0001']),
};
const good = {
  reference: 'ply-sl-0014',
  contract_reference: 'PCC-SL-2023',
  provider: '',
  service_type: 'shared_lives',
  complexity_band: '',
  locality: 'Plymouth',
  in_area: 'yes',
  funding_route: 'council_commissioned',
  nhs_share_percent: '',
  start_date: '2023-11-06',
  end_date: '',
  weekly_cost: '£245.00',
  weekly_hours: '',
};

describe('placement CSV rows', () => {
  it('parses a good row, taking the provider from the contract', () => {
    const { rows, problems } = parsePlacementCsvRecords([good], lookups);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        reference: 'PLY-SL-0014',
        contractId: 'contract-1',
        providerId: 'slsw',
        serviceType: 'shared_lives',
        complexityBand: null,
        locality: 'Plymouth',
        inArea: true,
        fundingRoute: 'council_commissioned',
        nhsSharePercent: null,
        startDate: '2023-11-06',
        endDate: null,
        weeklyCostPence: 24_500,
        weeklyHours: null,
        requestedOn: null,
        sourcedOn: null,
      },
    ]);
  });

  it('reads when a placement was requested and sourced (optional columns), sourced no earlier than requested', () => {
    const ok = parsePlacementCsvRecords([{ ...good, requested_on: '2023-10-27', sourced_on: '03/11/2023' }], lookups);
    expect(ok.rows[0]).toMatchObject({ requestedOn: '2023-10-27', sourcedOn: '2023-11-03' });
    const bad = parsePlacementCsvRecords(
      [
        { ...good, requested_on: '2023-11-03', sourced_on: '2023-10-27' },
        { ...good, reference: 'PLY-SL-0015', sourced_on: '2023-10-27' },
        { ...good, reference: 'PLY-SL-0016', requested_on: '2023-13-01' },
      ],
      lookups,
    );
    expect(bad.problems.map((p) => `${p.row}:${p.column}: ${p.message}`)).toEqual([
      '2:sourced_on: The date sourced 2023-10-27 is before the date requested 2023-11-03',
      '3:sourced_on: Enter the date requested as well as the date sourced',
      '4:requested_on: "2023-13-01" is not a real date: use YYYY-MM-DD, for example 2023-09-04',
    ]);
  });

  it('reports every problem by row and column, and returns no rows when there is any', () => {
    const { rows, problems } = parsePlacementCsvRecords(
      [
        good,
        { ...good, reference: 'PLY-SL-0015', start_date: '2023-02-30' },
        { ...good, reference: 'PLY-SL-0016', contract_reference: 'NO-SUCH-1' },
        { ...good, reference: 'John Smith', weekly_cost: '-5' },
        { ...good, reference: 'PLY-SL-0001', funding_route: 'nhs_funded', end_date: '2023-01-01' },
        { ...good, reference: 'PLY-SL-0014' },
      ],
      lookups,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual([
      '3:start_date',
      '4:contract_reference',
      '5:reference',
      '5:weekly_cost',
      '6:reference',
      '6:nhs_share_percent',
      '6:end_date',
      '7:reference',
    ]);
    expect(problems[0]!.message).toBe('"2023-02-30" is not a real date: use YYYY-MM-DD, for example 2023-10-01');
    expect(problems[1]!.message).toBe("There is no contract NO-SUCH-1 in this authority's register");
  });

  it('checks the header', () => {
    expect(checkPlacementCsvHeader(Object.keys(good))).toEqual([]);
    expect(checkPlacementCsvHeader(['reference', 'name'])).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('Unknown column "name"') }), expect.objectContaining({ column: 'start_date' })]),
    );
  });

  it('reads UK dates and money, and writes what it reads', () => {
    expect(parseCsvDate('01/10/2023')).toBe('2023-10-01');
    expect(parseCsvDate('31/02/2023')).toBeNull();
    expect(parseCsvMoney('£1,160.50')).toBe(116_050);
    expect(parseCsvMoney('12.345')).toBeNull();
    const record = placementCsvRecord({
      reference: 'PLY-SL-0014',
      contractReference: 'PCC-SL-2023',
      providerName: 'Shared Lives South West',
      serviceType: 'shared_lives',
      complexityBand: null,
      locality: 'Plymouth',
      inArea: true,
      fundingRoute: 'council_commissioned',
      nhsSharePercent: null,
      startDate: '2023-11-06',
      endDate: null,
      weeklyCostPence: 24_500,
      weeklyHours: null,
    });
    const again = parsePlacementCsvRecords([record], { ...lookups, existingReferences: new Set() });
    expect(again.problems).toEqual([]);
    expect(again.rows[0]).toMatchObject({ reference: 'PLY-SL-0014', weeklyCostPence: 24_500, providerId: 'slsw' });
  });

  it('never takes a name as a reference', () => {
    for (const bad of ['John Smith', 'JOHN-SMITH', 'JS']) expect(placementReference.safeParse(bad).success).toBe(false);
    expect(placementReference.parse(' ply-sl-0001 ')).toBe('PLY-SL-0001');
  });
});
