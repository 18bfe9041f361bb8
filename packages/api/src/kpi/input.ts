import { dayInput, idempotencyKey, isStorableText, KPI_DERIVATIONS, optionalText, requiredText } from '@concord/domain';
import { z } from 'zod';

export const kpiUnit = z.enum(['count', 'percent', 'pence', 'hours', 'rate_per_100k']);
export const kpiFrequency = z.enum(['monthly', 'quarterly', 'annual']);
export const kpiSource = z.enum(['manual', 'placements', 'contracts', 'rates']);
export const kpiDirectionInput = z.enum(['higher_better', 'lower_better', 'neither']);
const STORABLE = 'Remove the invisible control characters from this text';
/** A choice made by code or name (a KPI code, a period): trimmed, storable, short, with the chooser's own message. */
export const chosenText = (message: string, max: number) => z.string().trim().min(1, message).max(max).refine(isStorableText, STORABLE);
export const kpiCodeInput = chosenText('Choose a KPI', 20).transform((s) => s.toUpperCase());

export const ageBand = z.string().regex(/^(all|\d{1,2}\+|\d{1,2}-\d{1,2})$/, "An age band such as 'all', '18+', '65+' or '18-64'");

/** A new KPI, or a new version of one (same code): the lead commissioner's. */
export const saveKpiInput = z
  .object({
    partnershipId: z.uuid('Choose a partnership'),
    code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,19}$/, 'A code of 2 to 20 capital letters, digits or hyphens, such as SL-01'),
    name: requiredText('a name', 200),
    definition: z.string().trim().min(1, 'Say in plain English what is counted').max(4000).refine(isStorableText, 'Remove the invisible control characters from this text'),
    numeratorDefinition: optionalText(2000),
    denominatorDefinition: optionalText(2000),
    unit: kpiUnit,
    direction: kpiDirectionInput,
    frequency: kpiFrequency,
    populationAgeBand: ageBand.nullish(),
    target: z.number().finite().min(-1e12).max(1e12).nullish(),
    redThreshold: z.number().finite().min(-1e12).max(1e12).nullish(),
    source: kpiSource.default('manual'),
    /** The rule that works it out from each authority's records; left out, a new version keeps the last one's. */
    derivation: z.enum(KPI_DERIVATIONS, { message: 'Choose how the KPI is worked out' }).nullish(),
    countsPeople: z.boolean().default(false),
    perContract: z.boolean().default(false),
    serviceType: optionalText(60),
    firstPeriod: dayInput('the first period'),
    changeNote: optionalText(1000),
    /** The form's key: a double submit saves one version. */
    idempotencyKey,
  })
  .refine((k) => k.unit !== 'rate_per_100k' || !!k.populationAgeBand, { path: ['populationAgeBand'], message: 'A rate per 100,000 needs the population age band' })
  .refine((k) => !k.derivation || k.source !== 'manual', { path: ['derivation'], message: 'A KPI typed in (source manual) is not worked out from records' })
  .refine((k) => k.unit !== 'percent' || k.target == null || (k.target >= 0 && k.target <= 100), { path: ['target'], message: 'A percentage target is between 0 and 100' });
export type SaveKpiInput = z.infer<typeof saveKpiInput>;
