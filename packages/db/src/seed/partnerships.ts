import type { PartnershipKind } from '../schema.ts';

export interface SeedPartnership {
  name: string;
  kind: PartnershipKind;
  lead: string; // authority slug
  members: string[]; // including the lead
  joinedOn: string;
  why: string;
}

export const PARTNERSHIPS: SeedPartnership[] = [
  {
    name: 'LCR Tripartite',
    kind: 'tripartite',
    lead: 'liverpool',
    members: ['liverpool', 'sefton', 'knowsley'],
    joinedOn: '2018-04-03',
    why: 'Seed 002: Liverpool leads the joint Extra Care procurement for Sefton, Knowsley and Liverpool.',
  },
  {
    name: 'South West Peninsula',
    kind: 'regional_network',
    lead: 'devon',
    members: ['devon', 'plymouth', 'cornwall', 'torbay', 'somerset'],
    joinedOn: '2023-04-01',
    why:
      'Seed 000 names no lead for the peninsula network; Devon, the largest member by population, ' +
      'is chosen to convene it in the demo.',
  },
  {
    name: 'Leicestershire with NHS partners',
    kind: 'council_with_nhs',
    lead: 'leicestershire',
    members: ['leicestershire', 'elr-ccg', 'wl-ccg'],
    joinedOn: '2016-11-07',
    why: 'Seed 003: the County Council is lead commissioner on behalf of ELR CCG and West Leicestershire CCG.',
  },
];
