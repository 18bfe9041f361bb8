import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SESSION_POLICY,
  formatPence,
  gssCode,
  hasAnyRole,
  parsePounds,
  sessionState,
  signInInput,
} from '../src/index.ts';

const at = (iso: string) => new Date(iso);

describe('session policy', () => {
  const created = at('2026-11-23T09:00:00Z');
  it('is active within both limits', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: at('2026-11-23T10:00:00Z'), revokedAt: null }, at('2026-11-23T10:29:59Z'), DEFAULT_SESSION_POLICY)).toBe('active');
  });
  it('expires after 30 idle minutes', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: at('2026-11-23T10:00:00Z'), revokedAt: null }, at('2026-11-23T10:30:00Z'), DEFAULT_SESSION_POLICY)).toBe('idle_expired');
  });
  it('expires 12 hours after sign-in however busy', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: at('2026-11-23T20:59:00Z'), revokedAt: null }, at('2026-11-23T21:00:00Z'), DEFAULT_SESSION_POLICY)).toBe('expired');
  });
  it('a revoked session never comes back', () => {
    expect(sessionState({ createdAt: created, lastSeenAt: created, revokedAt: created }, created, DEFAULT_SESSION_POLICY)).toBe('revoked');
  });
});

describe('inputs', () => {
  it('accepts GSS codes and rejects others', () => {
    expect(gssCode.safeParse('E06000026').success).toBe(true);
    expect(gssCode.safeParse('Plymouth').success).toBe(false);
  });
  it('normalises the email and names the missing password', () => {
    expect(signInInput.parse({ email: ' Commissioner.Sefton@Concord.Example ', password: 'x' }).email).toBe('commissioner.sefton@concord.example');
    const result = signInInput.safeParse({ email: 'a@b.co', password: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['password']);
    expect(result.error?.issues[0]?.message).toBe('Enter your password');
  });
  it('checks roles', () => {
    expect(hasAnyRole(['viewer'], ['commissioner'])).toBe(false);
    expect(hasAnyRole(['viewer', 'commissioner'], ['commissioner'])).toBe(true);
  });
});

describe('money in pence', () => {
  it('formats with thousands separators', () => {
    expect(formatPence(3_363_299_352)).toBe('£33,632,993.52');
    expect(formatPence(40_358_900, { whole: true })).toBe('£403,589');
  });
  it('parses pounds to whole pence', () => {
    expect(parsePounds('£807,178')).toBe(80_717_800);
    expect(parsePounds('245.5')).toBe(24_550);
    expect(() => parsePounds('1.234')).toThrow(RangeError);
  });
});
