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
 *
 * Summed first by contract from the placements alone (an index-only scan of placement_running_idx, migration 0060),
 * then each cell joined to its contract for the role and to its provider for the name (a few hundred lookups by key).
 * Joining every placement to the providers first made PostgreSQL read the whole register (12,240 providers at
 * national scale, each row through its row-level security policy) for 234 cells: 45 ms against 22 ms this way.
 * The provider's name is read per cell: every provider is visible to an authority's transaction (provider_visible),
 * and a placement's provider always exists (its key); a cell whose provider this transaction cannot see is left out all
 * the same, as the inner join left it out.
 */
async function marketCells(tx: Tx, asOf: string, service?: string): Promise<(MarketCell & { serviceType: string })[]> {
  let running = tx
    .selectFrom('placement as pl')
    .select([
      'pl.authority_id',
      'pl.service_type',
      'pl.provider_id',
      'pl.contract_id',
      'pl.in_area',
      'pl.funding_route',
      sql<string>`count(*)`.as('people'),
      sql<string>`sum(pl.weekly_cost_pence)`.as('weekly_pence'),
      sql<string>`coalesce(sum(round(pl.weekly_hours * 100)), 0)`.as('hours_hundredths'),
    ])
    .where('pl.authority_id', '=', sql<string>`current_setting('app.authority_id', true)`)
    .where('pl.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('pl.end_date', 'is', null), eb('pl.end_date', '>=', asOf)]))
    .groupBy(['pl.authority_id', 'pl.service_type', 'pl.provider_id', 'pl.contract_id', 'pl.in_area', 'pl.funding_route']);
  if (service) running = running.where('pl.service_type', '=', service);
  const rows = await tx
    .selectFrom(running.as('cell'))
    .leftJoin('contract as c', (j) => j.onRef('c.id', '=', 'cell.contract_id').onRef('c.authority_id', '=', 'cell.authority_id'))
    .select((eb) => [
      'cell.service_type',
      'cell.provider_id',
      eb.selectFrom('provider as p').select('p.legal_name').whereRef('p.id', '=', 'cell.provider_id').as('legal_name'),
      'c.provider_role',
      'cell.in_area',
      'cell.funding_route',
      sql<string>`sum(cell.people)`.as('people'),
      sql<string>`sum(cell.weekly_pence)`.as('weekly_pence'),
      sql<string>`sum(cell.hours_hundredths)`.as('hours_hundredths'),
    ])
    .groupBy(['cell.service_type', 'cell.provider_id', 'c.provider_role', 'cell.in_area', 'cell.funding_route'])
    .execute();
  return rows.flatMap((r) =>
    r.legal_name === null
      ? []
      : [
          {
            providerId: r.provider_id,
            providerName: r.legal_name,
            role: r.provider_role ?? null,
            inArea: r.in_area,
            fundingRoute: r.funding_route,
            people: Number(r.people),
            weeklyPence: Number(r.weekly_pence),
            hoursHundredths: Number(r.hours_hundredths),
            serviceType: r.service_type,
          },
        ],
  );
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
