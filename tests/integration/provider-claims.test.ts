import { randomUUID } from 'node:crypto';
import { createCaller, resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, openSeededDatabase, outcome, outcomeWithField, signIn, type Caller } from '../support/api.ts';
import { PROVIDER_PASSWORD, registration } from '../support/providers.ts';

/**
 * Issue 11, item 1: registering with the numbers of an entry a council made claims that entry instead of being
 * refused. The person is made with no organisation and waits; a commissioner of an authority with a contract or
 * placement with the provider (or of any authority, when none has) confirms, making them its provider administrator
 * and verifying it, or refuses with a reason. Nobody else sees the claim.
 */
describe('claiming a register entry a council made', () => {
  let connection: Connection;
  let plymouth: Caller;
  let devon: Caller;
  let devonId: string;
  let unplaced: string; // no authority has a contract or placement with it: any authority decides
  let placed: string; // Plymouth has a placement with it: only Plymouth decides
  beforeAll(async () => {
    connection = await openSeededDatabase();
    plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session);
    const devonSession = (await signIn(connection, 'commissioner.devon@concord.example')).session;
    devon = callerFor(connection, devonSession);
    devonId = devonSession.authorityId!;
    unplaced = (await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Dartmoor Home Care Ltd', companiesHouseNumber: '09110110' })).id;
    placed = (await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Tavy Support Ltd', cqcProviderId: '1-911011100' })).id;
    const csv = ['reference,provider,service_type,in_area,funding_route,start_date,weekly_cost', 'PLY-HC-0950,1-911011100,home_care,yes,council_commissioned,2026-09-21,245.00'].join('\n');
    expect((await plymouth.placement.importCsv({ csv, dryRun: false })).imported).toBe(1);
  });
  afterAll(() => connection.close());

  async function claim(n: number, numbers: { companiesHouseNumber: string | null; cqcProviderId: string | null }) {
    const ctx = contextFor(connection, null, { meta: { ip: `198.51.100.${n}` } });
    const result = await createCaller(ctx).organisation.register({ ...registration(n), ...numbers });
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    return { result, session, caller: callerFor(connection, session) };
  }

  it('the person registering with an entry’s number is made, acting for no organisation, and sees their claim waiting', async () => {
    const { result, session, caller } = await claim(110, { companiesHouseNumber: '09110110', cqcProviderId: null });
    expect(result).toEqual({ providerId: null, claimPending: true });
    expect(session).toMatchObject({ providerId: null, authorityId: null, isPlatformAdmin: false });
    expect(await caller.organisation.myClaim()).toMatchObject({ legalName: 'Wirral Homecare 110 Ltd', status: 'pending', decidedOn: null });
    expect(await outcome(caller.organisation.mine())).toBe('FORBIDDEN');
    expect(await outcome(caller.provider.claims({ providerId: unplaced }))).toBe('FORBIDDEN');
  });

  it('an entry with a placement is decided only by the authority that has it: nobody else sees the claim, even in SQL', async () => {
    const { caller } = await claim(111, { companiesHouseNumber: null, cqcProviderId: '1-911011100' });
    expect((await plymouth.provider.claims({ providerId: placed })).map((c) => [c.legalName, c.claimantEmail, c.status])).toEqual([['Wirral Homecare 111 Ltd', registration(111).email, 'pending']]);
    expect(await devon.provider.claims({ providerId: placed })).toEqual([]);
    const [only] = await plymouth.provider.claims({ providerId: placed });
    expect(await outcome(devon.provider.decideClaim({ claimId: only!.id, decision: 'confirm' }))).toBe('NOT_FOUND');
    const seen = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', ${devonId}, true)`.execute(tx);
      return sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_claim WHERE provider_id = ${placed}`.execute(tx);
    });
    expect(seen.rows[0]!.n).toBe(0);
    // A viewer of Plymouth may not decide; a refusal needs a reason, and is final.
    const viewer = callerFor(connection, (await signIn(connection, 'viewer.plymouth@concord.example')).session);
    expect(await outcome(viewer.provider.decideClaim({ claimId: only!.id, decision: 'confirm' }))).toBe('FORBIDDEN');
    expect(await outcomeWithField(plymouth.provider.decideClaim({ claimId: only!.id, decision: 'refuse' }))).toBe('BAD_REQUEST reason');
    expect(await plymouth.provider.decideClaim({ claimId: only!.id, decision: 'refuse', reason: 'Tavy Support told us they never use this name' })).toEqual({ status: 'refused' });
    expect(await outcomeWithField(plymouth.provider.decideClaim({ claimId: only!.id, decision: 'confirm' }))).toBe('CONFLICT claimId');
    expect(await caller.organisation.myClaim()).toMatchObject({ status: 'refused', reason: 'Tavy Support told us they never use this name' });
    expect(await connection.db.selectFrom('provider_membership').select('user_id').where('provider_id', '=', placed).execute()).toEqual([]);
  });

  it('any authority decides when none has a contract or placement; confirming makes the claimant its verified provider administrator', async () => {
    const [pending] = await devon.provider.claims({ providerId: unplaced });
    expect(pending).toMatchObject({ status: 'pending', companiesHouseNumber: '09110110' });
    expect(await devon.provider.decideClaim({ claimId: pending!.id, decision: 'confirm' })).toEqual({ status: 'confirmed' });
    const ctx = contextFor(connection, null, { meta: { ip: '198.51.100.140' } });
    await createCaller(ctx).auth.signIn({ email: registration(110).email, password: PROVIDER_PASSWORD });
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    expect(session).toMatchObject({ providerId: unplaced, providerRoles: ['provider_admin'] });
    const mine = await callerFor(connection, session).organisation.mine();
    expect(mine.organisation).toMatchObject({ legalName: 'Dartmoor Home Care Ltd', verified: true, verifiedBy: 'Devon County Council' });
    // The entry now has people of its own: another registration with its number is refused, not a second claim.
    const again = createCaller(contextFor(connection, null, { meta: { ip: '198.51.100.141' } }));
    expect(await outcomeWithField(again.organisation.register({ ...registration(112), companiesHouseNumber: '09110110', cqcProviderId: null }))).toBe('CONFLICT companiesHouseNumber');
  });
});
