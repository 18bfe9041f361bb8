import type { seed, Tx } from '@concord/db';
import { councilKindOf } from '@concord/domain';
import { sql } from 'kysely';
import { hashSessionToken } from '../auth/token.ts';
import { invite } from '../people/commands.ts';
import { inviteInput } from '../people/input.ts';
import { registerCouncil } from '../registry/commands.ts';
import { registerCouncilInput } from '../registry/input.ts';

/**
 * The demo seed's way in (issue 10, item 6): the commands behind the Manage authorities and Manage people
 * screens, with the screens' input rules, so demo data is made as real data is. Handed to the seed
 * (`seed.seedDemo(db, hash, demoSeedCommands)`) by the server's start, `pnpm db:seed` and the tests.
 */
export const demoSeedCommands: seed.SeedCommands = {
  async registerCouncil(tx: Tx, council) {
    // The registry form's rules: a GSS code of a council with adult social care responsibility, a known region.
    const input = registerCouncilInput.parse(council);
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
    await sql`SELECT set_config('app.authority_id', '', true), set_config('app.person_link_email', '', true), set_config('app.person_link_hash', '', true), set_config('app.person_link_user', '', true)`.execute(tx);
    const userId = rows[0]?.user_id;
    if (!userId) throw new Error(`seed: the invitation of ${person.email} could not be accepted (${rows[0]?.refusal ?? 'no answer'})`);
    return { userId };
  },
};
