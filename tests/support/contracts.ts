import type { Database } from '@concord/db';
import type { Kysely } from 'kysely';

/**
 * Fixtures for the contract register, placements and budgets (issue 4), written with the owner connection
 * (tests arrange; the API under test runs as the application role). Every call makes fresh rows.
 */
let serial = 0;
const next = () => `${Date.now().toString(36).toUpperCase()}${(++serial).toString().padStart(4, '0')}`;

export async function fixtureProvider(db: Kysely<Database>, name = `Fixture Care ${next()} Ltd`): Promise<string> {
  return (await db.insertInto('provider').values({ legal_name: name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function fixtureContract(
  db: Kysely<Database>,
  authorityId: string,
  options: { providerId?: string; endDate?: string; annualValuePence?: number; status?: 'active' | 'extended' | 'expired'; options?: number[] } = {},
): Promise<{ id: string; reference: string; providerId: string }> {
  const providerId = options.providerId ?? (await fixtureProvider(db));
  const reference = `FX-C-${next()}`;
  const endDate = options.endDate ?? '2030-03-31';
  const { id } = await db
    .insertInto('contract')
    .values({
      authority_id: authorityId,
      reference,
      title: `Fixture contract ${reference}`,
      provider_id: providerId,
      service_type: 'extra_care',
      source: 'block_contract',
      start_date: '2024-04-01',
      initial_end_date: endDate,
      end_date: endDate,
      annual_value_pence: options.annualValuePence ?? 36_500_000,
      total_value_pence: 100_000_000,
      status: options.status ?? 'active',
      rates_reviewed_on: '2024-04-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, months] of (options.options ?? [12]).entries()) {
    await db.insertInto('contract_extension_option').values({ authority_id: authorityId, contract_id: id, position: i + 1, months }).execute();
  }
  return { id, reference, providerId };
}

export async function fixturePlacement(
  db: Kysely<Database>,
  authorityId: string,
  options: { contractId?: string; providerId?: string; serviceType?: string; weeklyCostPence?: number } = {},
): Promise<{ id: string; reference: string }> {
  const providerId =
    options.providerId ??
    (options.contractId
      ? (await db.selectFrom('contract').select('provider_id').where('id', '=', options.contractId).executeTakeFirstOrThrow()).provider_id
      : await fixtureProvider(db));
  const reference = `FX-P-${next()}1`;
  const { id } = await db
    .insertInto('placement')
    .values({
      authority_id: authorityId,
      reference,
      contract_id: options.contractId ?? null,
      provider_id: providerId,
      service_type: options.serviceType ?? 'extra_care',
      in_area: true,
      funding_route: 'council_commissioned',
      start_date: '2024-04-01',
      weekly_cost_pence: options.weeklyCostPence ?? 30_000,
      weekly_hours: 10,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, reference };
}

/** Row counts of the private tables: "nothing was written" is these numbers unchanged. */
export async function privateRowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = ['contract', 'contract_rate', 'contract_extension_option', 'contract_variation', 'continuation_batch', 'placement', 'budget', 'block_payment', 'call_off', 'call_off_criterion', 'call_off_invitation', 'call_off_response', 'call_off_score'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return out;
}
