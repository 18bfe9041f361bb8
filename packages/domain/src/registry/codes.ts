import { z } from 'zod';
import type { AuthorityKind } from '../authority.ts';

/**
 * The codes the authority registry accepts (issue 10, item 2).
 *
 * Councils with adult social care responsibility, by GSS code: a prefix for the kind of area and six digits.
 *   E06 unitary authority · E08 metropolitan district · E09 London borough (E09000001 is the City of London)
 *   · E10 county. Other English codes (E07 non-metropolitan districts, E11 metropolitan counties, E12
 *   regions…) have no adult social care duty and are refused; so are Welsh, Scottish and Northern Irish codes.
 * NHS bodies, by ODS organisation code, three characters, upper case:
 *   ICB: Q and two letters or digits (QOP NHS Greater Manchester ICB, QHM North East and North Cumbria, QJ2)
 *   trust: R or T and two letters or digits (RBA, RW3, TAF). Five-character site codes (RBA01) are refused:
 *   a site is not a body.
 * The demo seed's two former CCGs keep their GSS codes (E38…): they were registered before the registry.
 */
export const COUNCIL_KINDS = ['unitary', 'metropolitan_district', 'london_borough', 'county'] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];

export const COUNCIL_PREFIX: Record<CouncilKind, string> = {
  unitary: 'E06',
  metropolitan_district: 'E08',
  london_borough: 'E09',
  county: 'E10',
};

export const NHS_BODY_KINDS = ['icb', 'trust'] as const;
export type NhsBodyKind = (typeof NHS_BODY_KINDS)[number];
export const NHS_BODY_KIND_LABELS: Record<NhsBodyKind, string> = { icb: 'Integrated care board', trust: 'NHS trust' };

const COUNCIL_CODE = /^(E06|E08|E09|E10)[0-9]{6}$/;
const ODS_CODE: Record<NhsBodyKind, RegExp> = { icb: /^Q[A-Z0-9]{2}$/, trust: /^[RT][A-Z0-9]{2}$/ };

export const COUNCIL_CODE_HINT = 'Enter a GSS code of a council with adult social care responsibility: E06, E08, E09 or E10 and 6 digits, such as E08000003';
export const ODS_CODE_HINT: Record<NhsBodyKind, string> = {
  icb: 'Enter an ICB’s ODS code: Q and 2 letters or digits, such as QOP',
  trust: 'Enter a trust’s ODS code: R or T and 2 letters or digits, such as RBA',
};

/** The kind of council a GSS code names, or null when it is not a council with adult social care responsibility. */
export function councilKindOf(code: string): CouncilKind | null {
  if (!COUNCIL_CODE.test(code)) return null;
  const prefix = code.slice(0, 3);
  return COUNCIL_KINDS.find((k) => COUNCIL_PREFIX[k] === prefix) ?? null;
}

/** True when `code` is an ODS code of that kind of NHS body. */
export function isOdsCode(code: string, kind: NhsBodyKind): boolean {
  return ODS_CODE[kind].test(code);
}

/** A typed GSS code: spaces around it and lower case forgiven, nothing else. */
export const councilCodeInput = z
  .string({ error: COUNCIL_CODE_HINT })
  .max(20, COUNCIL_CODE_HINT)
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => councilKindOf(s) !== null, COUNCIL_CODE_HINT);

export const odsCodeInput = z
  .string({ error: 'Enter an ODS code' })
  .max(20, 'Enter an ODS code of 3 characters')
  .transform((s) => s.trim().toUpperCase());

/**
 * The MYE2 `Geography` text of a council with adult social care responsibility, as its kind; anything else
 * (Country, Region, Metropolitan County, Non-metropolitan District…) is null: not a registry entry.
 */
const GEOGRAPHY_KIND: Record<string, CouncilKind> = {
  'unitary authority': 'unitary',
  'metropolitan district': 'metropolitan_district',
  'london borough': 'london_borough',
  county: 'county',
};

export function kindOfGeography(geography: string): CouncilKind | null {
  return GEOGRAPHY_KIND[geography.trim().toLowerCase()] ?? null;
}

/** The English regions (ITL1), by their GSS codes: MYE2 lists each region's row above its areas. */
export const REGIONS: Record<string, string> = {
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and The Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West',
};
export const REGION_NAMES = Object.values(REGIONS);
export const REGION_NOT_RECORDED = 'Not recorded';

export type { AuthorityKind };
