import type { Connection } from '@concord/db';
import { expect } from 'vitest';
import type { Caller } from '../support/api.ts';
import type { RegisteredProvider } from '../support/providers.ts';
import { admitToSeftonLot, sealedMiniCompetition } from '../support/sealed-call-offs.ts';

type CellOutcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
const cells = (provider: CellOutcome, otherProvider: CellOutcome, unverifiedProvider: CellOutcome) => ({
  signedOut: 'UNAUTHORIZED' as const,
  commissioner: 'FORBIDDEN' as const,
  platformAdmin: 'FORBIDDEN' as const,
  provider,
  otherProvider,
  unverifiedProvider,
});

/**
 * Sealed mini-competitions (issue 11, item 4), the provider's procedures. The target is a Sefton call-off that
 * organisation A is invited to (open until 2030): B cannot tell it exists; C, not verified, sees no invitation at all.
 * Authorities use callOff.get / evaluate / scoreResponse / award (private-matrix.ts).
 */
export const SEALED_CALL_OFF_MATRIX = {
  'callOff.invitations': cells('ok', 'ok', 'FORBIDDEN'),
  'callOff.invitation': cells('ok', 'NOT_FOUND', 'FORBIDDEN'),
  'callOff.respond': cells('ok', 'NOT_FOUND', 'FORBIDDEN'),
};

/** Calls for SEALED_CALL_OFF_MATRIX: A is admitted to the Tripartite's Sefton lot and invited once. */
export function sealedCallOffCalls(refs: () => { connection: Connection; a: RegisteredProvider }) {
  let made: Promise<string> | null = null;
  const callOffOfA = () =>
    (made ??= (async () => {
      await admitToSeftonLot(refs().connection, [refs().a.providerId]);
      return (await sealedMiniCompetition(refs().connection, [refs().a.providerId])).id;
    })());
  return {
    'callOff.invitations': async (caller: Caller, actor: string) => {
      const id = await callOffOfA();
      const list = await caller.callOff.invitations();
      expect(list.some((i) => i.callOffId === id)).toBe(actor === 'provider');
    },
    'callOff.invitation': async (caller: Caller) => caller.callOff.invitation({ callOffId: await callOffOfA() }),
    'callOff.respond': async (caller: Caller) => {
      const id = await callOffOfA();
      const criteria = (await refs().a.caller.callOff.invitation({ callOffId: id })).criteria;
      return caller.callOff.respond({ callOffId: id, pricePence: 1_900, answers: criteria.filter((c) => c.kind !== 'price').map((c) => ({ criterionId: c.id, answer: 'Matrix answer' })) });
    },
  };
}
