import { describe, expect, it } from 'vitest';
import { API_TOKEN_MAX_DAYS, apiTokenExpiry, apiTokenStatus, bearerToken, createApiTokenInput, shouldTouch } from '../src/api-token.ts';

const created = new Date('2025-04-01T09:00:00Z');

describe('API token input', () => {
  it('lasts a year unless its maker chooses less; never more', () => {
    expect(createApiTokenInput.parse({ label: ' Power BI ' })).toEqual({ label: 'Power BI', expiresInDays: 365 });
    expect(createApiTokenInput.parse({ label: 'Power BI', expiresInDays: 30 })).toEqual({ label: 'Power BI', expiresInDays: 30 });
    const tooLong = createApiTokenInput.safeParse({ label: 'Power BI', expiresInDays: 366 });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['expiresInDays', 'A token lasts at most 365 days']]);
    const blank = createApiTokenInput.safeParse({ label: '   ', expiresInDays: 0 });
    expect(blank.error!.issues.map((i) => i.path.join('.'))).toEqual(['label', 'expiresInDays']);
  });

  it('expires the chosen number of days after it is made, capped at the maximum', () => {
    expect(apiTokenExpiry(created, 30).toISOString()).toBe('2025-05-01T09:00:00.000Z');
    expect(apiTokenExpiry(created, API_TOKEN_MAX_DAYS).toISOString()).toBe('2026-04-01T09:00:00.000Z');
    expect(apiTokenExpiry(created, 1000).toISOString()).toBe('2026-04-01T09:00:00.000Z');
  });
});

describe('API token status', () => {
  const expiresAt = new Date('2025-05-01T09:00:00Z');
  it('is active until it expires, expired from that instant, revoked whenever revoked', () => {
    expect(apiTokenStatus({ expiresAt, revokedAt: null }, new Date('2025-05-01T08:59:59Z'))).toBe('active');
    expect(apiTokenStatus({ expiresAt, revokedAt: null }, expiresAt)).toBe('expired');
    expect(apiTokenStatus({ expiresAt, revokedAt: created }, new Date('2025-04-02T00:00:00Z'))).toBe('revoked');
  });

  it('records use at most once a minute', () => {
    expect(shouldTouch(null, created)).toBe(true);
    expect(shouldTouch(new Date(created.getTime() - 59_999), created)).toBe(false);
    expect(shouldTouch(new Date(created.getTime() - 60_000), created)).toBe(true);
  });
});

describe('bearer token header', () => {
  it('takes a Concord token from "Bearer <token>", and nothing else', () => {
    expect(bearerToken('Bearer concord_pat_abc-DEF_123')).toBe('concord_pat_abc-DEF_123');
    expect(bearerToken('bearer   concord_pat_abc ')).toBe('concord_pat_abc');
    expect(bearerToken('Bearer someone_elses_token')).toBeNull();
    expect(bearerToken('Basic Y29uY29yZDpwYXNz')).toBeNull();
    expect(bearerToken('Bearer concord_pat_a concord_pat_b')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
