import { describe, expect, it } from 'vitest';
import { EXAMPLE_OCID_PREFIX, PROCUREMENT_STATUSES, procurementReleasePackage, ROUTES, type OcdsProcurement } from '../../packages/domain/src/procurement/index.ts';
import { validateReleasePackage } from './ocds-schema.ts';

// The Liverpool City Region Tripartite Extra Care PDPS (seed 002): Liverpool leads and calls off too,
// Sefton and Knowsley call off. Launched 3 April 2018, evaluated in May, awarded 2 July, in place 1 September.
const LIVERPOOL = { id: 'E08000012', name: 'Liverpool City Council' };
const SEFTON = { id: 'E08000014', name: 'Sefton Council' };
const KNOWSLEY = { id: 'E08000011', name: 'Knowsley Metropolitan Borough Council' };

const tripartite: OcdsProcurement = {
  id: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  reference: 'LCC-ASC-2018-EC-PDPS',
  title: 'Care and Support in Extra Care Housing: LCR Tripartite PDPS',
  description: 'An approved list of providers of care and support in Extra Care housing for Sefton, Knowsley and Liverpool, running for 10 years.',
  serviceType: 'extra_care',
  route: 'pdps',
  status: 'live',
  estimatedValuePence: 4_250_000_000,
  createdAt: '2018-03-08T10:00:00Z',
  lead: LIVERPOOL,
  buyers: [LIVERPOOL, SEFTON, KNOWSLEY],
  lots: [
    { id: 'lot-2', number: 2, name: 'Extra Care for people with learning disabilities', description: null },
    { id: 'lot-1', number: 1, name: 'Extra Care for older people', description: 'Schemes for people aged 55 and over' },
  ],
  decisions: [
    { toStatus: 'published', decidedAt: '2018-04-03T09:00:00Z', decisionReference: 'Sefton Cabinet 8 March 2018', decisionLink: 'https://modgov.sefton.gov.uk/ieListDocuments.aspx?CId=137&MId=1234' },
    { toStatus: 'evaluation', decidedAt: '2018-05-01T09:00:00Z', decisionReference: 'Tender period closed', decisionLink: null },
    { toStatus: 'award_approval', decidedAt: '2018-06-01T09:00:00Z', decisionReference: 'Evaluation report', decisionLink: null },
    { toStatus: 'live', decidedAt: '2018-09-01T00:00:00Z', decisionReference: 'Delegated decision DD-2018-112', decisionLink: null },
  ],
  admissions: [
    { entryId: 'e1', lotId: 'lot-1', provider: { id: 'p-alder', name: 'Alder Care Ltd', companiesHouseNumber: '1234567' }, admittedOn: '2018-07-02', status: 'active' },
    { entryId: 'e2', lotId: 'lot-2', provider: { id: 'b7e4c1a2-0000-4000-8000-000000000002', name: 'Birch Homecare', companiesHouseNumber: null }, admittedOn: '2018-07-02', status: 'suspended' },
    { entryId: 'e3', lotId: 'lot-1', provider: { id: 'p-cedar', name: 'Cedar Support Ltd', companiesHouseNumber: 'SC123456' }, admittedOn: '2019-01-15', status: 'removed', removedOn: '2021-03-31' },
  ],
};

const options = { ocidPrefix: EXAMPLE_OCID_PREFIX, publisherName: 'Liverpool City Council', publishedDate: '2024-06-30T12:00:00Z', uri: 'https://concord.example/ocds/tripartite.json' };

type Release = { id: string; ocid: string; date: string; tag: string[]; parties: { id: string; name: string; roles: string[] }[]; buyer?: { id: string }; tender?: Record<string, unknown>; awards?: { id: string; status: string; suppliers: { id: string }[]; relatedLots: string[] }[] };
type Package = { releases: Release[]; extensions?: string[]; uri: string; version: string };

function validPackage(p: OcdsProcurement): Package {
  const doc = procurementReleasePackage(p, options);
  const { valid, errors } = validateReleasePackage(doc);
  if (!valid) console.error(`${p.title}: ${errors.join('\n')}`);
  expect(errors).toEqual([]);
  expect(valid).toBe(true);
  return doc as unknown as Package;
}

const tags = (doc: Package) => doc.releases.map((r) => r.tag.join('+'));

describe('OCDS release packages validate against release-package-schema.json 1.1.5', () => {
  it('a live PDPS with 2 lots, 3 authorities and 3 admissions, one removed', () => {
    const doc = validPackage(tripartite);
    const ocid = `${EXAMPLE_OCID_PREFIX}-${tripartite.id}`;
    expect(doc.version).toBe('1.1');
    expect(doc.extensions).toEqual(['https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json']);
    expect(doc.releases.every((r) => r.ocid === ocid)).toBe(true);
    // A live PDPS is still open to applicants, so its tender is not yet complete: no tenderUpdate.
    expect(tags(doc)).toEqual(['planning', 'tender', 'award', 'award', 'award', 'awardCancellation']);
    expect(doc.releases.map((r) => r.id)).toEqual([
      `${ocid}-planning`,
      `${ocid}-tender`,
      `${ocid}-award-e1`,
      `${ocid}-award-e2`,
      `${ocid}-award-e3`,
      `${ocid}-award-e3-cancelled`,
    ]);

    const tender = doc.releases[1]?.tender;
    expect(tender).toMatchObject({
      id: 'LCC-ASC-2018-EC-PDPS',
      status: 'active',
      procurementMethod: 'selective',
      procurementMethodDetails: 'Pseudo dynamic purchasing system (PDPS)',
      mainProcurementCategory: 'services',
      value: { amount: 42_500_000, currency: 'GBP' },
      procuringEntity: { id: 'GB-GSS-E08000012', name: 'Liverpool City Council' },
      lots: [
        { id: 'lot-1', title: 'Lot 1: Extra Care for older people', description: 'Schemes for people aged 55 and over' },
        { id: 'lot-2', title: 'Lot 2: Extra Care for people with learning disabilities' },
      ],
      documents: [{ id: 'decision-published', url: 'https://modgov.sefton.gov.uk/ieListDocuments.aspx?CId=137&MId=1234' }],
    });

    const parties = new Map(doc.releases.flatMap((r) => r.parties).map((p) => [p.id, p]));
    expect([...parties.values()].map((p) => [p.id, p.roles])).toEqual([
      ['GB-GSS-E08000012', ['procuringEntity', 'buyer']],
      ['GB-GSS-E08000014', ['buyer']],
      ['GB-GSS-E08000011', ['buyer']],
      ['GB-COH-01234567', ['supplier']],
      ['concord-provider-b7e4c1a2-0000-4000-8000-000000000002', ['supplier']],
      ['GB-COH-SC123456', ['supplier']],
    ]);
    expect([...parties.values()].filter((p) => p.roles.includes('supplier'))).toHaveLength(3);
    expect(doc.releases.every((r) => r.buyer?.id === 'GB-GSS-E08000012')).toBe(true);

    // Merged by award id, as a consumer compiles them: the removed provider's award ends cancelled.
    const awards = new Map(doc.releases.flatMap((r) => r.awards ?? []).map((a) => [a.id, a]));
    expect([...awards.values()].map((a) => [a.id, a.status, a.relatedLots])).toEqual([
      ['e1', 'active', ['lot-1']],
      ['e2', 'active', ['lot-2']],
      ['e3', 'cancelled', ['lot-1']],
    ]);
  });

  it('a draft: a single planning release', () => {
    const doc = validPackage({ ...tripartite, status: 'draft', decisions: [], admissions: [], lots: [], estimatedValuePence: null, description: null });
    expect(tags(doc)).toEqual(['planning']);
    expect(doc.extensions).toBeUndefined();
    expect(doc.releases[0]?.tender).toMatchObject({ status: 'planning' });
    expect(doc.releases[0]?.tender).not.toHaveProperty('value');
  });

  it('a cancelled framework: planning, tender, then the cancellation with its decision', () => {
    const doc = validPackage({
      ...tripartite,
      id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      reference: 'SCC-SL-FW-2024',
      title: 'Supported Living flexible framework',
      serviceType: 'supported_living',
      route: 'framework',
      status: 'cancelled',
      lead: { id: 'E10000028', name: 'Staffordshire County Council' },
      buyers: [{ id: 'E10000028', name: 'Staffordshire County Council' }],
      decisions: [
        { toStatus: 'market_engagement', decidedAt: '2023-10-02T09:00:00Z', decisionReference: 'Cabinet 19 October 2022', decisionLink: null },
        { toStatus: 'published', decidedAt: '2024-01-15T09:00:00Z', decisionReference: 'Delegated decision', decisionLink: null },
        { toStatus: 'cancelled', decidedAt: '2024-02-20T16:30:00Z', decisionReference: 'Delegated decision DD-2024-7', decisionLink: 'https://www.staffordshire.gov.uk/decisions/dd-2024-7' },
      ],
      admissions: [],
    });
    expect(tags(doc)).toEqual(['planning', 'tender', 'tenderCancellation']);
    const cancellation = doc.releases[2];
    expect(cancellation?.date).toBe('2024-02-20T16:30:00.000Z');
    expect(cancellation?.tender).toMatchObject({ status: 'cancelled', procurementMethod: 'selective', documents: [{ documentType: 'cancellationDetails' }] });
    expect(cancellation?.parties).toEqual([{ id: 'GB-GSS-E10000028', name: 'Staffordshire County Council', roles: ['procuringEntity', 'buyer'] }]);
  });

  it('every route at every stage validates', () => {
    for (const route of ROUTES)
      for (const status of PROCUREMENT_STATUSES) {
        const { valid, errors } = validateReleasePackage(procurementReleasePackage({ ...tripartite, route, status }, options));
        expect(errors, `${route} ${status}`).toEqual([]);
        expect(valid).toBe(true);
      }
  });

  it('the validator does reject what the schema forbids', () => {
    const doc = procurementReleasePackage(tripartite, options) as unknown as Package;
    const broken = { ...doc, releases: doc.releases.map((r, i) => (i === 0 ? { ...r, tag: ['launched'], date: '3 April 2018', parties: [{ id: 'x', name: 'X', roles: ['commissioner'] }] } : r)) };
    const { valid, errors } = validateReleasePackage(broken);
    expect(valid).toBe(false);
    expect(errors.join('\n')).toMatch(/\/releases\/0\/tag\/0 must be equal to one of the allowed values/);
    expect(errors.join('\n')).toMatch(/\/releases\/0\/date must match format "date-time"/);
    expect(errors.join('\n')).toMatch(/"commissioner" is not in partyRole.csv/);
    expect(validateReleasePackage({ ...doc, releases: [] }).valid).toBe(false);
  });
});
