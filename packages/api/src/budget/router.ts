import {
  badRequest,
  budgetPosition,
  financialYear,
  financialYearOf,
  idempotencyKey,
  optionalText,
  recordVersion,
  requiredText,
  serviceType,
  SERVICE_TYPES,
  wholeNumber,
  type BudgetPosition,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id, isoDay, pence } from '../contract/input.ts';
import { londonDate } from '../procurement/dates.ts';
import { idempotent } from '../idempotent.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { setFromForm } from '../versioned-upsert.ts';
import { registerUplift, type RegisterUplift } from './uplift.ts';

/** Budgets are set by finance officers and commissioners; everyone acting for the authority reads them. */
export const BUDGET_WRITERS = ['finance', 'commissioner'] as const;
const write = roleProcedure(BUDGET_WRITERS);

const year = z.number({ error: 'Choose a financial year' }).int().min(2000, 'Choose a financial year from 2000').max(2100, 'Choose a financial year to 2100');

async function positionFor(tx: Tx, fy: number, service: string, asOf: string, budgetPence: number | null): Promise<BudgetPosition> {
  const { start, end } = financialYear(fy);
  const placements = await tx
    .selectFrom('placement')
    .select(['weekly_cost_pence', 'start_date', 'end_date'])
    .where('service_type', '=', service)
    .where('start_date', '<=', end)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', start)]))
    .execute();
  const blocks = await tx.selectFrom('block_payment').select(['amount_pence', 'due_on']).where('service_type', '=', service).where('financial_year', '=', fy).execute();
  return budgetPosition({
    financialYear: fy,
    asOf,
    budgetPence,
    placements: placements.map((p) => ({ weeklyCostPence: p.weekly_cost_pence, startDate: p.start_date, endDate: p.end_date })),
    blockPayments: blocks.map((b) => ({ amountPence: b.amount_pence, dueOn: b.due_on })),
  });
}

export const budgetRouter = {
  /**
   * Each service type's budget and position for a financial year (2023 = 2023/24): spend to date and committed
   * spend from placements (weekly cost × weeks) and block payments, forecast outturn and variance. Service types
   * with placements or block payments but no budget are listed too. Reads placement rows: audited.
   */
  list: authorityProcedure
    .input(z.object({ financialYear: year, asOf: isoDay('the as-of date').optional() }))
    .query(async ({ ctx, input }) => {
      ctx.audit.recordRead = true;
      const asOf = input.asOf ?? londonDate(ctx.now());
      const fy = financialYear(input.financialYear);
      // authority_id as well as RLS: on Citus the explicit filter routes the query to one shard (issue 15).
      const budgets = await ctx.tx
        .selectFrom('budget')
        .selectAll()
        .where('authority_id', '=', ctx.session.authorityId)
        .where('financial_year', '=', input.financialYear)
        .execute();
      const withPlacements = await ctx.tx
        .selectFrom('placement')
        .select('service_type')
        .distinct()
        .where('start_date', '<=', fy.end)
        .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', fy.start)]))
        .execute();
      const withBlocks = await ctx.tx.selectFrom('block_payment').select('service_type').distinct().where('financial_year', '=', input.financialYear).execute();
      const services = [...new Set([...budgets.map((b) => b.service_type), ...withPlacements.map((p) => p.service_type), ...withBlocks.map((b) => b.service_type)])].sort(
        (a, b) => SERVICE_TYPES.indexOf(a as never) - SERVICE_TYPES.indexOf(b as never),
      );
      const rows = [];
      for (const service of services) {
        const budget = budgets.find((b) => b.service_type === service) ?? null;
        rows.push({
          serviceType: service,
          budgetId: budget?.id ?? null,
          /** Sent back when the budget is changed (null: there was none): a stale one is CONFLICT. */
          budgetVersion: budget?.row_version ?? null,
          note: budget?.note ?? null,
          position: await positionFor(ctx.tx, input.financialYear, service, asOf, budget?.amount_pence ?? null),
        });
      }
      return { financialYear: fy, asOf, rows };
    }),

  /** Block payments of a year (and service type). */
  blockPayments: authorityProcedure
    .input(z.object({ financialYear: year, serviceType: serviceType.optional() }))
    .query(async ({ ctx, input }) => {
      let q = ctx.tx.selectFrom('block_payment').selectAll().where('financial_year', '=', input.financialYear);
      if (input.serviceType) q = q.where('service_type', '=', input.serviceType);
      const rows = await q.orderBy('due_on').execute();
      return rows.map((b) => ({
        id: b.id,
        serviceType: b.service_type,
        financialYear: b.financial_year,
        contractId: b.contract_id,
        description: b.description,
        amountPence: b.amount_pence,
        dueOn: b.due_on,
      }));
    }),

  /**
   * Sets (creates or replaces) the budget for a service type and year. `version` is the budget as the form
   * loaded it (null: there was none): a stale one, or a budget set by someone else meanwhile, is CONFLICT
   * naming who and when. It is required: whoever sets a budget says which one they replace.
   */
  set: write
    .input(z.object({ serviceType, financialYear: year, amountPence: pence('The budget'), note: optionalText(2000), version: recordVersion.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const values = { amount_pence: input.amountPence, note: input.note ?? null };
      const saved = await setFromForm(
        ctx.tx,
        // budget is distributed on Citus: the lock names its authority, so it routes to one shard.
        { table: 'budget', what: 'Budget', lead: 'A budget for this service and year was set while you were entering yours', authorityId: ctx.session.authorityId },
        input.version,
        {
          insert: () =>
            ctx.tx
              .insertInto('budget')
              .values({ authority_id: ctx.session.authorityId, service_type: input.serviceType, financial_year: input.financialYear, ...values })
              .onConflict((oc) => oc.columns(['authority_id', 'service_type', 'financial_year']).doNothing())
              .returning(['id', 'row_version'])
              .executeTakeFirst(),
          existing: async () => {
            const existing = await ctx.tx.selectFrom('budget').select('id').where('service_type', '=', input.serviceType).where('financial_year', '=', input.financialYear).executeTakeFirstOrThrow();
            ctx.audit.target = existing.id;
            return existing;
          },
          update: (id) => ctx.tx.updateTable('budget').set({ ...values, updated_at: new Date() }).where('id', '=', id).returning(['id', 'row_version']).executeTakeFirstOrThrow(),
        },
      );
      ctx.audit.target = saved.id;
      return { id: saved.id, rowVersion: saved.row_version };
    }),

  addBlockPayment: write
    .input(
      z.object({
        serviceType,
        contractId: id('a contract').nullish(),
        description: requiredText('a description of the payment', 500),
        amountPence: pence('The amount'),
        dueOn: isoDay('the date the payment falls due'),
        idempotencyKey,
      }),
    )
    .mutation(
      idempotent(async ({ ctx, input }) => {
        if (input.contractId) {
          const c = await ctx.tx.selectFrom('contract').select('id').where('id', '=', input.contractId).executeTakeFirst();
          if (!c) throw badRequest('There is no such contract in your register', 'contractId');
        }
        const row = await ctx.tx
          .insertInto('block_payment')
          .values({
            authority_id: ctx.session.authorityId,
            service_type: input.serviceType,
            financial_year: financialYearOf(input.dueOn),
            contract_id: input.contractId ?? null,
            description: input.description,
            amount_pence: input.amountPence,
            due_on: input.dueOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ctx.audit.target = row.id;
        return { id: row.id, financialYear: financialYearOf(input.dueOn) };
      }),
    ),

  /**
   * Uplift impact on my placements of a service type: a % rise to their weekly costs plus extra paid weeks, from
   * a start month, costed for the rest of the financial year and a full year (the domain's upliftImpact and its
   * conventions). The placements are those running on the first day of the start month: the same
   * calculation the business case and the rates' uplift scenario use (./uplift.ts). Reads placement rows: audited.
   */
  uplift: authorityProcedure
    .input(
      z.object({
        serviceType,
        financialYear: year,
        risePercent: z.number({ error: 'Rate rise must be a number' }).finite().min(-100, 'Rate rise must be -100% or more').max(1000, 'Rate rise must be 1,000% or less'),
        extraPaidWeeks: z.number({ error: 'Extra paid weeks must be a number' }).finite().min(0, 'Extra paid weeks must not be negative').max(52, 'Extra paid weeks must be 52 or fewer').default(0),
        startMonth: wholeNumber('start month', { min: 1, max: 12 }),
        extraWeeksInPartYear: z.enum(['pro_rata', 'whole']).default('pro_rata'),
        extraWeeksAt: z.enum(['new_rate', 'current_rate']).default('new_rate'),
      }),
    )
    .query(async ({ ctx, input }): Promise<RegisterUplift> => {
      ctx.audit.recordRead = true;
      return registerUplift(ctx.tx, input);
    }),
} satisfies TRPCRouterRecord;
