import { fundingRoute, idempotencyKey, INT4_MAX, isStorableText, optionalText, placementReference, recordVersion, searchText, serviceType } from '@concord/domain';
import { z } from 'zod';
import { id, isoDay, pence } from '../contract/input.ts';

const fields = {
  contractId: id('a contract').nullish(),
  providerId: id('a provider').optional(),
  serviceType,
  complexityBand: optionalText(50),
  locality: optionalText(100),
  inArea: z.boolean({ error: 'Say whether the placement is in or out of area' }),
  fundingRoute,
  nhsSharePercent: z.number().min(0, 'The NHS share is a percentage from 0 to 100').max(100, 'The NHS share is a percentage from 0 to 100').nullish(),
  startDate: isoDay('the start date'),
  endDate: isoDay('the end date').nullish(),
  weeklyCostPence: pence('The weekly cost').max(5_000_000, 'The weekly cost must not be more than £50,000.00'),
  weeklyHours: z.number().min(0, 'Weekly hours must not be negative').max(168, 'Weekly hours cannot be more than 168').nullish(),
  /** When the placement was asked for and when a provider was found (PLC-01). */
  requestedOn: isoDay('the date requested').nullish(),
  sourcedOn: isoDay('the date sourced').nullish(),
};

export const createPlacementInput = z.object({ reference: placementReference, ...fields, idempotencyKey });
export type CreatePlacementInput = z.infer<typeof createPlacementInput>;

export const updatePlacementInput = z.object({
  placementId: id('a placement'),
  /** The version of the placement the person was looking at: a stale one is refused (CONFLICT). */
  version: recordVersion,
  contractId: fields.contractId,
  complexityBand: fields.complexityBand,
  locality: fields.locality,
  inArea: fields.inArea.optional(),
  fundingRoute: fundingRoute.optional(),
  nhsSharePercent: fields.nhsSharePercent,
  startDate: fields.startDate.optional(),
  endDate: fields.endDate,
  weeklyCostPence: fields.weeklyCostPence.optional(),
  weeklyHours: fields.weeklyHours,
  requestedOn: fields.requestedOn,
  sourcedOn: fields.sourcedOn,
});
export type UpdatePlacementInput = z.infer<typeof updatePlacementInput>;

export const placementFiltersInput = z
  .object({
    contractId: id('a contract').optional(),
    providerId: id('a provider').optional(),
    serviceType: serviceType.optional(),
    fundingRoute: fundingRoute.optional(),
    inArea: z.boolean().optional(),
    activeOn: isoDay('the date').optional(),
    search: searchText(100),
  })
  .default({});

export const listPlacementsInput = z
  .object({
    filters: placementFiltersInput,
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).max(INT4_MAX).default(0),
  })
  .default({ filters: {}, limit: 100, offset: 0 });

export const importCsvInput = z.object({
  /** The CSV text (UTF-8). At most 5 MB and 20,000 rows. */
  csv: z
    .string()
    .min(1, 'Choose a CSV file')
    .max(5_000_000, 'The file is too large: at most 5 MB')
    .refine(isStorableText, 'The file has a NUL or other character that cannot be stored in it: save it again as UTF-8 CSV'),
  /** Check only: report what would be imported, write nothing. */
  dryRun: z.boolean().default(false),
});
