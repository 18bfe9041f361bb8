import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { acceptsApplications, admissionWindow, assertCanAdmit, PROCUREMENT_STATUSES, ROUTES, type ProcurementStatus, type Reopening, type Route } from '../../src/procurement/index.ts';

const TODAY = '2024-07-15';
// Staffordshire's flexible framework, reopened where demand is unmet.
const reopenings: Reopening[] = [
  { id: 'spring', opensOn: '2024-03-01', closesOn: '2024-03-31' },
  { id: 'summer', opensOn: '2024-07-01', closesOn: '2024-07-15' },
  { id: 'winter', opensOn: '2024-11-01', closesOn: '2024-11-30' },
];

const admits = (route: Route, status: ProcurementStatus, today = TODAY, list = reopenings) => admissionWindow({ route, status }, today, list).open;

describe('admission window', () => {
  it('admits on every route at award approval: the award of the first round', () => {
    for (const route of ROUTES) expect(admissionWindow({ route, status: 'award_approval' }, TODAY, [])).toEqual({ open: true, reason: 'Providers are admitted by the award decision for the first round', reopeningId: null });
  });

  it('admits nobody before award approval, nor once closed or cancelled, on any route', () => {
    const never: ProcurementStatus[] = ['draft', 'market_engagement', 'published', 'evaluation', 'closed', 'cancelled'];
    for (const route of ROUTES) for (const status of never) expect(admits(route, status), `${route} ${status}`).toBe(false);
  });

  it('a live PDPS, DPS or dynamic market admits any day', () => {
    for (const route of ['pdps', 'dps', 'dynamic_market'] as const) expect(admissionWindow({ route, status: 'live' }, '2027-01-01', [])).toMatchObject({ open: true, reopeningId: null });
    expect(admissionWindow({ route: 'pdps', status: 'live' }, TODAY, []).reason).toBe('A Pseudo dynamic purchasing system (PDPS) takes new providers at any time while it is live');
  });

  it('a live reopenable framework admits only inside a reopening, inclusive of both ends, and names it', () => {
    expect(admissionWindow({ route: 'framework', status: 'live' }, '2024-07-01', reopenings)).toMatchObject({ open: true, reopeningId: 'summer' });
    expect(admissionWindow({ route: 'framework', status: 'live' }, '2024-07-15', reopenings)).toEqual({ open: true, reason: 'The framework is reopened from 1 July 2024 to 15 July 2024', reopeningId: 'summer' });
    expect(admissionWindow({ route: 'framework', status: 'live' }, '2024-07-16', reopenings)).toEqual({
      open: false,
      reason: 'The framework takes new providers only while it is reopened; the next reopening runs from 1 November 2024 to 30 November 2024',
      reopeningId: null,
    });
    expect(admissionWindow({ route: 'framework', status: 'live' }, '2024-06-30', reopenings).open).toBe(false);
    expect(admissionWindow({ route: 'framework', status: 'live' }, '2025-01-01', reopenings).reason).toBe('The framework takes new providers only while it is reopened, and no reopening is planned');
  });

  it('when reopenings overlap, the admission belongs to the one opened most recently', () => {
    const overlapping = [{ id: 'long', opensOn: '2024-01-01', closesOn: '2024-12-31' }, { id: 'short', opensOn: '2024-07-10', closesOn: '2024-07-20' }];
    expect(admissionWindow({ route: 'framework', status: 'live' }, TODAY, overlapping).reopeningId).toBe('short');
  });

  it('a closed framework, a block contract and an open tender never admit once live, reopening or not', () => {
    for (const route of ['framework_closed', 'block_contract', 'open_tender'] as const) expect(admits(route, 'live')).toBe(false);
    expect(admissionWindow({ route: 'block_contract', status: 'live' }, TODAY, reopenings).reason).toBe('A Block contract does not take new providers once it is live');
  });

  it('the whole route × stage table', () => {
    const table = Object.fromEntries(ROUTES.map((route) => [route, PROCUREMENT_STATUSES.filter((status) => admits(route, status)).join(',')]));
    expect(table).toEqual({
      pdps: 'award_approval,live',
      dps: 'award_approval,live',
      dynamic_market: 'award_approval,live',
      framework: 'award_approval,live', // on TODAY, inside the summer reopening
      framework_closed: 'award_approval',
      block_contract: 'award_approval',
      open_tender: 'award_approval',
    });
  });

  it('assertCanAdmit refuses with the reason on the provider field, and returns the reopening', () => {
    expect(assertCanAdmit({ route: 'framework', status: 'live' }, TODAY, reopenings)).toEqual({ reopeningId: 'summer' });
    expect(assertCanAdmit({ route: 'pdps', status: 'award_approval' }, TODAY, [])).toEqual({ reopeningId: null });
    try {
      assertCanAdmit({ route: 'pdps', status: 'evaluation' }, TODAY, []);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'BAD_REQUEST', field: 'provider' });
      expect((error as Error).message).toBe(
        'Providers cannot be admitted yet: applications are received and evaluated first, and providers are admitted at award approval (the procurement is at the Evaluation stage)',
      );
    }
    expect(() => assertCanAdmit({ route: 'pdps', status: 'cancelled' }, TODAY, [])).toThrow('Providers cannot be admitted: the procurement is cancelled');
  });

  it('rejects a date that is not YYYY-MM-DD rather than comparing it wrongly', () => {
    expect(() => admissionWindow({ route: 'framework', status: 'live' }, '15/07/2024', reopenings)).toThrow(RangeError);
    expect(() => admissionWindow({ route: 'framework', status: 'live' }, TODAY, [{ id: 'x', opensOn: '2024-7-1', closesOn: '2024-07-31' }])).toThrow(RangeError);
  });
});

describe('accepting applications', () => {
  it('while published on any route; while live on always-open routes; in a framework reopening', () => {
    const table = Object.fromEntries(ROUTES.map((route) => [route, PROCUREMENT_STATUSES.filter((status) => acceptsApplications({ route, status }, TODAY, reopenings)).join(',')]));
    expect(table).toEqual({
      pdps: 'published,live',
      dps: 'published,live',
      dynamic_market: 'published,live',
      framework: 'published,live',
      framework_closed: 'published',
      block_contract: 'published',
      open_tender: 'published',
    });
    expect(acceptsApplications({ route: 'framework', status: 'live' }, '2024-08-01', reopenings)).toBe(false);
  });
});
