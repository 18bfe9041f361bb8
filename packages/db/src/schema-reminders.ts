import type { ColumnType, Generated } from 'kysely';

/** A deadline reminder sent (migration 0037): written only by concord_send_due_reminders, read by its recipient. */
export interface ReminderSentTable {
  id: Generated<string>;
  kind: 'call_off_response_due' | 'application_window_closing' | 'document_expiring';
  /** The call-off, reopening or document it is about. */
  subject_id: string;
  authority_id: string | null;
  provider_id: string | null;
  /** The deadline it counted to. */
  due_at: ColumnType<Date, Date | string, never>;
  days_before: 1 | 7 | 30;
  message_id: string;
  sent_at: ColumnType<Date, Date | string, never>;
}

export interface RemindersDatabase {
  reminder_sent: ReminderSentTable;
}
