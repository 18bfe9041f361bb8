import { randomUUID } from 'node:crypto';
import type { Connection, Database } from '@concord/db';
import { sql, type Transaction } from 'kysely';
import { callerFor, signIn } from './api.ts';
import { SPEC, tripartiteSeftonLot } from './call-offs.ts';
import { registerVerifiedProvider, type RegisteredProvider } from './providers.ts';

/** Puts provider organisations on the Tripartite PDPS's Sefton lot as active (as the owner: test setup). */
export async function admitToSeftonLot(connection: Connection, providerIds: string[]) {
  const t = await tripartiteSeftonLot(connection);
  const model = await connection.db.selectFrom('approved_list_entry').select(['authority_id', 'partnership_id', 'procurement_id']).where('lot_id', '=', t.seftonLot.id).executeTakeFirstOrThrow();
  for (const providerId of providerIds) {
    await connection.db.insertInto('approved_list_entry').values({ ...model, lot_id: t.seftonLot.id, provider_id: providerId, status: 'active', admitted_on: '2026-11-01' }).execute();
  }
  return t;
}

/** Three verified organisations numbered n, n+1, n+2, admitted to the Sefton lot. */
export async function threeApprovedProviders(connection: Connection, n: number): Promise<[RegisteredProvider, RegisteredProvider, RegisteredProvider]> {
  const providers: [RegisteredProvider, RegisteredProvider, RegisteredProvider] = [await registerVerifiedProvider(connection, n), await registerVerifiedProvider(connection, n + 1), await registerVerifiedProvider(connection, n + 2)];
  await admitToSeftonLot(connection, providers.map((p) => p.providerId));
  return providers;
}

/** A Sefton mini-competition inviting exactly these providers, with a deadline far in the future (real time: the DB clock is not injectable). */
export async function sealedMiniCompetition(connection: Connection, providerIds: string[], deadline = { day: '2030-01-31', time: undefined as string | undefined }) {
  const sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
  const t = await tripartiteSeftonLot(connection);
  const made = await sefton.callOff.create({ idempotencyKey: randomUUID(), procurementId: t.procurement.id, lotId: t.seftonLot.id, method: 'mini_competition', priceUnit: 'hour', specification: SPEC });
  const quality = t.criteria.filter((c) => c.kind === 'quality').slice(0, 2);
  const price = t.criteria.find((c) => c.kind === 'price')!;
  await sefton.callOff.startMiniCompetition({
    callOffId: made.id,
    criteria: [
      { criterionId: quality[0]!.id, weightPercent: 40 },
      { criterionId: quality[1]!.id, weightPercent: 20 },
      { criterionId: price.id, weightPercent: 40 },
    ],
    invitedOn: '2026-12-01',
    responseDeadline: deadline.day,
    ...(deadline.time ? { responseDeadlineTime: deadline.time } : {}),
    providerIds,
    inviteCondition: 'Providers registered on Concord',
  });
  return { id: made.id, reference: made.reference, sefton, ...t };
}

/** Moves a call-off's deadline into the past, as the owner (a council cannot: the database refuses it earlier). */
export async function passDeadline(connection: Connection, callOffId: string) {
  await sql`UPDATE call_off SET response_deadline_at = now() - interval '1 minute', response_deadline = (now() AT TIME ZONE 'Europe/London')::date - 1 WHERE id = ${callOffId}`.execute(connection.db);
}

/** Runs SQL as the application role acting for an authority. */
export function asAuthority<T>(connection: Connection, authorityId: string, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return connection.db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', ${authorityId}, true)`.execute(tx);
    return work(tx);
  });
}
