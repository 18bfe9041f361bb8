import { describe, expect, it } from 'vitest';
import { callOffReleasePackage, EXAMPLE_OCID_PREFIX, ocdsContractStatus, type OcdsCallOff } from '../../src/index.ts';

const options = { ocidPrefix: EXAMPLE_OCID_PREFIX, publisherName: 'Sefton Council', publishedDate: '2024-06-30T12:00:00Z' };
const PDPS_OCID = `${EXAMPLE_OCID_PREFIX}-6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f`;

const bootle: OcdsCallOff = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  reference: 'LCC-ASC-2018-EC-PDPS-CO-001',
  method: 'direct',
  status: 'awarded',
  title: 'Call-off for Bootle Extra Care scheme',
  createdAt: '2024-01-01T09:00:00Z',
  buyer: { id: 'E08000014', name: 'Sefton Council' },
  procurement: { ocid: PDPS_OCID, title: 'Care and Support in Extra Care Housing: LCR Tripartite PDPS' },
  award: { awardedOn: '2019-02-01', provider: { id: 'p-mersey', name: 'Mersey Extra Care Ltd', companiesHouseNumber: '1234567' } },
  contract: { id: 'k-1', reference: 'SEF-EC-BOOTLE', title: 'Bootle Extra Care', status: 'active', startDate: '2019-04-01', endDate: '2024-03-31', totalValuePence: 260_000_000 },
  variations: [
    { id: 'v-2', decidedOn: '2021-06-01', effectiveOn: '2021-07-01', justification: 'Second', description: 'Price change' },
    { id: 'v-1', decidedOn: '2020-06-01', effectiveOn: '2020-07-01', justification: 'First', description: 'Scope change' },
  ],
};

type Release = { id: string; date: string; tag: string[]; relatedProcesses: unknown[]; tender?: Record<string, unknown>; awards?: Record<string, unknown>[]; contracts?: { amendments?: Record<string, unknown>[] }[] };
const releasesOf = (c: OcdsCallOff) => (callOffReleasePackage(c, options) as { releases: Release[] }).releases;

describe('callOffReleasePackage', () => {
  it('a direct call-off: its own ocid, linked to the framework, tender → award → contract → one amendment release per variation', () => {
    const releases = releasesOf(bootle);
    const ocid = `${EXAMPLE_OCID_PREFIX}-${bootle.id}`;
    expect(releases.map((r) => r.tag.join('+'))).toEqual(['tender', 'award', 'contract', 'contractAmendment', 'contractAmendment']);
    for (const r of releases) expect(r.relatedProcesses).toEqual([{ id: 'framework', relationship: ['framework'], scheme: 'ocid', identifier: PDPS_OCID, title: bootle.procurement.title }]);
    // Recorded after the award (seeded history): the tender is dated at the award, not later.
    expect(releases[0]!.date).toBe('2019-02-01T00:00:00.000Z');
    expect(releases[0]!.tender).toMatchObject({ status: 'complete', procurementMethod: 'limited', procuringEntity: { id: 'GB-GSS-E08000014', name: 'Sefton Council' } });
    expect(releases[1]!.awards![0]).toMatchObject({ id: bootle.id, suppliers: [{ id: 'GB-COH-01234567', name: 'Mersey Extra Care Ltd' }], value: { amount: 2_600_000, currency: 'GBP' } });
    expect(releases[2]!.contracts![0]).toEqual({
      id: 'k-1',
      awardID: bootle.id,
      title: 'SEF-EC-BOOTLE: Bootle Extra Care',
      status: 'active',
      period: { startDate: '2019-04-01T00:00:00.000Z', endDate: '2024-03-31T00:00:00.000Z' },
      value: { amount: 2_600_000, currency: 'GBP' },
    });
    // Amendments accumulate in date order, each naming the release it amends and the one it appears in.
    const last = releases[4]!.contracts![0]!.amendments!;
    expect(last.map((a) => a.id)).toEqual(['v-1', 'v-2']);
    expect(last[0]).toMatchObject({ rationale: 'First', description: 'Scope change', amendsReleaseID: `${ocid}-contract`, releaseID: `${ocid}-variation-v-1` });
    expect(last[1]).toMatchObject({ amendsReleaseID: `${ocid}-variation-v-1`, releaseID: releases[4]!.id });
  });

  it('a mini-competition still inviting: selective, an active tender, no award or contract', () => {
    const releases = releasesOf({ ...bootle, method: 'mini_competition', status: 'inviting', award: null, contract: null, variations: [] });
    expect(releases.map((r) => r.tag.join('+'))).toEqual(['tender']);
    expect(releases[0]!.tender).toMatchObject({ status: 'active', procurementMethod: 'selective' });
  });

  it('a mini-competition cancelled before award: the active tender, then a tenderCancellation release with the reason as an amendment', () => {
    const ocid = `${EXAMPLE_OCID_PREFIX}-${bootle.id}`;
    const cancellation = { cancelledOn: '2024-02-15', reason: 'The scheme’s funding was withdrawn', invited: true };
    const releases = releasesOf({ ...bootle, method: 'mini_competition', status: 'cancelled', award: null, contract: null, variations: [], cancellation });
    expect(releases.map((r) => `${r.tag.join('+')} ${r.date} ${String(r.tender?.status)}`)).toEqual(['tender 2024-01-01T09:00:00.000Z active', 'tenderCancellation 2024-02-15T00:00:00.000Z cancelled']);
    expect(releases[1]!.id).toBe(`${ocid}-cancellation`);
    expect(releases[1]!.tender!.amendments).toEqual([
      { id: 'cancellation', date: '2024-02-15T00:00:00.000Z', rationale: 'The scheme’s funding was withdrawn', description: 'The call-off was cancelled before award', amendsReleaseID: `${ocid}-tender`, releaseID: `${ocid}-cancellation` },
    ]);
    // A draft cancelled before any invitation was still at planning.
    const draft = releasesOf({ ...bootle, status: 'cancelled', award: null, contract: null, variations: [], cancellation: { ...cancellation, invited: false } });
    expect(draft.map((r) => r.tender?.status)).toEqual(['planning', 'cancelled']);
  });

  it('maps our contract statuses to contractStatus.csv', () => {
    expect((['draft', 'active', 'extended', 'expired', 'terminated'] as const).map(ocdsContractStatus)).toEqual(['pending', 'active', 'active', 'terminated', 'terminated']);
  });

  it('refuses a malformed OCID prefix', () => {
    expect(() => callOffReleasePackage(bootle, { ...options, ocidPrefix: 'ocds-XYZ' })).toThrow(/OCID prefix/);
  });
});
