import { AUDIT_KINDS, type AuditKind } from '@concord/domain';

/** The audit log's filters and page, as the address holds them (so a filtered page can be shared or reloaded). */
export interface AuditQuery {
  from?: string;
  to?: string;
  who?: string;
  kind?: AuditKind;
  before?: string;
  beforeId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the address asks for, leaving out anything malformed (a hand-edited address shows the unfiltered log). */
export function queryOf(params: URLSearchParams): AuditQuery {
  const query: AuditQuery = {};
  const from = params.get('from');
  const to = params.get('to');
  const who = params.get('who')?.trim();
  const kind = params.get('kind');
  const before = params.get('before');
  const beforeId = params.get('beforeId');
  if (from && DAY.test(from)) query.from = from;
  if (to && DAY.test(to)) query.to = to;
  if (query.from && query.to && query.from > query.to) delete query.to;
  if (who) query.who = who.slice(0, 200);
  if (kind && (AUDIT_KINDS as readonly string[]).includes(kind)) query.kind = kind as AuditKind;
  if (before && TIME.test(before)) {
    query.before = before;
    if (beforeId && UUID.test(beforeId)) query.beforeId = beforeId;
  }
  return query;
}

/** The address of a query on the log at `base`: `/audit?…` (or `/organisation/audit?…` for a provider organisation's). */
export function hrefOf(query: AuditQuery, base = '/audit'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
