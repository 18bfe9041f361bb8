import type { AuthorityRole, PartnershipKind, PartnershipRole } from '../schema.ts';
import type { Tx } from '../tenant.ts';

/**
 * The domain commands the demo seed goes through (issue 10, item 6: one way in), so demo authorities and
 * people are made by the same code, with the same checks, as the Manage authorities and Manage people screens.
 * The commands live in @concord/api (registry and people), which depends on this package, so they are handed
 * in by whoever runs the seed: @concord/api's `demoSeedCommands` (the server's start, `pnpm db:seed`, and the
 * tests' seeded databases). Without them the seed writes the same rows with SQL (this package's own tests).
 */
export interface SeedCommands {
  /** Registers a council as registry.registerCouncil does: its GSS code checked, its kind following from the code. */
  registerCouncil(tx: Tx, council: { code: string; name: string; region: string }): Promise<{ id: string }>;
  /**
   * Adds a person to an authority as people.invite and people.acceptInvitation do: `invitedBy` issues a
   * single-use invitation with the roles, and it is accepted with the name and the password's hash.
   */
  addPerson(tx: Tx, person: { authorityId: string; email: string; displayName: string; roles: AuthorityRole[]; invitedBy: string }, passwordHash: string, now: Date): Promise<{ userId: string }>;
  /**
   * Forms a partnership as partnership.propose, partnership.invite and partnership.acceptInvitation do, on the
   * day given: the lead's person proposes it, invites each member, and each member's person accepts.
   */
  formPartnership(tx: Tx, partnership: { name: string; kind: PartnershipKind; purpose: string; lead: SeedActor; members: SeedActor[]; on: string }): Promise<{ id: string }>;
  /** Names a lead commissioner (by the lead) or a network member (by its own authority), as partnership.nameRole does. */
  nameRole(tx: Tx, actor: SeedActor, role: { partnershipId: string; userId: string; role: PartnershipRole }, on: string): Promise<void>;
}

/** Someone acting for their authority in a seed step. */
export interface SeedActor {
  authorityId: string;
  userId: string;
  email: string;
  displayName: string;
}
