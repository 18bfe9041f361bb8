import { z } from 'zod';

/** GSS codes: a letter for the nation and eight digits, e.g. E06000026 for Plymouth. */
export const gssCode = z.string().regex(/^[EWSN][0-9]{8}$/, 'Enter a GSS code such as E06000026');

export const AUTHORITY_KINDS = ['county', 'unitary', 'metropolitan_district', 'london_borough', 'nhs_body'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const AUTHORITY_KIND_LABELS: Record<AuthorityKind, string> = {
  county: 'County council',
  unitary: 'Unitary authority',
  metropolitan_district: 'Metropolitan district',
  london_borough: 'London borough',
  nhs_body: 'NHS body',
};
