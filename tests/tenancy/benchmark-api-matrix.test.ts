import { randomUUID } from 'node:crypto';
import { appRouter } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, LIVERPOOL_VIEWER, PLYMOUTH_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import { PROCUREMENT_ACTORS, type ProcurementActor } from './api-matrix.ts';
import { BENCHMARK_MATRIX } from './benchmark-matrix.ts';

const EMAIL: Record<Exclude<ProcurementActor, 'signedOut'>, string> = {
  lead: LIVERPOOL_COMMISSIONER,
  leadOfficer: LIVERPOOL_OFFICER,
  leadViewer: LIVERPOOL_VIEWER,
  partner: SEFTON_COMMISSIONER,
  outsider: PLYMOUTH_COMMISSIONER,
  admin: 'admin@concord.example',
};
const AUTHORITY_OF: Record<string, string> = { lead: GSS.liverpool, leadOfficer: GSS.liverpool, leadViewer: GSS.liverpool, partner: GSS.sefton, outsider: GSS.plymouth };

let connection: Connection;
let tripartite: string;
let kpiId: string;
let meetingId: string;
let packId: string;
const db = () => connection.db;

/** A single-area ONS MYE2 file: 1,000 people at each single year of age 0–89 and 5,000 aged 90+. */
function mye(codes: string[]): string {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  const rows = codes.map((c) => [c, `Area ${c}`, 'Unitary Authority', String(95_000), ...Array.from({ length: 90 }, () => '1000'), '5000']);
  return [header, ...rows].map((r) => r.join(',')).join('\n');
}

/** A fresh Tripartite meeting (as the owner), so a write that succeeds changes nothing the next cell meets. */
async function fixtureMeeting(): Promise<string> {
  return (
    await db()
      .insertInto('network_meeting')
      .values({ authority_id: GSS.liverpool, partnership_id: tripartite, held_on: '2026-10-01', title: `Matrix meeting ${Math.random()}` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** One Shared Lives placement of the actor's authority (as the owner), so SL-01 has something to count. */
async function ownSharedLivesPlacement(actor: ProcurementActor): Promise<void> {
  const authorityId = AUTHORITY_OF[actor];
  if (!authorityId) return;
  const provider = await db().selectFrom('provider').select('id').orderBy('legal_name').executeTakeFirstOrThrow();
  await db()
    .insertInto('placement')
    .values({ authority_id: authorityId, reference: 'MX-SL-0001', provider_id: provider.id, service_type: 'shared_lives', in_area: true, funding_route: 'council_commissioned', start_date: '2018-01-01', weekly_cost_pence: 24_500 })
    .onConflict((oc) => oc.columns(['authority_id', 'reference']).doNothing())
    .execute();
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  tripartite = (await db().selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
  kpiId = (await db().selectFrom('kpi_definition').select('id').where('partnership_id', '=', tripartite).where('code', '=', 'SL-01').executeTakeFirstOrThrow()).id;
  meetingId = (await db().selectFrom('network_meeting').select('id').where('partnership_id', '=', tripartite).orderBy('held_on').executeTakeFirstOrThrow()).id;
  const lead = callerFor(connection, (await signIn(connection, LIVERPOOL_COMMISSIONER)).session);
  packId = (await lead.meeting.issuePack({ meetingId, kpiCodes: ['SL-01'] })).id;
});
afterAll(() => connection.close());

type Caller = ReturnType<typeof callerFor>;
type Call = (c: Caller, actor: ProcurementActor) => Promise<unknown>;
let period = 0;
/** A period with no return yet for anyone: each successful submit uses its own month. */
const freshMonth = () => {
  const d = new Date(Date.UTC(2019, 3 + period++, 1));
  return d.toISOString().slice(0, 10);
};

const CALLS: Record<string, Call> = {
  'kpi.list': async (c) => {
    const lib = await c.kpi.list({ partnershipId: tripartite });
    expect(lib.partnerships[0]!.kpis.map((k) => k.code)).toContain('SL-01');
  },
  'kpi.history': (c) => c.kpi.history({ kpiId }),
  'kpi.save': (c) =>
    c.kpi.save({ idempotencyKey: randomUUID(), partnershipId: tripartite, code: `MX-${period++}`, name: 'Matrix KPI', definition: 'Matrix', unit: 'count', direction: 'neither', frequency: 'quarterly', firstPeriod: '2024-04-01' }),
  'return.due': (c) => c.return.due(),
  'return.list': async (c, actor) => {
    const list = await c.return.list({ partnershipId: tripartite });
    expect(list.entries.length > 0).toBe(actor !== 'outsider');
  },
  'return.filters': async (c) => {
    const filters = await c.return.filters({ partnershipId: tripartite });
    expect(filters.kpis.map((k) => k.code)).toContain('SL-01');
  },
  'return.submit': async (c) => {
    // SL-01 starts in April 2022; move the KPI's first period back for the matrix.
    await db().updateTable('kpi_definition').set({ first_period: '2019-04-01' }).where('id', '=', kpiId).execute();
    return c.return.submit({ partnershipId: tripartite, kpiCode: 'SL-01', period: freshMonth(), value: 30, version: null });
  },
  'return.upload': async (c) => {
    await db().updateTable('kpi_definition').set({ first_period: '2019-04-01' }).where('id', '=', kpiId).execute();
    const csv = `kpi_code,period,value\nSL-01,${freshMonth()},31\n`;
    return c.return.upload({ partnershipId: tripartite, format: 'csv', contentBase64: Buffer.from(csv).toString('base64') });
  },
  'return.derive': async (c, actor) => {
    await ownSharedLivesPlacement(actor);
    const d = await c.return.derive({ partnershipId: tripartite, kpiCode: 'SL-01', period: '2026-08-01' });
    expect(d.value).toBeGreaterThan(0);
  },
  'return.submitDerived': async (c, actor) => {
    await ownSharedLivesPlacement(actor);
    await db().updateTable('kpi_definition').set({ first_period: '2019-04-01' }).where('id', '=', kpiId).execute();
    return c.return.submitDerived({ partnershipId: tripartite, kpiCode: 'SL-01', period: freshMonth(), version: null });
  },
  'return.reviews': (c) => c.return.reviews({ partnershipId: tripartite }),
  // Sefton's published SL-01 figure for September 2026 (demo returns).
  'return.review': (c) => c.return.review({ partnershipId: tripartite, authorityId: GSS.sefton, kpiCode: 'SL-01', period: '2026-09-01', status: 'queried', reason: 'Matrix query' }),
  'return.reviewQueue': async (c) => {
    const queue = await c.return.reviewQueue({ partnershipId: tripartite, kpiCode: 'SL-01', period: '2026-09-01' });
    expect(queue.members.find((m) => m.authorityId === GSS.sefton)?.value).toEqual(expect.any(Number));
  },
  'population.list': (c) => c.population.list({ authorityIds: [GSS.sefton] }),
  'population.import': (c) => c.population.import({ year: 2023, csv: mye([GSS.liverpool, GSS.sefton, GSS.plymouth]) }),
  'benchmark.get': async (c, actor) => {
    const b = await c.benchmark.get({ partnershipId: tripartite, kpiCode: 'SL-01', period: '2026-09-01' });
    expect(b.rows.find((r) => r.isMe)?.authorityId).toBe(AUTHORITY_OF[actor]);
  },
  'benchmark.export': (c) => c.benchmark.export({ partnershipId: tripartite, kpiCode: 'SL-01', period: '2026-09-01', format: 'csv' }),
  'benchmark.consent': (c) => c.benchmark.consent(),
  'benchmark.setConsent': (c) => c.benchmark.setConsent({ partnershipId: tripartite, mode: 'named' }),
  'meeting.list': (c) => c.meeting.list({ partnershipId: tripartite }),
  'meeting.get': (c) => c.meeting.get({ meetingId }),
  'meeting.create': (c) => c.meeting.create({ idempotencyKey: randomUUID(), partnershipId: tripartite, heldOn: '2026-12-01', title: 'Matrix meeting' }),
  'meeting.addAction': async (c) => c.meeting.addAction({ idempotencyKey: randomUUID(), meetingId: await fixtureMeeting(), ownerAuthorityId: GSS.sefton, description: 'Matrix', dueOn: '2026-12-01' }),
  'meeting.setActionStatus': async (c) => {
    const m = await fixtureMeeting();
    const a = await db()
      .insertInto('meeting_action')
      .values({ authority_id: GSS.liverpool, partnership_id: tripartite, meeting_id: m, owner_authority_id: GSS.sefton, description: 'Matrix', due_on: '2026-12-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return c.meeting.setActionStatus({ actionId: a.id, version: 1, status: 'done' });
  },
  'meeting.issuePack': async (c) => c.meeting.issuePack({ meetingId: await fixtureMeeting(), kpiCodes: ['PLC-01'] }),
  'meeting.pack': (c) => c.meeting.pack({ packId }),
  'meeting.exportPack': (c) => c.meeting.exportPack({ packId, format: 'csv' }),
};

describe('API tenancy matrix: KPIs, returns, population, benchmark, meetings (issue 6)', () => {
  it('has a call for every procedure it classifies, and classifies every procedure of its routers', () => {
    const mine = Object.keys(appRouter._def.procedures).filter((p) => /^(kpi|return|population|benchmark|meeting)\./.test(p));
    expect(Object.keys(BENCHMARK_MATRIX).sort()).toEqual(mine.sort());
    expect(Object.keys(CALLS).sort()).toEqual(mine.sort());
  });

  for (const [path, expectation] of Object.entries(BENCHMARK_MATRIX)) {
    for (const actor of PROCUREMENT_ACTORS) {
      const expected = expectation[actor];
      it(`${path} as ${actor}: ${expected}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        expect(await outcome(CALLS[path]!(callerFor(connection, me), actor))).toBe(expected);
      });
    }
  }
});
