import { londonDate } from '../procurement/dates.ts';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { CONTRACT_WRITERS } from '../contract/input.ts';
import { authorityProcedure, roleProcedure } from '../trpc.ts';
import { createPlacement, importPlacementsCsv, updatePlacement } from './commands.ts';
import { placementsCsv, placementsXlsx } from './export.ts';
import { createPlacementInput, importCsvInput, listPlacementsInput, placementFiltersInput, updatePlacementInput } from './input.ts';
import { getPlacement, listPlacements } from './queries.ts';
import { idempotent } from '../idempotent.ts';

const write = roleProcedure(CONTRACT_WRITERS);

/**
 * Placements: pseudonymised (a local reference, never a name), private to my authority. Every procedure here
 * reads placement rows, so every one is audited, queries included.
 */
export const placementRouter = {
  list: authorityProcedure.input(listPlacementsInput).query(({ ctx, input }) => {
    ctx.audit.recordRead = true;
    return listPlacements(ctx.tx, { ...input.filters, limit: input.limit, offset: input.offset });
  }),

  get: authorityProcedure.input(z.object({ placementId: z.uuid('Choose a placement') })).query(({ ctx, input }) => {
    ctx.audit.recordRead = true;
    ctx.audit.target = input.placementId;
    return getPlacement(ctx.tx, input.placementId);
  }),

  create: write.input(createPlacementInput).mutation(idempotent(async ({ ctx, input }) => {
    const created = await createPlacement(ctx, input);
    ctx.audit.target = created.id;
    return created;
  })),

  update: write.input(updatePlacementInput).mutation(({ ctx, input }) => {
    ctx.audit.target = input.placementId;
    return updatePlacement(ctx, input);
  }),

  /** CSV import, all or nothing: any bad row → BAD_REQUEST with every problem by row and column, nothing written. */
  importCsv: write.input(importCsvInput).mutation(async ({ ctx, input }) => {
    ctx.audit.recordRead = true;
    const result = await importPlacementsCsv(ctx, input.csv, input.dryRun);
    ctx.audit.target = `${result.dryRun ? 'checked' : 'imported'} ${result.rows.length} rows`;
    return { imported: result.imported, checked: result.rows.length, dryRun: result.dryRun };
  }),

  exportCsv: authorityProcedure.input(z.object({ filters: placementFiltersInput }).default({ filters: {} })).query(async ({ ctx, input }) => {
    ctx.audit.recordRead = true;
    ctx.audit.target = 'csv';
    const { placements } = await listPlacements(ctx.tx, input.filters);
    return { filename: `placements-${londonDate(ctx.now())}.csv`, contentType: 'text/csv; charset=utf-8', rows: placements.length, body: placementsCsv(placements) };
  }),

  /** The same as an Excel workbook, base64-encoded. */
  exportXlsx: authorityProcedure.input(z.object({ filters: placementFiltersInput }).default({ filters: {} })).query(async ({ ctx, input }) => {
    ctx.audit.recordRead = true;
    ctx.audit.target = 'xlsx';
    const { placements } = await listPlacements(ctx.tx, input.filters);
    const buffer = await placementsXlsx(placements, 'Placements');
    return {
      filename: `placements-${londonDate(ctx.now())}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: placements.length,
      base64: buffer.toString('base64'),
    };
  }),
} satisfies TRPCRouterRecord;
