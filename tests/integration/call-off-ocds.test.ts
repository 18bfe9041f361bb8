import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { EXAMPLE_OCID_PREFIX } from '@concord/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, signIn, openSeededAs, type Caller } from '../support/api.ts';
import { tripartiteSeftonLot } from '../support/call-offs.ts';
import { validateReleasePackage } from './ocds-schema.ts';
import { versionOf } from '../support/versions.ts';

// Sefton's demo call-offs from the LCR Tripartite PDPS (seed): Bootle by direct call-off, Southport by mini-competition.
type Release = {
  id: string;
  ocid: string;
  tag: string[];
  relatedProcesses: { relationship: string[]; scheme: string; identifier: string }[];
  tender?: { procurementMethod: string; procuringEntity: { id: string; name: string } };
  awards?: { id: string; suppliers: { id: string; name: string }[] }[];
  contracts?: { id: string; awardID: string; status: string; amendments?: { id: string; rationale: string; releaseID: string }[] }[];
};
type Package = { releases: Release[]; publisher: { name: string } };

let connection: Connection;
let sefton: Caller;
beforeAll(async () => ({ connection, caller: sefton } = await openSeededAs('commissioner.sefton@concord.example')));
afterAll(() => connection.close());

const callOffFor = async (schemeName: string) =>
  connection.db.selectFrom('call_off').select(['id', 'method']).where('scheme_name', '=', schemeName).executeTakeFirstOrThrow();

async function exported(callOffId: string): Promise<Package> {
  const doc = await sefton.callOff.ocds({ callOffId });
  const { valid, errors } = validateReleasePackage(doc);
  expect(errors).toEqual([]);
  expect(valid).toBe(true);
  return doc as unknown as Package;
}

describe("Sefton's call-offs as OCDS 1.1.5 release packages, each its own process linked to the Tripartite PDPS", () => {
  it.each([
    ['Bootle Extra Care scheme', 'direct', 'limited'],
    ['Southport Extra Care scheme', 'mini_competition', 'selective'],
  ])('%s', async (schemeName, method, ocdsMethod) => {
    const callOff = await callOffFor(schemeName);
    expect(callOff.method).toBe(method);
    const t = await tripartiteSeftonLot(connection);
    const doc = await exported(callOff.id);
    const ocid = `${EXAMPLE_OCID_PREFIX}-${callOff.id}`;
    expect(doc.publisher.name).toBe('Sefton Council');
    expect(doc.releases.every((r) => r.ocid === ocid)).toBe(true);
    for (const r of doc.releases)
      expect(r.relatedProcesses).toEqual([expect.objectContaining({ relationship: ['framework'], scheme: 'ocid', identifier: `${EXAMPLE_OCID_PREFIX}-${t.procurement.id}` })]);
    expect(doc.releases.map((r) => r.tag.join('+'))).toEqual(['tender', 'award', 'contract']);
    const tender = doc.releases[0]!.tender!;
    expect(tender.procurementMethod).toBe(ocdsMethod);
    expect(tender.procuringEntity).toEqual({ id: 'GB-GSS-E08000014', name: 'Sefton Council' });
    const award = doc.releases[1]!.awards![0]!;
    expect(award.id).toBe(callOff.id);
    expect(award.suppliers).toHaveLength(1);
    const contract = doc.releases[2]!.contracts![0]!;
    expect(contract.awardID).toBe(callOff.id);
    const row = await connection.db.selectFrom('contract').select('id').where('call_off_id', '=', callOff.id).executeTakeFirstOrThrow();
    expect(contract.id).toBe(row.id);
  });

  it('a variation of the contract appears as a contractAmendment release', async () => {
    const callOff = await callOffFor('Bootle Extra Care scheme');
    const contract = await connection.db.selectFrom('contract').select('id').where('call_off_id', '=', callOff.id).executeTakeFirstOrThrow();
    const variation = await sefton.contract.addVariation({
      idempotencyKey: randomUUID(),
      contractId: contract.id,
      version: await versionOf(connection.db, 'contract', contract.id),
      kind: 'scope_change',
      effectiveOn: '2019-01-01',
      valueChangePence: 5_000_00,
      justification: 'Two more households at the scheme',
      legalBasis: 'PCR 2015 regulation 72(1)(b)',
      decisionReference: 'Sefton DD-OCDS-1',
      decidedOn: '2018-12-01',
    });
    const doc = await exported(callOff.id);
    const amendment = doc.releases.filter((r) => r.tag.includes('contractAmendment'));
    expect(amendment).toHaveLength(1);
    const amendments = amendment[0]!.contracts![0]!.amendments!;
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({ rationale: 'Two more households at the scheme', releaseID: amendment[0]!.id });
    expect(variation).toBeTruthy();
  });

  it("Knowsley's commissioner cannot export Sefton's call-off: NOT_FOUND", async () => {
    const callOff = await callOffFor('Bootle Extra Care scheme');
    const knowsley = callerFor(connection, (await signIn(connection, 'commissioner.knowsley@concord.example')).session);
    const error = await knowsley.callOff.ocds({ callOffId: callOff.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('NOT_FOUND');
  });
});
