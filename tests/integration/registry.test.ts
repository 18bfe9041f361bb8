import { inTenant, type Connection } from '@concord/db';
import { DomainError } from '@concord/domain';
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { callerFor, GSS, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';

/**
 * The authority registry (issue 10, item 2): the platform administrator registers councils by GSS code and NHS
 * bodies by ODS code, imports them from the ONS MYE2 file (preview, then confirm; a second import changes
 * nothing), renames them and marks them inactive. Authority roles are refused; the administrator still reads
 * no authority's contracts.
 */
let connection: Connection;
let admin: Caller;
let adminUser: string;
let sefton: Caller;

beforeAll(async () => {
  connection = await openSeededDatabase();
  const session = (await signIn(connection, 'admin@concord.example')).session;
  adminUser = session.userId;
  admin = callerFor(connection, session);
  sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
});
afterAll(() => connection?.close());

/** The code and the fields a refused call named. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; fields: string[]; message: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const fields = cause instanceof ZodError ? cause.issues.map((i) => i.path.join('.')) : cause instanceof DomainError && cause.field ? [cause.field] : [];
    return { code: error.code, fields, message: error.message };
  }
  throw new Error('the call was not refused');
}

const authorities = () => connection.db.selectFrom('authority').select(['id', 'name', 'kind', 'region', 'active', 'row_version']).orderBy('id').execute();
const authority = (id: string) => connection.db.selectFrom('authority').selectAll().where('id', '=', id).executeTakeFirst();
const platformEvents = (procedure: string) => connection.db.selectFrom('platform_audit_event').select(['target', 'outcome', 'user_id']).where('procedure', '=', procedure).execute();

/** The ONS MYE2 persons layout: title line, header, region rows above their areas. */
function mye(rows: [code: string, name: string, geography: string][]): string {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  const body = rows.map(([code, name, geography]) => [code, `"${name}"`, geography, '91', ...Array.from({ length: 91 }, () => '1')].join(','));
  return ['Mid-2023 population estimates, persons', header.join(','), ...body].join('\n');
}

describe('registering councils', () => {
  it('registers Manchester, Salford and Trafford; the kind follows from the code; each is in the platform log', async () => {
    for (const [code, name] of [
      ['E08000003', 'Manchester City Council'],
      ['E08000006', 'Salford City Council'],
      ['E08000009', 'Trafford Council'],
    ] as const) {
      expect(await admin.registry.registerCouncil({ code, name, region: 'North West', idempotencyKey: randomUUID() })).toEqual({ id: code, rowVersion: 1 });
    }
    expect(await authority('E08000003')).toMatchObject({ name: 'Manchester City Council', kind: 'metropolitan_district', region: 'North West', active: true, nhs_body_kind: null });
    const listed = await admin.registry.list({ search: 'ford' });
    expect(listed.items.map((a) => [a.id, a.name, a.kind])).toEqual([
      ['E08000006', 'Salford City Council', 'metropolitan_district'],
      ['E10000028', 'Staffordshire County Council', 'county'],
      ['E08000009', 'Trafford Council', 'metropolitan_district'],
    ]);
    expect((await admin.registry.list({ search: 'E08000003' })).items.map((a) => a.name)).toEqual(['Manchester City Council']);
    expect((await platformEvents('registry.registerCouncil')).map((e) => [e.target, e.outcome, e.user_id])).toEqual([
      ['E08000003', 'success', adminUser],
      ['E08000006', 'success', adminUser],
      ['E08000009', 'success', adminUser],
    ]);
  });

  it('the City of London is a London borough; its region is London', async () => {
    await admin.registry.registerCouncil({ idempotencyKey: randomUUID(), code: 'E09000001', name: 'City of London Corporation', region: 'London' });
    expect(await authority('E09000001')).toMatchObject({ kind: 'london_borough', region: 'London' });
    const wrong = await refusal(admin.registry.registerCouncil({ idempotencyKey: randomUUID(), code: 'E09000002', name: 'Barking and Dagenham', region: 'North West' }));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', fields: ['region'] });
    expect(await authority('E09000002')).toBeUndefined();
  });

  it('a code that is not a council’s GSS code is refused against the code field, and nothing is written', async () => {
    const before = await authorities();
    for (const code of ['E07000001', 'E08123', 'E08 000003', 'W06000001', 'E08000003X', '']) {
      expect(await refusal(admin.registry.registerCouncil({ idempotencyKey: randomUUID(), code, name: 'Somewhere', region: 'North West' })), code).toMatchObject({ code: 'BAD_REQUEST', fields: ['code'] });
    }
    expect(await refusal(admin.registry.registerCouncil({ idempotencyKey: randomUUID(), code: 'E06000099', name: '   ', region: 'North West' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['name'] });
    expect(await authorities()).toEqual(before);
  });

  it('a code already registered is a CONFLICT naming it; the same form sent twice registers once', async () => {
    const duplicate = await refusal(admin.registry.registerCouncil({ idempotencyKey: randomUUID(), code: 'E08000003', name: 'Manchester again', region: 'North West' }));
    expect(duplicate).toMatchObject({ code: 'CONFLICT', fields: ['code'], message: 'E08000003 is already registered, as Manchester City Council' });
    const key = randomUUID();
    const first = await admin.registry.registerCouncil({ code: 'E08000007', name: 'Stockport Council', region: 'North West', idempotencyKey: key });
    expect(await admin.registry.registerCouncil({ code: 'E08000007', name: 'Stockport Council', region: 'North West', idempotencyKey: key })).toEqual(first);
    expect((await authorities()).filter((a) => a.id === 'E08000007')).toHaveLength(1);
  });
});

describe('registering NHS bodies', () => {
  it('an ICB by ODS code Q.. and a trust by R.. or T..; a code of the other kind is refused', async () => {
    await admin.registry.registerNhsBody({ idempotencyKey: randomUUID(), kind: 'icb', code: 'qop', name: 'NHS Greater Manchester ICB', region: 'North West' });
    await admin.registry.registerNhsBody({ idempotencyKey: randomUUID(), kind: 'trust', code: 'R0A', name: 'Manchester University NHS Foundation Trust', region: 'North West' });
    expect(await authority('QOP')).toMatchObject({ kind: 'nhs_body', nhs_body_kind: 'icb', name: 'NHS Greater Manchester ICB' });
    expect(await authority('R0A')).toMatchObject({ kind: 'nhs_body', nhs_body_kind: 'trust' });
    expect(await refusal(admin.registry.registerNhsBody({ idempotencyKey: randomUUID(), kind: 'icb', code: 'RBA', name: 'Not an ICB', region: 'South West' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['code'] });
    expect(await refusal(admin.registry.registerNhsBody({ idempotencyKey: randomUUID(), kind: 'trust', code: 'RBA01', name: 'A site', region: 'South West' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['code'] });
    expect(await authority('RBA')).toBeUndefined();
  });
});

describe('importing the ONS MYE2 file', () => {
  const FILE = mye([
    ['K04000001', 'ENGLAND AND WALES', 'Country'],
    ['E12000002', 'NORTH WEST', 'Region'],
    ['E11000001', 'Greater Manchester (Met County)', 'Metropolitan County'],
    ['E08000001', 'Bolton', 'Metropolitan District'],
    ['E08000002', 'Bury', 'Metropolitan District'],
    ['E08000003', 'Manchester', 'Metropolitan District'],
    ['E08000006', 'Salford City Council', 'Metropolitan District'],
    ['E12000009', 'SOUTH WEST', 'Region'],
    ['E06000026', 'Plymouth City Council', 'Unitary Authority'],
    ['E07000040', 'East Devon', 'Non-metropolitan District'],
  ]);

  it('the preview lists what will be added and renamed, and writes nothing', async () => {
    const before = await authorities();
    const preview = await admin.registry.previewImport({ csv: FILE });
    expect(preview.add).toEqual([
      { id: 'E08000001', name: 'Bolton', kind: 'metropolitan_district', region: 'North West' },
      { id: 'E08000002', name: 'Bury', kind: 'metropolitan_district', region: 'North West' },
    ]);
    expect(preview.rename).toEqual([{ id: 'E08000003', from: 'Manchester City Council', to: 'Manchester' }]);
    expect(preview.unchanged).toEqual(['E08000006', 'E06000026']);
    expect(preview.ignored).toBe(5);
    expect(await authorities()).toEqual(before);
  });

  it('a confirm without the preview’s fingerprint, or with a stale one, writes nothing', async () => {
    const before = await authorities();
    expect(await refusal(admin.registry.confirmImport({ csv: FILE, fingerprint: 'x' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['fingerprint'] });
    expect(await refusal(admin.registry.confirmImport({ csv: FILE, fingerprint: '0'.repeat(64) }))).toMatchObject({ code: 'CONFLICT', fields: ['fingerprint'] });
    expect(await authorities()).toEqual(before);
  });

  it('confirmed, it writes what the preview showed; the same file again changes nothing', async () => {
    const { fingerprint } = await admin.registry.previewImport({ csv: FILE });
    expect(await admin.registry.confirmImport({ csv: FILE, fingerprint })).toEqual({ added: 2, renamed: 1, unchanged: 2 });
    expect(await authority('E08000002')).toMatchObject({ name: 'Bury', kind: 'metropolitan_district', region: 'North West', active: true });
    expect((await authority('E08000003'))?.name).toBe('Manchester');
    const after = await authorities();
    // A repeated confirm (a double click) and a second import of the same file: nothing to do, nothing written.
    expect(await admin.registry.confirmImport({ csv: FILE, fingerprint })).toEqual({ added: 0, renamed: 0, unchanged: 5 });
    const again = await admin.registry.previewImport({ csv: FILE });
    expect([again.add, again.rename]).toEqual([[], []]);
    expect(await admin.registry.confirmImport({ csv: FILE, fingerprint: again.fingerprint })).toEqual({ added: 0, renamed: 0, unchanged: 5 });
    expect(await authorities()).toEqual(after);
  });

  it('a row whose code and Geography disagree refuses the whole file, naming the row', async () => {
    const before = await authorities();
    const bad = mye([
      ['E08000004', 'Oldham', 'Metropolitan District'],
      ['E06000001', 'Hartlepool', 'Metropolitan District'],
    ]);
    const refused = await refusal(admin.registry.previewImport({ csv: bad }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', fields: ['file'] });
    expect(refused.message).toMatch(/row 4: E06000001 is a unitary authority’s code but the Geography says "Metropolitan District"/);
    expect(await refusal(admin.registry.confirmImport({ csv: bad, fingerprint: '0'.repeat(64) }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(admin.registry.previewImport({ csv: 'Code,Name\nE08000004,Oldham' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['file'] });
    expect(await authorities()).toEqual(before);
  });
});

describe('renaming and marking inactive', () => {
  it('renames from the version seen; a stale version is a CONFLICT and changes nothing', async () => {
    const { rowVersion } = (await admin.registry.list({ search: 'E08000009' })).items[0]!;
    expect(await admin.registry.rename({ authorityId: 'E08000009', version: rowVersion, name: 'Trafford Metropolitan Borough Council' })).toMatchObject({ rowVersion: rowVersion + 1 });
    const stale = await refusal(admin.registry.rename({ authorityId: 'E08000009', version: rowVersion, name: 'Stale name' }));
    expect(stale).toMatchObject({ code: 'CONFLICT', fields: ['version'] });
    expect(stale.message).toMatch(/^Changed by .+ at .+ — reload to see it$/);
    expect((await authority('E08000009'))?.name).toBe('Trafford Metropolitan Borough Council');
    expect(await outcome(admin.registry.rename({ authorityId: 'E08999999', version: 1, name: 'Nowhere' }))).toBe('NOT_FOUND');
  });

  it('marked inactive it stays listed, keeps its data, and can no longer join a partnership; it can be made active again', async () => {
    const { rowVersion } = (await admin.registry.list({ search: 'E08000002' })).items[0]!;
    await admin.registry.setActive({ authorityId: 'E08000002', version: rowVersion, active: false });
    expect((await admin.registry.list({ status: 'inactive' })).items.map((a) => a.id)).toEqual(['E08000002']);
    const tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
    await expect(connection.db.insertInto('partnership_member').values({ authority_id: 'E08000002', partnership_id: tripartite }).execute()).rejects.toThrow(/inactive/);
    const { rowVersion: v2 } = (await admin.registry.list({ search: 'E08000002' })).items[0]!;
    await admin.registry.setActive({ authorityId: 'E08000002', version: v2, active: true });
    expect((await authority('E08000002'))?.active).toBe(true);
  });

  it('nobody can delete an authority: the application role has no DELETE on the registry', async () => {
    const error = await inTenant(connection.db, { userId: adminUser }, (tx) => tx.deleteFrom('authority').where('id', '=', 'E08000002').execute()).catch((e: unknown) => e as { code?: string });
    expect((error as { code?: string }).code).toBe('42501');
    expect(await authority('E08000002')).toBeDefined();
  });

  it('a code and a kind are for life: the application role cannot change them', async () => {
    const error = await inTenant(connection.db, { userId: adminUser }, (tx) => tx.updateTable('authority').set({ kind: 'county' }).where('id', '=', 'E08000002').execute()).catch((e: unknown) => e as { code?: string });
    expect((error as { code?: string }).code).toBe('42501');
  });
});

describe('who may manage the registry', () => {
  it('every authority role is FORBIDDEN, signed out UNAUTHORIZED, and nothing is written', async () => {
    const before = await authorities();
    expect(await outcome(sefton.registry.registerCouncil({ idempotencyKey: randomUUID(), code: 'E08000010', name: 'Wigan Council', region: 'North West' }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.registry.list({}))).toBe('FORBIDDEN');
    expect(await outcome(sefton.registry.rename({ authorityId: GSS.sefton, version: 1, name: 'Renamed by Sefton' }))).toBe('FORBIDDEN');
    expect(await outcome(callerFor(connection, null).registry.list({}))).toBe('UNAUTHORIZED');
    expect(await authorities()).toEqual(before);
  });

  it('a commissioner’s transaction cannot write the registry directly either (row-level security)', async () => {
    const commissioner = (await signIn(connection, 'commissioner.sefton@concord.example')).session.userId;
    const error = await inTenant(connection.db, { authorityId: GSS.sefton, userId: commissioner }, (tx) =>
      tx.insertInto('authority').values({ id: 'E08000010', name: 'Wigan Council', kind: 'metropolitan_district', region: 'North West' }).execute(),
    ).catch((e: unknown) => e as { code?: string });
    expect((error as { code?: string }).code).toBe('42501');
    const renamed = await inTenant(connection.db, { authorityId: GSS.sefton, userId: commissioner }, (tx) => tx.updateTable('authority').set({ name: 'Hijacked' }).where('id', '=', GSS.sefton).executeTakeFirst());
    expect(Number(renamed.numUpdatedRows)).toBe(0);
  });

  it('the platform administrator still reads no authority’s contracts, placements or budgets', async () => {
    expect(await outcome(admin.contract.list({}))).toBe('FORBIDDEN');
    const counts = await inTenant(connection.db, { userId: adminUser }, async (tx) => ({
      contracts: (await tx.selectFrom('contract').select('id').execute()).length,
      placements: (await tx.selectFrom('placement').select('id').execute()).length,
      budgets: (await tx.selectFrom('budget').select('id').execute()).length,
    }));
    expect(counts).toEqual({ contracts: 0, placements: 0, budgets: 0 });
    expect((await connection.db.selectFrom('contract').select('id').execute()).length).toBeGreaterThan(0);
  });
});
