import { formatMillions, marketView, serviceType, SERVICE_TYPES, type MarketCell } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { sql } from 'kysely';
import { z } from 'zod';
import { isoDay } from '../contract/input.ts';
import { londonDate } from '../procurement/dates.ts';
import { authorityProcedure } from '../trpc.ts';

/**
 * My placements running on `asOf`, summed in the database by service type, provider, contract role, area
 * and funding route: a few cells per provider, never every placement row.
 */
async function marketCells(tx: Tx, asOf: string, service?: string): Promise<(MarketCell & { serviceType: string })[]> {
  let q = tx
    .selectFrom('placement as pl')
    .innerJoin('provider as p', 'p.id', 'pl.provider_id')
    .leftJoin('contract as c', (j) => j.onRef('c.id', '=', 'pl.contract_id').onRef('c.authority_id', '=', 'pl.authority_id'))
    .select([
      'pl.service_type',
      'pl.provider_id',
      'p.legal_name',
      'c.provider_role',
      'pl.in_area',
      'pl.funding_route',
      sql<string>`count(*)`.as('people'),
      sql<string>`sum(pl.weekly_cost_pence)`.as('weekly_pence'),
      sql<string>`coalesce(sum(round(pl.weekly_hours * 100)), 0)`.as('hours_hundredths'),
    ])
    .where('pl.authority_id', '=', sql<string>`current_setting('app.authority_id', true)`)
    .where('pl.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('pl.end_date', 'is', null), eb('pl.end_date', '>=', asOf)]))
    .groupBy(['pl.service_type', 'pl.provider_id', 'p.legal_name', 'c.provider_role', 'pl.in_area', 'pl.funding_route']);
  if (service) q = q.where('pl.service_type', '=', service);
  const rows = await q.execute();
  return rows.map((r) => ({
    providerId: r.provider_id,
    providerName: r.legal_name,
    role: r.provider_role ?? null,
    inArea: r.in_area,
    fundingRoute: r.funding_route,
    people: Number(r.people),
    weeklyPence: Number(r.weekly_pence),
    hoursHundredths: Number(r.hours_hundredths),
    serviceType: r.service_type,
  }));
}

/**
 * My authority's market, from my placement rows running on a date (default today): nothing stored as a total.
 * Both procedures read placement rows, so both are audited.
 */
export const marketRouter = {
  /** One service type: providers, people, hours, weekly and annual value, shares by provider and role, area, funding route. */
  view: authorityProcedure.input(z.object({ serviceType, asOf: isoDay('the date').optional() })).query(async ({ ctx, input }) => {
    ctx.audit.recordRead = true;
    const asOf = input.asOf ?? londonDate(ctx.now());
    const view = marketView(await marketCells(ctx.tx, asOf, input.serviceType));
    return { serviceType: input.serviceType, asOf, ...view, annualValue: formatMillions(view.totals.annualPence) };
  }),

  /** Every service type's totals. */
  overview: authorityProcedure.input(z.object({ asOf: isoDay('the date').optional() }).default({})).query(async ({ ctx, input }) => {
    ctx.audit.recordRead = true;
    const asOf = input.asOf ?? londonDate(ctx.now());
    const rows = await marketCells(ctx.tx, asOf);
    const services = [...new Set(rows.map((r) => r.serviceType))].sort((a, b) => SERVICE_TYPES.indexOf(a as never) - SERVICE_TYPES.indexOf(b as never));
    return {
      asOf,
      serviceTypes: services.map((s) => {
        const totals = marketView(rows.filter((r) => r.serviceType === s)).totals;
        return { serviceType: s, ...totals, annualValue: formatMillions(totals.annualPence) };
      }),
    };
  }),
} satisfies TRPCRouterRecord;
