import { describe, expect, it } from 'vitest';
import { auditEventLabel, auditKindOf, isAdministrationEvent, ukDayEnd, ukDayStart } from '../../src/audit/index.ts';

describe('audit event kinds', () => {
  it('administration is the registry, people and partnership areas only', () => {
    expect(['registry.registerCouncil', 'people.invite', 'people.acceptInvitation', 'partnership.get'].map(isAdministrationEvent)).toEqual([true, true, true, true]);
    expect(['contract.update', 'placement.get', 'return.submit', 'budget.set', 'auth.signIn', 'population.import'].map(isAdministrationEvent)).toEqual([
      false, false, false, false, false, false,
    ]);
  });

  it('kinds follow the area', () => {
    expect(auditKindOf('auth.confirmTwoStep')).toBe('security');
    expect(auditKindOf('apiToken.create')).toBe('security');
    expect(auditKindOf('contract.update')).toBe('records');
    expect(auditKindOf('registry.rename')).toBe('registry');
  });

  it('labels are plain words, with a readable fallback', () => {
    expect(auditEventLabel('people.invite')).toBe('Invited a colleague');
    expect(auditEventLabel('people.setRoles')).toBe('Changed roles');
    expect(auditEventLabel('registry.registerCouncil')).toBe('Registered a council');
    expect(auditEventLabel('widget.doSomething')).toBe('Widget do something');
  });
});

describe('UK days', () => {
  it('a winter day starts at midnight UTC', () => {
    expect(ukDayStart('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(ukDayEnd('2026-01-15').toISOString()).toBe('2026-01-16T00:00:00.000Z');
  });
  it('a summer day starts at 23:00 UTC the day before', () => {
    expect(ukDayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukDayEnd('2026-07-01').toISOString()).toBe('2026-07-01T23:00:00.000Z');
  });
  it('the days the clocks change', () => {
    // 29 March 2026: clocks go forward at 01:00 UTC; the day starts in GMT and is 23 hours long.
    expect(ukDayStart('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(ukDayEnd('2026-03-29').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    // 25 October 2026: clocks go back at 01:00 UTC; the day starts in BST and is 25 hours long.
    expect(ukDayStart('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(ukDayEnd('2026-10-25').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});
