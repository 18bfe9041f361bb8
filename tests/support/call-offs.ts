import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { callerFor, signIn } from './api.ts';

/** The seeded Tripartite Extra Care PDPS, its Sefton lot, that lot's active providers and the PDPS criteria. */
export async function tripartiteSeftonLot(connection: Connection) {
  const db = connection.db;
  const procurement = await db.selectFrom('procurement').select(['id', 'reference']).where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow();
  const lots = await db.selectFrom('lot').select(['id', 'name', 'number']).where('procurement_id', '=', procurement.id).orderBy('number').execute();
  const sefton = lots.find((l) => l.name === 'Sefton')!;
  const knowsley = lots.find((l) => l.name === 'Knowsley')!;
  const providers = await db
    .selectFrom('approved_list_entry as e')
    .innerJoin('provider as p', 'p.id', 'e.provider_id')
    .select(['p.id', 'p.legal_name', 'e.status'])
    .where('e.lot_id', '=', sefton.id)
    .where('e.status', '<>', 'removed')
    .orderBy('p.legal_name')
    .execute();
  const criteria = await db.selectFrom('evaluation_criterion').select(['id', 'kind', 'name', 'weight_percent']).where('procurement_id', '=', procurement.id).orderBy('position').execute();
  return { procurement, seftonLot: sefton, knowsleyLot: knowsley, providers, criteria };
}

export const SPEC = {
  schemeName: 'Test Extra Care scheme',
  clientGroup: 'Older people',
  units: 40,
  dayHoursPerWeek: 420,
  nightHoursPerWeek: 112,
  locality: 'Bootle',
  startDate: '2026-04-01',
  termMonths: 60,
};

/** A Sefton call-off made through the API by Sefton's commissioner; for a mini-competition, invitations out. */
export async function seftonCallOff(connection: Connection, method: 'direct' | 'mini_competition', options: { invite?: boolean; respond?: boolean } = {}) {
  const api = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
  const t = await tripartiteSeftonLot(connection);
  const made = await api.callOff.create({ idempotencyKey: randomUUID(), procurementId: t.procurement.id, lotId: t.seftonLot.id, method, priceUnit: 'hour', specification: SPEC });
  if (method === 'mini_competition' && options.invite) {
    const quality = t.criteria.filter((c) => c.kind === 'quality').slice(0, 2);
    const price = t.criteria.find((c) => c.kind === 'price')!;
    await api.callOff.startMiniCompetition({
      callOffId: made.id,
      criteria: [
        { criterionId: quality[0]!.id, weightPercent: 40 },
        { criterionId: quality[1]!.id, weightPercent: 20 },
        { criterionId: price.id, weightPercent: 40 },
      ],
      invitedOn: '2026-01-05',
      responseDeadline: '2026-02-06',
    });
    if (options.respond) {
      const detail = await api.callOff.get({ callOffId: made.id });
      const scored = detail.criteria.filter((c) => c.kind !== 'price');
      for (const [i, inv] of detail.invitations.entries()) {
        await api.callOff.recordResponse({
          callOffId: made.id,
          providerId: inv.providerId,
          pricePence: [1_950, 1_800, 2_100][i % 3]!,
          receivedOn: '2026-02-02',
          scores: scored.map((c, k) => ({ criterionId: c.id, score: [[4, 3], [3, 3], [5, 4]][i % 3]![k]! })),
        });
      }
    }
  }
  return { id: made.id, reference: made.reference, ...t };
}
