import type { Connection } from '@concord/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';

/**
 * Seed 000: "Plymouth is now the lowest paying local authority in the region, paying between 2.8% and 12.3%
 * less than other local authorities." From the demo data, through the API, as Plymouth's commissioner.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection?.close());

it('Plymouth pays between 2.8% and 12.3% less than the other four Peninsula authorities for Shared Lives', async () => {
  const { session } = await signIn(connection, 'commissioner.plymouth@concord.example');
  expect(session.authorityId).toBe(GSS.plymouth);
  const c = callerFor(connection, session);
  const peninsula = (await c.authority.mine()).partnerships.find((p) => p.name === 'South West Peninsula')!;
  const result = await c.rate.compare({ partnershipId: peninsula.id, serviceType: 'shared_lives' });

  expect(result.sharedBy).toBe(5);
  const band = result.bands.find((b) => b.band === 'Long-term')!;
  expect(band.me).toBe('Plymouth City Council');
  expect(band.comparison.min).toEqual({ authority: 'Plymouth City Council', ratePence: 24_500 });
  expect(band.myGaps!.smallest).toMatchObject({ gapPercent: 2.8, gapPence: 706 });
  expect(band.myGaps!.largest).toMatchObject({ gapPercent: 12.3, gapPence: 3_436 });
  expect(band.myGaps!.gaps.map((g) => g.gapPercent).sort((a, b) => a - b)).toEqual([2.8, 7.5, 9.3, 12.3]);
  // Every other member is above Plymouth: "the lowest paying local authority in the region".
  expect(band.myGaps!.gaps.every((g) => g.gapPence > 0)).toBe(true);

  // Against the Peninsula's model rate (£265.00 a week) and the median (Torbay's £265.00).
  expect(band.modelRatePence).toBe(26_500);
  expect(band.comparison.medianPence).toBe(26_500);
  const plymouth = band.comparison.authorities.find((a) => a.authority === 'Plymouth City Council')!;
  expect(plymouth.vsModel).toEqual({ pence: -2_000, percent: -7.5 });
  expect(plymouth.vsMedian).toEqual({ pence: -2_000, percent: -7.5 });
  expect(band.comparison.spreadPence).toBe(27_936 - 24_500);
});
