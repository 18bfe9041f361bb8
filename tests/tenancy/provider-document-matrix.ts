import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Caller } from '../support/api.ts';
import { pdfFile } from '../support/documents.ts';
import type { RegisteredProvider } from '../support/providers.ts';

/**
 * Provider documents and CQC locations (issue 11, item 2) in the provider tenancy matrix (provider-matrix.ts, with
 * its actors): each organisation keeps its own (the organisation comes from the session); a record of organisation
 * A's is NOT_FOUND to every other organisation; an authority reads documents through its own procedures only (and
 * sees those of providers it holds a contract with: integration/provider-documents.test.ts).
 */
type Cell = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED';
type Cells = Record<'signedOut' | 'commissioner' | 'platformAdmin' | 'provider' | 'otherProvider' | 'unverifiedProvider', Cell>;

const OWN: Cells = { signedOut: 'UNAUTHORIZED', commissioner: 'FORBIDDEN', platformAdmin: 'FORBIDDEN', provider: 'ok', otherProvider: 'ok', unverifiedProvider: 'ok' };
const A_ONLY: Cells = { ...OWN, otherProvider: 'NOT_FOUND', unverifiedProvider: 'NOT_FOUND' };
const AUTHORITY: Cells = { signedOut: 'UNAUTHORIZED', commissioner: 'ok', platformAdmin: 'FORBIDDEN', provider: 'FORBIDDEN', otherProvider: 'FORBIDDEN', unverifiedProvider: 'FORBIDDEN' };

export const PROVIDER_DOCUMENT_MATRIX: Record<string, Cells> = {
  'providerDocument.list': OWN,
  'providerDocument.upload': OWN,
  // The target is a document of A's.
  'providerDocument.replace': A_ONLY,
  'providerDocument.withdraw': A_ONLY,
  'providerDocument.ofProvider': AUTHORITY,
  'providerDocument.expiringForAuthority': AUTHORITY,
  'providerLocation.list': OWN,
  'providerLocation.add': OWN,
  // The target is a location of A's.
  'providerLocation.update': A_ONLY,
  'providerLocation.remove': A_ONLY,
};

let serial = 0;
const pdf = () => pdfFile(`Matrix document ${++serial}`).toString('base64');

/** The calls, given organisation A (the target's owner). */
export function providerDocumentCalls(target: () => RegisteredProvider): Record<string, (caller: Caller) => Promise<unknown>> {
  const documentOfA = async () => (await target().caller.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'other', title: 'Matrix document', fileName: 'm.pdf', contentBase64: pdf() })).documentId;
  const locationOfA = async () => (await target().caller.providerLocation.add({ idempotencyKey: randomUUID(), name: `Matrix location ${++serial}` })).locationId;
  return {
    'providerDocument.list': async (caller) => {
      await documentOfA();
      const { documents } = await caller.providerDocument.list();
      const own = (await target().caller.providerDocument.list()).documents.map((d) => d.id);
      // Another organisation's list holds none of A's documents.
      if (caller !== target().caller) expect(documents.some((d) => own.includes(d.id))).toBe(false);
    },
    'providerDocument.upload': (caller) => caller.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'safeguarding_policy', title: 'Matrix policy', fileName: 'p.pdf', contentBase64: pdf() }),
    'providerDocument.replace': async (caller) =>
      caller.providerDocument.replace({ documentId: await documentOfA(), title: 'Matrix replacement', fileName: 'r.pdf', contentBase64: pdf() }),
    'providerDocument.withdraw': async (caller) => caller.providerDocument.withdraw({ documentId: await documentOfA() }),
    'providerDocument.ofProvider': (caller) => caller.providerDocument.ofProvider({ providerId: target().providerId }),
    'providerDocument.expiringForAuthority': (caller) => caller.providerDocument.expiringForAuthority({}),
    'providerLocation.list': async (caller) => {
      const id = await locationOfA();
      const seen = (await caller.providerLocation.list()).some((l) => l.id === id);
      expect(seen).toBe(caller === target().caller);
    },
    'providerLocation.add': (caller) => caller.providerLocation.add({ idempotencyKey: randomUUID(), name: `Matrix added location ${++serial}` }),
    'providerLocation.update': async (caller) => caller.providerLocation.update({ locationId: await locationOfA(), rowVersion: 1, name: 'Matrix renamed location' }),
    'providerLocation.remove': async (caller) => caller.providerLocation.remove({ locationId: await locationOfA(), rowVersion: 1 }),
  };
}
