import { sql, type Kysely } from 'kysely';
import { policy } from './rls.ts';

/**
 * After award (issue 11, item 5): a verified provider organisation reads its own contracts with every authority, and
 * the call-offs awarded to it. Nothing else of the authority's: never its placements, never another provider's
 * contract. An organisation not yet verified reads none (it may only edit its profile and apply).
 */
const MY_PROVIDER = `app_provider_id()`;
const VERIFIED = `EXISTS (SELECT 1 FROM provider vp WHERE vp.id = app_provider_id() AND vp.verified_at IS NOT NULL)`;

export async function up(db: Kysely<any>): Promise<void> {
  await policy(db, 'contract', 'contract_provider_reads_own', 'SELECT', { using: `provider_id = ${MY_PROVIDER} AND ${VERIFIED}` });
  await policy(db, 'call_off', 'call_off_awarded_provider_reads', 'SELECT', { using: `awarded_provider_id = ${MY_PROVIDER} AND ${VERIFIED}` });
}
