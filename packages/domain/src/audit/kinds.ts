/**
 * Kinds of audit event, for the audit log's filter, and which of them are administration (issue 10, item 5).
 *
 * A procedure's kind follows from its area (the part of its name before the dot):
 *   registry      the authority registry: councils and NHS bodies registered, imported, renamed, made inactive
 *   people        people administration: invitations (of colleagues and of an authority's first
 *                 administrator), roles, deactivation, reset links, and their acceptance
 *   partnership   partnership steps: proposing, inviting, accepting or declining, leaving, roles, the lead
 *   security      signing in and out, two-step verification, sessions, API tokens, reading the audit log
 *   records       everything else: an authority's commissioning records (procurements, contracts,
 *                 placements, returns, budgets…) and platform imports of population estimates
 *
 * Administration = registry, people and partnership. A platform administrator's audit log shows the
 * administration events of every authority, and the platform log (what administrators did for no authority);
 * never an authority's security or records events. Migration 0023's audit_is_administration() holds the
 * same three areas for the database (tests/integration/audit-admin.test.ts checks they agree).
 */
export const AUDIT_KINDS = ['registry', 'people', 'partnership', 'security', 'records'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  registry: 'Authorities register',
  people: 'People and invitations',
  partnership: 'Partnerships',
  security: 'Signing in and security',
  records: 'Commissioning records',
};

export const ADMINISTRATION_KINDS: readonly AuditKind[] = ['registry', 'people', 'partnership'];

const AREA_KIND: Record<string, AuditKind> = {
  registry: 'registry',
  people: 'people',
  partnership: 'partnership',
  auth: 'security',
  apiToken: 'security',
  audit: 'security',
};

/** The kind of a procedure's events, from its area. */
export function auditKindOf(procedure: string): AuditKind {
  return AREA_KIND[procedure.split('.')[0] ?? ''] ?? 'records';
}

export function isAdministrationEvent(procedure: string): boolean {
  return ADMINISTRATION_KINDS.includes(auditKindOf(procedure));
}

/** The areas (name prefixes) of a kind's procedures; `records` is every area not named here. */
export function auditAreasOf(kind: AuditKind): string[] {
  return Object.keys(AREA_KIND).filter((area) => AREA_KIND[area] === kind);
}

export const AUDIT_AREAS_NAMED = Object.keys(AREA_KIND);

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes UK time is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date): number {
  const part = (type: string) => Number(LONDON.formatToParts(instant).find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * The instant a UK calendar day (YYYY-MM-DD) starts. Clocks change at 01:00 UTC, so the offset at 00:00 UTC
 * of the day is the offset at its local midnight.
 */
export function ukDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = new Date(Date.UTC(y, m - 1, d));
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(utcMidnight) * 60_000);
}

/** The instant after a UK calendar day ends (the next day's start): a range "to" that day is `< ukDayEnd(day)`. */
export function ukDayEnd(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return ukDayStart(next.toISOString().slice(0, 10));
}
