import { CONTRACT_DATE_STATUSES, CONTRACT_WRITER_ROLES, contractSource, contractStatus, endDecision, providerRole, rateUnit, serviceType, variationKind } from '@concord/domain';
import { dayInput, idempotencyKey, optionalText, pence as pennies, recordId, recordVersion, requiredText, searchText, signedPence } from '@concord/domain';
import { z } from 'zod';

/** Who may change the register and placements: commissioners and contract officers. Viewers and finance read. */
export const CONTRACT_WRITERS = CONTRACT_WRITER_ROLES;

// The shared building blocks (storable text, days 1900–2199, money up to £1bn), under the names this area uses.
export const id = recordId;
export const isoDay = dayInput;
const text = requiredText;
export const pence = (what: string) => pennies(what);

export const contractReference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9/-]{1,39}$/, 'A contract reference is 2 to 40 capital letters, digits, hyphens or slashes, like KCC-HC-ASH');

export const rateInput = z.object({
  band: text('the band, for example Standard or Complex', 100),
  unit: rateUnit,
  ratePence: pence('The rate').max(100_000_000, 'The rate must not be more than £1,000,000.00'),
  effectiveFrom: isoDay('the date the rate applies from').optional(),
});

export const decisionFields = {
  justification: text('the justification'),
  legalBasis: text('the legal basis, for example the regulation relied on', 1000),
  decisionReference: text('the decision reference', 500),
  decidedOn: isoDay('the decision date'),
};

export const createContractInput = z
  .object({
    reference: contractReference,
    title: text('a title', 300),
    providerId: id('a provider'),
    serviceType,
    source: contractSource,
    procurementId: id('a procurement').nullish(),
    lotId: id('a lot').nullish(),
    startDate: isoDay('the start date'),
    /** Either the term in whole months or the end date. */
    termMonths: z.number().int('The term must be whole months').min(1, 'The term must be at least 1 month').max(600, 'The term can be at most 600 months').optional(),
    endDate: isoDay('the end date').optional(),
    annualValuePence: pence('The annual value'),
    /** Defaults to the annual value × term months ÷ 12. */
    totalValuePence: pence('The total value').optional(),
    providerRole: providerRole.nullish(),
    status: z.enum(['draft', 'active'], { message: 'A new contract is a draft or active' }).default('active'),
    responsibleOfficer: optionalText(200),
    ratesReviewedOn: isoDay('the date the rates were last reviewed').nullish(),
    rates: z.array(rateInput).max(100).default([]),
    extensionOptions: z
      .array(z.object({ months: z.number().int('Months must be whole').min(1, 'An option is at least 1 month').max(120, 'An option is at most 120 months') }))
      .max(10)
      .default([]),
    awardJustification: optionalText(),
    legalBasis: optionalText(1000),
    decisionReference: optionalText(500),
    decidedOn: isoDay('the decision date').nullish(),
    idempotencyKey,
  })
  .refine((c) => c.termMonths !== undefined || c.endDate !== undefined, { message: 'Enter the term in months or the end date', path: ['termMonths'] });
export type CreateContractInput = z.infer<typeof createContractInput>;

/** A direct award (seed 000): one provider, no competition, with its justification, decision and term. */
export const directAwardInput = z.object({
  reference: contractReference,
  title: text('a title', 300),
  providerId: id('a provider'),
  serviceType,
  startDate: isoDay('the start date'),
  termMonths: z.number().int('The term must be whole months').min(1, 'The term must be at least 1 month').max(600, 'The term can be at most 600 months'),
  annualValuePence: pence('The annual value'),
  totalValuePence: pence('The total value').optional(),
  responsibleOfficer: optionalText(200),
  ratesReviewedOn: isoDay('the date the rates were last reviewed').nullish(),
  rates: z.array(rateInput).max(100).default([]),
  extensionOptions: z.array(z.object({ months: z.number().int().min(1).max(120) })).max(10).default([]),
  ...decisionFields,
  idempotencyKey,
});
export type DirectAwardInput = z.infer<typeof directAwardInput>;

/**
 * The contract an edit changes, and the version of it the person was looking at (from contract.get): a stale one
 * is refused with CONFLICT naming who changed it and when. Every edit of a contract sends it (issue 12, item 4).
 */
const editedContract = { contractId: id('a contract'), version: recordVersion };

export const updateContractInput = z.object({
  ...editedContract,
  title: text('a title', 300).optional(),
  status: contractStatus.optional(),
  responsibleOfficer: optionalText(200),
  providerRole: providerRole.nullish(),
});

export const setRatesInput = z.object({
  ...editedContract,
  rates: z.array(rateInput).max(100),
  reviewedOn: isoDay('the date the rates were reviewed'),
});

export const variationInput = z.object({
  ...editedContract,
  idempotencyKey,
  kind: variationKind,
  effectiveOn: isoDay('the date the variation takes effect'),
  /** Extension and continuation: the new end date. */
  newEndDate: isoDay('the new end date').optional(),
  /** Price change (required) and scope change (optional): the new annual value. */
  newAnnualValuePence: pence('The new annual value').optional(),
  /** What the variation adds to (or, negative, takes from) the contract's total value; computed when left out. */
  valueChangePence: signedPence('The value change').optional(),
  /** Price change: the rate card's new rates by band, from the date it takes effect (the earlier rates stay as history). */
  rates: z.array(rateInput.omit({ effectiveFrom: true })).max(100).optional(),
  ...decisionFields,
});
export type VariationInput = z.infer<typeof variationInput>;

export const extensionDecisionInput = z.object({
  ...editedContract,
  optionId: id('an extension option'),
  decision: z.enum(['exercise', 'decline'], { message: 'Choose exercise or decline' }),
  justification: text('the reason', 4000).optional(),
  legalBasis: text('the legal basis', 1000).optional(),
  decisionReference: text('the decision reference', 500),
  decidedOn: isoDay('the decision date'),
});

export const endDecisionInput = z.object({
  ...editedContract,
  decision: endDecision,
  decisionReference: text('the decision reference', 500),
  decidedOn: isoDay('the decision date'),
  note: optionalText(),
});

export const terminationInput = z.object({
  ...editedContract,
  terminatedOn: isoDay('the date the contract ends'),
  ...decisionFields,
  justification: text('the reason for ending the contract'),
});
export type TerminationInput = z.infer<typeof terminationInput>;

const contractIds = z
  .array(id('a contract'))
  .min(1, 'Choose at least one contract to continue')
  .max(500);

export const continuationPreviewInput = z.object({ contractIds, commonEndDate: isoDay('the common end date') });

export const bulkContinuationInput = z.object({
  contractIds,
  idempotencyKey,
  commonEndDate: isoDay('the common end date'),
  ...decisionFields,
});
export type BulkContinuationInput = z.infer<typeof bulkContinuationInput>;

export const listContractsInput = z
  .object({
    /** The recorded status (e.g. the contracts that can still be continued: active, extended). */
    status: z.array(contractStatus).optional(),
    /** The status shown, from the dates (the register's filter: it matches what the register shows). */
    shownStatus: z.array(z.enum(CONTRACT_DATE_STATUSES, { message: 'Choose a status' })).optional(),
    source: contractSource.optional(),
    serviceType: serviceType.optional(),
    providerId: id('a provider').optional(),
    search: searchText(200),
    withWarnings: z.boolean().optional(),
    sort: z.enum(['end_date', 'reference', 'title', 'provider', 'annual_value', 'start_date']).default('end_date'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .default({ sort: 'end_date', direction: 'asc' });
export type ListContractsInput = z.infer<typeof listContractsInput>;
