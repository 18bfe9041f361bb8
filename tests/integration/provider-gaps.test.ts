import { randomUUID } from 'node:crypto';
import { createCaller, resolveSession, SESSION_COOKIE } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, GSS, outcome, signIn, type Caller } from '../support/api.ts';
import { pdfFile } from '../support/documents.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';
import { applyToTripartite, uploadDocument } from '../support/online-applications.ts';
import { LIVERPOOL_COMMISSIONER, PLYMOUTH_COMMISSIONER, TRIPARTITE } from '../support/procurement.ts';
import { asProvider, registerProvider, registerVerifiedProvider, registration, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 11, the gaps a council would notice: the authorities that may decide a claim on a register entry are told
 * in their inbox; the lead of a procurement downloads exactly the documents an applicant submitted with its online
 * application (and nobody else does, in the database too); a partnership's name is answered only to those who may see
 * the partnership; a provider organisation keeps an audit trail of its own. Provider numbers 360–379.
 */
let app: HttpApp;
let connection: Connection;
let plymouth: Caller;
let devon: Caller;
let liverpool: Caller;

beforeAll(async () => {
  app = await startHttpApp({ liverpool: LIVERPOOL_COMMISSIONER, sefton: 'commissioner.sefton@concord.example', kent: 'commissioner.kent@concord.example' });
  connection = app.connection;
  plymouth = callerFor(connection, (await signIn(connection, PLYMOUTH_COMMISSIONER)).session);
  devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session);
  liverpool = callerFor(connection, (await signIn(connection, LIVERPOOL_COMMISSIONER)).session);
});
afterAll(() => app?.close());

/** Runs SQL as the application role acting for an authority. */
function asAuthority<T>(authorityId: string, work: (tx: Parameters<Parameters<typeof asProvider>[2]>[0]) => Promise<T>): Promise<T> {
  return connection.db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', ${authorityId}, true)`.execute(tx);
    return work(tx);
  });
}

const claimMessages = (providerId: string) =>
  connection.db.selectFrom('message').select(['authority_id', 'provider_id', 'subject', 'body', 'link']).where('kind', '=', 'provider_claim').where('link', '=', `/providers/${providerId}`).orderBy('authority_id').execute();

describe('councils are told about claims on their register entries', () => {
  let unplaced: string; // nobody has a contract or placement with it: every active authority may decide
  let placed: string; // Plymouth has a placement with it: only Plymouth decides

  beforeAll(async () => {
    unplaced = (await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Exmoor Home Care Ltd', companiesHouseNumber: '09360360' })).id;
    placed = (await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Plym Valley Support Ltd', cqcProviderId: '1-936036100' })).id;
    const csv = ['reference,provider,service_type,in_area,funding_route,start_date,weekly_cost', 'PLY-HC-0360,1-936036100,home_care,yes,council_commissioned,2026-09-21,245.00'].join('\n');
    expect((await plymouth.placement.importCsv({ csv, dryRun: false })).imported).toBe(1);
  });

  async function claim(n: number, numbers: { companiesHouseNumber: string | null; cqcProviderId: string | null }) {
    const ctx = contextFor(connection, null, { meta: { ip: `198.51.100.${n % 250}` } });
    const result = await createCaller(ctx).organisation.register({ ...registration(n), ...numbers });
    expect(result).toEqual({ providerId: null, claimPending: true });
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    return callerFor(connection, session);
  }

  it('a claim on an entry with a placement is told to that authority only, with a link to the provider’s page', async () => {
    expect(await claimMessages(placed)).toEqual([]);
    await claim(361, { companiesHouseNumber: null, cqcProviderId: '1-936036100' });
    const told = await claimMessages(placed);
    expect(told.map((m) => [m.authority_id, m.provider_id])).toEqual([[GSS.plymouth, null]]);
    expect(told[0]!.subject).toBe('Claim to confirm: Plym Valley Support Ltd');
    expect(told[0]!.body).toContain(`Bid Writer 361 (${registration(361).email}) registered Wirral Homecare 361 Ltd with the CQC provider ID 1-936036100`);
    const inbox = await plymouth.message.list({});
    expect(inbox.messages.filter((m) => m.kind === 'provider_claim').map((m) => [m.subject, m.link])).toEqual([['Claim to confirm: Plym Valley Support Ltd', `/providers/${placed}`]]);
    expect((await devon.message.list({})).messages.filter((m) => m.kind === 'provider_claim')).toEqual([]);
  });

  it('a claim on an entry nobody contracts with is told to every active authority, each of which may decide it', async () => {
    const claimant = await claim(360, { companiesHouseNumber: '09360360', cqcProviderId: null });
    const active = await connection.db.selectFrom('authority').select('id').where('active', '=', true).orderBy('id').execute();
    expect(active.length).toBeGreaterThan(5);
    expect((await claimMessages(unplaced)).map((m) => m.authority_id)).toEqual(active.map((a) => a.id));
    const [devonsNotice] = (await devon.message.list({})).messages.filter((m) => m.kind === 'provider_claim');
    expect(devonsNotice).toMatchObject({ subject: 'Claim to confirm: Exmoor Home Care Ltd', link: `/providers/${unplaced}` });
    // The claimant is told the outcome: confirming leaves a message in the organisation's inbox.
    const [pending] = await devon.provider.claims({ providerId: unplaced });
    await devon.provider.decideClaim({ claimId: pending!.id, decision: 'confirm' });
    expect(await claimant.organisation.myClaim()).toMatchObject({ status: 'confirmed' });
    const told = await connection.db.selectFrom('message').select(['kind', 'from_authority_id', 'link']).where('provider_id', '=', unplaced).execute();
    expect(told).toEqual([{ kind: 'claim_confirmed', from_authority_id: GSS.devon, link: '/organisation' }]);
    // Confirming verified the entry: its own audit trail says so, naming the council.
    const logged = await connection.db.selectFrom('provider_audit_event').select(['procedure', 'actor', 'user_id']).where('provider_id', '=', unplaced).execute();
    expect(logged).toEqual([{ procedure: 'organisation.verify', actor: 'Devon County Council', user_id: null }]);
  });

  it('a refused claimant reads the refusal and its reason on their claim page', async () => {
    const claimant = await claim(362, { companiesHouseNumber: null, cqcProviderId: '1-936036100' });
    expect((await claimMessages(placed)).length).toBe(2);
    const pending = (await plymouth.provider.claims({ providerId: placed })).find((c) => c.claimantEmail === registration(362).email)!;
    await plymouth.provider.decideClaim({ claimId: pending.id, decision: 'refuse', reason: 'Plym Valley Support told us they never use this name' });
    expect(await claimant.organisation.myClaim()).toMatchObject({ status: 'refused', reason: 'Plym Valley Support told us they never use this name' });
  });

  it('nobody writes a claim notice into a council’s inbox as the application role, not even while registering', async () => {
    const attempt = (settings: string) =>
      connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'concord_app', true), set_config('app.provider_registration', 'on', true)`.execute(tx);
        if (settings) await sql`SELECT set_config('app.provider_id', ${settings}, true)`.execute(tx);
        await sql`INSERT INTO message (authority_id, kind, subject, body, link) VALUES (${GSS.kent}, 'provider_claim', 'Claim to confirm: x', 'x', '/providers/x')`.execute(tx);
      });
    await expect(attempt('')).rejects.toThrow(/row-level security/);
    await expect(attempt(unplaced)).rejects.toThrow(/row-level security/);
  });
});

describe('the lead downloads the documents an applicant submitted, and nobody else does', () => {
  let applicant: RegisteredProvider;
  let drafter: RegisteredProvider;
  const ids = { submitted: '', kept: '', drafted: '' };
  const cookie = (p: RegisteredProvider) => `${SESSION_COOKIE}=${p.token}`;
  const download = (id: string, who: string) => fetch(`${app.base}/files/provider-documents/${id}`, { headers: { cookie: who } });
  const certificate = pdfFile('Employers liability insurance 363');

  beforeAll(async () => {
    applicant = await registerProvider(connection, 363);
    drafter = await registerProvider(connection, 364);
    ids.submitted = await uploadDocument(applicant, 'insurance_certificate', certificate);
    ids.kept = await uploadDocument(applicant, 'safeguarding_policy');
    ids.drafted = await uploadDocument(drafter, 'insurance_certificate');
    const applicationId = await applyToTripartite(connection, applicant, [ids.submitted]);
    await applyToTripartite(connection, drafter, [ids.drafted], { draft: true });
    expect((await liverpool.application.get({ applicationId: applicationId! })).online!.documents.map((d) => d.id)).toEqual([ids.submitted]);
  });

  it('the lead downloads the submitted document as an attachment of its type, and its download is in its audit log', async () => {
    const response = await download(ids.submitted, app.cookies.liverpool!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="insurance_certificate.pdf"; filename*=UTF-8''insurance_certificate.pdf`);
    expect(Buffer.from(await response.arrayBuffer()).equals(certificate)).toBe(true);
    const logged = await connection.db.selectFrom('audit_event').select(['authority_id', 'procedure']).where('target', '=', ids.submitted).execute();
    expect(logged).toEqual([{ authority_id: GSS.liverpool, procedure: 'providerDocument.download' }]);
  });

  it('is 404 to the lead for a profile document not attached and for a draft’s document; 404 to a partner, another council and another provider', async () => {
    expect((await download(ids.kept, app.cookies.liverpool!)).status).toBe(404);
    expect((await download(ids.drafted, app.cookies.liverpool!)).status).toBe(404);
    expect((await download(ids.submitted, app.cookies.sefton!)).status).toBe(404);
    expect((await download(ids.submitted, app.cookies.kent!)).status).toBe(404);
    expect((await download(ids.submitted, cookie(drafter))).status).toBe(404);
    expect((await download(ids.submitted, cookie(applicant))).status).toBe(200);
  });

  it('holds in the database: a direct select as the lead reads the submitted document only; as a partner or another provider, none', async () => {
    const count = (tx: Parameters<Parameters<typeof asProvider>[2]>[0]) =>
      sql<{ id: string }>`SELECT id FROM provider_document WHERE provider_id IN (${applicant.providerId}, ${drafter.providerId}) ORDER BY id`.execute(tx).then((r) => r.rows.map((x) => x.id));
    expect(await asAuthority(GSS.liverpool, count)).toEqual([ids.submitted]);
    expect(await asAuthority(GSS.sefton, count)).toEqual([]);
    expect(await asProvider(connection, drafter.providerId, count)).toEqual([ids.drafted]);
  });
});

describe('a provider organisation’s own audit trail', () => {
  let applicant: RegisteredProvider;
  let bidWriter: Caller;
  let bidWriterId: string;

  beforeAll(async () => {
    applicant = await registerVerifiedProvider(connection, 366);
    const invited = await applicant.caller.organisation.invite({ email: 'bids.colleague@homecare366.example', roles: ['bid_writer'] });
    const ctx = contextFor(connection, null, { meta: { ip: '203.0.113.66' } });
    const password = 'orchard pebble lantern';
    await createCaller(ctx).organisation.acceptInvitation({ token: invited.path!.split('/').pop()!, displayName: 'Colleague 366', password, confirmPassword: password });
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    bidWriter = callerFor(connection, session);
    bidWriterId = session.userId;
    await bidWriter.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'safeguarding_policy', title: 'Safeguarding', fileName: 'safeguarding.pdf', contentBase64: pdfFile('Safeguarding 366').toString('base64') });
    expect(await outcome(applicant.caller.myApplication.get({ applicationId: '00000000-0000-4000-8000-000000000366' }))).toBe('NOT_FOUND');
  });

  it('records what the organisation’s people did, in plain words with who did it, refusals too; its administrator reads it', async () => {
    const events = await applicant.caller.audit.list({ limit: 50 });
    expect(events.map((e) => [e.procedure, e.outcome, e.who]).reverse()).toEqual([
      ['organisation.register', 'success', `Bid Writer 366 (${registration(366).email})`],
      ['organisation.verify', 'success', 'A Concord platform administrator'],
      ['organisation.invite', 'success', `Bid Writer 366 (${registration(366).email})`],
      ['providerDocument.upload', 'success', 'Colleague 366 (bids.colleague@homecare366.example)'],
      ['myApplication.get', 'not_found', `Bid Writer 366 (${registration(366).email})`],
    ]);
    expect(events.every((e) => e.label && !e.label.includes('.'))).toBe(true);
    expect(events.every((e) => e.authority === null)).toBe(true);
  });

  it('is refused to a bid writer, and unseen by another organisation and by councils, in SQL too', async () => {
    expect(await outcome(bidWriter.audit.list({}))).toBe('FORBIDDEN');
    const events = (tx: Parameters<Parameters<typeof asProvider>[2]>[0]) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_audit_event WHERE provider_id = ${applicant.providerId}`.execute(tx).then((r) => r.rows[0]!.n);
    const other = await registerProvider(connection, 367);
    expect(await asProvider(connection, other.providerId, events)).toBe(0);
    expect(await asAuthority(GSS.liverpool, events)).toBe(0);
    const asColleague = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true), set_config('app.provider_id', ${applicant.providerId}, true), set_config('app.user_id', ${bidWriterId}, true)`.execute(tx);
      return events(tx);
    });
    expect(asColleague).toBe(0);
    await expect(asProvider(connection, applicant.providerId, (tx) =>
      sql`INSERT INTO provider_audit_event (provider_id, procedure, outcome, request_id) VALUES (${applicant.providerId}, 'organisation.update', 'success', 'forged')`.execute(tx),
    )).rejects.toThrow(/permission denied/);
  });
});

describe('a partnership’s name is answered only to those who may see it', () => {
  const nameAs = (tx: Parameters<Parameters<typeof asProvider>[2]>[0], partnershipId: string) =>
    sql<{ name: string | null }>`SELECT concord_partnership_name(${partnershipId}) AS name`.execute(tx).then((r) => r.rows[0]!.name);

  it('a provider gets the names of partnerships with a procurement open to it, and nothing for the rest', async () => {
    const provider = await registerProvider(connection, 365);
    const partnerships = await connection.db.selectFrom('partnership').select(['id', 'name']).orderBy('name').execute();
    // As the database's owner (a superuser here): which partnerships have a procurement open for applications.
    const { rows: open } = await sql<{ partnership_id: string }>`SELECT DISTINCT partnership_id FROM procurement
      WHERE status = 'published' OR (status = 'live' AND route IN ('pdps','dps','dynamic_market'))
        OR (status = 'live' AND route = 'framework' AND EXISTS (SELECT 1 FROM reopening r WHERE r.procurement_id = procurement.id
          AND (now() AT TIME ZONE 'Europe/London')::date BETWEEN r.opens_on AND r.closes_on))`.execute(connection.db);
    const openIds = new Set(open.map((r) => r.partnership_id));
    expect(openIds.size).toBeGreaterThan(0);
    expect(openIds.size).toBeLessThan(partnerships.length);
    const answers = await asProvider(connection, provider.providerId, async (tx) => {
      const out: [string, string | null][] = [];
      for (const p of partnerships) out.push([p.name, await nameAs(tx, p.id)]);
      return out;
    });
    expect(answers).toEqual(partnerships.map((p) => [p.name, openIds.has(p.id) ? p.name : null]));
    const listed = await provider.caller.opportunity.list({ limit: 100, offset: 0 });
    expect(listed.items.find((o) => o.reference === 'LCR-EC-2018')!.partnership.name).toBe(TRIPARTITE);
  });

  it('an authority gets its own partnerships’ names only; a transaction acting for nobody gets none', async () => {
    const tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', TRIPARTITE).executeTakeFirstOrThrow()).id;
    const partnershipIds = await connection.db.selectFrom('partnership_member').select('partnership_id').where('authority_id', '=', GSS.sefton).execute();
    const asSefton = (id: string) =>
      connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', ${GSS.sefton}, true),
          set_config('app.partnership_ids', ${partnershipIds.map((p) => p.partnership_id).join(',')}, true)`.execute(tx);
        return nameAs(tx, id);
      });
    expect(await asSefton(tripartite)).toBe(TRIPARTITE);
    const elsewhere = await connection.db.selectFrom('partnership').select('id').where('lead_authority_id', '=', GSS.devon).executeTakeFirstOrThrow();
    expect(await asSefton(elsewhere.id)).toBeNull();
    const nobody = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true)`.execute(tx);
      return nameAs(tx, tripartite);
    });
    expect(nobody).toBeNull();
  });
});
