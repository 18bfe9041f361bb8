import type { Tx } from '../tenant.ts';
import { authorityBySlug } from './authorities.ts';
import type { SeedCommands } from './commands.ts';
import type { SeedUser } from './users.ts';

/**
 * The order people are added in, as in a real installation: the platform administrator first (made as the
 * first-run setup link makes one: nobody can invite them), then authority administrators (invited by the
 * platform administrator), then everyone else (invited by their authority's administrator, or where the demo
 * authority has none, by the platform administrator).
 */
export function seedOrder(users: readonly SeedUser[]): SeedUser[] {
  const rank = (u: SeedUser) => (u.platformAdmin ? 0 : u.roles.includes('authority_admin') ? 1 : 2);
  return [...users].sort((a, b) => rank(a) - rank(b));
}

/** Adds one demo person with their memberships, through the people commands when given; returns their id. */
export async function addSeedUser(
  trx: Tx,
  u: SeedUser,
  options: { passwordHash: string; commands: SeedCommands | undefined; inviters: SeedInviters; now: Date },
): Promise<string> {
  const { passwordHash, commands, inviters, now } = options;
  const authorityId = u.authority ? authorityBySlug(u.authority).id : null;
  const id = commands && authorityId && !u.platformAdmin
    ? (await commands.addPerson(trx, { authorityId, email: u.email, displayName: u.displayName, roles: u.roles, invitedBy: inviterOf(authorityId, inviters) }, passwordHash, now)).userId
    : await insertUser(trx, u, authorityId, passwordHash);
  if (u.platformAdmin) inviters.platformAdmin ??= id;
  if (authorityId && u.roles.includes('authority_admin') && !inviters.admins.has(authorityId)) inviters.admins.set(authorityId, id);
  return id;
}

/** Who has been added that can invite: the platform administrator, and each authority's first administrator. */
export interface SeedInviters {
  platformAdmin?: string;
  admins: Map<string, string>;
}

async function insertUser(trx: Tx, u: SeedUser, authorityId: string | null, passwordHash: string): Promise<string> {
  const { id } = await trx
    .insertInto('app_user')
    .values({ email: u.email, display_name: u.displayName, password_hash: passwordHash, is_platform_admin: u.platformAdmin })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (authorityId) for (const role of u.roles) await trx.insertInto('membership').values({ authority_id: authorityId, user_id: id, role }).execute();
  return id;
}

/** Who invites a demo person: their authority's first administrator already added, else the platform administrator. */
function inviterOf(authorityId: string, inviters: SeedInviters): string {
  const inviter = inviters.admins.get(authorityId) ?? inviters.platformAdmin;
  if (!inviter) throw new Error('seed: nobody to invite people: add the platform administrator first');
  return inviter;
}
