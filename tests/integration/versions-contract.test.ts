import type { Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcomeWithField, signIn, type Caller } from '../support/api.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { fixtureContract, fixturePlacement, privateRowCounts } from '../support/contracts.ts';
import { registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { returnVersion, versionOf } from '../support/versions.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';

/**
 * Issue 12, item 4: every edit of a contract, a placement, a budget, a KPI return (typed or derived), a monitoring
 * return and an entered rate names the version of the record the person saw (null where they saw none yet). Without it
 * the edit is refused naming the field; from a stale version (someone saved since), or from none when one was made meanwhile, it is
 * refused with CONFLICT naming who changed the record and when, and nothing changes; from the current version it
 * saves and the version moves on.
 */
const SEFTON = 'commissioner.sefton@concord.example';
const SEFTON_OFFICER = 'officer.sefton@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';
const PLYMOUTH_FINANCE = 'finance.plymouth@concord.example';

let connection: Connection;
let provider: RegisteredProvider;
let monitoredContract: string;
let peninsula: string;
const sessions: Record<string, Awaited<ReturnType<typeof signIn>>['session']> = {};
const as = (email: string): Caller => callerFor(connection, sessions[email]!);
const nameOf = async (email: string) => (await connection.db.selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const email of [SEFTON, SEFTON_OFFICER, PLYMOUTH, PLYMOUTH_FINANCE]) sessions[email] = (await signIn(connection, email)).session;
  provider = await registerVerifiedProvider(connection, 340);
  monitoredContract = await seftonContractFor(connection, provider.providerId);
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

const decision = { justification: 'Agreed with the provider', legalBasis: 'Regulation 72(1)(b)', decisionReference: 'OD 26/201', decidedOn: '2026-10-01' };

/** A record and an edit of it from a version; `other` makes another person's saved change, `rows` what must stay put. */
interface Case {
  name: string;
  arrange: () => Promise<{
    edit: (version: number | null | undefined) => Promise<unknown>;
    current: () => Promise<number | null>;
    other: () => Promise<unknown>;
    /** Who makes `other`'s change, as the refusal names them ('someone else' where the editor may not see them). */
    otherName: () => Promise<string>;
    rows: () => Promise<unknown>;
    /** The field a missing version is refused on. */
    field?: string;
  }>;
}

/** An edit of a fresh Sefton contract; the other change is the contract officer's new title. */
function contractCase(name: string, edit: (contractId: string, version: number | undefined) => Promise<unknown>, options: number[] = []): Case {
  return {
    name,
    arrange: async () => {
      const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2030-03-31', options });
      const current = () => versionOf(connection.db, 'contract', c.id);
      return {
        edit: (version) => edit(c.id, version ?? undefined),
        current,
        other: async () => as(SEFTON_OFFICER).contract.update({ contractId: c.id, version: await current(), title: 'Retitled by the officer' }),
        otherName: () => nameOf(SEFTON_OFFICER),
        rows: async () => ({ contract: await connection.db.selectFrom('contract').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow(), counts: await privateRowCounts(connection.db) }),
      };
    },
  };
}

const CASES: Case[] = [
  contractCase('contract.setRates', (contractId, version) =>
    as(SEFTON).contract.setRates({ contractId, version: version!, reviewedOn: '2026-01-01', rates: [{ band: 'Standard', unit: 'hour', ratePence: 2_200 }] }),
  ),
  contractCase('contract.addVariation', (contractId, version) =>
    as(SEFTON).contract.addVariation({ contractId, version: version!, idempotencyKey: randomUUID(), kind: 'scope_change', effectiveOn: '2026-10-01', valueChangePence: 1_000, ...decision }),
  ),
  contractCase(
    'contract.decideExtension',
    async (contractId, version) => {
      const option = await connection.db.selectFrom('contract_extension_option').select('id').where('contract_id', '=', contractId).executeTakeFirstOrThrow();
      return as(SEFTON).contract.decideExtension({ contractId, version: version!, optionId: option.id, decision: 'decline', decisionReference: 'OD 26/202', decidedOn: '2026-10-01' });
    },
    [12],
  ),
  contractCase('contract.recordEndDecision', (contractId, version) =>
    as(SEFTON).contract.recordEndDecision({ contractId, version: version!, decision: 'recommission', decisionReference: 'OD 26/203', decidedOn: '2026-10-01' }),
  ),
  contractCase('contract.terminate', (contractId, version) => as(SEFTON).contract.terminate({ contractId, version: version!, terminatedOn: '2029-03-31', ...decision })),
  {
    name: 'placement.update',
    arrange: async () => {
      const p = await fixturePlacement(connection.db, GSS.sefton);
      const current = () => versionOf(connection.db, 'placement', p.id);
      return {
        edit: (version) => as(SEFTON).placement.update({ placementId: p.id, version: version!, weeklyCostPence: 90_000 }),
        current,
        other: async () => as(SEFTON_OFFICER).placement.update({ placementId: p.id, version: await current(), locality: 'Southport' }),
        otherName: () => nameOf(SEFTON_OFFICER),
        rows: () => connection.db.selectFrom('placement').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow(),
      };
    },
  },
  {
    name: 'budget.set',
    arrange: async () => {
      const line = { serviceType: 'shared_lives' as const, financialYear: 2031 };
      const row = () => connection.db.selectFrom('budget').selectAll().where('authority_id', '=', GSS.plymouth).where('service_type', '=', line.serviceType).where('financial_year', '=', line.financialYear).executeTakeFirst();
      const current = async () => (await row())?.row_version ?? null;
      return {
        edit: (version) => as(PLYMOUTH).budget.set({ ...line, amountPence: 123_400, version: version as number | null }),
        current,
        other: async () => as(PLYMOUTH_FINANCE).budget.set({ ...line, amountPence: 99_900, version: await current() }),
        otherName: () => nameOf(PLYMOUTH_FINANCE),
        rows: row,
      };
    },
  },
  {
    name: 'rate.set',
    arrange: async () => {
      const key = { serviceType: 'shared_lives' as const, band: 'Short breaks', unit: 'night' as const, effectiveFrom: '2026-04-01' };
      const row = () => connection.db.selectFrom('actual_rate').selectAll().where('authority_id', '=', GSS.plymouth).where('band', '=', key.band).where('effective_from', '=', key.effectiveFrom).executeTakeFirst();
      const current = async () => (await row())?.row_version ?? null;
      return {
        edit: (version) => as(PLYMOUTH).rate.set({ ...key, ratePence: 9_500, version: version as number | null }),
        current,
        other: async () => as(PLYMOUTH_FINANCE).rate.set({ ...key, ratePence: 9_000, version: await current() }),
        otherName: () => nameOf(PLYMOUTH_FINANCE),
        rows: row,
      };
    },
  },
  {
    name: 'return.submit',
    arrange: async () => {
      const entry = { partnershipId: peninsula, kpiCode: 'SL-01', period: 'Oct 2026' };
      const current = () => returnVersion(connection.db, { authorityId: GSS.plymouth, ...entry });
      return {
        edit: (version) => as(PLYMOUTH).return.submit({ ...entry, value: 21, version: version as number | null }),
        current,
        other: async () => as(PLYMOUTH).return.submit({ ...entry, value: 19, version: await current() }),
        otherName: () => nameOf(PLYMOUTH),
        rows: async () => ({
          returns: await connection.db.selectFrom('kpi_return').selectAll().where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2026-10-01').execute(),
          figures: await connection.db.selectFrom('benchmark_figure').selectAll().where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2026-10-01').execute(),
        }),
      };
    },
  },
  {
    name: 'return.submitDerived',
    arrange: async () => {
      const entry = { partnershipId: peninsula, kpiCode: 'SL-01', period: 'Sep 2022' };
      const current = () => returnVersion(connection.db, { authorityId: GSS.plymouth, ...entry });
      return {
        edit: (version) => as(PLYMOUTH).return.submitDerived({ ...entry, version: version as number | null }),
        current,
        other: async () => as(PLYMOUTH).return.submit({ ...entry, value: 99, version: await current() }),
        otherName: () => nameOf(PLYMOUTH),
        rows: () => connection.db.selectFrom('kpi_return').selectAll().where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2022-09-01').execute(),
      };
    },
  },
  {
    name: 'providerReturn.submit',
    arrange: async () => {
      const form = { contractId: monitoredContract, periodStart: '2026-02-01', periodEnd: '2026-02-28', missedVisits: 0, lateVisits: 2, staffTurnoverPercent: 8, complaints: 0 };
      const row = () => connection.db.selectFrom('provider_monitoring_return').selectAll().where('contract_id', '=', monitoredContract).where('period_start', '=', form.periodStart).executeTakeFirst();
      const current = async () => (await row())?.row_version ?? null;
      return {
        edit: (version) => provider.caller.providerReturn.submit({ ...form, hoursDelivered: 400, rowVersion: version as number | null }),
        current,
        other: async () => provider.caller.providerReturn.submit({ ...form, hoursDelivered: 300, rowVersion: await current() }),
        // The provider's own people see no authority's users: the refusal says "someone else".
        otherName: async () => 'someone else',
        rows: row,
        field: 'rowVersion',
      };
    },
  },
];

describe.each(CASES)('$name', ({ arrange }) => {
  it('without the version it is refused naming the field, and nothing changes', async () => {
    const r = await arrange();
    const before = await r.rows();
    expect(await outcomeWithField(r.edit(undefined))).toBe(`BAD_REQUEST ${r.field ?? 'version'}`);
    expect(await r.rows()).toEqual(before);
  });

  it('from a stale version it is CONFLICT naming who changed it, and nothing changes; from the current one it saves', async () => {
    const r = await arrange();
    await r.other();
    const seen = await r.current();
    await r.other();
    const before = await r.rows();
    const stale = await inParallel([() => r.edit(seen)]);
    expect(stale.refused.map((x) => x.code)).toEqual(['CONFLICT']);
    expect(stale.refused[0]!.message).toMatch(changedBy(await r.otherName()));
    expect(await r.rows()).toEqual(before);

    const now = await r.current();
    await r.edit(now);
    expect(await r.current()).toBe(now! + 1);
  });
});

// Records kept one per key (a budget per service and year, a rate per band and date, a return per period): a form that
// saw none sends null, and one made meanwhile is not overwritten.
describe.each(CASES.filter((c) => ['budget.set', 'rate.set', 'return.submit', 'return.submitDerived', 'providerReturn.submit'].includes(c.name)))('$name from a form that saw none', ({ arrange }) => {
  it('is refused with CONFLICT once another was saved meanwhile, and nothing changes', async () => {
    const r = await arrange();
    await r.other(); // made (or changed) by another person since the form loaded with none
    const before = await r.rows();
    const none = await inParallel([() => r.edit(null)]);
    expect(none.refused.map((x) => x.code)).toEqual(['CONFLICT']);
    expect(none.refused[0]!.message).toMatch(changedBy(await r.otherName()));
    expect(await r.rows()).toEqual(before);
  });
});
