import { cqcRating } from '@concord/domain';
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'Enter a date as YYYY-MM-DD' });

/** Companies House: eight characters, either digits (England and Wales) or a two-letter prefix and six digits. */
export const companiesHouseNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([0-9]{8}|[A-Z]{2}[0-9]{6})$/, 'Enter a Companies House number of 8 characters, like 01234567 or SC123456');

/** CQC identifiers look like 1-101634126. */
export const cqcId = (what: string) => z.string().trim().regex(/^1-[0-9]{6,12}$/, `Enter a CQC ${what} ID like 1-101634126`);

export const providerLocationInput = z.object({
  name: z.string().trim().min(1, 'Enter the location’s name').max(200),
  cqcLocationId: cqcId('location').nullish(),
  locality: z.string().trim().max(200).nullish(),
  rating: cqcRating.nullish(),
  ratedOn: isoDate.nullish(),
});

export const providerInput = z.object({
  legalName: z.string().trim().min(1, 'Enter the provider’s legal name').max(300),
  companiesHouseNumber: companiesHouseNumber.nullish(),
  cqcProviderId: cqcId('provider').nullish(),
  isSme: z.boolean().default(false),
  isVcse: z.boolean().default(false),
  locations: z.array(providerLocationInput).max(200).default([]),
});
export type ProviderInput = z.infer<typeof providerInput>;
