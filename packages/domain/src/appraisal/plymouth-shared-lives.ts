import type { OptionsAppraisalInput } from './appraisal.ts';

const OPTIONS = [
  { id: 'do-nothing', name: 'Do nothing', description: 'Let the contract expire on 30 September 2023 and revert to spot purchase' },
  {
    id: 'seek-new-provider',
    name: 'Seek a new provider',
    description: 'Market research into other providers with the skills and experience to support Plymouth clients',
  },
  { id: 'peninsula-offer', name: 'Join up a peninsula offer', description: 'Commission a joint Peninsula contract with neighbouring local authorities' },
  {
    id: 'extend-existing',
    name: 'Extend existing arrangements with current provider',
    description:
      'Continue the Shared Lives service for 13 people via Shared Lives South West and increase the carer rate to match neighbouring authorities, with more paid breaks',
  },
] as const;

/** Criterion, then the score for options 1–4 in the order above (seed 000, table 5.3). */
const TABLE: readonly [id: string, name: string, question: string, scores: readonly [number, number, number, number]][] = [
  ['statutory-duties', 'Statutory duties', 'Will this option enable the council to carry out its statutory duties?', [0, 1, 2, 2]],
  ['system-drivers', 'System drivers', 'Will this option support the strategies and plans in the system of health and adult social care?', [0, 1, 2, 2]],
  ['council-drivers', 'Council drivers', "Will this option support the Council's strategies and plans?", [0, 1, 2, 2]],
  ['revenue-cost', 'Revenue cost', 'Will this option fit the budget outlined in the MTFP after the changes?', [3, 2, 2, 2]],
  ['user-benefit', 'User benefit', 'Will this option deliver benefits to service users / customers (both internal and external)?', [0, 1, 2, 3]],
  ['ability-to-deliver', 'Ability to deliver', 'How easy will it be to deliver the option?', [0, 1, 1, 3]],
  ['risk', 'Risk', 'How risky is the option in comparison to the current situation?', [0, 1, 2, 3]],
  ['timescale', 'Timescale', 'How quickly can the option be introduced and implemented?', [3, 0, 1, 2]],
  ['future-needs', 'Future needs', 'Does the option allow for future changes to the organisation, and to still perform as expected?', [0, 1, 1, 2]],
];

/**
 * Plymouth's Shared Lives options appraisal (seed 000, sections 5.1–5.3): 4 options × 9 criteria scored 0–3,
 * unweighted. Totals 6, 9, 15, 21 → option 4, extend existing arrangements, recommended.
 */
export const PLYMOUTH_SHARED_LIVES_APPRAISAL = {
  options: OPTIONS.map((o) => ({ ...o })),
  criteria: TABLE.map(([id, name, question]) => ({ id, name, question })),
  scores: TABLE.flatMap(([criterionId, , , scores]) => OPTIONS.map((o, i) => ({ optionId: o.id, criterionId, score: scores[i]! }))),
} satisfies OptionsAppraisalInput;
