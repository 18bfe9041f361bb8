import type { AuthorityKind } from '../schema.ts';
import type { Tx } from '../tenant.ts';
import type { SeedCommands } from './commands.ts';

export interface SeedAuthority {
  id: string; // GSS code
  slug: string;
  name: string;
  kind: AuthorityKind;
  region: string;
  /** Usual resident population, all ages. */
  population: number;
}

/**
 * The authorities of the seed papers. Populations: ONS Census 2021 usual residents, all ages, as first
 * published (rounded to the nearest 100). The two Leicestershire CCGs (abolished July 2022, now part of
 * the Leicester, Leicestershire and Rutland ICB) are given the sum of the districts they covered:
 * East Leicestershire and Rutland = Blaby, Harborough, Melton, Oadby and Wigston, Rutland;
 * West Leicestershire = Charnwood, Hinckley and Bosworth, North West Leicestershire.
 */
export const CENSUS_2021 = 'ONS Census 2021 usual resident population (first release, rounded to 100)';

export const AUTHORITIES: SeedAuthority[] = [
  { id: 'E06000026', slug: 'plymouth', name: 'Plymouth City Council', kind: 'unitary', region: 'South West', population: 264_700 },
  { id: 'E06000027', slug: 'torbay', name: 'Torbay Council', kind: 'unitary', region: 'South West', population: 139_300 },
  { id: 'E06000052', slug: 'cornwall', name: 'Cornwall Council', kind: 'unitary', region: 'South West', population: 570_300 },
  { id: 'E10000008', slug: 'devon', name: 'Devon County Council', kind: 'county', region: 'South West', population: 811_600 },
  { id: 'E06000066', slug: 'somerset', name: 'Somerset Council', kind: 'unitary', region: 'South West', population: 571_600 },
  { id: 'E08000014', slug: 'sefton', name: 'Sefton Council', kind: 'metropolitan_district', region: 'North West', population: 279_300 },
  { id: 'E08000011', slug: 'knowsley', name: 'Knowsley Council', kind: 'metropolitan_district', region: 'North West', population: 154_500 },
  { id: 'E08000012', slug: 'liverpool', name: 'Liverpool City Council', kind: 'metropolitan_district', region: 'North West', population: 486_100 },
  { id: 'E10000028', slug: 'staffordshire', name: 'Staffordshire County Council', kind: 'county', region: 'West Midlands', population: 876_100 },
  { id: 'E10000018', slug: 'leicestershire', name: 'Leicestershire County Council', kind: 'county', region: 'East Midlands', population: 712_300 },
  { id: 'E38000051', slug: 'elr-ccg', name: 'NHS East Leicestershire and Rutland CCG', kind: 'nhs_body', region: 'East Midlands', population: 351_100 },
  { id: 'E38000201', slug: 'wl-ccg', name: 'NHS West Leicestershire CCG', kind: 'nhs_body', region: 'East Midlands', population: 402_200 },
  { id: 'E10000016', slug: 'kent', name: 'Kent County Council', kind: 'county', region: 'South East', population: 1_576_100 },
];

/** Extra age bands the papers themselves give (seed 002's demand model: Sefton aged 75 and over). */
export const PAPER_POPULATIONS = [
  { authorityId: 'E08000014', year: 2014, ageBand: '75+', population: 29_900, source: 'Sefton Extra Care paper (seed 002), POPPI' },
  { authorityId: 'E08000014', year: 2030, ageBand: '75+', population: 41_900, source: 'Sefton Extra Care paper (seed 002), POPPI projection' },
];

export function authorityBySlug(slug: string): SeedAuthority {
  const found = AUTHORITIES.find((a) => a.slug === slug);
  if (!found) throw new Error(`no seed authority ${slug}`);
  return found;
}

/**
 * Registers the seed authorities. With the registry's commands (issue 10, item 6), each council goes through
 * registry.registerCouncil: a code that is not a council's with adult social care responsibility is refused and
 * the seed fails, and the kind the registry derives must be the one written here. The two former CCGs (E38,
 * abolished in 2022) have no ODS code the registry takes for an ICB or trust: they are written as they were.
 */
export async function seedAuthorities(trx: Tx, commands: SeedCommands | undefined, authorities: readonly SeedAuthority[] = AUTHORITIES): Promise<void> {
  for (const { id, name, kind, region } of authorities) {
    if (commands && kind !== 'nhs_body') {
      await commands.registerCouncil(trx, { code: id, name, region });
      const registered = await trx.selectFrom('authority').select('kind').where('id', '=', id).executeTakeFirstOrThrow();
      if (registered.kind !== kind) throw new Error(`seed: ${name} (${id}) was registered as ${registered.kind}, not ${kind}`);
    } else {
      await trx.insertInto('authority').values({ id, name, kind, region }).execute();
    }
  }
}
