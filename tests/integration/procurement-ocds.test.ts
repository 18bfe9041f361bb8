import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import { validateReleasePackage } from './ocds-schema.ts';

/** The OCDS export of each demo procurement, through the API, validated against OCDS 1.1.5. */

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

type Release = { ocid: string; tag: string[]; parties: { id: string; roles: string[] }[]; awards?: { status: string; suppliers: { name: string }[] }[] };
type Package = { publisher: { name: string }; releases: Release[] };

const DEMO = [
  { reference: 'LCR-EC-2018', lead: LIVERPOOL_COMMISSIONER, publisher: 'Liverpool City Council', buyers: 3, activeSuppliers: 6 },
  { reference: 'SCC-SL-FW-2024', lead: 'commissioner.staffordshire@concord.example', publisher: 'Staffordshire County Council', buyers: 1, activeSuppliers: 6 },
  { reference: 'LCC-HTLAH-2016', lead: 'commissioner.leicestershire@concord.example', publisher: 'Leicestershire County Council', buyers: 3, activeSuppliers: 8 },
];

async function exportFor(email: string, reference: string): Promise<Package> {
  const { id } = await connection.db.selectFrom('procurement').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  const caller = callerFor(connection, (await signIn(connection, email)).session);
  return (await caller.procurement.ocds({ procurementId: id })) as unknown as Package;
}

describe('OCDS release packages of the demo procurements', () => {
  for (const demo of DEMO) {
    it(`${demo.reference} validates against the 1.1.5 release package schema`, async () => {
      const pkg = await exportFor(demo.lead, demo.reference);
      const { valid, errors } = validateReleasePackage(pkg);
      expect(errors).toEqual([]);
      expect(valid).toBe(true);
      expect(pkg.publisher.name).toBe(demo.publisher);
      // One OCID for the whole procurement, with the example prefix when none is configured.
      const ocids = new Set(pkg.releases.map((r) => r.ocid));
      expect(ocids.size).toBe(1);
      expect([...ocids][0]).toMatch(/^ocds-213czf-/);
      // The lead is the procuring entity; every buyer is a party with the buyer role.
      const parties = pkg.releases[0]!.parties;
      expect(parties.filter((p) => p.roles.includes('procuringEntity'))).toHaveLength(1);
      expect(parties.filter((p) => p.roles.includes('buyer'))).toHaveLength(demo.buyers);
      // Every admitted provider is a supplier through an award release; removed ones are cancelled.
      const awards = pkg.releases.filter((r) => r.tag.includes('award')).flatMap((r) => r.awards ?? []);
      const cancelled = pkg.releases.filter((r) => r.tag.includes('awardCancellation')).length;
      expect(new Set(awards.map((a) => a.suppliers[0]!.name)).size).toBeGreaterThanOrEqual(demo.activeSuppliers);
      expect(awards.length - cancelled).toBeGreaterThan(0);
    });
  }

  it('tags the Tripartite PDPS planning, tender and award (still open while live: no tender completion yet)', async () => {
    const pkg = await exportFor(LIVERPOOL_COMMISSIONER, 'LCR-EC-2018');
    const tags = new Set(pkg.releases.flatMap((r) => r.tag));
    expect([...tags].sort()).toEqual(['award', 'planning', 'tender']);
  });

  it('a partner may export it too: the same package, published in the lead’s name', async () => {
    const pkg = await exportFor(SEFTON_COMMISSIONER, 'LCR-EC-2018');
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(pkg.publisher.name).toBe('Liverpool City Council');
  });

  it('the Leicestershire lead provider who withdrew shows as an award cancellation on each of its three lots', async () => {
    const pkg = await exportFor('commissioner.leicestershire@concord.example', 'LCC-HTLAH-2016');
    const cancellations = pkg.releases.filter((r) => r.tag.includes('awardCancellation'));
    expect(cancellations).toHaveLength(3);
    expect(cancellations.every((r) => r.awards![0]!.suppliers[0]!.name === 'Ashby Canal Care Ltd')).toBe(true);
  });
});
