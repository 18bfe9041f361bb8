import { describe, expect, it } from 'vitest';
import { canonicalPlan, councilCodeInput, councilKindOf, DomainError, isOdsCode, kindOfGeography, planRegistryImport, type MyeArea } from '../../src/index.ts';

describe('council GSS codes', () => {
  it('E06, E08, E09 and E10 and six digits are councils with adult social care; the kind follows from the code', () => {
    expect(councilKindOf('E06000026')).toBe('unitary');
    expect(councilKindOf('E08000003')).toBe('metropolitan_district');
    expect(councilKindOf('E09000001')).toBe('london_borough'); // the City of London
    expect(councilKindOf('E10000008')).toBe('county');
  });

  it('refuses districts, other nations, wrong lengths and inner spaces', () => {
    for (const code of ['E07000001', 'E11000001', 'E12000001', 'W06000001', 'S12000033', 'E08123', 'E080000031', 'E08 000003', 'e08000003', 'E0800000X', '']) {
      expect(councilKindOf(code), code).toBeNull();
    }
  });

  it('the input forgives surrounding spaces and lower case, nothing else', () => {
    expect(councilCodeInput.parse(' e08000003 ')).toBe('E08000003');
    expect(councilCodeInput.safeParse('E08 000003').success).toBe(false);
    expect(councilCodeInput.safeParse('E07000001').error?.issues[0]?.message).toMatch(/E06, E08, E09 or E10/);
  });
});

describe('NHS ODS codes', () => {
  it('an ICB is Q and two characters; a trust R or T and two', () => {
    expect(isOdsCode('QOP', 'icb')).toBe(true);
    expect(isOdsCode('QJ2', 'icb')).toBe(true);
    expect(isOdsCode('RBA', 'trust')).toBe(true);
    expect(isOdsCode('TAF', 'trust')).toBe(true);
    expect(isOdsCode('RBA', 'icb')).toBe(false);
    expect(isOdsCode('QOP', 'trust')).toBe(false);
    expect(isOdsCode('RBA01', 'trust')).toBe(false);
    expect(isOdsCode('rba', 'trust')).toBe(false);
  });
});

describe('MYE2 geography', () => {
  it('names the four council kinds and nothing else', () => {
    expect(kindOfGeography('Metropolitan District')).toBe('metropolitan_district');
    expect(kindOfGeography(' unitary authority ')).toBe('unitary');
    expect(kindOfGeography('London Borough')).toBe('london_borough');
    expect(kindOfGeography('County')).toBe('county');
    expect(kindOfGeography('Metropolitan County')).toBeNull();
    expect(kindOfGeography('Non-metropolitan District')).toBeNull();
    expect(kindOfGeography('Region')).toBeNull();
  });
});

const row = (rowNo: number, code: string, name: string, geography: string): MyeArea => ({ rowNo, code, name, geography });
const FILE = [
  row(2, 'K04000001', 'England and Wales', 'Country'),
  row(3, 'E12000002', 'North West', 'Region'),
  row(4, 'E11000001', 'Greater Manchester (Met County)', 'Metropolitan County'),
  row(5, 'E08000003', 'Manchester', 'Metropolitan District'),
  row(6, 'E08000006', 'Salford', 'Metropolitan District'),
  row(7, 'E08000014', 'Sefton', 'Metropolitan District'),
  row(8, 'E12000007', 'London', 'Region'),
  row(9, 'E09000001', 'City of London', 'London Borough'),
  row(10, 'E12000009', 'South West', 'Region'),
  row(11, 'E10000008', 'Devon', 'County'),
  row(12, 'E07000040', 'East Devon', 'Non-metropolitan District'),
];

describe('planning an import', () => {
  const registry = [
    { id: 'E08000014', name: 'Sefton Council', kind: 'metropolitan_district', active: true },
    { id: 'E10000008', name: 'Devon', kind: 'county', active: false },
  ];

  it('adds the councils not held (region from the row above), renames those named differently, leaves the rest', () => {
    const plan = planRegistryImport(registry, FILE);
    expect(plan.add).toEqual([
      { id: 'E08000003', name: 'Manchester', kind: 'metropolitan_district', region: 'North West' },
      { id: 'E08000006', name: 'Salford', kind: 'metropolitan_district', region: 'North West' },
      { id: 'E09000001', name: 'City of London', kind: 'london_borough', region: 'London' },
    ]);
    expect(plan.rename).toEqual([{ id: 'E08000014', from: 'Sefton Council', to: 'Sefton' }]);
    expect(plan.unchanged).toEqual(['E10000008']);
    expect(plan.ignored).toBe(6); // England and Wales, three regions, the Met County, East Devon
  });

  it('applied, the same file plans nothing more', () => {
    const first = planRegistryImport(registry, FILE);
    const after = [
      ...registry.map((r) => ({ ...r, name: first.rename.find((x) => x.id === r.id)?.to ?? r.name })),
      ...first.add.map((a) => ({ id: a.id, name: a.name, kind: a.kind, active: true })),
    ];
    const second = planRegistryImport(after, FILE);
    expect(second.add).toEqual([]);
    expect(second.rename).toEqual([]);
    expect(second.unchanged).toHaveLength(5);
    expect(canonicalPlan(second)).toBe('{"add":[],"rename":[]}');
  });

  it('refuses a row whose code and Geography disagree, or a council listed twice, naming the rows', () => {
    const bad = [...FILE, row(16, 'E08 000009', 'Trafford', 'Metropolitan District'), row(13, 'E06000026', 'Plymouth', 'Metropolitan District'), row(14, 'E08000003', 'Manchester', 'Metropolitan District'), row(15, 'E08000009', 'Trafford', 'Non-metropolitan District')];
    let error: unknown;
    try {
      planRegistryImport(registry, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).fields!;
    expect(fields['rows.13']).toEqual(['row 13: E06000026 is a unitary authority’s code but the Geography says "Metropolitan District"']);
    expect(fields['rows.14']).toEqual(['row 14: E08000003 is listed more than once']);
    expect(fields['rows.15']).toEqual(['row 15: E08000009 is a metropolitan district’s code but the Geography says "Non-metropolitan District"']);
    expect(fields['rows.16']).toEqual(['row 16: "E08 000009" is not a GSS code starting E08 as a metropolitan district’s is']);
    expect((error as DomainError).field).toBe('file');
  });

  it('the fingerprint text changes with what would be written, not with the order of the rows', () => {
    const plan = planRegistryImport([], FILE);
    expect(canonicalPlan(planRegistryImport([], [...FILE].reverse()))).not.toBe(canonicalPlan(plan)); // reversed: regions attach differently
    const reordered = planRegistryImport([], [FILE[1]!, FILE[4]!, FILE[3]!]);
    expect(canonicalPlan(reordered)).toBe(canonicalPlan(planRegistryImport([], [FILE[1]!, FILE[3]!, FILE[4]!])));
  });
});
