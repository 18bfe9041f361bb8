import type { Database, ProcurementRoute, ProcurementStatus } from '@concord/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { GSS } from './api.ts';

/**
 * Joint-procurement fixtures for tests, written with the owner connection (row-level security does not
 * bind it), each one fresh so that a test may change or delete it. All belong to the LCR Tripartite and are
 * led by Liverpool, like the seeded Extra Care PDPS.
 */

export const TRIPARTITE = 'LCR Tripartite';
export const LIVERPOOL_COMMISSIONER = 'commissioner.liverpool@concord.example';
export const LIVERPOOL_OFFICER = 'officer.liverpool@concord.example';
export const LIVERPOOL_VIEWER = 'viewer.liverpool@concord.example';
export const SEFTON_COMMISSIONER = 'commissioner.sefton@concord.example';
export const PLYMOUTH_COMMISSIONER = 'commissioner.plymouth@concord.example';
export const KENT_COMMISSIONER = 'commissioner.kent@concord.example';

export async function partnershipIdOf(db: Kysely<Database>, name = TRIPARTITE): Promise<string> {
  return (await db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function userIdOf(db: Kysely<Database>, email: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** The seeded Tripartite Extra Care PDPS. */
export async function seededTripartite(db: Kysely<Database>): Promise<{ id: string; lotIds: string[]; entryIds: string[] }> {
  const p = await db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow();
  const lots = await db.selectFrom('lot').select('id').where('procurement_id', '=', p.id).orderBy('number').execute();
  const entries = await db.selectFrom('approved_list_entry').select('id').where('procurement_id', '=', p.id).execute();
  return { id: p.id, lotIds: lots.map((l) => l.id), entryIds: entries.map((e) => e.id) };
}

let serial = 0;
const next = () => `${Date.now().toString(36)}-${++serial}`;

export interface FixtureProcurement {
  id: string;
  partnershipId: string;
  specificationId: string;
  publishedVersionId: string;
  lotIds: string[];
  criterionIds: { quality: string; price: string; socialValue: string };
  questionIds: string[];
}

/**
 * A Tripartite procurement at the given stage: a published specification version chosen, buyer Liverpool
 * and Sefton, two lots, complete criteria (quality 60, price 30, social value 10) and two gateway questions.
 */
export async function fixtureProcurement(
  db: Kysely<Database>,
  options: { status?: ProcurementStatus; route?: ProcurementRoute } = {},
): Promise<FixtureProcurement> {
  const partnershipId = await partnershipIdOf(db);
  const base = { authority_id: GSS.liverpool, partnership_id: partnershipId };
  const tag = next();
  const spec = await db.insertInto('specification').values({ ...base, title: `Fixture specification ${tag}`, service_type: 'extra_care' }).returning('id').executeTakeFirstOrThrow();
  const version = await db
    .insertInto('specification_version')
    .values({
      ...base,
      specification_id: spec.id,
      version: 1,
      status: 'published',
      sections: JSON.stringify([
        { key: 'outcomes', heading: 'Outcomes', body: 'People live independently.' },
        { key: 'quality', heading: 'Quality', body: 'Rated Good or better.' },
      ]),
      change_note: 'First version',
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procurement = await db
    .insertInto('procurement')
    .values({
      ...base,
      reference: `FX-${tag}`.toUpperCase(),
      title: `Fixture procurement ${tag}`,
      service_type: 'extra_care',
      route: options.route ?? 'pdps',
      regime: 'procurement_act_2023',
      status: options.status ?? 'draft',
      specification_id: spec.id,
      // Published (or later): it was published with version 1.
      specification_version_id: ['draft', 'market_engagement'].includes(options.status ?? 'draft') ? null : version.id,
      scale_descriptors: JSON.stringify([0, 1, 2, 3, 4, 5].map((score) => ({ score, descriptor: `Score ${score}` }))),
      quality_threshold_percent: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const child = { ...base, procurement_id: procurement.id };
  await db
    .insertInto('procurement_buyer')
    .values([GSS.liverpool, GSS.sefton].map((buyer) => ({ ...child, buyer_authority_id: buyer })))
    .execute();
  const lots = await db
    .insertInto('lot')
    .values([1, 2].map((number) => ({ ...child, number, name: `Fixture lot ${number}`, basis: 'geography' as const, estimated_volume: 50, volume_unit: 'units' as const })))
    .returning(['id', 'number'])
    .execute();
  const criteria = await db
    .insertInto('evaluation_criterion')
    .values([
      { ...child, kind: 'quality', name: 'Quality', weight_percent: 60, position: 0 },
      { ...child, kind: 'price', name: 'Price', weight_percent: 30, position: 1 },
      { ...child, kind: 'social_value', name: 'Social value', weight_percent: 10, position: 2 },
    ])
    .returning(['id', 'kind'])
    .execute();
  const questions = await db
    .insertInto('gateway_question')
    .values([
      { ...child, question: 'Registered with the CQC', position: 0 },
      { ...child, question: 'Insured', position: 1 },
    ])
    .returning(['id', 'position'])
    .execute();
  const criterion = (kind: string) => criteria.find((c) => c.kind === kind)!.id;
  return {
    id: procurement.id,
    partnershipId,
    specificationId: spec.id,
    publishedVersionId: version.id,
    lotIds: lots.sort((a, b) => a.number - b.number).map((l) => l.id),
    criterionIds: { quality: criterion('quality'), price: criterion('price'), socialValue: criterion('social_value') },
    questionIds: questions.sort((a, b) => a.position - b.position).map((q) => q.id),
  };
}

export async function fixtureProvider(db: Kysely<Database>, name = `Fixture Care ${next()} Ltd`): Promise<string> {
  return (await db.insertInto('provider').values({ legal_name: name }).returning('id').executeTakeFirstOrThrow()).id;
}

/** An application (received) to the first lot, optionally with one evaluator score for the quality criterion. */
export async function fixtureApplication(
  db: Kysely<Database>,
  p: FixtureProcurement,
  options: { providerId?: string; scoredBy?: string; bidPricePence?: number } = {},
): Promise<string> {
  const providerId = options.providerId ?? (await fixtureProvider(db));
  const application = await db
    .insertInto('application')
    .values({ authority_id: GSS.liverpool, procurement_id: p.id, provider_id: providerId, received_on: '2024-05-01', bid_price_pence: options.bidPricePence ?? 1700 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('application_lot').values({ authority_id: GSS.liverpool, application_id: application.id, lot_id: p.lotIds[0]! }).execute();
  if (options.scoredBy) {
    await db
      .insertInto('evaluation_score')
      .values({ authority_id: GSS.liverpool, application_id: application.id, criterion_id: p.criterionIds.quality, evaluator_id: options.scoredBy, score: 3, rationale: 'Fixture' })
      .execute();
  }
  return application.id;
}

/** An active approved-list entry on the first lot, admitted a year ago, with its 'admitted' event. */
export async function fixtureEntry(db: Kysely<Database>, p: FixtureProcurement, recordedBy: string, providerId?: string): Promise<string> {
  const admittedOn = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const entry = await db
    .insertInto('approved_list_entry')
    .values({
      authority_id: GSS.liverpool,
      partnership_id: p.partnershipId,
      procurement_id: p.id,
      lot_id: p.lotIds[0]!,
      provider_id: providerId ?? (await fixtureProvider(db)),
      admitted_on: admittedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('approved_list_event')
    .values({ authority_id: GSS.liverpool, partnership_id: p.partnershipId, entry_id: entry.id, action: 'admitted', effective_on: admittedOn, reason: 'Fixture', recorded_by: recordedBy })
    .execute();
  return entry.id;
}

/** A Tripartite specification with a published version 1 and, optionally, a draft version 2. */
export async function fixtureSpecification(db: Kysely<Database>, options: { draft?: boolean } = {}): Promise<{ id: string; v1: string; v2: string | null }> {
  const partnershipId = await partnershipIdOf(db);
  const base = { authority_id: GSS.liverpool, partnership_id: partnershipId };
  const spec = await db.insertInto('specification').values({ ...base, title: `Fixture specification ${next()}`, service_type: 'extra_care' }).returning('id').executeTakeFirstOrThrow();
  const v1 = await db
    .insertInto('specification_version')
    .values({
      ...base,
      specification_id: spec.id,
      version: 1,
      status: 'published',
      sections: JSON.stringify([{ key: 'outcomes', heading: 'Outcomes', body: 'One\nTwo' }]),
      change_note: 'First version',
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let v2: string | null = null;
  if (options.draft) {
    v2 = (
      await db
        .insertInto('specification_version')
        .values({
          ...base,
          specification_id: spec.id,
          version: 2,
          sections: JSON.stringify([
            { key: 'outcomes', heading: 'Outcomes', body: 'One\nTwo and a half' },
            { key: 'workforce', heading: 'Workforce', body: 'Trained staff.' },
          ]),
          change_note: 'Workforce added',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  return { id: spec.id, v1: v1.id, v2 };
}

/** Row counts of every procurement table, as the owner sees them: to assert that a refused call wrote nothing. */
export async function procurementRowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = [
    'provider',
    'provider_location',
    'specification',
    'specification_version',
    'procurement',
    'procurement_buyer',
    'procurement_decision',
    'procurement_milestone',
    'lot',
    'evaluation_criterion',
    'gateway_question',
    'reopening',
    'application',
    'application_lot',
    'gateway_answer',
    'evaluation_score',
    'moderated_score',
    'approved_list_entry',
    'approved_list_event',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** A digest of every procurement table's contents: to assert that a refused call changed nothing either. */
export async function procurementSnapshot(db: Kysely<Database>): Promise<string> {
  return tablesSnapshot(db, Object.keys(await procurementRowCounts(db)));
}

/** A digest of the named tables' contents (read as the owner): equal before and after means nothing changed. */
export async function tablesSnapshot(db: Kysely<Database>, tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ d: string | null }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM ${sql.table(table)} t`.execute(db);
    parts.push(`${table}:${rows[0]!.d ?? 'empty'}`);
  }
  return parts.join('\n');
}

/** The TRPCError a call failed with (fails the test if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<{ code: string; message: string; field: string | null }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { field?: unknown; issues?: { path: PropertyKey[] }[] } | undefined;
    const field =
      typeof cause?.field === 'string' ? cause.field : Array.isArray(cause?.issues) && cause.issues[0] ? cause.issues[0].path.map(String).join('.') : null;
    return { code: error.code, message: error.message, field };
  }
  throw new Error('expected the call to fail');
}

/** Runs a call that must be refused and checks that what `snapshot` reads is the same after: the refusal wrote nothing. */
export async function refusedUnchanged(snapshot: () => Promise<unknown>, call: () => Promise<unknown>): ReturnType<typeof failure> {
  const before = await snapshot();
  const refused = await failure(call());
  expect(await snapshot()).toEqual(before);
  return refused;
}
