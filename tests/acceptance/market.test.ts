import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';

/*
 * The seed papers' market figures, read through the API as each authority's commissioner, from the demo
 * placement rows (no stored totals). People = placements (a home-care package is a placement); hours = weekly
 * hours; value = weekly cost; a year = 52 weeks.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

const as = async (email: string) => callerFor(connection, (await signIn(connection, email)).session);

describe("Leicestershire's home care market, mid-August 2018 (seed 003, paragraph 10)", () => {
  it('lead 1,189 people / 12,533 hours / £208,166 a week; supplementary 586 / 6,092 / £101,195; total 1,775 / 18,625 / £309,361; 67% / 33%', async () => {
    const api = await as('commissioner.leicestershire@concord.example');
    const view = await api.market.view({ serviceType: 'home_care', asOf: '2018-08-15' });
    const role = (r: string) => view.byRole.find((x) => x.role === r)!;
    expect(view.byRole.map((r) => r.role)).toEqual(['lead', 'supplementary']);
    expect(role('lead')).toMatchObject({ people: 1_189, hours: 12_533, weeklyPence: 20_816_600, peopleSharePercent: 67 });
    expect(role('supplementary')).toMatchObject({ people: 586, hours: 6_092, weeklyPence: 10_119_500, peopleSharePercent: 33 });
    expect(view.totals).toMatchObject({ people: 1_775, hours: 18_625, weeklyPence: 30_936_100 });
    // The paper's "Value per year": £10.8m, £5.3m, £16.1m (52 weeks).
    expect(view.annualValue).toBe('£16.1m');
    expect([role('lead').annualPence, role('supplementary').annualPence]).toEqual([1_082_463_200, 526_214_000]);
    // Lead providers: the eight holding the 15 lots.
    expect(role('lead').providers).toBe(8);
    // "£1.6m of this relates to services provided on behalf of the CCGs".
    const nhs = view.byFundingRoute.find((f) => f.fundingRoute === 'nhs_funded')!;
    expect(Math.round(nhs.annualPence / 10_000_000) / 10).toBe(1.6);
    // Shares by hours and by value agree with the paper's 67% / 33% too.
    expect([role('lead').hoursSharePercent, role('lead').valueSharePercent]).toEqual([67, 67]);
  });
});

describe("Staffordshire's supported living placements (seed 001, paragraph 2)", () => {
  it('509 placements with 81 providers, 433 in county and 76 out, £28.9m a year; 426 council-paid and 83 by Direct Payment', async () => {
    const api = await as('commissioner.staffordshire@concord.example');
    const view = await api.market.view({ serviceType: 'supported_living', asOf: '2022-10-19' });
    expect(view.totals).toMatchObject({ people: 509, providers: 81, inArea: 433, outOfArea: 76 });
    expect(view.annualValue).toBe('£28.9m');
    const route = (r: string) => view.byFundingRoute.find((f) => f.fundingRoute === r)!;
    expect(route('council_commissioned')).toMatchObject({ people: 426, providers: 70, inArea: 364, outOfArea: 62 });
    expect(route('direct_payment')).toMatchObject({ people: 83, providers: 32, inArea: 69, outOfArea: 14 });
    const millions = (pence: number) => (Math.round(pence / 10_000_000) / 10).toFixed(1);
    expect([millions(route('council_commissioned').annualPence), millions(route('direct_payment').annualPence)]).toEqual(['25.7', '3.2']);
    expect(view.byArea.map((a) => [a.area, a.people])).toEqual([
      ['in_area', 433],
      ['out_of_area', 76],
    ]);
  });

  it('the overview and the placements list agree with the view', async () => {
    const api = await as('viewer.staffordshire@concord.example');
    const overview = await api.market.overview({ asOf: '2022-10-19' });
    expect(overview.serviceTypes).toEqual([expect.objectContaining({ serviceType: 'supported_living', people: 509, providers: 81, annualValue: '£28.9m' })]);
    const list = await api.placement.list({ filters: { serviceType: 'supported_living', fundingRoute: 'direct_payment' }, limit: 1000, offset: 0 });
    expect(list.total).toBe(83);
    expect(list.placements.every((p) => /^SCC-SL-DP-\d{4}$/.test(p.reference))).toBe(true);
  });

  it("the list's total counts what it pages through, with a search (joined to the provider) and without (placements alone)", async () => {
    const api = await as('viewer.staffordshire@concord.example');
    const running = await api.placement.list({ filters: { activeOn: '2022-10-19' }, limit: 1000, offset: 0 });
    expect([running.total, running.placements.length]).toEqual([509, 509]);
    const searched = await api.placement.list({ filters: { search: 'SCC-SL-DP', activeOn: '2022-10-19' }, limit: 1000, offset: 0 });
    expect([searched.total, searched.placements.length]).toEqual([83, 83]);
    const byProvider = await api.placement.list({ filters: { search: running.placements[0]!.provider.name }, limit: 1000, offset: 0 });
    expect(byProvider.total).toBe(byProvider.placements.length);
    expect(byProvider.placements.every((p) => p.provider.id === running.placements[0]!.provider.id || p.reference.includes(running.placements[0]!.provider.name))).toBe(true);
    const pastTheEnd = await api.placement.list({ filters: { activeOn: '2022-10-19' }, limit: 10, offset: 600 });
    expect([pastTheEnd.total, pastTheEnd.placements.length]).toEqual([509, 0]);
  });
});
