import type { NoticeState, NoticeType, Regime } from '@concord/domain';

/**
 * What the notice procedures return (issue 16). The web's Notices tab and "What is due" page read these shapes.
 */
export const NOTICE_RECORD_STATUSES = ['draft', 'ready', 'published', 'withdrawn'] as const;
export type NoticeRecordStatus = (typeof NOTICE_RECORD_STATUSES)[number];

/** A field only a person can supply (the reason for a direct award, an assessment summary's wording…). */
export interface EditableField {
  name: string;
  label: string;
  hint: string | null;
  multiline: boolean;
  /** A choice among these (value and words) instead of free text; the empty value means none. */
  choices?: { value: string; label: string }[];
  /** The choices as GOV.UK radios (a few), not a select. */
  radios?: boolean;
  /** A day, held as 'YYYY-MM-DD' and entered in a GOV.UK date input. */
  date?: boolean;
}

/** A notice Concord holds: its draft, or what was published. */
export interface NoticeRecord {
  id: string;
  type: NoticeType;
  status: NoticeRecordStatus;
  statusLabel: string;
  noticeIdentifier: string | null;
  publishedOn: string | null;
  withdrawnReason: string | null;
  rowVersion: number;
  fields: Record<string, string>;
  editableFields: EditableField[];
}

/** One notice the Act asks for, with its state and the record Concord holds for it (null: not drafted yet). */
export interface NoticeItem {
  type: NoticeType;
  name: string;
  /** The contract, change or event it is for; null for the procurement itself. */
  subjectId: string | null;
  subjectLabel: string | null;
  state: NoticeState;
  stateLabel: string;
  dueOn: string | null;
  /** The deadline in words ('By 3 March 2026', 'No deadline'). */
  dueText: string;
  reason: string;
  record: NoticeRecord | null;
}

export interface NoticeList {
  regime: Regime;
  regimeLabel: string;
  /** Why the Act's notices do or do not apply, in words. */
  regimeReason: string;
  items: NoticeItem[];
}

export interface DueRow {
  type: NoticeType;
  name: string;
  procurement: { id: string; name: string } | null;
  contract: { id: string; reference: string } | null;
  subjectId: string | null;
  state: NoticeState;
  stateLabel: string;
  dueOn: string | null;
  reason: string;
}

export interface DuePage {
  rows: DueRow[];
  /** The records (procurements, call-offs, contracts) the pages hold, not the notices. */
  total: number;
  /** The authority's pipeline notice (UK1), on the first page only. */
  pipeline: PipelineDue | null;
}

/** The authority's pipeline notice (UK1) for a financial year: whether it is required Concord cannot tell. */
export interface PipelineDue {
  type: 'UK1';
  name: string;
  /** The first day of the financial year (its subject). */
  yearStartsOn: string;
  /** '2027 to 2028'. */
  yearName: string;
  state: NoticeState;
  stateLabel: string;
  dueOn: string;
  /** What Concord's own contracts imply the authority pays in the year: a floor of its spend. */
  heldPence: number;
  reason: string;
  /** The UK1 drafted for the year, if any. */
  record: { id: string; status: NoticeRecordStatus } | null;
}

/** A JSON file for download (the OCDS release package), as apps/web/src/download.ts takes it. */
export interface NoticeJsonFile {
  filename: string;
  json: Record<string, unknown>;
}

/** A PDF for download: base64 bytes, name and type. */
export interface NoticePdfFile {
  filename: string;
  mimeType: 'application/pdf';
  base64: string;
}

/** What the contract register shows of the Act for one contract: notices due or overdue, a start inside the standstill. */
export interface ContractNoticeWarning {
  contractId: string;
  reference: string;
  warnings: { kind: 'notice_due' | 'notice_overdue' | 'inside_standstill' | 'before_award_notice'; type: NoticeType; dueOn: string | null; text: string }[];
}
