import type { Connection } from '@concord/db';
import { upliftImpact } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, outcome, signIn } from '../support/api.ts';

let connection: Connection;
let peninsula: string;
beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection?.close());

const caller = async (email: string) => callerFor(connection, (await signIn(connection, email)).session);
const PLYMOUTH = 'commissioner.plymouth@concord.example';
const CORNWALL = 'commissioner.cornwall@concord.example';
const TORBAY = 'commissioner.torbay@concord.example';

describe('sharing follows benchmark consent', () => {
  it('a member that chose anonymity shows as "Authority X" to the others, named to itself; the figures are unchanged', async () => {
    await connection.db.insertInto('benchmark_consent').values({ authority_id: 'E06000052', partnership_id: peninsula, mode: 'anonymised', updated_at: new Date() }).execute();
    try {
      const plymouth = await (await caller(PLYMOUTH)).rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' });
      const band = plymouth.bands.find((b) => b.band === 'Long-term')!;
      const text = JSON.stringify(plymouth);
      expect(text).not.toContain('Cornwall');
      expect(text).not.toContain('E06000052');
      const hidden = band.comparison.authorities.find((a) => a.ratePence === 27_936)!;
      expect(hidden.authority).toMatch(/^Authority [A-Z]$/);
      expect(band.myGaps!.largest).toMatchObject({ other: hidden.authority, gapPercent: 12.3 });

      const cornwall = await (await caller(CORNWALL)).rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' });
      const own = cornwall.bands.find((b) => b.band === 'Long-term')!;
      expect(own.me).toBe('Cornwall Council');
      expect(own.comparison.authorities.map((a) => a.authority)).toContain('Cornwall Council');
      expect(own.comparison.authorities.map((a) => a.authority)).toContain('Plymouth City Council');
    } finally {
      await connection.db.deleteFrom('benchmark_consent').where('authority_id', '=', 'E06000052').where('partnership_id', '=', peninsula).execute();
    }
  });
});

describe('an authority’s own rates: private until it shares them', () => {
  it('rate.mine shows only my own rates; an outsider cannot share into the Peninsula or compare it', async () => {
    const mine = await (await caller(PLYMOUTH)).rate.mine();
    // The carer rate Plymouth entered, and the rate card of its Shared Lives contract (issue 4's demo contract).
    expect(mine.rates).toContainEqual(expect.objectContaining({ serviceType: 'shared_lives', band: 'Long-term', unit: 'week', ratePence: 24_500, source: 'entered' }));
    expect(mine.rates.filter((r) => r.source === 'contract').every((r) => r.contracts! >= 1)).toBe(true);
    expect(mine.rates.every((r) => r.serviceType === 'shared_lives')).toBe(true);
    expect(mine.shared.map((s) => s.partnershipName)).toEqual(['South West Peninsula']);
    const kent = await caller('commissioner.kent@concord.example');
    expect(await outcome(kent.rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' }))).toBe('NOT_FOUND');
    expect(await outcome(kent.rate.share({ partnershipId: peninsula, serviceType: 'shared_lives' }))).toBe('NOT_FOUND');
    const viewer = await caller('viewer.plymouth@concord.example');
    expect(await outcome(viewer.rate.set({ serviceType: 'shared_lives', band: 'Long-term', unit: 'week', ratePence: 1, effectiveFrom: '2024-01-01', version: null }))).toBe('FORBIDDEN');
    expect(await outcome(viewer.rate.share({ partnershipId: peninsula, serviceType: 'shared_lives' }))).toBe('FORBIDDEN');
    expect(await outcome(viewer.rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' }))).toBe('ok');
  });

  it('a new rate is private until shared; sharing replaces what the partnership sees', async () => {
    const torbay = await caller(TORBAY);
    await torbay.rate.set({ serviceType: 'shared_lives', band: 'Long-term', unit: 'week', ratePence: 28_000, effectiveFrom: '2024-04-01', version: null });
    const seenBefore = await (await caller(PLYMOUTH)).rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' });
    expect(seenBefore.bands[0]!.comparison.authorities.find((a) => a.authority === 'Torbay Council')!.ratePence).toBe(26_500);
    expect(await torbay.rate.share({ partnershipId: peninsula, serviceType: 'shared_lives' })).toEqual({ shared: 1 });
    const seenAfter = await (await caller(PLYMOUTH)).rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' });
    expect(seenAfter.bands[0]!.comparison.authorities.find((a) => a.authority === 'Torbay Council')!.ratePence).toBe(28_000);
    expect(await torbay.rate.withdraw({ partnershipId: peninsula, serviceType: 'shared_lives' })).toEqual({ withdrawn: 1 });
    const withdrawn = await (await caller(PLYMOUTH)).rate.compare({ partnershipId: peninsula, serviceType: 'shared_lives' });
    expect(withdrawn.sharedBy).toBe(4);
    // Put the demo back as it was.
    await connection.db.deleteFrom('actual_rate').where('authority_id', '=', 'E06000027').where('effective_from', '=', '2024-04-01').execute();
    await torbay.rate.share({ partnershipId: peninsula, serviceType: 'shared_lives' });
  });

  it('bad rate input is refused naming the field', async () => {
    const torbay = await caller(TORBAY);
    const before = (await torbay.rate.mine()).rates;
    const error = (await torbay.rate.set({ serviceType: 'shared_lives', band: 'Long-term', unit: 'week', ratePence: -100, effectiveFrom: '2024-04-01', version: null }).catch((e: unknown) => e)) as { code: string; cause?: { issues?: { path: unknown[]; message: string }[] } };
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause?.issues?.[0]).toMatchObject({ path: ['ratePence'], message: 'Rate must be more than £0.00' });
    expect((await torbay.rate.mine()).rates).toEqual(before);
  });
});

describe('scenario: an uplift to my rate', () => {
  it('Plymouth +11.5% and one more paid week from October, 13 placements: £11,300.51 to March, and where it then stands', async () => {
    const c = await caller(PLYMOUTH);
    const s = await c.rate.scenario({ partnershipId: peninsula, serviceType: 'shared_lives', band: 'Long-term', risePercent: 11.5, extraPaidWeeks: 1, startMonth: 10, placements: 13 });
    expect(s.placementsFrom).toBe('entered');
    expect(s.impact).toEqual(upliftImpact({ placements: [{ label: 'Long-term', weeklyPence: 24_500, count: 13 }], risePercent: 11.5, extraPaidWeeks: 1, startMonth: 10 }));
    expect(s.impact.restOfYear.totalPence).toBe(1_130_051);
    expect(s.impact.fullYear.totalPence).toBe(2_260_102);
    expect(s.newRatePence).toBe(27_318);
    expect(s.before.myGaps!.largest.gapPercent).toBe(12.3);
    // After: above Somerset, Torbay and Devon; still 2.2% below Cornwall.
    expect(s.after.myGaps!.gaps.filter((g) => g.gapPence > 0).map((g) => g.other)).toEqual(['Cornwall Council']);
    expect(s.after.myGaps!.largest).toMatchObject({ other: 'Cornwall Council', gapPercent: 2.2 });
    expect(s.after.comparison.max.ratePence).toBe(27_936);
  });

  it('a rise over 100% is refused naming the field', async () => {
    const c = await caller(PLYMOUTH);
    const error = (await c.rate.scenario({ partnershipId: peninsula, serviceType: 'shared_lives', band: 'Long-term', risePercent: 150, placements: 13 }).catch((e: unknown) => e)) as {
      code: string;
      cause?: { field?: string };
    };
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause?.field).toBe('risePercent');
  });
});
