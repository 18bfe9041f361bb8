import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import {
  companiesHouseNumber,
  EXAMPLE_OCID_PREFIX,
  ocdsTenderStatus,
  OCDS_PROCUREMENT_METHOD,
  PROCUREMENT_STATUSES,
  procurementReleasePackage,
  type OcdsProcurement,
} from '../../src/procurement/index.ts';

// Schema validation is in tests/integration/ocds.test.ts (Ajv lives there); these check the mapping.
const base: OcdsProcurement = {
  id: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  reference: 'SCC-SL-BLOCK-2023',
  title: 'Supported Living block contracts: highly complex',
  description: null,
  serviceType: 'supported_living',
  route: 'block_contract',
  status: 'live',
  estimatedValuePence: 123_456_789,
  createdAt: '2022-10-19T09:00:00+01:00',
  lead: { id: 'E10000028', name: 'Staffordshire County Council' },
  buyers: [],
  lots: [{ id: 'north', number: 1, name: 'North', description: null }],
  decisions: [
    { toStatus: 'published', decidedAt: '2023-03-01', decisionReference: 'Cabinet 19 October 2022', decisionLink: null },
    { toStatus: 'live', decidedAt: '2023-12-01T00:00:00Z', decisionReference: 'Delegated decision', decisionLink: null },
  ],
  admissions: [{ entryId: 'e1', lotId: 'north', provider: { id: 'p1', name: 'Oak Lodge Care', companiesHouseNumber: ' 0765 4321 ' }, admittedOn: '2023-11-01', status: 'active' }],
};
const options = { ocidPrefix: EXAMPLE_OCID_PREFIX, publisherName: 'Staffordshire County Council', publishedDate: '2024-01-01' };

type Release = { id: string; date: string; tag: string[]; buyer?: { id: string }; parties: { id: string; roles: string[] }[]; tender?: Record<string, unknown>; awards?: { id: string; status: string }[] };
const releasesOf = (p: OcdsProcurement, o = options) => (procurementReleasePackage(p, o) as { releases: Release[] }).releases;

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('OCDS mapping', () => {
  it('maps every stage of ours to a tender status code', () => {
    expect(Object.fromEntries(PROCUREMENT_STATUSES.map((s) => [s, ocdsTenderStatus('framework', s)]))).toEqual({
      draft: 'planning',
      market_engagement: 'planning',
      published: 'active',
      evaluation: 'active',
      award_approval: 'active',
      live: 'complete',
      closed: 'complete',
      cancelled: 'cancelled',
    });
    expect(ocdsTenderStatus('pdps', 'live')).toBe('active');
  });

  it('maps routes to method.csv codes', () => {
    expect(OCDS_PROCUREMENT_METHOD).toEqual({ pdps: 'selective', dps: 'selective', dynamic_market: 'selective', framework: 'selective', framework_closed: 'selective', block_contract: 'open', open_tender: 'open' });
  });

  it('normalises Companies House numbers, and ignores what cannot be one', () => {
    expect(companiesHouseNumber('1234567')).toBe('01234567');
    expect(companiesHouseNumber('sc123456')).toBe('SC123456');
    expect(companiesHouseNumber(' 0765 4321 ')).toBe('07654321');
    expect(companiesHouseNumber('CQC-1-123')).toBeNull();
    expect(companiesHouseNumber(null)).toBeNull();
  });

  it('a live block contract: tender complete at go-live; dates as UTC date-times; pence as pounds', () => {
    const releases = releasesOf(base);
    expect(releases.map((r) => [r.tag.join('+'), r.date])).toEqual([
      ['planning', '2022-10-19T08:00:00.000Z'],
      ['tender', '2023-03-01T00:00:00.000Z'],
      ['award', '2023-11-01T00:00:00.000Z'],
      ['tenderUpdate', '2023-12-01T00:00:00.000Z'],
    ]);
    expect(releases[1]?.tender).toMatchObject({ procurementMethod: 'open', value: { amount: 1_234_567.89, currency: 'GBP' }, tenderPeriod: { startDate: '2023-03-01T00:00:00.000Z' } });
    expect(releases[3]?.tender).toMatchObject({ status: 'complete' });
    expect(releases[2]?.parties.at(-1)).toEqual({ id: 'GB-COH-07654321', name: 'Oak Lodge Care', identifier: { scheme: 'GB-COH', id: '07654321', legalName: 'Oak Lodge Care' }, roles: ['supplier'] });
  });

  it('a lead that does not call off is procuringEntity only, and the first buyer is release.buyer', () => {
    const releases = releasesOf({ ...base, buyers: [{ id: 'E06000026', name: 'Plymouth City Council' }, { id: 'E06000027', name: 'Torbay Council' }] });
    expect(releases[0]?.parties.map((p) => [p.id, p.roles])).toEqual([
      ['GB-GSS-E10000028', ['procuringEntity']],
      ['GB-GSS-E06000026', ['buyer']],
      ['GB-GSS-E06000027', ['buyer']],
    ]);
    expect(releases[0]?.buyer).toEqual({ id: 'GB-GSS-E06000026', name: 'Plymouth City Council' });
    expect(releases[0]).not.toHaveProperty('buyer.identifier');
  });

  it('cancelled after award approval: the admissions are cancelled too', () => {
    const releases = releasesOf({ ...base, status: 'cancelled', decisions: [...base.decisions.slice(0, 1), { toStatus: 'cancelled', decidedAt: '2023-11-20T12:00:00Z', decisionReference: 'DD-9', decisionLink: null }] });
    expect(releases.map((r) => r.tag.join('+'))).toEqual(['planning', 'tender', 'award', 'awardCancellation', 'tenderCancellation']);
    expect(releases[3]?.awards?.[0]).toMatchObject({ id: 'e1', status: 'cancelled' });
  });

  it('a closed PDPS completes its tender at closing', () => {
    const closed = releasesOf({ ...base, route: 'pdps', status: 'closed', decisions: [...base.decisions, { toStatus: 'closed', decidedAt: '2028-09-01', decisionReference: 'DD-10', decisionLink: null }] });
    expect(closed.at(-1)).toMatchObject({ tag: ['tenderUpdate'], date: '2028-09-01T00:00:00.000Z', tender: { status: 'complete' } });
  });

  it('is deterministic: the same procurement gives the same package, with unique release ids', () => {
    const doc = procurementReleasePackage(base, options);
    expect(procurementReleasePackage(structuredClone(base), options)).toEqual(doc);
    const ids = releasesOf(base).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('defaults the package uri to the ocid', () => {
    expect(procurementReleasePackage(base, options).uri).toBe(`urn:ocid:${EXAMPLE_OCID_PREFIX}-${base.id}`);
  });

  it('refuses a malformed prefix, date, uri or lot', () => {
    expect(refusal(() => procurementReleasePackage(base, { ...options, ocidPrefix: 'ocds-ABC' }))).toMatchObject({ kind: 'BAD_REQUEST', field: 'ocidPrefix' });
    expect(refusal(() => procurementReleasePackage(base, { ...options, publishedDate: 'yesterday' }))).toMatchObject({ field: 'publishedDate' });
    expect(refusal(() => procurementReleasePackage(base, { ...options, uri: 'not a uri' }))).toMatchObject({ field: 'uri' });
    expect(refusal(() => procurementReleasePackage({ ...base, admissions: [{ ...base.admissions[0]!, lotId: 'south' }] }, options))).toMatchObject({ field: 'admissions' });
    expect(refusal(() => procurementReleasePackage({ ...base, estimatedValuePence: 12.5 }, options))).toMatchObject({ field: 'estimatedValuePence' });
  });
});
