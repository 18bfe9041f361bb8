import {
  gssCode,
  idempotencyKey,
  isoDate,
  lotBasis,
  optionalText as anyOptionalText,
  pence,
  recordId,
  recordVersion,
  regime,
  requiredText,
  route,
  serviceType,
  volumeUnit,
} from '@concord/domain';
import { z } from 'zod';

const id = recordId;
const optionalText = anyOptionalText;

export const buyerIdsInput = z
  .array(gssCode)
  .min(1, 'Choose at least one buyer: the member authorities that may call off from the arrangement')
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'Each buyer can be chosen only once');

const months = (what: string) =>
  z
    .number()
    .int(`${what} must be a whole number of months`)
    .positive(`${what} must be at least 1 month`)
    .max(600, `${what} can be at most 600 months (50 years)`);

/** The commercial terms: fixed once the procurement is published. */
const commercialFields = {
  serviceType,
  route,
  regime,
  estimatedValuePence: pence('The estimated value').nullish(),
  systemTermMonths: months('The system term').nullish(),
  minimumUseMonths: months('The minimum period of use').nullish(),
};

const termsAreConsistent = (p: { systemTermMonths?: number | null | undefined; minimumUseMonths?: number | null | undefined }) =>
  p.systemTermMonths == null || p.minimumUseMonths == null || p.minimumUseMonths <= p.systemTermMonths;
const TERMS_MESSAGE = { message: 'The minimum period of use cannot be longer than the system term', path: ['minimumUseMonths'] };

export const referenceInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9/-]{1,39}$/, 'A reference is 2 to 40 letters, digits, hyphens or slashes, like LCR-EC-2018');

export const createProcurementInput = z
  .object({
    partnershipId: id('a partnership'),
    reference: referenceInput.optional(),
    title: requiredText('a title', 300),
    description: optionalText(4000),
    ...commercialFields,
    /** Left out: the rules in force on the day it is created (the Procurement Act 2023 since 24 February 2025). */
    regime: regime.optional(),
    buyerAuthorityIds: buyerIdsInput,
    idempotencyKey,
  })
  .refine(termsAreConsistent, TERMS_MESSAGE);
export type CreateProcurementInput = z.infer<typeof createProcurementInput>;

export const updateProcurementInput = z
  .object({
    procurementId: id('a procurement'),
    title: requiredText('a title', 300).optional(),
    description: optionalText(4000),
    serviceType: serviceType.optional(),
    route: route.optional(),
    regime: regime.optional(),
    estimatedValuePence: commercialFields.estimatedValuePence,
    systemTermMonths: commercialFields.systemTermMonths,
    minimumUseMonths: commercialFields.minimumUseMonths,
    /** The partnership's overarching specification this procurement is let under. */
    specificationId: id('a specification').nullish(),
    /** The procurement's version as the form loaded it: a stale one is CONFLICT, naming who changed it and when. */
    version: recordVersion,
  })
  .refine(termsAreConsistent, TERMS_MESSAGE);
export type UpdateProcurementInput = z.infer<typeof updateProcurementInput>;

const milestoneInput = z
  .object({
    name: requiredText('the milestone name', 200),
    plannedStart: isoDate.nullish(),
    plannedEnd: isoDate.nullish(),
    actualStart: isoDate.nullish(),
    actualEnd: isoDate.nullish(),
  })
  .refine((m) => !m.plannedStart || !m.plannedEnd || m.plannedEnd >= m.plannedStart, {
    message: 'The planned end cannot be before the planned start',
    path: ['plannedEnd'],
  })
  .refine((m) => !m.actualStart || !m.actualEnd || m.actualEnd >= m.actualStart, {
    message: 'The actual end cannot be before the actual start',
    path: ['actualEnd'],
  });

export const milestonesInput = z.object({
  procurementId: id('a procurement'),
  milestones: z.array(milestoneInput).max(50),
  /** The procurement's version as the form loaded it (the timeline is the procurement's): a stale one is CONFLICT. */
  version: recordVersion,
});
export type MilestonesInput = z.infer<typeof milestonesInput>;

export const buyersInput = z.object({ procurementId: id('a procurement'), buyerAuthorityIds: buyerIdsInput, version: recordVersion });

const lotFields = {
  number: z.number().int().positive('A lot number starts at 1').max(999),
  name: requiredText('the lot name', 200),
  basis: lotBasis,
  description: optionalText(4000),
  estimatedVolume: z.number().nonnegative('The estimated volume cannot be negative').max(1e9).nullish(),
  volumeUnit: volumeUnit.nullish(),
  expectedProviders: z.number().int().positive('Expect at least 1 provider').max(10_000).nullish(),
};
const volumeHasUnit = (l: { estimatedVolume?: number | null | undefined; volumeUnit?: string | null | undefined }) =>
  l.estimatedVolume == null || l.volumeUnit != null;
export const VOLUME_MESSAGE = { message: 'Say whether the volume is people, units or hours a week', path: ['volumeUnit'] };

export const createLotInput = z
  .object({ procurementId: id('a procurement'), ...lotFields, number: lotFields.number.optional(), idempotencyKey })
  .refine(volumeHasUnit, VOLUME_MESSAGE);
export type CreateLotInput = z.infer<typeof createLotInput>;

export const updateLotInput = z
  .object({
    lotId: id('a lot'),
    /** The lot as the form loaded it: a stale one is CONFLICT, naming who changed it and when. */
    version: recordVersion,
    number: lotFields.number.optional(),
    name: lotFields.name.optional(),
    basis: lotFields.basis.optional(),
    description: lotFields.description,
    estimatedVolume: lotFields.estimatedVolume,
    volumeUnit: lotFields.volumeUnit,
    expectedProviders: lotFields.expectedProviders,
  });
export type UpdateLotInput = z.infer<typeof updateLotInput>;
