import type { AuthorityRole } from '../schema.ts';
import { AUTHORITIES } from './authorities.ts';
import { PARTNERSHIPS } from './partnerships.ts';

/** Every demo account signs in with this password. Demo data only: never seed it into a live system. */
export const DEMO_PASSWORD = 'concord-demo';

/**
 * The demo platform administrator's two-step verification key (always required of platform administrators):
 * add it to an authenticator app by hand (README, demo sign-ins) to sign in as admin@concord.example. Demo data
 * only, published on purpose: never seed it into a live system.
 */
export const DEMO_TWO_STEP_SECRET = 'CONCORDDEMOPLATFORMADMINSECRET22';

export interface SeedUser {
  email: string;
  displayName: string;
  authority: string | null; // slug
  roles: AuthorityRole[];
  leads: string[]; // partnership names this user leads
  platformAdmin: boolean;
}

const FIRST = ['Alex', 'Priya', 'Tom', 'Grace', 'Omar', 'Hannah', 'Dev', 'Ruth', 'Sam', 'Nia', 'Ben', 'Fatima', 'Joe'];
const LAST = ['Morgan', 'Shah', 'Evans', 'Okafor', 'Hughes', 'Clarke', 'Patel', 'Wood', 'Byrne', 'Ahmed', 'Lloyd', 'Khan', 'Reid'];

function staffName(i: number, offset: number): string {
  return `${FIRST[(i + offset) % FIRST.length]} ${LAST[(i * 3 + offset) % LAST.length]}`;
}

export function demoUsers(): SeedUser[] {
  const users: SeedUser[] = [];
  AUTHORITIES.forEach((authority, i) => {
    const leads = PARTNERSHIPS.filter((p) => p.lead === authority.slug).map((p) => p.name);
    users.push({
      email: `commissioner.${authority.slug}@concord.example`,
      displayName: staffName(i, 0),
      authority: authority.slug,
      roles: ['commissioner'],
      leads,
      platformAdmin: false,
    });
    users.push({
      email: `viewer.${authority.slug}@concord.example`,
      displayName: staffName(i, 5),
      authority: authority.slug,
      roles: ['viewer'],
      leads: [],
      platformAdmin: false,
    });
  });
  users.push(
    { email: 'finance.plymouth@concord.example', displayName: 'Maya Turner', authority: 'plymouth', roles: ['finance'], leads: [], platformAdmin: false },
    { email: 'officer.sefton@concord.example', displayName: 'Liam Doyle', authority: 'sefton', roles: ['contract_officer'], leads: [], platformAdmin: false },
    { email: 'admin@concord.example', displayName: 'Platform Administrator', authority: null, roles: [], leads: [], platformAdmin: true },
    // Authority administrators (issue 10, item 3): they manage their authority's people.
    { email: 'admin.sefton@concord.example', displayName: 'Erin Walsh', authority: 'sefton', roles: ['authority_admin'], leads: [], platformAdmin: false },
    { email: 'admin.plymouth@concord.example', displayName: 'Kofi Mensah', authority: 'plymouth', roles: ['authority_admin'], leads: [], platformAdmin: false },
  );
  return users;
}
