import type { Tx } from '../tenant.ts';
import { authorityBySlug } from './authorities.ts';
import type { SeedActor, SeedCommands } from './commands.ts';
import { PARTNERSHIPS } from './partnerships.ts';
import type { SeedUser } from './users.ts';

/**
 * The demo partnerships, after the people: with the commands (issue 10, item 6) each is proposed by its lead's
 * commissioner, who invites the members, whose commissioners accept, all on the day it was joined; then each
 * commissioner is named lead commissioner (the lead's) or network member (the members'). Without them the same
 * rows are written with SQL.
 */
export async function seedPartnerships(
  trx: Tx,
  commands: SeedCommands | undefined,
  users: readonly SeedUser[],
  userIds: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const commissioners = new Map<string, SeedActor>();
  for (const u of users) {
    if (!u.authority || !u.roles.includes('commissioner') || commissioners.has(u.authority)) continue;
    commissioners.set(u.authority, { authorityId: authorityBySlug(u.authority).id, userId: userIds.get(u.email)!, email: u.email, displayName: u.displayName });
  }
  const actor = (slug: string) => {
    const found = commissioners.get(slug);
    if (!found) throw new Error(`seed: ${slug} has no commissioner to act for it`);
    return found;
  };

  const ids = new Map<string, string>();
  for (const p of PARTNERSHIPS) {
    if (commands) {
      const members = p.members.filter((m) => m !== p.lead).map(actor);
      const { id } = await commands.formPartnership(trx, { name: p.name, kind: p.kind, purpose: p.why, lead: actor(p.lead), members, on: p.joinedOn });
      ids.set(p.name, id);
      continue;
    }
    const { id } = await trx.insertInto('partnership').values({ name: p.name, kind: p.kind, lead_authority_id: authorityBySlug(p.lead).id }).returning('id').executeTakeFirstOrThrow();
    ids.set(p.name, id);
    await trx
      .insertInto('partnership_member')
      .values(p.members.map((slug) => ({ authority_id: authorityBySlug(slug).id, partnership_id: id, joined_on: p.joinedOn })))
      .execute();
  }

  // Every commissioner of a member authority has a role in the partnership: lead commissioner for the ones who lead it.
  for (const u of users) {
    if (!u.authority || !u.roles.includes('commissioner')) continue;
    const me: SeedActor = { authorityId: authorityBySlug(u.authority).id, userId: userIds.get(u.email)!, email: u.email, displayName: u.displayName };
    for (const p of PARTNERSHIPS.filter((p) => p.members.includes(u.authority!))) {
      const role = { partnershipId: ids.get(p.name)!, userId: me.userId, role: u.leads.includes(p.name) ? ('lead_commissioner' as const) : ('network_member' as const) };
      if (commands) await commands.nameRole(trx, me, role, p.joinedOn);
      else await trx.insertInto('partnership_role').values({ authority_id: me.authorityId, partnership_id: role.partnershipId, user_id: role.userId, role: role.role }).execute();
    }
  }
  return ids;
}
