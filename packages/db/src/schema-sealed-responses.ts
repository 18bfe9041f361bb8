import type { ColumnType, Generated } from 'kysely';

/** Kysely types for migration 0032 (issue 11, item 4): sealed mini-competition answers and outcomes. */
export interface CallOffResponseAnswerTable {
  authority_id: string;
  response_id: string;
  criterion_id: string;
  call_off_id: string;
  answer: string;
}

/** The columns of call_off_response_answer the application role may read (not migration 0061's copies). */
export const CALL_OFF_RESPONSE_ANSWER_COLUMNS = ['authority_id', 'response_id', 'criterion_id', 'call_off_id', 'answer'] as const satisfies readonly (keyof CallOffResponseAnswerTable)[];

/** One respondent's own result of an awarded mini-competition: what that provider (and only it) reads afterwards. */
export interface CallOffOutcomeTable {
  authority_id: string;
  id: Generated<string>;
  call_off_id: string;
  provider_id: string;
  response_id: string;
  rank: number | null;
  total_points: number | null;
  successful: boolean;
  points: ColumnType<unknown, string | undefined, never>;
  feedback: string | null;
  contract_reference: string | null;
  created_at: ColumnType<Date, never, never>;
}

/** The columns of call_off_outcome the application role may read (not migration 0061's copies of its call-off). */
export const CALL_OFF_OUTCOME_COLUMNS = [
  'authority_id', 'id', 'call_off_id', 'provider_id', 'response_id', 'rank', 'total_points', 'successful', 'points', 'feedback',
  'contract_reference', 'created_at',
] as const satisfies readonly (keyof CallOffOutcomeTable)[];

export interface SealedResponsesDatabase {
  call_off_response_answer: CallOffResponseAnswerTable;
  call_off_outcome: CallOffOutcomeTable;
}
