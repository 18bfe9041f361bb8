import type { Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededAs, type Caller } from '../support/api.ts';
import { refusedUnchanged } from '../support/procurement.ts';
import { fixtureContract, privateRowCounts } from '../support/contracts.ts';
import { versionOf } from '../support/versions.ts';

/**
 * A price change can carry the rate card's new rates: they join the card from the date the change takes effect
 * (earlier rates stay as history), the decision reviews the rates, and the variation records the annual value
 * before and after with what it adds for the days left. Bad rates are refused naming the field, writing nothing.
 */

let connection: Connection;
let api: Caller;
beforeAll(async () => ({ connection, caller: api } = await openSeededAs('commissioner.sefton@concord.example')));
afterAll(() => connection.close());

const decision = { justification: 'National Living Wage rise passed on to the hourly rate', legalBasis: 'Price review clause 12', decisionReference: 'Cabinet member decision 25/014', decidedOn: '2025-01-01' };

/** The contract's version now, which every edit of it sends. */
const v = (contractId: string) => versionOf(connection.db, 'contract', contractId);
/** A variation's own form: the version it was loaded at and a form key. */
const form = async (contractId: string) => ({ contractId, version: await v(contractId), idempotencyKey: randomUUID() });

/** The refusal a call fails with, having written nothing. */
const refused = (call: () => Promise<unknown>) => refusedUnchanged(() => privateRowCounts(connection.db), call);

describe('a price change with new rates', () => {
  it('adds the rates from the date it takes effect, keeps the earlier ones, and records the value change', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2030-03-31', annualValuePence: 36_500_000 });
    await api.contract.setRates({ contractId: c.id, version: await v(c.id), reviewedOn: '2024-04-01', rates: [{ band: 'Standard', unit: 'hour', ratePence: 2_050, effectiveFrom: '2024-04-01' }] });

    const recorded = await api.contract.addVariation({
      ...(await form(c.id)),
      kind: 'price_change',
      effectiveOn: '2029-04-01',
      newAnnualValuePence: 40_150_000,
      rates: [
        { band: 'Standard', unit: 'hour', ratePence: 2_150 },
        { band: 'Night', unit: 'night', ratePence: 9_000 },
      ],
      ...decision,
    });
    // £36,500 a year more for the 365 days from 1 April 2029 to 31 March 2030.
    expect(recorded.valueChangePence).toBe(3_650_000);

    const after = await api.contract.get({ contractId: c.id });
    expect(after.annualValuePence).toBe(40_150_000);
    expect(after.totalValuePence).toBe(103_650_000);
    expect(after.ratesReviewedOn).toBe('2025-01-01');
    expect(after.rates.map((r) => [r.band, r.unit, r.ratePence, r.effectiveFrom])).toEqual([
      ['Night', 'night', 9_000, '2029-04-01'],
      ['Standard', 'hour', 2_150, '2029-04-01'],
      ['Standard', 'hour', 2_050, '2024-04-01'],
    ]);
    expect(after.variations).toHaveLength(1);
    expect(after.variations[0]).toMatchObject({
      kind: 'price_change',
      effectiveOn: '2029-04-01',
      previousAnnualValuePence: 36_500_000,
      newAnnualValuePence: 40_150_000,
      valueChangePence: 3_650_000,
      decisionReference: 'Cabinet member decision 25/014',
    });
  });

  it('a second change on the same date replaces that date’s rate for the band', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const change = async (ratePence: number, newAnnualValuePence: number) =>
      api.contract.addVariation({ ...(await form(c.id)), kind: 'price_change', effectiveOn: '2026-04-01', newAnnualValuePence, rates: [{ band: 'Standard', unit: 'hour', ratePence }], ...decision });
    await change(2_100, 37_000_000);
    await change(2_200, 38_000_000);
    const after = await api.contract.get({ contractId: c.id });
    expect(after.rates.map((r) => [r.band, r.ratePence, r.effectiveFrom])).toEqual([['Standard', 2_200, '2026-04-01']]);
    expect(after.annualValuePence).toBe(38_000_000);
    expect(after.variations.map((v) => v.newAnnualValuePence)).toEqual([37_000_000, 38_000_000]);
  });
});

describe('bad rates are refused naming the field, writing nothing', () => {
  it('rates on a variation that is not a price change', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const e = await refused(async () => api.contract.addVariation({ ...(await form(c.id)), kind: 'scope_change', effectiveOn: '2026-04-01', rates: [{ band: 'Standard', unit: 'hour', ratePence: 2_000 }], ...decision }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toBe('Only a price change changes the rates');
    expect(e.field).toBe('rates');
  });

  it('the same band and unit twice', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const e = await refused(async () =>
      api.contract.addVariation({
        ...(await form(c.id)),
        kind: 'price_change',
        effectiveOn: '2026-04-01',
        newAnnualValuePence: 40_000_000,
        rates: [
          { band: 'Standard', unit: 'hour', ratePence: 2_000 },
          { band: 'standard', unit: 'hour', ratePence: 2_100 },
        ],
        ...decision,
      }),
    );
    expect(e.message).toBe('The standard rate per hour is entered twice');
    expect(e.field).toBe('rates.1.band');
  });

  it('a rate too large to be a rate, and a price change without its new annual value', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const big = await refused(async () =>
      api.contract.addVariation({ ...(await form(c.id)), kind: 'price_change', effectiveOn: '2026-04-01', newAnnualValuePence: 40_000_000, rates: [{ band: 'Standard', unit: 'hour', ratePence: 3_000_000_000 }], ...decision }),
    );
    expect(big.code).toBe('BAD_REQUEST');
    expect(big.field).toBe('rates.0.ratePence');
    const noValue = await refused(async () => api.contract.addVariation({ ...(await form(c.id)), kind: 'price_change', effectiveOn: '2026-04-01', rates: [{ band: 'Standard', unit: 'hour', ratePence: 2_000 }], ...decision }));
    expect(noValue.field).toBe('newAnnualValuePence');
  });
});
