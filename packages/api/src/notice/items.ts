import { longDate, NOTICE_CATALOGUE, NOTICE_STATE_LABELS, noticesDue, REGIME_LABELS, VARIATION_KIND_LABELS, type NoticeType } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { keyOf, type NoticeKey, type Scope } from './facts.ts';
import { editableFields, suppliersOf, type Supplier } from './fields.ts';
import type { NoticeItem, NoticeList, NoticeRecord, NoticeRecordStatus } from './types.ts';

export const RECORD_STATUS_LABELS: Record<NoticeRecordStatus, string> = { draft: 'Draft', ready: 'Ready to publish', published: 'Published', withdrawn: 'Withdrawn' };

/** Today in England, as deadlines count days. */
export const londonToday = (ctx: Pick<TenantContext, 'now'>) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(ctx.now());

export interface NoticeRow {
  id: string;
  authority_id: string;
  notice_type: NoticeType;
  procurement_id: string | null;
  call_off_id: string | null;
  contract_id: string | null;
  subject_id: string;
  status: NoticeRecordStatus;
  fields: Record<string, string>;
  notice_identifier: string | null;
  published_on: string | null;
  withdrawn_reason: string | null;
  release: Record<string, unknown> | null;
  row_version: number;
}

export const NOTICE_COLUMNS = [
  'id',
  'authority_id',
  'notice_type',
  'procurement_id',
  'call_off_id',
  'contract_id',
  'subject_id',
  'status',
  'fields',
  'notice_identifier',
  'published_on',
  'withdrawn_reason',
  'release',
  'row_version',
] as const;

export function toRecord(row: NoticeRow, suppliers: readonly Supplier[]): NoticeRecord {
  return {
    id: row.id,
    type: row.notice_type,
    status: row.status,
    statusLabel: RECORD_STATUS_LABELS[row.status],
    noticeIdentifier: row.notice_identifier,
    publishedOn: row.published_on,
    withdrawnReason: row.withdrawn_reason,
    rowVersion: row.row_version,
    fields: row.fields ?? {},
    editableFields: editableFields(row.notice_type, suppliers),
  };
}

export const sameKey = (row: Pick<NoticeRow, 'procurement_id' | 'call_off_id' | 'contract_id' | 'subject_id'>, key: NoticeKey) =>
  row.procurement_id === key.procurementId && row.call_off_id === key.callOffId && row.contract_id === key.contractId && row.subject_id === key.subjectId;

/** The notice rows of a scope that are not withdrawn (the current one of each kind and subject). */
export async function scopeRows(tx: Tx, scope: Scope): Promise<NoticeRow[]> {
  const contractIds = scope.contracts.map((c) => c.id);
  const column = scope.kind === 'procurement' ? 'procurement_id' : scope.kind === 'callOff' ? 'call_off_id' : 'contract_id';
  return (await tx
    .selectFrom('procurement_notice')
    .select([...NOTICE_COLUMNS])
    .where('status', '<>', 'withdrawn')
    .where((eb) => eb.or([eb(column, '=', scope.id), ...(contractIds.length ? [eb('contract_id', 'in', contractIds)] : [])]))
    .execute()) as NoticeRow[];
}

function subjectLabel(scope: Scope, type: NoticeType, subjectId: string | null): string | null {
  if (!subjectId) return null;
  if (type === 'UK10') {
    for (const c of scope.contracts) {
      const v = c.variations.find((x) => x.id === subjectId);
      if (v) return `${c.reference}: ${VARIATION_KIND_LABELS[v.kind as keyof typeof VARIATION_KIND_LABELS] ?? v.kind} from ${longDate(v.effectiveOn)}`;
    }
  }
  return scope.contracts.find((c) => c.id === subjectId)?.reference ?? null;
}

export const dueText = (state: string, dueOn: string | null) => (dueOn ? `By ${longDate(dueOn)}` : state === 'not_required' ? 'Not required' : 'No fixed deadline');

/** Every notice the Act asks of the scope on `today`, each with the record Concord holds for it. */
export function itemsOf(scope: Scope, rows: readonly NoticeRow[], suppliers: readonly Supplier[], today: string): NoticeItem[] {
  const due = noticesDue(scope.facts, today);
  return due.notices.map((n) => {
    const key = keyOf(scope, n.type, n.subjectId);
    const row = rows.find((r) => r.notice_type === n.type && sameKey(r, key));
    return {
      type: n.type,
      name: NOTICE_CATALOGUE[n.type].name,
      subjectId: n.subjectId,
      subjectLabel: subjectLabel(scope, n.type, n.subjectId),
      state: n.state,
      stateLabel: NOTICE_STATE_LABELS[n.state],
      dueOn: n.dueBy,
      dueText: dueText(n.state, n.dueBy),
      reason: n.reason,
      record: row ? toRecord(row, suppliers) : null,
    };
  });
}

export async function listOf(tx: Tx, scope: Scope, today: string, onlyContract?: string): Promise<NoticeList> {
  const rows = await scopeRows(tx, scope);
  const suppliers = await suppliersOf(tx, scope);
  let items = itemsOf(scope, rows, suppliers, today);
  if (onlyContract && scope.kind === 'procurement') items = items.filter((i) => keyOf(scope, i.type, i.subjectId).contractId === onlyContract);
  return { regime: scope.regime, regimeLabel: REGIME_LABELS[scope.regime], regimeReason: scope.regimeReason, items };
}
