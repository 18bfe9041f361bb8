import { inTenant, type Connection, type Database, type TenantSettings, type Tx } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTEXTS,
  CONTEXT_NAMES,
  SEFTON_COMMISSIONER,
  SIGN_IN_IP,
  TABLE_MATRIX,
  type Context,
  type MatrixTable,
  type Operation,
} from './table-matrix.ts';
import { makeOnlineApplicationFixtures, onlineApplicationTargets } from './table-matrix-online-application.ts';
import { makeSealedResponseFixtures, sealedResponseTargets } from './table-matrix-sealed-responses.ts';
import { makeMonitoringReturnFixtures, monitoringReturnTargets } from './table-matrix-monitoring-returns.ts';
import { makeProviderDocumentFixtures, providerDocumentTargets } from './table-matrix-provider-documents.ts';
import { makeReminderFixtures, reminderTargets } from './table-matrix-reminders.ts';
import { makeNoticeFixtures, noticeTargets } from './table-matrix-notices.ts';
import { makeProviderAuditFixtures, providerAuditTargets } from './table-matrix-provider-audit.ts';

// Nobody signs in here: a cheap stand-in for the server's scrypt hasher.
const fakeHash = async (password: string) => `scrypt$1$1$1$x$${password}`;

const SEFTON = 'E08000014';
const KENT = 'E10000016';
const LIVERPOOL = 'E08000012';
const PLYMOUTH = 'E06000026';
const OPERATIONS: Operation[] = ['select', 'insert', 'update', 'delete'];
const TARGET_TOKEN_HASH = createHash('sha256').update('matrix: the target session').digest('hex');
const TARGET_API_TOKEN_HASH = createHash('sha256').update('matrix: the target API token').digest('hex');

let connection: Connection;
let db: Kysely<Database>;
const ids = {
  seftonCommissioner: '',
  seftonViewer: '',
  platformAdmin: '',
  kentCommissioner: '',
  providerPerson: '',
  liverpoolCommissioner: '',
  liverpoolViewer: '',
  tripartite: '',
  peninsula: '',
};
/** The joint-procurement fixtures (see table-matrix.ts): made in beforeAll with the owner connection. */
const fx = {
  provider: '',
  location: '',
  bareSpecification: '',
  specification: '',
  draftVersion: '',
  bareProcurement: '',
  procurement: '',
  buyer: '',
  decision: '',
  milestone: '',
  leafLot: '',
  usedLot: '',
  leafCriterion: '',
  usedCriterion: '',
  leafQuestion: '',
  usedQuestion: '',
  reopening: '',
  leafApplication: '',
  usedApplication: '',
  leafEntry: '',
  usedEntry: '',
  event: '',
};
/** Sefton's private call-off, contract, placement and budget fixtures (issue 4): made in beforeAll as the owner. */
const own = {
  leafCallOff: '',
  callOff: '',
  leafCriterion: '',
  criterion: '',
  leafInvitation: '',
  leafResponse: '',
  response: '',
  leafContract: '',
  contract: '',
  rate: '',
  leafOption: '',
  leafBatch: '',
  variation: '',
  placement: '',
  budget: '',
  blockPayment: '',
  procurementCriteria: [] as string[],
  spare: { provider: '', entry: '' },
};
const seftonRow = () => ({ authority_id: SEFTON });
const callOffRow = (reference: string) => ({
  ...seftonRow(),
  reference,
  procurement_id: fx.procurement,
  lot_id: fx.usedLot,
  method: 'mini_competition' as const,
  scheme_name: 'Matrix scheme',
  client_group: 'Older people',
  units: 40,
  locality: 'Bootle',
  start_date: '2024-04-01',
  term_months: 60,
});
const contractRow = (reference: string) => ({
  ...seftonRow(),
  reference,
  title: 'Matrix contract',
  provider_id: fx.provider,
  service_type: 'extra_care',
  source: 'block_contract' as const,
  start_date: '2024-04-01',
  initial_end_date: '2027-03-31',
  end_date: '2027-03-31',
  annual_value_pence: 100_000,
  total_value_pence: 300_000,
});
const batchRow = () => ({
  ...seftonRow(),
  common_end_date: '2027-06-30',
  justification: 'Matrix',
  legal_basis: 'Matrix',
  decision_reference: 'Matrix',
  decided_on: '2027-01-01',
  total_annual_value_pence: 100_000,
  total_extra_pence: 24_932,
});
const placementRow = (reference: string) => ({
  ...seftonRow(),
  reference,
  provider_id: fx.provider,
  service_type: 'extra_care',
  in_area: true,
  funding_route: 'council_commissioned' as const,
  start_date: '2024-04-01',
  weekly_cost_pence: 30_000,
});
/** Every row the Tripartite's lead writes carries these. */
const tripartiteRow = () => ({ authority_id: LIVERPOOL, partnership_id: ids.tripartite });
const underProcurement = () => ({ ...tripartiteRow(), procurement_id: fx.procurement });
const settings = {} as Record<Context, TenantSettings>;

async function userId(email: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
async function partnershipId(name: string): Promise<string> {
  return (await db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
const count = sql<number>`count(*)::int`.as('n');
/** A pending invitation of the Tripartite, issued by Liverpool (its lead). */
const tripartiteInvitation = (invited: string, by: string) => ({
  authority_id: LIVERPOOL,
  partnership_id: ids.tripartite,
  invited_authority_id: invited,
  partnership_name: 'LCR Tripartite',
  partnership_kind: 'tripartite' as const,
  lead_authority_id: LIVERPOOL,
  invited_by: by,
  invited_at: new Date(),
});
const affected = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  Number(result.reduce((sum, r) => sum + (r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0n));
const inHour = () => new Date(Date.now() + 3_600_000);

/** For each table: how to count, add to, change and remove its target rows (see table-matrix.ts). */
interface Target {
  select(trx: Kysely<Database>): Promise<number>;
  insert(trx: Kysely<Database>): Promise<unknown>;
  update(trx: Kysely<Database>): Promise<number>;
  delete(trx: Kysely<Database>): Promise<number>;
}

const TARGETS: { [T in keyof Database]: Target } = {
  authority: {
    select: async (t) => (await t.selectFrom('authority').select(count).where('id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('authority').values({ id: 'E09000099', name: 'Matrix Borough', kind: 'london_borough', region: 'London' }).execute(),
    update: async (t) => affected(await t.updateTable('authority').set({ name: sql`name` }).where('id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('authority').where('id', '=', SEFTON).execute()),
  },
  authority_population: {
    select: async (t) => (await t.selectFrom('authority_population').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('authority_population').values({ authority_id: SEFTON, year: 2031, age_band: '85+', population: 1000, source: 'matrix' }).execute(),
    update: async (t) => affected(await t.updateTable('authority_population').set({ population: sql`population + 1` }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('authority_population').where('authority_id', '=', SEFTON).execute()),
  },
  partnership: {
    select: async (t) => (await t.selectFrom('partnership').select(count).where('id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('partnership').values({ id: randomUUID(), name: 'Matrix partnership', kind: 'tripartite', lead_authority_id: SEFTON }).execute(),
    update: async (t) => affected(await t.updateTable('partnership').set({ lead_authority_id: SEFTON }).where('id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership').where('id', '=', ids.tripartite).execute()),
  },
  partnership_member: {
    select: async (t) => (await t.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    // Sefton joining a partnership it is not in.
    insert: (t) => t.insertInto('partnership_member').values({ authority_id: SEFTON, partnership_id: ids.peninsula, joined_on: '2024-01-01' }).execute(),
    update: async (t) => affected(await t.updateTable('partnership_member').set({ joined_on: '2024-01-01' }).where('partnership_id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_member').where('partnership_id', '=', ids.tripartite).execute()),
  },
  partnership_role: {
    // Sefton's roles in the Tripartite (migration 0021: each member names and removes its own people's roles).
    select: async (t) => (await t.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.tripartite).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    // Sefton's commissioner making themself a lead commissioner of the Tripartite.
    insert: (t) =>
      t
        .insertInto('partnership_role')
        .values({ authority_id: SEFTON, partnership_id: ids.tripartite, user_id: ids.seftonCommissioner, role: 'lead_commissioner' })
        .execute(),
    update: async (t) => affected(await t.updateTable('partnership_role').set({ role: 'lead_commissioner' }).where('partnership_id', '=', ids.tripartite).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_role').where('partnership_id', '=', ids.tripartite).where('authority_id', '=', SEFTON).execute()),
  },
  // Migration 0021: the Tripartite's pending invitation to Kent (Liverpool, the lead, invited it).
  partnership_invitation: {
    select: async (t) => (await t.selectFrom('partnership_invitation').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('partnership_invitation').values(tripartiteInvitation(PLYMOUTH, ids.liverpoolCommissioner)).execute(),
    update: async (t) =>
      affected(await t.updateTable('partnership_invitation').set({ status: 'declined', responded_by: sql<string>`app_user_id()`, responded_at: new Date() }).where('partnership_id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_invitation').where('partnership_id', '=', ids.tripartite).execute()),
  },
  // Migration 0021: one step of the Tripartite's history, by Liverpool.
  partnership_event: {
    select: async (t) => (await t.selectFrom('partnership_event').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('partnership_event').values({ authority_id: SEFTON, partnership_id: ids.tripartite, at: new Date(), user_id: ids.seftonCommissioner, actor_name: 'Matrix', action: 'role_named' }).execute(),
    update: async (t) => affected(await t.updateTable('partnership_event').set({ detail: 'changed' }).where('partnership_id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_event').where('partnership_id', '=', ids.tripartite).execute()),
  },
  app_user: {
    select: async (t) => (await t.selectFrom('app_user').select(count).where('id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('app_user').values({ email: 'matrix.new@concord.example', display_name: 'New', password_hash: 'x' }).execute(),
    update: async (t) => affected(await t.updateTable('app_user').set({ password_hash: 'scrypt$replaced' }).where('id', '=', ids.seftonCommissioner).execute()),
    delete: async (t) => affected(await t.deleteFrom('app_user').where('id', '=', ids.seftonCommissioner).execute()),
  },
  membership: {
    select: async (t) => (await t.selectFrom('membership').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    // Promoting Sefton's viewer to commissioner.
    insert: (t) => t.insertInto('membership').values({ authority_id: SEFTON, user_id: ids.seftonViewer, role: 'commissioner' }).execute(),
    update: async (t) => affected(await t.updateTable('membership').set({ role: sql`role` }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('membership').where('authority_id', '=', SEFTON).execute()),
  },
  session: {
    select: async (t) => (await t.selectFrom('session').select(count).where('user_id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('session')
        .values({ token_hash: randomBytes(32).toString('hex'), user_id: ids.seftonCommissioner, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() })
        .execute(),
    update: async (t) => affected(await t.updateTable('session').set({ last_seen_at: new Date() }).where('user_id', '=', ids.seftonCommissioner).execute()),
    delete: async (t) => affected(await t.deleteFrom('session').where('user_id', '=', ids.seftonCommissioner).execute()),
  },
  sign_in_attempt: {
    select: async (t) => (await t.selectFrom('sign_in_attempt').select(count).where('email', '=', SEFTON_COMMISSIONER).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('sign_in_attempt').values({ email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: false }).execute(),
    update: async (t) => affected(await t.updateTable('sign_in_attempt').set({ succeeded: true }).where('email', '=', SEFTON_COMMISSIONER).execute()),
    delete: async (t) => affected(await t.deleteFrom('sign_in_attempt').where('email', '=', SEFTON_COMMISSIONER).execute()),
  },
  // The target row is the counter of SIGN_IN_IP (scope 'address', email '').
  sign_in_throttle: {
    select: async (t) =>
      (await t.selectFrom('sign_in_throttle').select(count).where('email', '=', '').where('ip_address', '=', SIGN_IN_IP).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('sign_in_throttle').values({ scope: 'account_address', email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, window_start: new Date() }).execute(),
    update: async (t) =>
      affected(await t.updateTable('sign_in_throttle').set({ failures: sql`failures + 1` }).where('email', '=', '').where('ip_address', '=', SIGN_IN_IP).execute()),
    delete: async (t) => affected(await t.deleteFrom('sign_in_throttle').where('email', '=', '').where('ip_address', '=', SIGN_IN_IP).execute()),
  },
  setup_token: {
    select: async (t) => (await t.selectFrom('setup_token').select(count).where('purpose', '=', 'first_run').executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('setup_token').values({ token_hash: randomBytes(32).toString('hex'), purpose: 'admin_create', email: 'new.admin@example.org', expires_at: inHour() }).execute(),
    update: async (t) => affected(await t.updateTable('setup_token').set({ used_at: null }).where('purpose', '=', 'first_run').execute()),
    delete: async (t) => affected(await t.deleteFrom('setup_token').where('purpose', '=', 'first_run').execute()),
  },
  person_link: {
    select: async (t) => (await t.selectFrom('person_link').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('person_link')
        .values({ authority_id: SEFTON, purpose: 'invitation', email: 'matrix.insert@example.org', roles: ['viewer'], token_hash: randomBytes(32).toString('hex'), created_by: ids.seftonCommissioner, created_at: new Date(), expires_at: inHour() })
        .execute(),
    update: async (t) => affected(await t.updateTable('person_link').set({ cancelled_at: new Date() }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('person_link').where('authority_id', '=', SEFTON).execute()),
  },
  audit_event: {
    select: async (t) => (await t.selectFrom('audit_event').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('audit_event')
        .values({ authority_id: SEFTON, user_id: ids.seftonCommissioner, procedure: 'matrix.insert', target: null, outcome: 'success', request_id: 'matrix' })
        .execute(),
    update: async (t) => affected(await t.updateTable('audit_event').set({ outcome: 'denied' }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('audit_event').where('authority_id', '=', SEFTON).execute()),
  },
  platform_audit_event: {
    select: async (t) => (await t.selectFrom('platform_audit_event').select(count).where('procedure', '=', 'population.import').executeTakeFirstOrThrow()).n,
    insert: async (t) =>
      t
        .insertInto('platform_audit_event')
        .values({ user_id: ids.platformAdmin, procedure: 'matrix.insert', target: null, outcome: 'success', request_id: 'matrix' })
        .execute(),
    update: async (t) => affected(await t.updateTable('platform_audit_event').set({ outcome: 'denied' }).where('procedure', '=', 'population.import').execute()),
    delete: async (t) => affected(await t.deleteFrom('platform_audit_event').where('procedure', '=', 'population.import').execute()),
  },
  provider: {
    select: async (t) => (await t.selectFrom('provider').select(count).where('id', '=', fx.provider).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('provider').values({ legal_name: 'Matrix New Provider Ltd', companies_house_number: 'ZZ999002' }).execute(),
    update: async (t) => affected(await t.updateTable('provider').set({ legal_name: sql`legal_name` }).where('id', '=', fx.provider).execute()),
    delete: async (t) => affected(await t.deleteFrom('provider').where('id', '=', fx.provider).execute()),
  },
  provider_location: {
    select: async (t) => (await t.selectFrom('provider_location').select(count).where('id', '=', fx.location).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('provider_location').values({ provider_id: fx.provider, name: 'Matrix second location', rating: 'good' }).execute(),
    update: async (t) => affected(await t.updateTable('provider_location').set({ rating: 'outstanding' }).where('id', '=', fx.location).execute()),
    delete: async (t) => affected(await t.deleteFrom('provider_location').where('id', '=', fx.location).execute()),
  },
  specification: {
    select: async (t) => (await t.selectFrom('specification').select(count).where('id', '=', fx.bareSpecification).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('specification').values({ ...tripartiteRow(), title: 'Matrix new specification', service_type: 'extra_care' }).execute(),
    update: async (t) => affected(await t.updateTable('specification').set({ title: sql`title` }).where('id', '=', fx.bareSpecification).execute()),
    delete: async (t) => affected(await t.deleteFrom('specification').where('id', '=', fx.bareSpecification).execute()),
  },
  specification_version: {
    select: async (t) => (await t.selectFrom('specification_version').select(count).where('id', '=', fx.draftVersion).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('specification_version')
        .values({ ...tripartiteRow(), specification_id: fx.specification, version: 2, sections: JSON.stringify([{ key: 'outcomes', heading: 'Outcomes', body: 'v2' }]) })
        .execute(),
    update: async (t) => affected(await t.updateTable('specification_version').set({ change_note: 'matrix' }).where('id', '=', fx.draftVersion).execute()),
    delete: async (t) => affected(await t.deleteFrom('specification_version').where('id', '=', fx.draftVersion).execute()),
  },
  procurement: {
    select: async (t) => (await t.selectFrom('procurement').select(count).where('id', '=', fx.bareProcurement).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('procurement')
        .values({ ...tripartiteRow(), reference: 'MATRIX-NEW', title: 'Matrix new', service_type: 'extra_care', route: 'pdps', regime: 'procurement_act_2023' })
        .execute(),
    update: async (t) => affected(await t.updateTable('procurement').set({ title: sql`title` }).where('id', '=', fx.bareProcurement).execute()),
    delete: async (t) => affected(await t.deleteFrom('procurement').where('id', '=', fx.bareProcurement).execute()),
  },
  procurement_buyer: {
    select: async (t) => (await t.selectFrom('procurement_buyer').select(count).where('id', '=', fx.buyer).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('procurement_buyer').values({ ...underProcurement(), buyer_authority_id: 'E08000011' }).execute(),
    update: async (t) => affected(await t.updateTable('procurement_buyer').set({ buyer_authority_id: sql`buyer_authority_id` }).where('id', '=', fx.buyer).execute()),
    delete: async (t) => affected(await t.deleteFrom('procurement_buyer').where('id', '=', fx.buyer).execute()),
  },
  procurement_decision: {
    select: async (t) => (await t.selectFrom('procurement_decision').select(count).where('id', '=', fx.decision).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('procurement_decision')
        .values({ ...underProcurement(), from_status: 'draft', to_status: 'cancelled', decided_by: ids.liverpoolCommissioner, decided_on: '2024-01-02', decision_reference: 'Matrix' })
        .execute(),
    update: async (t) => affected(await t.updateTable('procurement_decision').set({ decision_reference: 'Rewritten' }).where('id', '=', fx.decision).execute()),
    delete: async (t) => affected(await t.deleteFrom('procurement_decision').where('id', '=', fx.decision).execute()),
  },
  procurement_milestone: {
    select: async (t) => (await t.selectFrom('procurement_milestone').select(count).where('id', '=', fx.milestone).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('procurement_milestone').values({ ...underProcurement(), name: 'Matrix milestone 2', planned_start: '2024-02-01' }).execute(),
    update: async (t) => affected(await t.updateTable('procurement_milestone').set({ actual_start: '2024-01-03' }).where('id', '=', fx.milestone).execute()),
    delete: async (t) => affected(await t.deleteFrom('procurement_milestone').where('id', '=', fx.milestone).execute()),
  },
  lot: {
    select: async (t) => (await t.selectFrom('lot').select(count).where('id', '=', fx.leafLot).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('lot').values({ ...underProcurement(), number: 9, name: 'Matrix lot 9', basis: 'scheme' }).execute(),
    update: async (t) => affected(await t.updateTable('lot').set({ expected_providers: 4 }).where('id', '=', fx.leafLot).execute()),
    delete: async (t) => affected(await t.deleteFrom('lot').where('id', '=', fx.leafLot).execute()),
  },
  evaluation_criterion: {
    select: async (t) => (await t.selectFrom('evaluation_criterion').select(count).where('id', '=', fx.leafCriterion).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('evaluation_criterion').values({ ...underProcurement(), kind: 'social_value', name: 'Matrix social value', weight_percent: 10 }).execute(),
    update: async (t) => affected(await t.updateTable('evaluation_criterion').set({ weight_percent: 60 }).where('id', '=', fx.leafCriterion).execute()),
    delete: async (t) => affected(await t.deleteFrom('evaluation_criterion').where('id', '=', fx.leafCriterion).execute()),
  },
  gateway_question: {
    select: async (t) => (await t.selectFrom('gateway_question').select(count).where('id', '=', fx.leafQuestion).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('gateway_question').values({ ...underProcurement(), question: 'Matrix question 3' }).execute(),
    update: async (t) => affected(await t.updateTable('gateway_question').set({ guidance: 'matrix' }).where('id', '=', fx.leafQuestion).execute()),
    delete: async (t) => affected(await t.deleteFrom('gateway_question').where('id', '=', fx.leafQuestion).execute()),
  },
  reopening: {
    select: async (t) => (await t.selectFrom('reopening').select(count).where('id', '=', fx.reopening).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('reopening').values({ ...underProcurement(), opens_on: '2025-01-01', closes_on: '2025-01-31', reason: 'Matrix' }).execute(),
    update: async (t) => affected(await t.updateTable('reopening').set({ reason: 'Matrix changed' }).where('id', '=', fx.reopening).execute()),
    delete: async (t) => affected(await t.deleteFrom('reopening').where('id', '=', fx.reopening).execute()),
  },
  application: {
    select: async (t) => (await t.selectFrom('application').select(count).where('id', '=', fx.leafApplication).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('application').values({ authority_id: LIVERPOOL, procurement_id: fx.procurement, provider_id: fx.provider, received_on: '2024-01-05' }).execute(),
    update: async (t) => affected(await t.updateTable('application').set({ bid_price_pence: 1800 }).where('id', '=', fx.leafApplication).execute()),
    delete: async (t) => affected(await t.deleteFrom('application').where('id', '=', fx.leafApplication).execute()),
  },
  application_lot: {
    select: async (t) => (await t.selectFrom('application_lot').select(count).where('application_id', '=', fx.usedApplication).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('application_lot').values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, lot_id: fx.leafLot }).execute(),
    update: async (t) => affected(await t.updateTable('application_lot').set({ lot_id: sql`lot_id` }).where('application_id', '=', fx.usedApplication).execute()),
    delete: async (t) => affected(await t.deleteFrom('application_lot').where('application_id', '=', fx.usedApplication).execute()),
  },
  gateway_answer: {
    select: async (t) => (await t.selectFrom('gateway_answer').select(count).where('application_id', '=', fx.usedApplication).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('gateway_answer').values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, question_id: fx.leafQuestion, passed: true }).execute(),
    update: async (t) => affected(await t.updateTable('gateway_answer').set({ passed: false }).where('application_id', '=', fx.usedApplication).execute()),
    delete: async (t) => affected(await t.deleteFrom('gateway_answer').where('application_id', '=', fx.usedApplication).execute()),
  },
  evaluation_score: {
    select: async (t) => (await t.selectFrom('evaluation_score').select(count).where('application_id', '=', fx.usedApplication).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('evaluation_score')
        .values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, criterion_id: fx.usedCriterion, evaluator_id: ids.liverpoolViewer, score: 2, rationale: 'Matrix' })
        .execute(),
    update: async (t) => affected(await t.updateTable('evaluation_score').set({ score: 5 }).where('application_id', '=', fx.usedApplication).execute()),
    delete: async (t) => affected(await t.deleteFrom('evaluation_score').where('application_id', '=', fx.usedApplication).execute()),
  },
  moderated_score: {
    select: async (t) => (await t.selectFrom('moderated_score').select(count).where('application_id', '=', fx.usedApplication).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('moderated_score')
        .values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, criterion_id: fx.leafCriterion, score: 3, rationale: 'Matrix', moderated_by: ids.liverpoolCommissioner })
        .execute(),
    update: async (t) => affected(await t.updateTable('moderated_score').set({ score: 5 }).where('application_id', '=', fx.usedApplication).execute()),
    delete: async (t) => affected(await t.deleteFrom('moderated_score').where('application_id', '=', fx.usedApplication).execute()),
  },
  approved_list_entry: {
    select: async (t) => (await t.selectFrom('approved_list_entry').select(count).where('id', '=', fx.leafEntry).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('approved_list_entry').values({ ...underProcurement(), lot_id: fx.leafLot, provider_id: fx.provider, admitted_on: '2024-03-01' }).execute(),
    update: async (t) => affected(await t.updateTable('approved_list_entry').set({ status: 'suspended' }).where('id', '=', fx.leafEntry).execute()),
    delete: async (t) => affected(await t.deleteFrom('approved_list_entry').where('id', '=', fx.leafEntry).execute()),
  },
  approved_list_event: {
    select: async (t) => (await t.selectFrom('approved_list_event').select(count).where('id', '=', fx.event).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('approved_list_event')
        .values({ ...tripartiteRow(), entry_id: fx.usedEntry, action: 'suspended', effective_on: '2024-04-01', reason: 'Matrix', recorded_by: ids.liverpoolCommissioner })
        .execute(),
    update: async (t) => affected(await t.updateTable('approved_list_event').set({ reason: 'Rewritten' }).where('id', '=', fx.event).execute()),
    delete: async (t) => affected(await t.deleteFrom('approved_list_event').where('id', '=', fx.event).execute()),
  },
  ...privateTargets(),
  ...kpiTargets(),
  ...costModelTargets(),
  ...businessCaseTargets(),
  ...apiTokenTargets(),
  ...twoStepTargets(),
  ...membershipVersionTargets(),
  ...partnershipRoleVersionTargets(),
  ...idempotencyTargets(),
  ...providerTenancyTargets(),
  ...providerPeopleTargets(),
  ...providerDocumentTargets(() => ({ db, provider: fx.provider, providerPerson: ids.providerPerson })),
  ...providerAuditTargets(() => ({ db, provider: fx.provider, providerPerson: ids.providerPerson })),
  ...reminderTargets(() => ({ db, provider: fx.provider })),
  ...sealedResponseTargets(() => ({ db, sefton: SEFTON, callOff: own.callOff, response: own.response, leafResponse: own.leafResponse, criterion: own.criterion })),
  ...monitoringReturnTargets(() => ({ db, sefton: SEFTON, contract: own.contract, provider: fx.provider })),
  ...noticeTargets(() => ({ db, sefton: SEFTON, contract: own.contract })),
  ...onlineApplicationTargets(() => ({ db, liverpool: LIVERPOOL, tripartite: ids.tripartite, procurement: fx.procurement, otherProcurement: fx.bareProcurement, provider: fx.provider })),
};

/** Issue 5: the Tripartite's cost models and fair-cost exercise, Sefton's own rate and the rate it shares. */
const cfx = { bareModel: '', model: '', draft: '', bareExercise: '', exercise: '', submission: '', actual: '', shared: '' };
function costModelTargets() {
  const byId = <T extends 'cost_model' | 'cost_model_version' | 'fair_cost_exercise' | 'fair_cost_submission' | 'actual_rate' | 'shared_rate'>(
    table: T,
    id: () => string,
    insert: (t: Kysely<Database>) => Promise<unknown>,
  ) => ({
    select: async (t: Kysely<Database>) => (await t.selectFrom(table as 'actual_rate').select(count).where('id', '=', id()).executeTakeFirstOrThrow()).n,
    insert,
    update: async (t: Kysely<Database>) => affected(await t.updateTable(table as 'actual_rate').set({ authority_id: sql`authority_id` }).where('id', '=', id()).execute()),
    delete: async (t: Kysely<Database>) => affected(await t.deleteFrom(table as 'actual_rate').where('id', '=', id()).execute()),
  });
  return {
    cost_model: byId('cost_model', () => cfx.bareModel, (t) => t.insertInto('cost_model').values({ ...tripartiteRow(), name: 'Matrix model 3', kind: 'home_care' }).execute()),
    cost_model_version: byId('cost_model_version', () => cfx.draft, (t) =>
      t.insertInto('cost_model_version').values({ ...tripartiteRow(), cost_model_id: cfx.model, version: 2, effective_from: '2025-04-01', parameters: JSON.stringify({}) }).execute(),
    ),
    fair_cost_exercise: byId('fair_cost_exercise', () => cfx.bareExercise, (t) =>
      t.insertInto('fair_cost_exercise').values({ ...tripartiteRow(), name: 'Matrix exercise 3', service_type: 'extra_care', band: 'Standard', unit: 'hour', held_on: '2024-01-01' }).execute(),
    ),
    fair_cost_submission: byId('fair_cost_submission', () => cfx.submission, (t) =>
      t.insertInto('fair_cost_submission').values({ ...tripartiteRow(), exercise_id: cfx.exercise, provider_label: 'Matrix provider 2', pence_per_unit: 1_900 }).execute(),
    ),
    actual_rate: byId('actual_rate', () => cfx.actual, (t) =>
      t.insertInto('actual_rate').values({ ...seftonRow(), service_type: 'extra_care', band: 'Matrix band', unit: 'week', rate_pence: 40_000, effective_from: '2025-04-01' }).execute(),
    ),
    shared_rate: byId('shared_rate', () => cfx.shared, (t) =>
      t
        .insertInto('shared_rate')
        .values({ ...seftonRow(), partnership_id: ids.tripartite, service_type: 'extra_care', band: 'Matrix band 2', unit: 'week', rate_pence: 40_000, effective_from: '2024-04-01', source: 'entered' })
        .execute(),
    ),
  };
}

async function makeCostModelFixtures(): Promise<void> {
  const id = (row: { id: string }) => row.id;
  const model = (name: string) => db.insertInto('cost_model').values({ ...tripartiteRow(), name, kind: 'home_care' }).returning('id').executeTakeFirstOrThrow();
  cfx.bareModel = id(await model('Matrix model 1'));
  cfx.model = id(await model('Matrix model 2'));
  cfx.draft = id(
    await db
      .insertInto('cost_model_version')
      .values({ ...tripartiteRow(), cost_model_id: cfx.model, version: 1, effective_from: '2024-04-01', parameters: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const exercise = (name: string) =>
    db
      .insertInto('fair_cost_exercise')
      .values({ ...tripartiteRow(), name, service_type: 'extra_care', band: 'Standard', unit: 'hour', held_on: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
  cfx.bareExercise = id(await exercise('Matrix exercise 1'));
  cfx.exercise = id(await exercise('Matrix exercise 2'));
  cfx.submission = id(
    await db.insertInto('fair_cost_submission').values({ ...tripartiteRow(), exercise_id: cfx.exercise, provider_label: 'Matrix provider', pence_per_unit: 1_800 }).returning('id').executeTakeFirstOrThrow(),
  );
  const rate = { ...seftonRow(), service_type: 'extra_care' as const, band: 'Matrix band', unit: 'week' as const, rate_pence: 40_000, effective_from: '2024-04-01' };
  cfx.actual = id(await db.insertInto('actual_rate').values(rate).returning('id').executeTakeFirstOrThrow());
  cfx.shared = id(await db.insertInto('shared_rate').values({ ...rate, partnership_id: ids.tripartite, source: 'entered' }).returning('id').executeTakeFirstOrThrow());
}

/** Issue 6: the Tripartite's KPI library, Sefton's return and published figure, a meeting, its action and pack. */
const kfx = { kpi: '', kpiReturn: '', figure: '', leafMeeting: '', meeting: '', action: '', pack: '', review: '' };
function kpiTargets() {
  const byId = <T extends 'kpi_definition' | 'kpi_return' | 'benchmark_figure' | 'network_meeting' | 'meeting_action' | 'benchmark_pack'>(
    table: T,
    id: () => string,
    update: (t: Kysely<Database>) => Promise<number>,
    insert: (t: Kysely<Database>) => Promise<unknown>,
  ): Target => ({
    select: async (t) => (await t.selectFrom(table as 'kpi_return').select(count).where('id', '=', id()).executeTakeFirstOrThrow()).n,
    insert,
    update,
    delete: async (t) => affected(await t.deleteFrom(table as 'kpi_return').where('id', '=', id()).execute()),
  });
  return {
    benchmark_consent: {
      select: async (t: Kysely<Database>) =>
        (await t.selectFrom('benchmark_consent').select(count).where('authority_id', '=', SEFTON).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      // Recording a choice is an upsert: Sefton has one already.
      insert: (t: Kysely<Database>) =>
        t
          .insertInto('benchmark_consent')
          .values({ authority_id: SEFTON, partnership_id: ids.tripartite, mode: 'named' })
          .onConflict((oc) => oc.columns(['authority_id', 'partnership_id']).doUpdateSet({ mode: 'named' }))
          .execute(),
      update: async (t: Kysely<Database>) => affected(await t.updateTable('benchmark_consent').set({ mode: 'named' }).where('authority_id', '=', SEFTON).execute()),
      delete: async (t: Kysely<Database>) => affected(await t.deleteFrom('benchmark_consent').where('authority_id', '=', SEFTON).execute()),
    },
    kpi_definition: byId(
      'kpi_definition',
      () => kfx.kpi,
      async (t) => affected(await t.updateTable('kpi_definition').set({ name: 'Rewritten' }).where('id', '=', kfx.kpi).execute()),
      (t) => t.insertInto('kpi_definition').values(kpiRow(2)).execute(),
    ),
    kpi_return: byId(
      'kpi_return',
      () => kfx.kpiReturn,
      async (t) => affected(await t.updateTable('kpi_return').set({ value: 11 }).where('id', '=', kfx.kpiReturn).execute()),
      (t) => t.insertInto('kpi_return').values(returnRow('2024-07-01')).execute(),
    ),
    benchmark_figure: byId(
      'benchmark_figure',
      () => kfx.figure,
      async (t) => affected(await t.updateTable('benchmark_figure').set({ value: 11 }).where('id', '=', kfx.figure).execute()),
      (t) => t.insertInto('benchmark_figure').values(figureRow('2024-07-01')).execute(),
    ),
    network_meeting: byId(
      'network_meeting',
      () => kfx.leafMeeting,
      async (t) => affected(await t.updateTable('network_meeting').set({ agenda: 'Matrix' }).where('id', '=', kfx.leafMeeting).execute()),
      (t) => t.insertInto('network_meeting').values({ ...tripartiteRow(), held_on: '2024-10-01', title: 'Matrix new meeting' }).execute(),
    ),
    meeting_action: byId(
      'meeting_action',
      () => kfx.action,
      async (t) => affected(await t.updateTable('meeting_action').set({ status: 'done' }).where('id', '=', kfx.action).execute()),
      (t) => t.insertInto('meeting_action').values({ ...tripartiteRow(), meeting_id: kfx.meeting, owner_authority_id: SEFTON, description: 'Matrix 2', due_on: '2024-09-01' }).execute(),
    ),
    benchmark_pack: byId(
      'benchmark_pack',
      () => kfx.pack,
      async (t) => affected(await t.updateTable('benchmark_pack').set({ title: 'Rewritten' }).where('id', '=', kfx.pack).execute()),
      (t) => t.insertInto('benchmark_pack').values({ ...tripartiteRow(), meeting_id: kfx.leafMeeting, title: 'Matrix pack 2', kpi_codes: ['MATRIX'], periods: ['2024-04-01'] }).execute(),
    ),
    benchmark_pack_view: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('benchmark_pack_view').select(count).where('pack_id', '=', kfx.pack).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t.insertInto('benchmark_pack_view').values({ ...tripartiteRow(), pack_id: kfx.pack, viewer_authority_id: 'E08000011', snapshot: JSON.stringify({ matrix: 2 }) }).execute(),
      update: async (t: Kysely<Database>) => affected(await t.updateTable('benchmark_pack_view').set({ snapshot: JSON.stringify({}) }).where('pack_id', '=', kfx.pack).execute()),
      delete: async (t: Kysely<Database>) => affected(await t.deleteFrom('benchmark_pack_view').where('pack_id', '=', kfx.pack).execute()),
    },
    return_review: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('return_review').select(count).where('id', '=', kfx.review).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) => t.insertInto('return_review').values(reviewRow('2024-07-01')).execute(),
      update: async (t: Kysely<Database>) => affected(await t.updateTable('return_review').set({ status: 'accepted', reason: null }).where('id', '=', kfx.review).execute()),
      delete: async (t: Kysely<Database>) => affected(await t.deleteFrom('return_review').where('id', '=', kfx.review).execute()),
    },
  };
}
const reviewRow = (periodStart: string) => ({ ...tripartiteRow(), member_authority_id: SEFTON, kpi_code: 'MATRIX', period_start: periodStart, status: 'queried' as const, reason: 'Matrix query' });
const kpiRow = (version: number) => ({
  ...tripartiteRow(),
  code: 'MATRIX',
  version,
  name: 'Matrix KPI',
  definition: 'Matrix',
  unit: 'count' as const,
  direction: 'neither' as const,
  frequency: 'quarterly' as const,
  source: 'manual' as const,
  first_period: '2024-04-01',
});
const returnRow = (periodStart: string) => ({
  ...seftonRow(),
  partnership_id: ids.tripartite,
  kpi_id: kfx.kpi,
  kpi_code: 'MATRIX',
  period_start: periodStart,
  period_end: periodStart,
  due_on: periodStart,
  value: 10,
  status: 'submitted' as const,
});
const figureRow = (periodStart: string) => ({ ...seftonRow(), partnership_id: ids.tripartite, kpi_id: kfx.kpi, kpi_code: 'MATRIX', period_start: periodStart, value: 10 });

async function makeKpiFixtures(): Promise<void> {
  const id = <T extends { id: string }>(row: T) => row.id;
  await db.insertInto('benchmark_consent').values({ authority_id: SEFTON, partnership_id: ids.tripartite, mode: 'anonymised' }).execute();
  kfx.kpi = id(await db.insertInto('kpi_definition').values(kpiRow(1)).returning('id').executeTakeFirstOrThrow());
  kfx.kpiReturn = id(await db.insertInto('kpi_return').values(returnRow('2024-04-01')).returning('id').executeTakeFirstOrThrow());
  kfx.figure = id(await db.insertInto('benchmark_figure').values(figureRow('2024-04-01')).returning('id').executeTakeFirstOrThrow());
  const meeting = (title: string) => db.insertInto('network_meeting').values({ ...tripartiteRow(), held_on: '2024-07-01', title }).returning('id').executeTakeFirstOrThrow();
  kfx.leafMeeting = id(await meeting('Matrix leaf meeting'));
  kfx.meeting = id(await meeting('Matrix meeting'));
  kfx.action = id(
    await db.insertInto('meeting_action').values({ ...tripartiteRow(), meeting_id: kfx.meeting, owner_authority_id: SEFTON, description: 'Matrix', due_on: '2024-09-01' }).returning('id').executeTakeFirstOrThrow(),
  );
  kfx.pack = id(
    await db.insertInto('benchmark_pack').values({ ...tripartiteRow(), meeting_id: kfx.meeting, title: 'Matrix pack', kpi_codes: ['MATRIX'], periods: ['2024-04-01'] }).returning('id').executeTakeFirstOrThrow(),
  );
  await db.insertInto('benchmark_pack_view').values({ ...tripartiteRow(), pack_id: kfx.pack, viewer_authority_id: SEFTON, snapshot: JSON.stringify({ matrix: 1 }) }).execute();
  kfx.review = id(await db.insertInto('return_review').values(reviewRow('2024-04-01')).returning('id').executeTakeFirstOrThrow());
}

/** Sefton's private tables: count, add, change and remove the fixture row of each (see makeContractFixtures). */
function privateTargets() {
  const byId = <T extends keyof Database>(table: T, id: () => string, update: (t: Kysely<Database>) => Promise<number>, insert: (t: Kysely<Database>) => Promise<unknown>): Target => ({
    select: async (t) => (await t.selectFrom(table as 'placement').select(count).where('id', '=', id()).executeTakeFirstOrThrow()).n,
    insert,
    update,
    delete: async (t) => affected(await t.deleteFrom(table as 'placement').where('id', '=', id()).execute()),
  });
  return {
    call_off: byId(
      'call_off',
      () => own.leafCallOff,
      async (t) => affected(await t.updateTable('call_off').set({ units: 41 }).where('id', '=', own.leafCallOff).execute()),
      (t) => t.insertInto('call_off').values(callOffRow('MATRIX-CO-NEW')).execute(),
    ),
    call_off_criterion: byId(
      'call_off_criterion',
      () => own.leafCriterion,
      async (t) => affected(await t.updateTable('call_off_criterion').set({ weight_percent: 60 }).where('id', '=', own.leafCriterion).execute()),
      (t) => t.insertInto('call_off_criterion').values({ ...seftonRow(), call_off_id: own.leafCallOff, procurement_criterion_id: own.procurementCriteria[0]!, kind: 'quality', name: 'Matrix', weight_percent: 50 }).execute(),
    ),
    call_off_invitation: byId(
      'call_off_invitation',
      () => own.leafInvitation,
      async (t) => affected(await t.updateTable('call_off_invitation').set({ invited_on: '2024-02-02' }).where('id', '=', own.leafInvitation).execute()),
      (t) => t.insertInto('call_off_invitation').values({ ...seftonRow(), call_off_id: own.leafCallOff, provider_id: own.spare.provider, approved_list_entry_id: own.spare.entry, invited_on: '2024-02-01' }).execute(),
    ),
    call_off_response: byId(
      'call_off_response',
      () => own.leafResponse,
      async (t) => affected(await t.updateTable('call_off_response').set({ price_pence: 1_801 }).where('id', '=', own.leafResponse).execute()),
      async (t) => {
        // A response needs an invitation of its own provider first (in the same rolled-back transaction).
        await t.insertInto('call_off_invitation').values({ ...seftonRow(), call_off_id: own.leafCallOff, provider_id: own.spare.provider, approved_list_entry_id: own.spare.entry, invited_on: '2024-02-01' }).execute();
        return t.insertInto('call_off_response').values({ ...seftonRow(), call_off_id: own.leafCallOff, provider_id: own.spare.provider, price_pence: 1_800, received_on: '2024-02-20' }).execute();
      },
    ),
    call_off_score: {
      select: async (t) => (await t.selectFrom('call_off_score').select(count).where('response_id', '=', own.response).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('call_off_score').values({ ...seftonRow(), response_id: own.leafResponse, criterion_id: own.criterion, score: 4 }).execute(),
      update: async (t) => affected(await t.updateTable('call_off_score').set({ score: 2 }).where('response_id', '=', own.response).execute()),
      delete: async (t) => affected(await t.deleteFrom('call_off_score').where('response_id', '=', own.response).execute()),
    },
    contract: byId(
      'contract',
      () => own.leafContract,
      async (t) => affected(await t.updateTable('contract').set({ responsible_officer: 'Matrix officer' }).where('id', '=', own.leafContract).execute()),
      (t) => t.insertInto('contract').values(contractRow('MATRIX-C-NEW')).execute(),
    ),
    contract_rate: byId(
      'contract_rate',
      () => own.rate,
      async (t) => affected(await t.updateTable('contract_rate').set({ rate_pence: 1_900 }).where('id', '=', own.rate).execute()),
      (t) => t.insertInto('contract_rate').values({ ...seftonRow(), contract_id: own.contract, band: 'Night', unit: 'night', rate_pence: 9_000, effective_from: '2024-04-01' }).execute(),
    ),
    contract_extension_option: byId(
      'contract_extension_option',
      () => own.leafOption,
      async (t) => affected(await t.updateTable('contract_extension_option').set({ months: 6 }).where('id', '=', own.leafOption).execute()),
      (t) => t.insertInto('contract_extension_option').values({ ...seftonRow(), contract_id: own.contract, position: 3, months: 12 }).execute(),
    ),
    continuation_batch: byId(
      'continuation_batch',
      () => own.leafBatch,
      async (t) => affected(await t.updateTable('continuation_batch').set({ justification: 'Matrix, again' }).where('id', '=', own.leafBatch).execute()),
      (t) => t.insertInto('continuation_batch').values(batchRow()).execute(),
    ),
    contract_variation: byId(
      'contract_variation',
      () => own.variation,
      async (t) => affected(await t.updateTable('contract_variation').set({ justification: 'Matrix, again' }).where('id', '=', own.variation).execute()),
      (t) =>
        t
          .insertInto('contract_variation')
          .values({ ...seftonRow(), contract_id: own.contract, kind: 'scope_change', effective_on: '2025-01-01', justification: 'Matrix', legal_basis: 'Matrix', decision_reference: 'Matrix', decided_on: '2024-12-01' })
          .execute(),
    ),
    placement: byId(
      'placement',
      () => own.placement,
      async (t) => affected(await t.updateTable('placement').set({ weekly_cost_pence: 31_000 }).where('id', '=', own.placement).execute()),
      (t) => t.insertInto('placement').values(placementRow('MATRIX-P-0002')).execute(),
    ),
    budget: byId(
      'budget',
      () => own.budget,
      async (t) => affected(await t.updateTable('budget').set({ amount_pence: 2_000_000 }).where('id', '=', own.budget).execute()),
      (t) => t.insertInto('budget').values({ ...seftonRow(), service_type: 'home_care', financial_year: 2024, amount_pence: 500_000 }).execute(),
    ),
    block_payment: byId(
      'block_payment',
      () => own.blockPayment,
      async (t) => affected(await t.updateTable('block_payment').set({ amount_pence: 60_000 }).where('id', '=', own.blockPayment).execute()),
      (t) => t.insertInto('block_payment').values({ ...seftonRow(), service_type: 'extra_care', financial_year: 2024, description: 'Matrix', amount_pence: 50_000, due_on: '2024-07-01' }).execute(),
    ),
  } satisfies Record<keyof import('@concord/db').ContractsDatabase, Target>;
}

/** Sefton's private fixtures, written as the owner: a leaf row per table (nothing depends on it), and parents. */
async function makeContractFixtures(): Promise<void> {
  const id = <T extends { id: string }>(row: T) => row.id;
  own.leafCallOff = id(await db.insertInto('call_off').values(callOffRow('MATRIX-CO-LEAF')).returning('id').executeTakeFirstOrThrow());
  own.callOff = id(await db.insertInto('call_off').values(callOffRow('MATRIX-CO')).returning('id').executeTakeFirstOrThrow());
  // The procurement's criteria and list entries the call-off refers to: rows of their own, so the procurement
  // fixtures' leaf rows stay leaves.
  const procurementCriterion = async (name: string) =>
    id(await db.insertInto('evaluation_criterion').values({ ...underProcurement(), kind: 'quality', name, weight_percent: 50 }).returning('id').executeTakeFirstOrThrow());
  own.procurementCriteria = [await procurementCriterion('Matrix call-off criterion A'), await procurementCriterion('Matrix call-off criterion B')];
  const providerWithEntry = async (name: string) => {
    const provider = id(await db.insertInto('provider').values({ legal_name: name }).returning('id').executeTakeFirstOrThrow());
    const entry = id(
      await db.insertInto('approved_list_entry').values({ ...underProcurement(), lot_id: fx.usedLot, provider_id: provider, admitted_on: '2024-02-01' }).returning('id').executeTakeFirstOrThrow(),
    );
    return { provider, entry };
  };
  const [a, b, c, d] = [
    await providerWithEntry('Matrix Call-off Provider A Ltd'),
    await providerWithEntry('Matrix Call-off Provider B Ltd'),
    await providerWithEntry('Matrix Call-off Provider C Ltd'),
    await providerWithEntry('Matrix Call-off Provider D Ltd'),
  ];
  own.spare = d!;
  const criterion = (procurementCriterion: string) =>
    db
      .insertInto('call_off_criterion')
      .values({ ...seftonRow(), call_off_id: own.callOff, procurement_criterion_id: procurementCriterion, kind: 'quality', name: 'Matrix', weight_percent: 50 })
      .returning('id')
      .executeTakeFirstOrThrow();
  own.leafCriterion = id(await criterion(own.procurementCriteria[0]!));
  own.criterion = id(await criterion(own.procurementCriteria[1]!));
  const invite = (x: { provider: string; entry: string }) =>
    db.insertInto('call_off_invitation').values({ ...seftonRow(), call_off_id: own.callOff, provider_id: x.provider, approved_list_entry_id: x.entry, invited_on: '2024-02-01' }).returning('id').executeTakeFirstOrThrow();
  own.leafInvitation = id(await invite(a!));
  await invite(b!);
  await invite(c!);
  const respond = (provider: string) =>
    db.insertInto('call_off_response').values({ ...seftonRow(), call_off_id: own.callOff, provider_id: provider, price_pence: 1_800, received_on: '2024-02-20' }).returning('id').executeTakeFirstOrThrow();
  own.response = id(await respond(b!.provider));
  own.leafResponse = id(await respond(c!.provider));
  await db.insertInto('call_off_score').values({ ...seftonRow(), response_id: own.response, criterion_id: own.criterion, score: 4 }).execute();

  own.leafContract = id(await db.insertInto('contract').values(contractRow('MATRIX-C-LEAF')).returning('id').executeTakeFirstOrThrow());
  own.contract = id(await db.insertInto('contract').values(contractRow('MATRIX-C')).returning('id').executeTakeFirstOrThrow());
  own.rate = id(
    await db.insertInto('contract_rate').values({ ...seftonRow(), contract_id: own.contract, band: 'Day', unit: 'hour', rate_pence: 1_800, effective_from: '2024-04-01' }).returning('id').executeTakeFirstOrThrow(),
  );
  own.leafOption = id(await db.insertInto('contract_extension_option').values({ ...seftonRow(), contract_id: own.contract, position: 1, months: 12 }).returning('id').executeTakeFirstOrThrow());
  own.leafBatch = id(await db.insertInto('continuation_batch').values(batchRow()).returning('id').executeTakeFirstOrThrow());
  own.variation = id(
    await db
      .insertInto('contract_variation')
      .values({ ...seftonRow(), contract_id: own.contract, kind: 'price_change', effective_on: '2025-04-01', value_change_pence: -1_000, justification: 'Matrix', legal_basis: 'Matrix', decision_reference: 'Matrix', decided_on: '2025-03-01' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  own.placement = id(await db.insertInto('placement').values({ ...placementRow('MATRIX-P-0001'), contract_id: own.contract }).returning('id').executeTakeFirstOrThrow());
  own.budget = id(await db.insertInto('budget').values({ ...seftonRow(), service_type: 'extra_care', financial_year: 2024, amount_pence: 1_000_000 }).returning('id').executeTakeFirstOrThrow());
  own.blockPayment = id(
    await db
      .insertInto('block_payment')
      .values({ ...seftonRow(), service_type: 'extra_care', financial_year: 2024, contract_id: own.contract, description: 'Matrix', amount_pence: 50_000, due_on: '2024-07-01' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

/** The joint-procurement target rows, all the Tripartite's (Liverpool leads), written as the owner. */
async function makeProcurementFixtures(): Promise<void> {
  const id = <T extends { id: string }>(row: T) => row.id;
  fx.provider = id(
    await db.insertInto('provider').values({ legal_name: 'Matrix Provider Ltd', companies_house_number: 'ZZ999001' }).returning('id').executeTakeFirstOrThrow(),
  );
  fx.location = id(await db.insertInto('provider_location').values({ provider_id: fx.provider, name: 'Matrix location', rating: 'good' }).returning('id').executeTakeFirstOrThrow());
  fx.bareSpecification = id(
    await db.insertInto('specification').values({ ...tripartiteRow(), title: 'Matrix bare specification', service_type: 'extra_care' }).returning('id').executeTakeFirstOrThrow(),
  );
  fx.specification = id(
    await db.insertInto('specification').values({ ...tripartiteRow(), title: 'Matrix specification', service_type: 'extra_care' }).returning('id').executeTakeFirstOrThrow(),
  );
  fx.draftVersion = id(
    await db
      .insertInto('specification_version')
      .values({ ...tripartiteRow(), specification_id: fx.specification, version: 1, sections: JSON.stringify([{ key: 'outcomes', heading: 'Outcomes', body: 'v1' }]) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const procurement = (reference: string) =>
    db
      .insertInto('procurement')
      .values({ ...tripartiteRow(), reference, title: reference, service_type: 'extra_care', route: 'pdps', regime: 'procurement_act_2023' })
      .returning('id')
      .executeTakeFirstOrThrow();
  fx.bareProcurement = id(await procurement('MATRIX-BARE'));
  fx.procurement = id(await procurement('MATRIX-P'));
  fx.buyer = id(await db.insertInto('procurement_buyer').values({ ...underProcurement(), buyer_authority_id: SEFTON }).returning('id').executeTakeFirstOrThrow());
  fx.decision = id(
    await db
      .insertInto('procurement_decision')
      .values({ ...underProcurement(), from_status: 'draft', to_status: 'market_engagement', decided_by: ids.liverpoolCommissioner, decided_on: '2024-01-01', decision_reference: 'Matrix' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  fx.milestone = id(await db.insertInto('procurement_milestone').values({ ...underProcurement(), name: 'Matrix milestone' }).returning('id').executeTakeFirstOrThrow());
  const lot = (number: number) => db.insertInto('lot').values({ ...underProcurement(), number, name: `Matrix lot ${number}`, basis: 'geography' }).returning('id').executeTakeFirstOrThrow();
  fx.leafLot = id(await lot(1));
  fx.usedLot = id(await lot(2));
  const criterion = (name: string) =>
    db.insertInto('evaluation_criterion').values({ ...underProcurement(), kind: 'quality', name, weight_percent: 50 }).returning('id').executeTakeFirstOrThrow();
  fx.leafCriterion = id(await criterion('Matrix criterion 1'));
  fx.usedCriterion = id(await criterion('Matrix criterion 2'));
  const question = (text: string) => db.insertInto('gateway_question').values({ ...underProcurement(), question: text }).returning('id').executeTakeFirstOrThrow();
  fx.leafQuestion = id(await question('Matrix question 1'));
  fx.usedQuestion = id(await question('Matrix question 2'));
  fx.reopening = id(
    await db.insertInto('reopening').values({ ...underProcurement(), opens_on: '2024-06-01', closes_on: '2024-06-30', reason: 'Matrix' }).returning('id').executeTakeFirstOrThrow(),
  );
  const application = () =>
    db
      .insertInto('application')
      .values({ authority_id: LIVERPOOL, procurement_id: fx.procurement, provider_id: fx.provider, received_on: '2024-01-04' })
      .returning('id')
      .executeTakeFirstOrThrow();
  fx.leafApplication = id(await application());
  fx.usedApplication = id(await application());
  await db.insertInto('application_lot').values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, lot_id: fx.usedLot }).execute();
  await db.insertInto('gateway_answer').values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, question_id: fx.usedQuestion, passed: true }).execute();
  await db
    .insertInto('evaluation_score')
    .values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, criterion_id: fx.usedCriterion, evaluator_id: ids.liverpoolCommissioner, score: 3, rationale: 'Matrix' })
    .execute();
  await db
    .insertInto('moderated_score')
    .values({ authority_id: LIVERPOOL, application_id: fx.usedApplication, criterion_id: fx.usedCriterion, score: 3, rationale: 'Matrix', moderated_by: ids.liverpoolCommissioner })
    .execute();
  const entry = (provider: string) =>
    db
      .insertInto('approved_list_entry')
      .values({ ...underProcurement(), lot_id: fx.usedLot, provider_id: provider, admitted_on: '2024-02-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
  fx.leafEntry = id(await entry(fx.provider));
  const otherProvider = id(await db.insertInto('provider').values({ legal_name: 'Matrix Other Provider Ltd' }).returning('id').executeTakeFirstOrThrow());
  fx.usedEntry = id(await entry(otherProvider));
  fx.event = id(
    await db
      .insertInto('approved_list_event')
      .values({ ...tripartiteRow(), entry_id: fx.usedEntry, action: 'admitted', effective_on: '2024-02-01', reason: 'Matrix', recorded_by: ids.liverpoolCommissioner })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
}

/** How many target rows each table has, as the owner sees them (RLS does not bind the owner connection). */
const targetRows = {} as Record<MatrixTable, number>;

beforeAll(async () => {
  connection = await openTestDatabase({ seed: fakeHash });
  db = connection.db;
  ids.seftonCommissioner = await userId(SEFTON_COMMISSIONER);
  ids.seftonViewer = await userId('viewer.sefton@concord.example');
  ids.platformAdmin = await userId('admin@concord.example');
  ids.kentCommissioner = await userId('commissioner.kent@concord.example');
  ids.tripartite = await partnershipId('LCR Tripartite');
  ids.peninsula = await partnershipId('South West Peninsula');
  ids.liverpoolCommissioner = await userId('commissioner.liverpool@concord.example');
  ids.liverpoolViewer = await userId('viewer.liverpool@concord.example');
  await makeProcurementFixtures();
  await makeContractFixtures();
  await makeKpiFixtures();
  await makeBusinessCaseFixtures();
  await makeCostModelFixtures();
  await makeApiTokenFixtures();
  await makeTwoStepFixtures();
  await makeMembershipVersionFixtures();
  await makePartnershipRoleVersionFixtures();
  await makeIdempotencyFixtures();
  await makeProviderTenancyFixtures();
  await makeProviderPeopleFixtures();
  await makeProviderDocumentFixtures({ db, provider: fx.provider, providerPerson: ids.providerPerson });
  await makeProviderAuditFixtures({ db, provider: fx.provider, providerPerson: ids.providerPerson });
  await makeReminderFixtures({ db, provider: fx.provider });
  await makeSealedResponseFixtures({ db, sefton: SEFTON, callOff: own.callOff, response: own.response, leafResponse: own.leafResponse, criterion: own.criterion });
  await makeMonitoringReturnFixtures({ db, sefton: SEFTON, contract: own.contract, provider: fx.provider });
  await makeNoticeFixtures({ db, sefton: SEFTON, contract: own.contract });
  await makeOnlineApplicationFixtures({ db, liverpool: LIVERPOOL, tripartite: ids.tripartite, procurement: fx.procurement, otherProcurement: fx.bareProcurement, provider: fx.provider });

  // Rows the seed does not make: sessions, sign-in attempts and audit events, for Sefton and others.
  await db
    .insertInto('session')
    .values([
      { token_hash: TARGET_TOKEN_HASH, user_id: ids.seftonCommissioner, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() },
      { token_hash: randomBytes(32).toString('hex'), user_id: ids.seftonViewer, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() },
      { token_hash: randomBytes(32).toString('hex'), user_id: ids.kentCommissioner, authority_id: KENT, last_seen_at: new Date(), expires_at: inHour() },
    ])
    .execute();
  await db
    .insertInto('sign_in_attempt')
    .values([
      { email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: false },
      { email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: true },
      { email: 'commissioner.kent@concord.example', ip_address: '198.51.100.9', succeeded: true },
    ])
    .execute();
  await db
    .insertInto('sign_in_throttle')
    .values([
      { scope: 'address', email: '', ip_address: SIGN_IN_IP, window_start: new Date(), failures: 2 },
      { scope: 'account_address', email: 'commissioner.kent@concord.example', ip_address: SIGN_IN_IP, window_start: new Date(), failures: 2 },
      { scope: 'address', email: '', ip_address: '198.51.100.9', window_start: new Date(), failures: 1 },
    ])
    .execute();
  await db
    .insertInto('audit_event')
    .values([
      { authority_id: SEFTON, user_id: ids.seftonCommissioner, procedure: 'auth.signIn', outcome: 'success', request_id: 'r1' },
      { authority_id: SEFTON, user_id: ids.seftonViewer, procedure: 'authority.get', outcome: 'denied', request_id: 'r2' },
      { authority_id: KENT, user_id: ids.kentCommissioner, procedure: 'auth.signIn', outcome: 'success', request_id: 'r3' },
      { authority_id: LIVERPOOL, user_id: null, procedure: 'auth.signIn', outcome: 'success', request_id: 'r4' },
    ])
    .execute();
  await db
    .insertInto('setup_token')
    .values({ token_hash: randomBytes(32).toString('hex'), purpose: 'first_run', expires_at: inHour() })
    .execute();
  await db
    .insertInto('person_link')
    .values({ authority_id: SEFTON, purpose: 'invitation', email: 'matrix.invited@example.org', roles: ['viewer'], token_hash: randomBytes(32).toString('hex'), created_by: ids.seftonCommissioner, created_at: new Date(), expires_at: inHour() })
    .execute();
  await db.insertInto('partnership_invitation').values(tripartiteInvitation(KENT, ids.liverpoolCommissioner)).execute();
  await db
    .insertInto('partnership_event')
    .values({ authority_id: LIVERPOOL, partnership_id: ids.tripartite, at: new Date(), user_id: ids.liverpoolCommissioner, actor_name: 'Matrix', action: 'invited', about_authority_id: KENT })
    .execute();
  await db
    .insertInto('platform_audit_event')
    .values({ user_id: ids.platformAdmin, procedure: 'population.import', target: 'population 2023', outcome: 'success', request_id: 'r5' })
    .execute();

  for (const [name, context] of Object.entries(CONTEXTS) as [Context, (typeof CONTEXTS)[Context]][]) {
    const s: TenantSettings = {};
    if ('authority' in context) s.authorityId = context.authority;
    if ('provider' in context) s.providerId = fx.provider;
    if ('user' in context) s.userId = await userId(context.user);
    if ('signInEmail' in context) {
      s.signInEmail = context.signInEmail;
      s.signInIp = context.signInIp;
    }
    if ('sessionToken' in context) s.sessionTokenHash = TARGET_TOKEN_HASH;
    if ('apiToken' in context) s.apiTokenHash = TARGET_API_TOKEN_HASH;
    settings[name] = s;
  }

  for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) targetRows[table] = await TARGETS[table].select(db);
});
afterAll(() => connection?.close());

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rolled back on purpose');
  }
}

type Attempt = { ok: true; result: unknown } | { ok: false; code: string | undefined; message: string };

/** Runs one statement as the application role for a context, always rolled back. */
async function attempt(context: Context, work: (trx: Tx) => Promise<unknown>): Promise<Attempt> {
  try {
    await inTenant(db, settings[context], async (trx) => {
      throw new Rollback(await work(trx));
    });
    throw new Error('inTenant returned without rolling back');
  } catch (error) {
    if (error instanceof Rollback) return { ok: true, result: error.result };
    const e = error as { code?: string; message: string };
    return { ok: false, code: e.code, message: e.message };
  }
}

/** Tables the application role holds no privilege on at all, so even its select is refused outright. */
const NO_PRIVILEGE_TABLES: MatrixTable[] = ['setup_token'];

/** 'allowed' or 'denied' as table-matrix.ts defines them, or a description of anything in between. */
function outcome(table: MatrixTable, operation: Operation, a: Attempt): string {
  const expected = operation === 'insert' ? 1 : targetRows[table];
  if (!a.ok) {
    // Refused by a grant or a policy: insufficient_privilege, which is also what an RLS WITH CHECK raises.
    if (a.code === '42501' && (operation !== 'select' || NO_PRIVILEGE_TABLES.includes(table))) return 'denied';
    return `error ${a.code}: ${a.message}`;
  }
  const rows = operation === 'insert' ? Number((a.result as { numInsertedOrUpdatedRows?: bigint }[])[0]?.numInsertedOrUpdatedRows ?? 0) : (a.result as number);
  if (operation !== 'insert' && rows === 0) return 'denied';
  if (rows === expected) return 'allowed';
  return `partly: ${rows} of ${expected} rows`;
}

describe('the matrix and its fixtures', () => {
  it('covers every table in the public schema (a new table fails here until it is added to table-matrix.ts)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'kysely\\_%'
      ORDER BY c.relname`.execute(db);
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(TABLE_MATRIX).sort());
    for (const [table, operations] of Object.entries(TABLE_MATRIX)) {
      expect({ table, operations: Object.keys(operations) }).toEqual({ table, operations: OPERATIONS });
      for (const contexts of Object.values(operations)) expect(Object.keys(contexts)).toEqual(CONTEXT_NAMES);
    }
  });

  it('every table has target rows to be allowed or denied', () => {
    expect(targetRows).toEqual({
      authority: 1,
      authority_population: 3, // all ages, plus the paper's two 75+ figures
      partnership: 1,
      partnership_member: 3,
      partnership_role: 1, // Sefton's commissioner, a network member
      partnership_invitation: 1,
      partnership_event: 1,
      app_user: 1,
      membership: 4, // commissioner, viewer, contract officer, authority administrator
      session: 1,
      api_token: 1,
      sign_in_attempt: 2,
      sign_in_throttle: 1,
      audit_event: 2,
      platform_audit_event: 1,
      setup_token: 1,
      two_step: 1,
      membership_version: 1,
      partnership_role_version: 1, // Sefton's partnership roles in the Tripartite
      person_link: 1,
      provider: 1,
      provider_location: 1,
      specification: 1,
      specification_version: 1,
      procurement: 1,
      procurement_buyer: 1,
      procurement_decision: 1,
      procurement_milestone: 1,
      lot: 1,
      evaluation_criterion: 1,
      gateway_question: 1,
      reopening: 1,
      application: 1,
      application_lot: 1,
      gateway_answer: 1,
      evaluation_score: 1,
      moderated_score: 1,
      approved_list_entry: 1,
      approved_list_event: 1,
      call_off: 1,
      call_off_criterion: 1,
      call_off_invitation: 1,
      call_off_response: 1,
      call_off_score: 1,
      call_off_response_answer: 1,
      call_off_outcome: 1,
      provider_monitoring_return: 1,
      contract: 1,
      contract_rate: 1,
      contract_extension_option: 1,
      continuation_batch: 1,
      contract_variation: 1,
      placement: 1,
      budget: 1,
      block_payment: 1,
      benchmark_consent: 1,
      kpi_definition: 1,
      kpi_return: 1,
      benchmark_figure: 1,
      network_meeting: 1,
      meeting_action: 1,
      benchmark_pack: 1,
      benchmark_pack_view: 1,
      return_review: 1,
      options_appraisal: 1,
      demand_model: 1,
      business_case: 1,
      risk: 1,
      risk_rag_matrix: 1,
      cost_model: 1,
      cost_model_version: 1,
      fair_cost_exercise: 1,
      fair_cost_submission: 1,
      actual_rate: 1,
      shared_rate: 1,
      idempotency_key: 1,
      provider_membership: 1,
      message: 1,
      provider_idempotency_key: 1,
      provider_person_link: 1,
      provider_claim: 1,
      provider_document: 1,
      provider_audit_event: 1,
      reminder_sent: 1,
      procurement_notice: 1,
      provider_application: 1,
      clarification: 1,
      clarification_question: 1,
    });
  });

  it('every insert in the matrix is a valid row: the owner can add it (so a denial is the policy, not a constraint)', async () => {
    for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) {
      const result = await db
        .transaction()
        .execute(async (trx) => {
          const inserted = await TARGETS[table].insert(trx);
          throw new Rollback(inserted);
        })
        .catch((error: unknown) => (error instanceof Rollback ? 'inserted' : `error: ${(error as Error).message}`));
      expect({ table, result }).toEqual({ table, result: 'inserted' });
    }
  });

  it('the contexts are live: each acting authority sees its own memberships and exactly its own partnerships', async () => {
    const seen: Record<string, { memberships: number; partnerships: string[] }> = {};
    for (const context of ['own', 'colleague', 'partner', 'peninsula', 'kent'] as const) {
      seen[context] = await inTenant(db, settings[context], async (trx) => ({
        memberships: (await trx.selectFrom('membership').select(count).executeTakeFirstOrThrow()).n,
        partnerships: (await trx.selectFrom('partnership').select('name').orderBy('name').execute()).map((p) => p.name),
      }));
    }
    expect(seen).toEqual({
      own: { memberships: 4, partnerships: ['LCR Tripartite'] },
      colleague: { memberships: 4, partnerships: ['LCR Tripartite'] },
      // Liverpool: commissioner, viewer, and the contract officer who evaluates the Tripartite procurement.
      partner: { memberships: 3, partnerships: ['LCR Tripartite'] },
      peninsula: { memberships: 4, partnerships: ['South West Peninsula'] },
      kent: { memberships: 2, partnerships: [] },
    });
  });
});

describe('table-level tenancy matrix', () => {
  for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) {
    for (const operation of OPERATIONS) {
      it(`${table} ${operation}`, async () => {
        const actual: Record<string, string> = {};
        for (const context of CONTEXT_NAMES) {
          actual[context] = outcome(table, operation, await attempt(context, (trx) => TARGETS[table][operation](trx)));
        }
        expect(actual).toEqual(TABLE_MATRIX[table][operation]);
      });
    }
  }

  it('Plymouth sees none of the LCR Tripartite rows in any partnership table, but does see its own partnership', async () => {
    const seen = await inTenant(db, settings.peninsula, async (trx) => ({
      partnership: (await trx.selectFrom('partnership').select(count).where('id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      partnership_member: (await trx.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      partnership_role: (await trx.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      peninsulaMembers: (await trx.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.peninsula).executeTakeFirstOrThrow()).n,
      peninsulaRoles: (await trx.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.peninsula).executeTakeFirstOrThrow()).n,
    }));
    expect(seen).toEqual({ partnership: 0, partnership_member: 0, partnership_role: 0, peninsulaMembers: 5, peninsulaRoles: 5 });
  });

  it('the attempts left nothing behind: every write was rolled back', async () => {
    const now: Record<string, number> = {};
    for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) now[table] = await TARGETS[table].select(db);
    expect(now).toEqual(targetRows);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE procedure = 'matrix.insert'`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });
});

// ── Business cases (issue 7): Sefton's own appraisal, demand model, business case, risk and RAG matrix ─────────

const bfx = { appraisal: '', demandModel: '', businessCase: '', risk: '' };
const riskRow = () => ({ ...seftonRow(), subject_kind: 'business_case' as const, subject_id: bfx.businessCase, description: 'Matrix risk', before_likelihood: 3, before_impact: 3, after_likelihood: 2, after_impact: 2 });

async function makeBusinessCaseFixtures(): Promise<void> {
  const scale = JSON.stringify({ min: 0, max: 3, descriptors: [] });
  bfx.appraisal = (await db.insertInto('options_appraisal').values({ ...seftonRow(), title: 'Matrix appraisal', scale }).returning('id').executeTakeFirstOrThrow()).id;
  bfx.demandModel = (await db.selectFrom('demand_model').select('id').where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).id;
  bfx.businessCase = (await db.insertInto('business_case').values({ ...seftonRow(), title: 'Matrix case' }).returning('id').executeTakeFirstOrThrow()).id;
  bfx.risk = (await db.insertInto('risk').values(riskRow()).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('risk_rag_matrix').values({ ...seftonRow(), matrix: JSON.stringify([]) }).execute();
}

function businessCaseTargets() {
  const byId = <T extends 'options_appraisal' | 'demand_model' | 'business_case' | 'risk'>(
    table: T,
    id: () => string,
    update: (t: Kysely<Database>) => Promise<number>,
    insert: (t: Kysely<Database>) => Promise<unknown>,
  ): Target => ({
    select: async (t) => (await t.selectFrom(table as 'risk').select(count).where('id', '=', id()).executeTakeFirstOrThrow()).n,
    insert,
    update,
    delete: async (t) => affected(await t.deleteFrom(table as 'risk').where('id', '=', id()).execute()),
  });
  return {
    options_appraisal: byId(
      'options_appraisal',
      () => bfx.appraisal,
      async (t) => affected(await t.updateTable('options_appraisal').set({ title: 'Renamed' }).where('id', '=', bfx.appraisal).execute()),
      (t) => t.insertInto('options_appraisal').values({ ...seftonRow(), title: 'Another', scale: JSON.stringify({ min: 0, max: 3, descriptors: [] }) }).execute(),
    ),
    demand_model: byId(
      'demand_model',
      () => bfx.demandModel,
      async (t) => affected(await t.updateTable('demand_model').set({ title: 'Renamed' }).where('id', '=', bfx.demandModel).execute()),
      (t) => t.insertInto('demand_model').values({ ...seftonRow(), title: 'Another', age_band: '75+', prevalence_source: 'Matrix', prevalence: '[]', population_source: 'entered' }).execute(),
    ),
    business_case: byId(
      'business_case',
      () => bfx.businessCase,
      async (t) => affected(await t.updateTable('business_case').set({ title: 'Renamed' }).where('id', '=', bfx.businessCase).execute()),
      (t) => t.insertInto('business_case').values({ ...seftonRow(), title: 'Another' }).execute(),
    ),
    risk: byId(
      'risk',
      () => bfx.risk,
      async (t) => affected(await t.updateTable('risk').set({ owner: 'Matrix owner' }).where('id', '=', bfx.risk).execute()),
      (t) => t.insertInto('risk').values(riskRow()).execute(),
    ),
    risk_rag_matrix: {
      select: async (t) => (await t.selectFrom('risk_rag_matrix').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
      // Sefton has one matrix: an insert replaces it (upsert), as the API does.
      insert: (t) =>
        t
          .insertInto('risk_rag_matrix')
          .values({ ...seftonRow(), matrix: '[]' })
          .onConflict((oc) => oc.column('authority_id').doUpdateSet({ matrix: '[]' }))
          .execute(),
      update: async (t) => affected(await t.updateTable('risk_rag_matrix').set({ matrix: '[]' }).where('authority_id', '=', SEFTON).execute()),
      delete: async (t) => affected(await t.deleteFrom('risk_rag_matrix').where('authority_id', '=', SEFTON).execute()),
    } satisfies Target,
  };
}

// ── Personal API tokens (issue 6, migration 0009): Sefton's commissioner's, a colleague's and Kent's ─────────

const apiTokenRow = (user: string, authority: string, hash = randomBytes(32).toString('hex')) => ({ authority_id: authority, user_id: user, label: 'Matrix token', token_hash: hash, expires_at: inHour() });

async function makeApiTokenFixtures(): Promise<void> {
  await db
    .insertInto('api_token')
    .values([
      apiTokenRow(ids.seftonCommissioner, SEFTON, TARGET_API_TOKEN_HASH),
      apiTokenRow(ids.seftonViewer, SEFTON),
      apiTokenRow(ids.kentCommissioner, KENT),
    ])
    .execute();
}

// ── Form keys (issue 12, migration 0014): Sefton's and Kent's ─────────────────────────────────────────────

const SEFTON_FORM_KEY = '0f5e2c9a-7d1b-4c3e-9a6f-3b8d2e1c4a70';
const formKeyRow = (authority: string, key: string = randomUUID()) => ({ authority_id: authority, key, procedure: 'budget.addBlockPayment', user_id: null, result: '{"id":"matrix"}' });

async function makeIdempotencyFixtures(): Promise<void> {
  await db.insertInto('idempotency_key').values([formKeyRow(SEFTON, SEFTON_FORM_KEY), formKeyRow(KENT)]).execute();
}

function idempotencyTargets() {
  return {
    idempotency_key: {
      select: async (t) => (await t.selectFrom('idempotency_key').select(count).where('key', '=', SEFTON_FORM_KEY).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('idempotency_key').values(formKeyRow(SEFTON)).execute(),
      update: async (t) => affected(await t.updateTable('idempotency_key').set({ result: '{"id":"again"}' }).where('key', '=', SEFTON_FORM_KEY).execute()),
      delete: async (t) => affected(await t.deleteFrom('idempotency_key').where('key', '=', SEFTON_FORM_KEY).execute()),
    } satisfies Target,
  };
}

function apiTokenTargets() {
  return {
    api_token: {
      select: async (t) => (await t.selectFrom('api_token').select(count).where('user_id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('api_token').values(apiTokenRow(ids.seftonCommissioner, SEFTON)).execute(),
      update: async (t) => affected(await t.updateTable('api_token').set({ revoked_at: new Date() }).where('user_id', '=', ids.seftonCommissioner).execute()),
      delete: async (t) => affected(await t.deleteFrom('api_token').where('user_id', '=', ids.seftonCommissioner).execute()),
    } satisfies Target,
  };
}

// ── Two-step verification (issue 10, item 3, migration 0020): Sefton's commissioner's and Kent's commissioner's ──

const twoStepRow = (user: string) => ({ user_id: user, secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', created_at: new Date(), enabled_at: new Date() });

async function makeTwoStepFixtures(): Promise<void> {
  await db.insertInto('two_step').values([twoStepRow(ids.seftonCommissioner), twoStepRow(ids.kentCommissioner)]).execute();
}

function twoStepTargets() {
  return {
    two_step: {
      select: async (t) => (await t.selectFrom('two_step').select(count).where('user_id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
      // One row per person: the insert meets the target row, so it is an insert-or-update of it.
      insert: (t) =>
        t
          .insertInto('two_step')
          .values(twoStepRow(ids.seftonCommissioner))
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_used_step: 1 }))
          .execute(),
      update: async (t) => affected(await t.updateTable('two_step').set({ last_used_step: 2 }).where('user_id', '=', ids.seftonCommissioner).execute()),
      delete: async (t) => affected(await t.deleteFrom('two_step').where('user_id', '=', ids.seftonCommissioner).execute()),
    } satisfies Target,
  };
}

// ── The version of a person's roles (issue 12, item 4, migration 0047): Sefton's commissioner's ─────────────────

async function makeMembershipVersionFixtures(): Promise<void> {
  await db.insertInto('membership_version').values({ authority_id: SEFTON, user_id: ids.seftonCommissioner }).execute();
}

function membershipVersionTargets() {
  const mine = (t: Kysely<Database>) => t.selectFrom('membership_version').where('authority_id', '=', SEFTON).where('user_id', '=', ids.seftonCommissioner);
  return {
    membership_version: {
      select: async (t) => (await mine(t).select(count).executeTakeFirstOrThrow()).n,
      // One row per person: the insert meets the target row, so it is an insert-or-update of it, as people.setRoles does.
      insert: (t) =>
        t
          .insertInto('membership_version')
          .values({ authority_id: SEFTON, user_id: ids.seftonCommissioner })
          .onConflict((oc) => oc.columns(['authority_id', 'user_id']).doUpdateSet({ user_id: ids.seftonCommissioner }))
          .execute(),
      update: async (t) => affected(await t.updateTable('membership_version').set({ user_id: ids.seftonCommissioner }).where('authority_id', '=', SEFTON).where('user_id', '=', ids.seftonCommissioner).execute()),
      delete: async (t) => affected(await t.deleteFrom('membership_version').where('authority_id', '=', SEFTON).where('user_id', '=', ids.seftonCommissioner).execute()),
    } satisfies Target,
  };
}

// ── The version of a member's partnership roles (issue 12, item 4, migration 0050): Sefton's in the Tripartite ──

async function makePartnershipRoleVersionFixtures(): Promise<void> {
  await db.insertInto('partnership_role_version').values({ authority_id: SEFTON, partnership_id: ids.tripartite }).onConflict((oc) => oc.doNothing()).execute();
}

function partnershipRoleVersionTargets() {
  return {
    partnership_role_version: {
      select: async (t) =>
        (await t.selectFrom('partnership_role_version').select(count).where('authority_id', '=', SEFTON).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      // One row per member: the insert meets the target row, so it is an insert-or-update of it, as partnership.nameRole does.
      insert: (t) =>
        t
          .insertInto('partnership_role_version')
          .values({ authority_id: SEFTON, partnership_id: ids.tripartite })
          .onConflict((oc) => oc.columns(['authority_id', 'partnership_id']).doUpdateSet({ partnership_id: ids.tripartite }))
          .execute(),
      update: async (t) =>
        affected(await t.updateTable('partnership_role_version').set({ partnership_id: ids.tripartite }).where('authority_id', '=', SEFTON).where('partnership_id', '=', ids.tripartite).execute()),
      delete: async (t) => affected(await t.deleteFrom('partnership_role_version').where('authority_id', '=', SEFTON).where('partnership_id', '=', ids.tripartite).execute()),
    } satisfies Target,
  };
}

// ── Provider organisations (issue 11, migration 0026): the matrix provider's person, messages and form keys ──

const PROVIDER_FORM_KEY = '5b2d7c1e-3f4a-4e8b-9c6d-1a2b3c4d5e6f';
const providerFormKeyRow = (key: string = randomUUID()) => ({ provider_id: fx.provider, key, procedure: 'organisation.update', user_id: null, result: '{"id":"matrix"}' });

async function makeProviderTenancyFixtures(): Promise<void> {
  const person = await db
    .insertInto('app_user')
    .values({ email: 'matrix.provider@homecare.example', display_name: 'Matrix Provider Person', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.providerPerson = person.id;
  await db.insertInto('provider_membership').values({ provider_id: fx.provider, user_id: person.id, role: 'provider_admin' }).execute();
  await db.insertInto('message').values({ authority_id: SEFTON, from_provider_id: fx.provider, kind: 'matrix', subject: 'Matrix message', body: 'To Sefton' }).execute();
  await db.insertInto('provider_idempotency_key').values(providerFormKeyRow(PROVIDER_FORM_KEY)).execute();
}

function providerTenancyTargets() {
  return {
    provider_membership: {
      select: async (t) => (await t.selectFrom('provider_membership').select(count).where('user_id', '=', ids.providerPerson).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('provider_membership').values({ provider_id: fx.provider, user_id: ids.providerPerson, role: 'bid_writer' }).execute(),
      update: async (t) => affected(await t.updateTable('provider_membership').set({ role: 'provider_admin' }).where('user_id', '=', ids.providerPerson).execute()),
      delete: async (t) => affected(await t.deleteFrom('provider_membership').where('user_id', '=', ids.providerPerson).execute()),
    } satisfies Target,
    message: {
      select: async (t) => (await t.selectFrom('message').select(count).where('subject', '=', 'Matrix message').executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('message').values({ provider_id: fx.provider, from_authority_id: SEFTON, kind: 'matrix', subject: 'Matrix reply', body: 'From Sefton' }).execute(),
      update: async (t) => affected(await t.updateTable('message').set({ read_at: new Date() }).where('subject', '=', 'Matrix message').execute()),
      delete: async (t) => affected(await t.deleteFrom('message').where('subject', '=', 'Matrix message').execute()),
    } satisfies Target,
    provider_idempotency_key: {
      select: async (t) => (await t.selectFrom('provider_idempotency_key').select(count).where('key', '=', PROVIDER_FORM_KEY).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('provider_idempotency_key').values(providerFormKeyRow()).execute(),
      update: async (t) => affected(await t.updateTable('provider_idempotency_key').set({ result: '{"id":"again"}' }).where('key', '=', PROVIDER_FORM_KEY).execute()),
      delete: async (t) => affected(await t.deleteFrom('provider_idempotency_key').where('key', '=', PROVIDER_FORM_KEY).execute()),
    } satisfies Target,
  };
}

// ── People of a provider organisation (issue 11, migration 0029): a pending invitation of the matrix provider's ──

const providerLinkRow = () => ({
  provider_id: fx.provider,
  email: `invited.${randomUUID()}@homecare.example`,
  roles: ['bid_writer' as const],
  token_hash: randomUUID(),
  created_by: ids.providerPerson,
  created_at: new Date(),
  expires_at: new Date(Date.now() + 86_400_000),
});

const providerClaimRow = (legalName: string, userId = ids.platformAdmin) => ({
  provider_id: fx.provider,
  user_id: userId,
  claimant_name: 'Matrix Claimant',
  claimant_email: 'claimant@homecare.example',
  legal_name: legalName,
});

async function makeProviderPeopleFixtures(): Promise<void> {
  await db.insertInto('provider_person_link').values({ ...providerLinkRow(), email: 'matrix.invited@homecare.example' }).execute();
  await db.insertInto('provider_claim').values(providerClaimRow('Matrix claim')).execute();
}

function providerPeopleTargets() {
  const target = (t: Kysely<Database>) => t.selectFrom('provider_person_link').where('email', '=', 'matrix.invited@homecare.example');
  return {
    provider_person_link: {
      select: async (t) => (await target(t).select(count).executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('provider_person_link').values(providerLinkRow()).execute(),
      update: async (t) => affected(await t.updateTable('provider_person_link').set({ cancelled_at: new Date() }).where('email', '=', 'matrix.invited@homecare.example').execute()),
      delete: async (t) => affected(await t.deleteFrom('provider_person_link').where('email', '=', 'matrix.invited@homecare.example').execute()),
    } satisfies Target,
    provider_claim: {
      select: async (t) => (await t.selectFrom('provider_claim').select(count).where('legal_name', '=', 'Matrix claim').executeTakeFirstOrThrow()).n,
      insert: (t) => t.insertInto('provider_claim').values(providerClaimRow('Matrix second claim', ids.kentCommissioner)).execute(),
      update: async (t) =>
        affected(await t.updateTable('provider_claim').set({ status: 'refused', decided_by_authority_id: SEFTON, decided_at: new Date(), reason: 'Matrix' }).where('legal_name', '=', 'Matrix claim').execute()),
      delete: async (t) => affected(await t.deleteFrom('provider_claim').where('legal_name', '=', 'Matrix claim').execute()),
    } satisfies Target,
  };
}
