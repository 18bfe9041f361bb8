import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { seftonCallOff, SPEC, tripartiteSeftonLot } from '../support/call-offs.ts';
import { fixtureContract, fixturePlacement, fixtureProvider } from '../support/contracts.ts';
import { PRIVATE_ACTORS, PRIVATE_MATRIX, type PrivateActor } from './private-matrix.ts';
import { monitoringReturnCalls } from './monitoring-return-calls.ts';
import { noticeCalls } from './notice-calls.ts';

const EMAIL: Record<Exclude<PrivateActor, 'signedOut'>, string> = {
  own: 'commissioner.sefton@concord.example',
  officer: 'officer.sefton@concord.example',
  viewer: 'viewer.sefton@concord.example',
  partner: 'commissioner.knowsley@concord.example',
  lead: 'commissioner.liverpool@concord.example',
  outsider: 'commissioner.kent@concord.example',
  admin: 'admin@concord.example',
};
const SEFTON_ACTORS: PrivateActor[] = ['own', 'officer', 'viewer'];

let connection: Connection;
const db = () => connection.db;
/** Sefton's rows every read looks for: a contract ending soon (so it warns), a placement, a budget. */
const sefton = { contract: '', contractReference: '', placement: '', placementReference: '', provider: '', providerName: '' };
/** A provider for the rows other callers create in their own authorities (home care, so Sefton's extra care stays Sefton's). */
const shared = { provider: '', name: 'Matrix Home Care for Anyone Ltd' };
const seftonOwn = { callOff: '' };

beforeAll(async () => {
  connection = await openSeededDatabase();
  sefton.providerName = 'Matrix Extra Care of Sefton Ltd';
  sefton.provider = await fixtureProvider(db(), sefton.providerName);
  shared.provider = await fixtureProvider(db(), shared.name);
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const c = await fixtureContract(db(), GSS.sefton, { providerId: sefton.provider, endDate: soon });
  sefton.contract = c.id;
  sefton.contractReference = c.reference;
  const p = await fixturePlacement(db(), GSS.sefton, { contractId: c.id, serviceType: 'extra_care' });
  sefton.placement = p.id;
  sefton.placementReference = p.reference;
  await db().insertInto('budget').values({ authority_id: GSS.sefton, service_type: 'extra_care', financial_year: 2024, amount_pence: 123_456_700 }).execute();
  seftonOwn.callOff = (await seftonCallOff(connection, 'mini_competition', { invite: true, respond: true })).id;
  await db()
    .insertInto('block_payment')
    .values({ authority_id: GSS.sefton, service_type: 'extra_care', financial_year: 2024, description: 'Matrix block payment', amount_pence: 1_000_000, due_on: '2024-07-01' })
    .execute();
});
afterAll(() => connection.close());

type Caller = ReturnType<typeof callerFor>;
type Call = (caller: Caller, actor: PrivateActor) => Promise<unknown>;
const isSefton = (actor: PrivateActor) => SEFTON_ACTORS.includes(actor);
const decision = { justification: 'Matrix', legalBasis: 'Matrix', decisionReference: 'Matrix decision', decidedOn: '2025-01-01' };
let budgetsSet = 0;
const freshContract = async () => (await fixtureContract(db(), GSS.sefton, { endDate: '2030-03-31' })).id;

const PRIVATE_CALLS: Record<string, Call> = {
  ...monitoringReturnCalls(() => ({ connection, isSefton: isSefton as (actor: never) => boolean })),
  ...noticeCalls(() => ({ connection, isSefton: isSefton as (actor: never) => boolean })),
  'contract.list': async (c, actor) => {
    const { contracts } = await c.contract.list();
    expect(contracts.some((x) => x.id === sefton.contract)).toBe(isSefton(actor));
  },
  'contract.get': async (c) => {
    const contract = await c.contract.get({ contractId: sefton.contract });
    expect(contract.placements.map((p) => p.reference)).toContain(sefton.placementReference);
  },
  'contract.warnings': async (c, actor) => {
    const { warnings } = await c.contract.warnings();
    expect(warnings.some((w) => w.contractId === sefton.contract && w.kind === 'ending_without_decision')).toBe(isSefton(actor));
  },
  'contract.continuations': async (c) => c.contract.continuations(),
  'contract.previewContinuation': async (c) => {
    const plan = await c.contract.previewContinuation({ contractIds: [await freshContract()], commonEndDate: '2030-06-30' });
    expect(plan.lines[0]!.extraDays).toBe(91);
  },
  'contract.create': async (c) =>
    c.contract.create({
      idempotencyKey: randomUUID(),
      reference: `MX-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      title: 'Matrix spot purchase',
      providerId: shared.provider,
      serviceType: 'home_care',
      source: 'spot_purchase',
      startDate: '2025-01-01',
      termMonths: 12,
      annualValuePence: 1_000_000,
    }),
  'contract.directAward': async (c) =>
    c.contract.directAward({
      idempotencyKey: randomUUID(),
      reference: `MX-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      title: 'Matrix direct award',
      providerId: shared.provider,
      serviceType: 'shared_lives',
      startDate: '2025-01-01',
      termMonths: 24,
      annualValuePence: 1_000_000,
      ...decision,
    }),
  'contract.update': async (c) => c.contract.update({ contractId: await freshContract(), version: 1, responsibleOfficer: 'Matrix officer' }),
  'contract.setRates': async (c) => c.contract.setRates({ contractId: await freshContract(), version: 1, reviewedOn: '2025-01-01', rates: [{ band: 'Standard', unit: 'hour', ratePence: 1_850 }] }),
  'contract.addVariation': async (c) =>
    c.contract.addVariation({ idempotencyKey: randomUUID(), contractId: await freshContract(), version: 1, kind: 'scope_change', effectiveOn: '2025-04-01', valueChangePence: 5_000, ...decision }),
  'contract.decideExtension': async (c) => {
    const contractId = await freshContract();
    const option = await db().selectFrom('contract_extension_option').select('id').where('contract_id', '=', contractId).executeTakeFirstOrThrow();
    return c.contract.decideExtension({ contractId, version: 1, optionId: option.id, decision: 'exercise', decisionReference: 'Matrix', decidedOn: '2025-01-01' });
  },
  'contract.recordEndDecision': async (c) => c.contract.recordEndDecision({ contractId: await freshContract(), version: 1, decision: 'recommission', decisionReference: 'Matrix', decidedOn: '2025-01-01' }),
  'contract.terminate': async (c) => c.contract.terminate({ contractId: await freshContract(), version: 1, terminatedOn: '2026-06-30', ...decision }),
  'contract.bulkContinue': async (c) => c.contract.bulkContinue({ idempotencyKey: randomUUID(), contractIds: [await freshContract(), await freshContract()], commonEndDate: '2030-06-30', ...decision }),
  'placement.list': async (c, actor) => {
    const { placements } = await c.placement.list({ filters: {}, limit: 1000, offset: 0 });
    expect(placements.some((p) => p.id === sefton.placement)).toBe(isSefton(actor));
  },
  'placement.get': async (c) => c.placement.get({ placementId: sefton.placement }),
  'placement.create': async (c) =>
    c.placement.create({
      idempotencyKey: randomUUID(),
      reference: `MX-${Math.random().toString(36).slice(2, 8).toUpperCase()}-1`,
      providerId: shared.provider,
      serviceType: 'home_care',
      inArea: true,
      fundingRoute: 'council_commissioned',
      startDate: '2025-01-01',
      weeklyCostPence: 25_000,
    }),
  'placement.update': async (c) => {
    const p = await fixturePlacement(db(), GSS.sefton);
    return c.placement.update({ placementId: p.id, version: 1, weeklyCostPence: 26_000 });
  },
  'placement.importCsv': async (c) => {
    const reference = `MX-${Math.random().toString(36).slice(2, 8).toUpperCase()}-2`;
    const csv = `reference,provider,service_type,in_area,funding_route,start_date,weekly_cost\n${reference},${shared.name},home_care,yes,council_commissioned,2025-01-01,250.00\n`;
    const result = await c.placement.importCsv({ csv, dryRun: false });
    expect(result.imported).toBe(1);
  },
  'placement.exportCsv': async (c, actor) => {
    const file = await c.placement.exportCsv();
    expect(file.body.includes(sefton.placementReference)).toBe(isSefton(actor));
  },
  'placement.exportXlsx': async (c, actor) => {
    const file = await c.placement.exportXlsx();
    if (isSefton(actor)) expect(file.rows).toBeGreaterThan(0);
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
  },
  'budget.list': async (c, actor) => {
    const { rows } = await c.budget.list({ financialYear: 2024, asOf: '2024-10-01' });
    expect(rows.some((r) => r.position.budgetPence === 123_456_700)).toBe(isSefton(actor));
  },
  'budget.blockPayments': async (c, actor) => {
    const rows = await c.budget.blockPayments({ financialYear: 2024 });
    expect(rows.some((r) => r.description === 'Matrix block payment')).toBe(isSefton(actor));
  },
  // A year of its own each call, so each is a first budget (version null) whoever of the authority sets it.
  'budget.set': async (c) => c.budget.set({ serviceType: 'home_care', financialYear: 2050 + ++budgetsSet, amountPence: 1_000_000, version: null }),
  'budget.addBlockPayment': async (c) => c.budget.addBlockPayment({ idempotencyKey: randomUUID(), serviceType: 'home_care', description: 'Matrix', amountPence: 100_000, dueOn: '2026-07-01' }),
  'budget.uplift': async (c, actor) => {
    const u = await c.budget.uplift({ serviceType: 'extra_care', financialYear: 2024, risePercent: 5, startMonth: 10 });
    expect(u.impact !== null).toBe(isSefton(actor));
  },
  'market.view': async (c, actor) => {
    const view = await c.market.view({ serviceType: 'extra_care' });
    expect(view.byProvider.some((p) => p.providerId === sefton.provider)).toBe(isSefton(actor));
  },
  'callOff.options': async (c, actor) => {
    const options = await c.callOff.options();
    const pdps = options.find((o) => o.procurement.reference === 'LCR-EC-2018');
    // Tripartite members see the live PDPS and which lot is open to them; Kent sees nothing of it.
    expect(pdps === undefined).toBe(actor === 'outsider');
    if (pdps) expect(pdps.lots.find((l) => l.name === 'Sefton')!.open).toBe(isSefton(actor));
  },
  'callOff.list': async (c, actor) => {
    const list = await c.callOff.list();
    expect(list.some((x) => x.id === seftonOwn.callOff)).toBe(isSefton(actor));
  },
  'callOff.get': async (c) => c.callOff.get({ callOffId: seftonOwn.callOff }),
  'callOff.evaluate': async (c) => c.callOff.evaluate({ callOffId: seftonOwn.callOff }),
  'callOff.ocds': async (c) => c.callOff.ocds({ callOffId: seftonOwn.callOff }),
  'callOff.create': async (c) => {
    const t = await tripartiteSeftonLot(connection);
    return c.callOff.create({ idempotencyKey: randomUUID(), procurementId: t.procurement.id, lotId: t.seftonLot.id, method: 'direct', specification: SPEC });
  },
  'callOff.awardDirect': async (c) => {
    const made = await seftonCallOff(connection, 'direct');
    const provider = made.providers.find((p) => p.status === 'active')!;
    return c.callOff.awardDirect({
      callOffId: made.id,
      providerId: provider.id,
      justification: 'Continuity for residents',
      awardedOn: '2026-02-01',
      contract: { reference: `SEF-CO-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, annualValuePence: 50_000_000 },
    });
  },
  'callOff.startMiniCompetition': async (c) => {
    const made = await seftonCallOff(connection, 'mini_competition');
    const price = made.criteria.find((x) => x.kind === 'price')!;
    const quality = made.criteria.find((x) => x.kind === 'quality')!;
    return c.callOff.startMiniCompetition({
      callOffId: made.id,
      criteria: [
        { criterionId: quality.id, weightPercent: 60 },
        { criterionId: price.id, weightPercent: 40 },
      ],
      invitedOn: '2026-01-05',
      responseDeadline: '2026-02-06',
    });
  },
  'callOff.recordResponse': async (c) => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true });
    const detail = await callerFor(connection, (await signIn(connection, EMAIL.own)).session).callOff.get({ callOffId: made.id });
    return c.callOff.recordResponse({ callOffId: made.id, providerId: detail.invitations[0]!.providerId, pricePence: 1_900, receivedOn: '2026-02-01', scores: [] });
  },
  'callOff.scoreResponse': async (c) => {
    // Responses are recorded by the council with a deadline long past: readable, so scored.
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true, respond: true });
    const detail = await callerFor(connection, (await signIn(connection, EMAIL.own)).session).callOff.get({ callOffId: made.id });
    const quality = detail.criteria.find((x) => x.kind === 'quality')!;
    return c.callOff.scoreResponse({ callOffId: made.id, version: detail.rowVersion, providerId: detail.invitations[0]!.providerId, scores: [{ criterionId: quality.id, score: 3 }] });
  },
  'callOff.award': async (c) => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true, respond: true });
    return c.callOff.award({ callOffId: made.id, awardedOn: '2026-02-10', contract: { reference: `SEF-CO-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, annualValuePence: 60_000_000 } });
  },
  'callOff.cancel': async (c) => {
    const made = await seftonCallOff(connection, 'direct');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    return c.callOff.cancel({ callOffId: made.id, cancelledOn: today, reason: 'The scheme will not go ahead' });
  },
  'market.overview': async (c, actor) => {
    const o = await c.market.overview();
    if (!isSefton(actor)) expect(o.serviceTypes.find((s) => s.serviceType === 'extra_care')?.people ?? 0).toBe(0);
  },
};

describe('API tenancy matrix: contracts, placements, budgets, market (private to the authority)', () => {
  it('has a call for every procedure in the matrix', () => {
    expect(Object.keys(PRIVATE_CALLS).sort()).toEqual(Object.keys(PRIVATE_MATRIX).sort());
  });

  for (const [path, expectation] of Object.entries(PRIVATE_MATRIX)) {
    for (const actor of PRIVATE_ACTORS) {
      const expected = expectation[actor];
      it(`${path} as ${actor}: ${expected}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        expect(await outcome(PRIVATE_CALLS[path]!(callerFor(connection, me), actor))).toBe(expected);
      });
    }
  }

  it('every read of placement rows is in the reader’s own audit log, and in no one else’s', async () => {
    const { session } = await signIn(connection, EMAIL.viewer);
    await callerFor(connection, session).placement.get({ placementId: sefton.placement });
    const events = await db()
      .selectFrom('audit_event')
      .select(['authority_id', 'procedure', 'target', 'outcome'])
      .where('procedure', '=', 'placement.get')
      .where('target', '=', sefton.placement)
      .execute();
    const reads = events.filter((e) => e.outcome === 'success');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((e) => e.authority_id))).toEqual(new Set([GSS.sefton]));
    // Other authorities' attempts on the same id (the matrix above) are security events in their own logs (issue 12, item 6).
    const refusals = events.filter((e) => e.authority_id !== GSS.sefton);
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((e) => e.outcome))).toEqual(new Set(['not_found']));
  });
});
