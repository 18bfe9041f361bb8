import { ADMINISTRATION_KINDS, auditKindOf, AUDIT_EVENT_LABELS } from '@concord/domain';
import { enterTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, outcome, outcomeWithField, type Caller } from '../support/api.ts';

/**
 * The audit log screens' API (issue 10, item 5): an authority administrator reads their authority's log; a
 * platform administrator reads every authority's administration events (registry, people, partnerships) and
 * the platform log, never an authority's records; events come in plain words, filtered and paged.
 */
let connection: Connection;
let c: Record<'seftonAdmin' | 'plymouthAdmin' | 'seftonCommissioner' | 'seftonViewer' | 'seftonOfficer' | 'platform', Caller>;
let seftonContract: string;

const INVITED = 'new.colleague@sefton.example';
const RENAMED_TITLE = 'Audit test: renamed contract';

beforeAll(async () => {
  connection = await openSeededDatabase();
  c = await callersFor(connection, {
    seftonAdmin: 'admin.sefton@concord.example',
    plymouthAdmin: 'admin.plymouth@concord.example',
    seftonCommissioner: 'commissioner.sefton@concord.example',
    seftonViewer: 'viewer.sefton@concord.example',
    seftonOfficer: 'officer.sefton@concord.example',
    platform: 'admin@concord.example',
  });
  // Sefton's administrator invites a colleague (administration) and Sefton's commissioner changes a contract (a record).
  await c.seftonAdmin.people.invite({ email: INVITED, roles: ['viewer'] });
  const contract = await connection.db
    .selectFrom('contract')
    .select(['id', 'row_version'])
    .where('authority_id', '=', GSS.sefton)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  seftonContract = contract.id;
  await c.seftonCommissioner.contract.update({ contractId: contract.id, version: contract.row_version, title: RENAMED_TITLE });
  // Plymouth's administrator invites someone too: Sefton's administrator must not see it.
  await c.plymouthAdmin.people.invite({ email: 'new.colleague@plymouth.example', roles: ['viewer'] });
});
afterAll(() => connection?.close());

describe('who reads which log', () => {
  it('the platform administrator sees Sefton’s “Invited a colleague”, in plain words, but not Sefton’s contract change', async () => {
    const events = await c.platform.audit.list({ limit: 200 });
    const invited = events.find((e) => e.procedure === 'people.invite' && e.target === INVITED);
    expect(invited).toMatchObject({
      label: 'Invited a colleague',
      kind: 'people',
      kindLabel: 'People and invitations',
      outcome: 'success',
      who: 'Erin Walsh (admin.sefton@concord.example)',
      authority: { id: GSS.sefton, name: 'Sefton Council' },
    });
    expect(events.filter((e) => e.procedure === 'contract.update')).toEqual([]);
    expect(events.filter((e) => e.target === seftonContract)).toEqual([]);
    // Nothing of an authority's log but administration; the platform's own events have no authority.
    for (const e of events) expect(e.authority === null || ADMINISTRATION_KINDS.includes(e.kind)).toBe(true);
  });

  it('even reading the table directly, the platform administrator’s transaction gets no authority event but administration', async () => {
    const rows = await connection.db.transaction().execute(async (tx) => {
      const admin = await tx.selectFrom('app_user').select('id').where('email', '=', 'admin@concord.example').executeTakeFirstOrThrow();
      // As every way in does (migration 0051): the administrator role is looked up for the user, never given.
      await enterTenant(tx, { userId: admin.id, authorityId: null });
      return tx.selectFrom('audit_event').select(['procedure', 'authority_id']).execute();
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !['registry', 'people', 'partnership'].includes(r.procedure.split('.')[0]!))).toEqual([]);
  });

  it('the authority administrator sees only their authority’s log: its invitation and its contract change, not Plymouth’s', async () => {
    const events = await c.seftonAdmin.audit.list({ limit: 200 });
    expect(events.find((e) => e.target === INVITED)?.label).toBe('Invited a colleague');
    expect(events.find((e) => e.procedure === 'contract.update' && e.target === seftonContract)).toMatchObject({
      label: 'Changed a contract',
      who: expect.stringContaining('commissioner.sefton@concord.example'),
    });
    expect(events.map((e) => e.authority?.id)).toEqual(events.map(() => GSS.sefton));
    expect(events.filter((e) => e.target === 'new.colleague@plymouth.example')).toEqual([]);
  });

  it('a viewer is FORBIDDEN, and the refusal is in the authority’s log', async () => {
    expect(await outcome(c.seftonViewer.audit.list({ limit: 10 }))).toBe('FORBIDDEN');
    const events = await c.seftonAdmin.audit.list({ limit: 20, kind: 'security' });
    expect(events.find((e) => e.procedure === 'audit.list' && e.outcome === 'denied')).toMatchObject({ label: 'Viewed the audit log', who: expect.stringContaining('viewer.sefton') });
  });

  it('a commissioner still reads their authority’s log', async () => {
    expect((await c.seftonCommissioner.audit.list({ limit: 5 })).length).toBe(5);
  });

  it('a deactivated person’s past actions keep their name', async () => {
    // The officer signed in (beforeAll), is deactivated, and their account is renamed afterwards.
    const officer = await connection.db.selectFrom('app_user').select('id').where('email', '=', 'officer.sefton@concord.example').executeTakeFirstOrThrow();
    await c.seftonAdmin.people.setActive({ userId: officer.id, active: false });
    await connection.db.updateTable('app_user').set({ display_name: 'Renamed Later' }).where('id', '=', officer.id).execute();
    const signIns = await c.seftonAdmin.audit.list({ limit: 200, who: 'officer.sefton' });
    expect(signIns.length).toBeGreaterThan(0);
    expect(new Set(signIns.map((e) => e.who))).toEqual(new Set(['Liam Doyle (officer.sefton@concord.example)']));
  });
});

describe('filters and pages', () => {
  it('by kind: the administrator’s people events only', async () => {
    const events = await c.seftonAdmin.audit.list({ limit: 200, kind: 'people' });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['people']));
    const records = await c.seftonAdmin.audit.list({ limit: 200, kind: 'records' });
    expect(records.some((e) => e.procedure === 'contract.update')).toBe(true);
    expect(records.every((e) => e.kind === 'records')).toBe(true);
  });

  it('by who, matching name or email, with LIKE characters taken literally', async () => {
    const events = await c.seftonAdmin.audit.list({ limit: 200, who: 'Erin Walsh' });
    expect(events.some((e) => e.target === INVITED)).toBe(true);
    expect(events.every((e) => e.who.startsWith('Erin Walsh'))).toBe(true);
    expect(await c.seftonAdmin.audit.list({ limit: 200, who: '%' })).toEqual([]);
  });

  it('by UK days: today has the events, a day before the seed has none', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    expect((await c.seftonAdmin.audit.list({ limit: 200, from: today, to: today })).some((e) => e.target === INVITED)).toBe(true);
    expect(await c.seftonAdmin.audit.list({ limit: 200, from: '2001-01-01', to: '2001-12-31' })).toEqual([]);
    expect(await outcomeWithField(c.seftonAdmin.audit.list({ limit: 10, from: '2024-02-01', to: '2024-01-01' }))).toBe('BAD_REQUEST to');
  });

  it('keyset pages of one event each walk the whole log once, newest first', async () => {
    const all = await c.platform.audit.list({ limit: 200 });
    const walked: string[] = [];
    let cursor: { before: string; beforeId: string } | undefined;
    for (;;) {
      const page = await c.platform.audit.list({ limit: 1, ...cursor });
      if (page.length === 0) break;
      walked.push(page[0]!.id);
      cursor = { before: page[0]!.cursor, beforeId: page[0]!.id };
    }
    expect(walked).toEqual(all.map((e) => e.id));
  });
});

describe('the database and the domain agree on what administration is', () => {
  it('audit_is_administration() says yes exactly for the domain’s administration kinds', async () => {
    const procedures = [...Object.keys(AUDIT_EVENT_LABELS), 'partnership.somethingNew', 'registryish.thing'];
    const { rows } = await sql<{ p: string; admin: boolean }>`
      SELECT p, audit_is_administration(p) AS admin FROM unnest(${procedures}::text[]) AS p`.execute(connection.db);
    expect(Object.fromEntries(rows.map((r) => [r.p, r.admin]))).toEqual(
      Object.fromEntries(procedures.map((p) => [p, ADMINISTRATION_KINDS.includes(auditKindOf(p))])),
    );
  });
});
