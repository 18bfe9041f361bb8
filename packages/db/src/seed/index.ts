import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { AUTHORITIES, CENSUS_2021, PAPER_POPULATIONS, authorityBySlug } from './authorities.ts';
import { seedBusinessCases } from './business-cases.ts';
import { seedCostModels } from './cost-models.ts';
import { seedKpis } from './kpis.ts';
import { PARTNERSHIPS } from './partnerships.ts';
import { PROCUREMENT_DEMO_USERS, seedProcurements } from './procurement.ts';
import { seedContracts } from './contracts.ts';
import { DEMO_PASSWORD, DEMO_TWO_STEP_SECRET, demoUsers, type SeedUser } from './users.ts';

export { AUTHORITIES, PARTNERSHIPS, DEMO_PASSWORD, DEMO_TWO_STEP_SECRET, demoUsers, authorityBySlug };
/** The standard KPI library a new partnership chooses its KPI set from (issue 10, item 4). */
export { STARTER_KPIS } from './kpis.ts';
export type { SeedUser };

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
 * real ones do.
 */
export async function seedDemo(db: Kysely<Database>, hashPassword: (password: string) => Promise<string>): Promise<SeedUser[]> {
  const users = demoUsers();
  const hash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('authority')
      .values(AUTHORITIES.map(({ id, name, kind, region }) => ({ id, name, kind, region })))
      .execute();
    await trx
      .insertInto('authority_population')
      .values([
        ...AUTHORITIES.map((a) => ({ authority_id: a.id, year: 2021, age_band: 'all', population: a.population, source: CENSUS_2021 })),
        ...PAPER_POPULATIONS.map((p) => ({ authority_id: p.authorityId, year: p.year, age_band: p.ageBand, population: p.population, source: p.source })),
      ])
      .execute();

    const partnershipIds = new Map<string, string>();
    for (const p of PARTNERSHIPS) {
      const { id } = await trx
        .insertInto('partnership')
        .values({ name: p.name, kind: p.kind, lead_authority_id: authorityBySlug(p.lead).id })
        .returning('id')
        .executeTakeFirstOrThrow();
      partnershipIds.set(p.name, id);
      await trx
        .insertInto('partnership_member')
        .values(p.members.map((slug) => ({ authority_id: authorityBySlug(slug).id, partnership_id: id, joined_on: p.joinedOn })))
        .execute();
    }

    for (const u of users) {
      const { id } = await trx
        .insertInto('app_user')
        .values({ email: u.email, display_name: u.displayName, password_hash: hash, is_platform_admin: u.platformAdmin })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(u.email, id);
      // Platform administrators must use two-step verification: the demo one is enrolled with the published demo key.
      if (u.platformAdmin) await trx.insertInto('two_step').values({ user_id: id, secret: DEMO_TWO_STEP_SECRET, created_at: new Date(), enabled_at: new Date() }).execute();
      if (!u.authority) continue;
      const authorityId = authorityBySlug(u.authority).id;
      for (const role of u.roles) await trx.insertInto('membership').values({ authority_id: authorityId, user_id: id, role }).execute();
      if (!u.roles.includes('commissioner')) continue;
      for (const p of PARTNERSHIPS.filter((p) => p.members.includes(u.authority!))) {
        await trx
          .insertInto('partnership_role')
          .values({
            authority_id: authorityId,
            partnership_id: partnershipIds.get(p.name)!,
            user_id: id,
            role: u.leads.includes(p.name) ? 'lead_commissioner' : 'network_member',
          })
          .execute();
      }
    }

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
