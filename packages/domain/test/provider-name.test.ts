import { describe, expect, it } from 'vitest';
import { parsePlacementCsvRecords, type PlacementCsvLookups } from '../src/placement/csv.ts';
import { longestWordOf, normaliseLegalName } from '../src/provider-name.ts';

describe('normaliseLegalName', () => {
  it('treats case, punctuation, spacing and Limited/Ltd as the same name', () => {
    const same = ['Mersey Extra Care Ltd', 'MERSEY EXTRA-CARE LIMITED', '  Mersey  Extra Care Ltd. ', 'Mersey Extra Care, Limited', 'Mersey Éxtra Care (Ltd)'];
    expect(new Set(same.map(normaliseLegalName))).toEqual(new Set(['mersey extra care ltd']));
  });

  it('reads & as and, and Public Limited Company as PLC', () => {
    expect(normaliseLegalName('Smith & Jones Care Public Limited Company')).toBe('smith and jones care plc');
    expect(normaliseLegalName('Smith and Jones Care PLC')).toBe('smith and jones care plc');
  });

  it('keeps names that differ in a word apart, and does not take "limited" out of the middle of a word', () => {
    expect(normaliseLegalName('Mersey Extra Care Ltd')).not.toBe(normaliseLegalName('Mersey Extra Care Services Ltd'));
    expect(normaliseLegalName('Unlimited Care Ltd')).toBe('unlimited care ltd');
  });

  it('finds the longest word to filter by', () => {
    expect(longestWordOf('mersey extra care ltd')).toBe('mersey');
  });
});

describe('a placement import row names its provider', () => {
  const lookups: PlacementCsvLookups = {
    contracts: new Map(),
    providers: new Map([
      ['mersey extra care ltd', 'mersey'],
      ['1-101634126', 'mersey'],
      ['09000123', 'mersey'],
      ['wirral care ltd', ''],
    ]),
    existingReferences: new Set(),
  };
  const row = (provider: string) => ({
    reference: 'SEF-HC-0001',
    contract_reference: '',
    provider,
    service_type: 'home_care',
    complexity_band: '',
    locality: 'Bootle',
    in_area: 'yes',
    funding_route: 'council_commissioned',
    nhs_share_percent: '',
    start_date: '01/04/2025',
    end_date: '',
    weekly_cost: '250.00',
    weekly_hours: '',
    requested_on: '',
    sourced_on: '',
  });

  it('by its normalised name or either number', () => {
    for (const text of ['MERSEY EXTRA-CARE LIMITED', '1-101634126', '09000123']) {
      const parsed = parsePlacementCsvRecords([row(text)], lookups);
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows[0]!.providerId).toBe('mersey');
    }
  });

  it('never by a name several entries share: the row must use a number', () => {
    const parsed = parsePlacementCsvRecords([row('Wirral Care Limited')], lookups);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([expect.objectContaining({ column: 'provider', message: expect.stringContaining('More than one provider') })]);
  });
});
