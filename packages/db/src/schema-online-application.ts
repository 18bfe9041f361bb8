import type { ColumnType, Generated } from 'kysely';

/** One answer a provider gives online: to a gateway question or to a quality criterion (migration 0031). */
export interface OnlineAnswer {
  id: string;
  answer: string;
}

/** The provider's price for one lot it applies to, in pence. */
export interface OnlineLotPrice {
  lotId: string;
  pricePence: number;
}

/** A provider organisation's own application, drafted online and frozen once submitted (migration 0031). */
export interface ProviderApplicationTable {
  authority_id: string;
  id: Generated<string>;
  procurement_id: string;
  provider_id: string;
  lot_ids: ColumnType<string[], string[] | undefined, string[]>;
  gateway_answers: ColumnType<OnlineAnswer[], string | undefined, string>;
  quality_answers: ColumnType<OnlineAnswer[], string | undefined, string>;
  lot_prices: ColumnType<OnlineLotPrice[], string | undefined, string>;
  document_ids: ColumnType<string[], string[] | undefined, string[]>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  submitted_at: ColumnType<Date | null, never, Date | string | null>;
  application_id: ColumnType<string | null, never, string | null>;
  created_at: ColumnType<Date, never, never>;
  row_version: ColumnType<number, never, never>;
  updated_at: ColumnType<Date, never, never>;
  updated_by: ColumnType<string | null, never, never>;
}

/** A question and answer the lead publishes to every applicant, without who asked. */
export interface ClarificationTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  procurement_id: string;
  question: string;
  answer: string;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string | null;
}

/** A provider's clarification question, seen by the asker and the lead only. */
export interface ClarificationQuestionTable {
  authority_id: string;
  id: Generated<string>;
  procurement_id: string;
  provider_id: string;
  question: string;
  asked_at: ColumnType<Date, Date | string | undefined, never>;
  asked_by: string | null;
  clarification_id: ColumnType<string | null, never, string | null>;
}

export interface OnlineApplicationDatabase {
  provider_application: ProviderApplicationTable;
  clarification: ClarificationTable;
  clarification_question: ClarificationQuestionTable;
}
