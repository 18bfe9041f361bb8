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
  total: number;
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
  warnings: { kind: 'notice_due' | 'notice_overdue' | 'inside_standstill'; type: NoticeType; text: string }[];
}
