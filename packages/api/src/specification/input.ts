import { recordVersion, serviceType } from '@concord/domain';
import { z } from 'zod';

export const sectionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, 'A section key is lower case letters, digits and underscores, like service_requirements'),
  heading: z.string().trim().min(1, 'Enter the section heading').max(200),
  /** Markdown. */
  body: z.string().max(100_000, 'A section can be at most 100,000 characters'),
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
  title: z.string().trim().min(1, 'Enter a title').max(300),
  serviceType,
  sections: sectionsInput.optional(),
});

export const createDraftInput = z.object({
  specificationId: z.uuid('Choose a specification'),
  changeNote: z.string().trim().min(1, 'Say what changes in the new version').max(2000),
});

export const updateDraftInput = z.object({
  versionId: z.uuid('Choose a specification version'),
  /** The draft's row version the editor loaded (current.rowVersion): a stale one is refused (CONFLICT). */
  version: recordVersion,
  sections: sectionsInput.optional(),
  changeNote: z.string().trim().max(2000).nullish(),
});

export const diffInput = z.object({
  specificationId: z.uuid('Choose a specification'),
  from: z.number().int().positive('Choose the earlier version'),
  to: z.number().int().positive('Choose the later version'),
});
