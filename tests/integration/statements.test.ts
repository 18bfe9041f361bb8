import { resolveSession } from '@concord/api';
import { inTenant } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, signIn } from '../support/api.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';

/**
 * Issue 14, item 2: the statements one request costs. Who the request acts as (session, person, roles, the
 * authority's partnerships) is one statement; the procedure's transaction is BEGIN with one statement for the role
 * and settings, sent together (packages/db/src/begin.ts), the procedure's own queries, and COMMIT. Every text the
 * server's connections send is counted: one is one round trip.
 */
const sent: string[] = [];
let counting = false;
let app: HttpApp;

beforeAll(async () => {
  app = await startHttpApp(
    { sefton: 'commissioner.sefton@concord.example', plymouth: 'commissioner.plymouth@concord.example' },
    { observe: (statement) => void (counting && sent.push(statement)) },
  );
});
afterAll(() => app.close());

/** The statements one GET of a query procedure sends, and its answer. */
async function statementsOf(who: 'sefton' | 'plymouth', procedure: string, input: unknown = undefined) {
  sent.length = 0;
  counting = true;
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${app.base}/trpc/${procedure}${query}`, { headers: { cookie: app.cookies[who]! } });
  counting = false;
  expect(response.status).toBe(200);
  return [...sent];
}

describe('statements per request', () => {
  it('who the request acts as is one statement, and BEGIN with the procedure’s set-up one more', async () => {
    const statements = await statementsOf('sefton', 'authority.mine');
    expect(statements[0]).toContain('concord_request_identity(');
    expect(statements[1]).toMatch(/^BEGIN;\s*SELECT\s+set_config\('role', 'concord_app', true\)/);
    expect(statements[1]).toContain(`'E08000014'`); // Sefton, written into the text
    expect(statements.filter((s) => s.trim().toLowerCase() === 'begin')).toEqual([]);
    expect(statements.at(-1)).toBe('commit');
    // identity, begin with the set-up, the authority, its partnerships with members and my roles, commit
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  for (const [procedure, input] of [
    ['contract.list', {}],
    ['return.list', {}],
    ['return.due', undefined],
    // Plymouth has one partnership: its KPIs come too.
    ['return.filters', undefined],
    ['provider.list', {}],
    ['kpi.list', {}],
    ['benchmark.consent', undefined],
    ['market.overview', {}],
    ['placement.list', {}],
    ['placement.list', { filters: {}, limit: 10, offset: 10_000 }],
  ] as const) {
    it(`${procedure}: at most 5 statements`, async () => {
      const statements = await statementsOf('plymouth', procedure, input);
      expect({ procedure, count: statements.length, statements }).toMatchObject({ procedure, count: expect.any(Number) });
      expect(statements[1], statements.join('\n---\n')).toMatch(/^BEGIN;\s*SELECT\s+set_config\('role'/);
      expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(5);
    });
  }

  it('benchmark.get: at most 5 statements, with the latest period found or a period asked for', async () => {
    const partnershipId = await app.partnershipId('South West Peninsula');
    for (const input of [{ partnershipId, kpiCode: 'SL-01' }, { partnershipId, kpiCode: 'SL-01', period: '2024-01-01', periodCount: 12 }]) {
      const statements = await statementsOf('plymouth', 'benchmark.get', input);
      expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(5);
    }
  });
});

describe('the identity read with the session is what the procedure would read itself', () => {
  it('roles and current partnerships, for every kind of demo user', async () => {
    const db = app.connection.db;
    const people = await db.selectFrom('membership').select('user_id').distinct().execute();
    const emails = await db.selectFrom('app_user').select(['id', 'email']).where('id', 'in', people.map((p) => p.user_id)).execute();
    expect(emails.length).toBeGreaterThan(10);
    for (const { email } of emails) {
      const { token } = await signIn(app.connection, email);
      const identity = (await resolveSession(db, token, config.session, new Date()))!;
      const readItself = await inTenant(db, { authorityId: identity.authorityId, userId: identity.userId }, async (tx) => ({
        roles: (await tx.selectFrom('membership').select('role').where('user_id', '=', identity.userId).where('authority_id', '=', identity.authorityId!).orderBy('role').execute()).map((r) => r.role),
        partnerships: (await sql<{ ids: string }>`SELECT current_setting('app.partnership_ids', true) AS ids`.execute(tx)).rows[0]!.ids,
      }));
      expect({ email, roles: identity.roles, partnerships: identity.partnershipIds!.split(',').sort().join(',') }).toEqual({
        email,
        roles: readItself.roles,
        partnerships: readItself.partnerships.split(',').sort().join(','),
      });
    }
  });

  it('a member that has left has the partnership no more', async () => {
    const db = app.connection.db;
    const peninsula = await app.partnershipId('South West Peninsula');
    const { token } = await signIn(app.connection, 'commissioner.plymouth@concord.example');
    expect((await resolveSession(db, token, config.session, new Date()))!.partnershipIds).toContain(peninsula);
    await db.updateTable('partnership_member').set({ left_on: sql`current_date` }).where('authority_id', '=', 'E06000026').where('partnership_id', '=', peninsula).execute();
    try {
      expect((await resolveSession(db, token, config.session, new Date()))!.partnershipIds).not.toContain(peninsula);
    } finally {
      await db.updateTable('partnership_member').set({ left_on: null }).where('authority_id', '=', 'E06000026').where('partnership_id', '=', peninsula).execute();
    }
  });
});
