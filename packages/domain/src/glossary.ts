import type { Route } from './procurement/labels.ts';

/**
 * Short explanations of the terms of the trade the pages use (issue 13): shown beside the term, in a GOV.UK
 * details component, so nobody has to know them already. (The SPC chart and funnel plot explain themselves
 * beside the charts.)
 */
export interface Explanation {
  /** The details component's summary: "What is OCDS?". */
  question: string;
  /** One or two plain sentences. */
  answer: string;
}

export const GLOSSARY = {
  pdps: {
    question: 'What is a PDPS?',
    answer:
      'A pseudo dynamic purchasing system (PDPS) is an approved list of providers that stays open: providers can apply to join at any time while it runs, and each council calls off its own contracts from the providers on it.',
  },
  ocds: {
    question: 'What is OCDS JSON?',
    answer:
      'The Open Contracting Data Standard (OCDS) is the published format for sharing information about public contracts. The file is for a transparency portal or another system to read, not for printing.',
  },
} as const satisfies Record<string, Explanation>;

export type GlossaryTerm = keyof typeof GLOSSARY;

/** The route hints shown with each procurement route, in words (the routes are labelled in procurement/labels). */
export const ROUTE_HINTS: Record<Route, string> = {
  pdps: 'An approved list providers can apply to join at any time while it runs.',
  dps: 'An approved list providers can apply to join at any time while it runs.',
  dynamic_market: 'The Procurement Act 2023’s approved list, open to new providers while it runs.',
  framework: 'Providers appointed at the start; reopened from time to time to add providers.',
  framework_closed: 'Providers appointed at the start only.',
  block_contract: 'A volume bought from a few providers for a long term.',
  open_tender: 'A competitive tender for contracts, for example one lead provider per lot.',
};
