import { appRouter } from '@concord/api';
import { AUDIT_EVENT_LABELS, auditEventLabel } from '@concord/domain';
import { describe, expect, it } from 'vitest';

/**
 * Every mutation is audited (trpc.ts records each one), so every mutation needs words for the audit log
 * (issue 10, item 5). This walks the app router: a new mutation without a label in
 * packages/domain/src/audit/labels.ts fails here, naming it.
 */
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures);

describe('audit labels', () => {
  it('the router has mutations to check (the walk is not empty)', () => {
    expect(procedures.filter(([, p]) => p._def.type === 'mutation').length).toBeGreaterThan(50);
  });

  it('every mutation of the app router has a plain-English label', () => {
    const missing = procedures.filter(([path, p]) => p._def.type === 'mutation' && !AUDIT_EVENT_LABELS[path]).map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('every read that records itself (contracts, placements, budgets…) has one too', () => {
    for (const path of ['contract.get', 'contract.list', 'placement.get', 'placement.exportCsv', 'budget.list', 'market.view', 'businessCase.export', 'audit.list']) {
      expect({ path, labelled: path in AUDIT_EVENT_LABELS }).toEqual({ path, labelled: true });
    }
  });

  it('no label names a procedure the router does not have (labels follow renames)', () => {
    const known = new Set(procedures.map(([path]) => path));
    expect(Object.keys(AUDIT_EVENT_LABELS).filter((path) => !known.has(path))).toEqual([]);
  });

  it('labels are words, not codes', () => {
    for (const [path, label] of Object.entries(AUDIT_EVENT_LABELS)) {
      expect({ path, label, ok: /^[A-Z][^.]*[A-Za-z)]$/.test(label) && !label.includes(path) }).toEqual({ path, label, ok: true });
    }
    expect(auditEventLabel('people.invite')).toBe('Invited a colleague');
  });
});
