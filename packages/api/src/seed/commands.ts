import { setLocal, refreshAdminRoles, refreshPartnershipIds, type seed, type Tx } from '@concord/db';
import { councilKindOf } from '@concord/domain';
import { sql } from 'kysely';
import { hashSessionToken } from '../auth/token.ts';
import { invite } from '../people/commands.ts';
import { inviteInput } from '../people/input.ts';
import { registerCouncil } from '../registry/commands.ts';
import { registerCouncilInput } from '../registry/input.ts';
import { acceptInvitation, inviteAuthority, proposePartnership } from '../partnership/commands.ts';
import type { PartnershipCtx } from '../partnership/context.ts';
import { nameRole } from '../partnership/membership.ts';

/**
 * A partnership step as `actor`, acting for their authority on the day `on` (noon UTC, so today() is that day):
 * the transaction's settings say who acts, as a request's would, and are cleared afterwards.
 */
async function actingAs<T>(tx: Tx, actor: seed.SeedActor, on: string, step: (ctx: PartnershipCtx) => Promise<T>): Promise<T> {
  await setLocal(tx, { 'app.authority_id': actor.authorityId, 'app.user_id': actor.userId });
  await refreshPartnershipIds(tx);
  await refreshAdminRoles(tx);
  const session = { sessionId: '', userId: actor.userId, email: actor.email, displayName: actor.displayName, isPlatformAdmin: false, authorityId: actor.authorityId };
  const result = await step({ tx, session, now: () => new Date(`${on}T12:00:00Z`) });
  await setLocal(tx, { 'app.authority_id': '', 'app.user_id': '', 'app.partnership_ids': '', 'app.led_partnership_ids': '', 'app.platform_admin': '', 'app.authority_admin': '' });
  return result;
}

/**
 * The demo seed's way in (issue 10, item 6): the commands behind the Manage authorities, Manage people and
 * Partnership settings screens, with the screens' input rules, so demo data is made as real data is. Handed to the seed
 * (`seed.seedDemo(db, hash, demoSeedCommands)`) by the server's start, `pnpm db:seed` and the tests.
 */
export const demoSeedCommands: seed.SeedCommands = {
  async registerCouncil(tx: Tx, council) {
    // The registry form's rules: a GSS code of a council with adult social care responsibility, a known region
    // (but no form key: the seed is no form, and registers each council once).
    const input = registerCouncilInput.omit({ idempotencyKey: true }).parse(council);
    return registerCouncil(tx, { ...input, kind: councilKindOf(input.code)! });
  },

  async addPerson(tx: Tx, person, passwordHash, now) {
    const input = inviteInput.parse({ email: person.email, roles: person.roles });
    const inviter = { sessionId: '', userId: person.invitedBy, email: '', displayName: '', isPlatformAdmin: false, authorityId: person.authorityId };
    const issued = await invite(tx, inviter, person.authorityId, input, now);
    // Accepted as people.acceptInvitation accepts one: the database's redeem_person_link, with the link's token.
    const token = issued.path.split('/').pop()!;
    const { rows } = await sql<{ user_id: string | null; refusal: string | null }>`
      SELECT user_id, refusal FROM redeem_person_link(${hashSessionToken(token)}, 'invitation', ${person.displayName}, ${passwordHash}, ${now})`.execute(tx);
    // redeem_person_link acts for the invitation's authority for the rest of the transaction: the seed acts for none.
    await setLocal(tx, { 'app.authority_id': '', 'app.person_link_email': '', 'app.person_link_hash': '', 'app.person_link_user': '' });
    const userId = rows[0]?.user_id;
    if (!userId) throw new Error(`seed: the invitation of ${person.email} could not be accepted (${rows[0]?.refusal ?? 'no answer'})`);
    return { userId };
  },

  async formPartnership(tx: Tx, p) {
    const { id } = await actingAs(tx, p.lead, p.on, (ctx) => proposePartnership(ctx, { name: p.name, kind: p.kind, purpose: p.purpose, kpiCodes: [] }));
    for (const member of p.members) {
      const { invitationId } = await actingAs(tx, p.lead, p.on, (ctx) => inviteAuthority(ctx, { partnershipId: id, authorityId: member.authorityId }));
      await actingAs(tx, member, p.on, (ctx) => acceptInvitation(ctx, invitationId));
    }
    return { id };
  },

  async nameRole(tx: Tx, actor, role, on) {
    await actingAs(tx, actor, on, (ctx) => nameRole(ctx, role));
  },
};
