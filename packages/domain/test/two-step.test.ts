import { describe, expect, it } from 'vitest';
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
  verifyTwoStepInput,
  forgotPasswordInput,
  mustEnrolFirst,
  twoStepRequirement,
} from '../src/two-step/index.ts';

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890" in base32, at T = 59 s the 8-digit code is 94287082.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('computes the RFC 6238 test vector (last 6 digits)', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
  });

  it('accepts the step before and after, not two away', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 30_000)), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() + 30_000)), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 60_000)), now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code of a step already used, or earlier', () => {
    const now = new Date(1_700_000_000_000);
    const code = totpCode(RFC_SECRET, now);
    const first = checkTotp(RFC_SECRET, code, now, null);
    if (!first.ok) throw new Error('first use refused');
    expect(checkTotp(RFC_SECRET, code, now, first.step)).toEqual({ ok: false, reason: 'replayed' });
    const earlier = totpCode(RFC_SECRET, new Date(now.getTime() - 30_000));
    expect(checkTotp(RFC_SECRET, earlier, now, first.step)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('makes a 160-bit base32 secret and an otpauth URI an app reads', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, 'a@b.example')).toBe(`otpauth://totp/Concord:a%40b.example?issuer=Concord&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, hashed the same however typed', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(codes[0]!));
    expect(hashRecoveryCode(codes[0]!)).not.toBe(hashRecoveryCode(codes[1]!));
  });

  it('the second step takes a 6-digit code or a recovery code, nothing else', () => {
    expect(verifyTwoStepInput.safeParse({ challenge: 'x', code: '123 456' }).success).toBe(true);
    expect(verifyTwoStepInput.safeParse({ challenge: 'x', code: '12345' }).success).toBe(false);
    expect(verifyTwoStepInput.safeParse({ challenge: 'x', recoveryCode: 'abcde-fghjk' }).success).toBe(true);
    expect(verifyTwoStepInput.safeParse({ challenge: 'x', recoveryCode: 'abc' }).success).toBe(false);
  });
});

describe('when two-step verification is required', () => {
  it('always of a platform administrator, and of everyone of an authority that requires it', () => {
    expect(twoStepRequirement({ isPlatformAdmin: true, authorityRequiresTwoStep: false })).toBe('platform_admin');
    expect(twoStepRequirement({ isPlatformAdmin: false, authorityRequiresTwoStep: true })).toBe('authority');
    expect(twoStepRequirement({ isPlatformAdmin: false, authorityRequiresTwoStep: false })).toBeNull();
  });

  it('a session may only enrol while it is required and not on', () => {
    expect(mustEnrolFirst({ isPlatformAdmin: true, authorityRequiresTwoStep: false, enrolled: false })).toBe(true);
    expect(mustEnrolFirst({ isPlatformAdmin: true, authorityRequiresTwoStep: false, enrolled: true })).toBe(false);
    expect(mustEnrolFirst({ isPlatformAdmin: false, authorityRequiresTwoStep: true, enrolled: false })).toBe(true);
    expect(mustEnrolFirst({ isPlatformAdmin: false, authorityRequiresTwoStep: false, enrolled: false })).toBe(false);
  });

  it('the forgotten password form takes an email address, normalised', () => {
    expect(forgotPasswordInput.parse({ email: ' Erin@Example.ORG ' })).toEqual({ email: 'erin@example.org' });
    expect(forgotPasswordInput.safeParse({ email: 'not an email' }).success).toBe(false);
  });
});
