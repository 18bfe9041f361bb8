import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { AUTHORITIES, CENSUS_2021, PAPER_POPULATIONS, authorityBySlug, seedAuthorities } from './authorities.ts';
import type { SeedCommands } from './commands.ts';
import { addSeedUser, seedOrder, type SeedInviters } from './people.ts';
import { seedPartnerships } from './partnership-steps.ts';
import { seedBusinessCases } from './business-cases.ts';
import { seedCostModels } from './cost-models.ts';
import { seedKpis } from './kpis.ts';
import { PARTNERSHIPS } from './partnerships.ts';
import { PROCUREMENT_DEMO_USERS, seedProcurements } from './procurement.ts';
import { seedContracts } from './contracts.ts';
import { DEMO_PASSWORD, DEMO_TWO_STEP_SECRET, demoUsers, type SeedUser } from './users.ts';

export { AUTHORITIES, PARTNERSHIPS, DEMO_PASSWORD, DEMO_TWO_STEP_SECRET, demoUsers, authorityBySlug, seedAuthorities };
/** The standard KPI library a new partnership chooses its KPI set from (issue 10, item 4). */
export { STARTER_KPIS, starterKpiColumns } from './kpis.ts';
export type { SeedUser, SeedCommands };
export type { SeedActor } from './commands.ts';

/** Every demo sign-in the seed makes: each authority's commissioner and viewer, and the named extra users. */
export function allDemoUsers(): SeedUser[] {
  return [...demoUsers(), ...PROCUREMENT_DEMO_USERS];
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('authority').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n > 0;
}

/**
 * Loads the demo partnerships into an empty database. Runs as the owner (migration) connection, in one
 * transaction: all or nothing. `hashPassword` is the server's own hasher, so demo accounts sign in as
 * real ones do. With `commands` (@concord/api's demoSeedCommands), councils are registered and people invited
 * and their invitations accepted through the registry's and people's commands, as on the screens.
 */
export async function seedDemo(db: Kysely<Database>, hashPassword: (password: string) => Promise<string>, commands?: SeedCommands): Promise<SeedUser[]> {
  const users = demoUsers();
  const hash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  const inviters: SeedInviters = { admins: new Map() };
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    // Through the registry's and people's commands when given (issue 10, item 6: one way in).
    await seedAuthorities(trx, commands);
    await trx
      .insertInto('authority_population')
      .values([
        ...AUTHORITIES.map((a) => ({ authority_id: a.id, year: 2021, age_band: 'all', population: a.population, source: CENSUS_2021 })),
        ...PAPER_POPULATIONS.map((p) => ({ authority_id: p.authorityId, year: p.year, age_band: p.ageBand, population: p.population, source: p.source })),
      ])
      .execute();

    for (const u of seedOrder(users)) {
      const id = await addSeedUser(trx, u, { passwordHash: hash, commands, inviters, now });
      userIds.set(u.email, id);
      // Platform administrators must use two-step verification: the demo one is enrolled with the published demo key.
      if (u.platformAdmin) await trx.insertInto('two_step').values({ user_id: id, secret: DEMO_TWO_STEP_SECRET, created_at: new Date(), enabled_at: new Date() }).execute();
    }
    // The partnerships, their members and people's roles in them, through the partnership commands when given.
    const partnershipIds = await seedPartnerships(trx, commands, users, userIds);

    // Joint procurements (issue 3): after the users, who record their decisions and scores.
    users.push(...(await seedProcurements(trx, { partnershipIds, userIds, passwordHash: hash })));

    // Shared cost models and rates (issue 5): after the procurements, which create the Staffordshire partnership.
    await seedCostModels(trx, { partnershipIds, userIds });
    // Contracts, placements and budgets (issue 4): after the procurements, whose lots and providers they use.
    await seedContracts(trx);

    // Business cases (issue 7): Plymouth's Shared Lives case (submitted) and Sefton's Extra Care demand model.
    await seedBusinessCases(trx, { userIds });

    // Standard KPIs, returns, benchmark consent and network meetings (issue 6).
    await seedKpis(trx, { partnershipIds });
  });
  return users;
}
