import { idempotencyKey, isStorableText, optionalText, recordVersion, requiredText, serviceType, wholeNumber } from '@concord/domain';
import { z } from 'zod';

export const sectionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, 'A section key is lower case letters, digits and underscores, like service_requirements'),
  heading: requiredText('the section heading', 200),
  /** Markdown. */
  // Not trimmed (leading spaces are Markdown), but storable: a NUL or lone surrogate cannot go into the jsonb.
  body: z.string().max(100_000, 'A section can be at most 100,000 characters').refine(isStorableText, 'Remove the invisible control characters from this text'),
});

export const sectionsInput = z
  .array(sectionInput)
  .min(1, 'A specification needs at least one section')
  .max(50)
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: 'custom', message: `The section key “${s.key}” is used twice`, path: [i, 'key'] });
      seen.add(s.key);
    });
  });
export type SectionsInput = z.infer<typeof sectionsInput>;

/** The sections a new overarching specification starts with. */
export const DEFAULT_SECTIONS: SectionsInput = [
  { key: 'outcomes', heading: 'Outcomes', body: '' },
  { key: 'service_requirements', heading: 'Service requirements', body: '' },
  { key: 'quality', heading: 'Quality', body: '' },
  { key: 'workforce', heading: 'Workforce', body: '' },
  { key: 'monitoring', heading: 'Monitoring', body: '' },
];

export const createSpecificationInput = z.object({
  partnershipId: z.uuid('Choose a partnership'),
  title: requiredText('a title', 300),
  serviceType,
  sections: sectionsInput.optional(),
  idempotencyKey,
});

export const createDraftInput = z.object({
  specificationId: z.uuid('Choose a specification'),
  changeNote: z.string().trim().min(1, 'Say what changes in the new version').max(2000).refine(isStorableText, 'Remove the invisible control characters from this text'),
});

export const updateDraftInput = z.object({
  versionId: z.uuid('Choose a specification version'),
  /** The draft's row version the editor loaded (current.rowVersion): a stale one is refused (CONFLICT). */
  version: recordVersion,
  sections: sectionsInput.optional(),
  changeNote: optionalText(2000),
});

export const diffInput = z.object({
  specificationId: z.uuid('Choose a specification'),
  from: wholeNumber('the earlier version', { min: 1 }),
  to: wholeNumber('the later version', { min: 1 }),
});
