import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordWithCost, unknownUserHash, verifyPassword } from '../src/auth/password.ts';
import { hashSessionToken, newSessionToken } from '../src/auth/token.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('checks an unknown email against a hash of the full cost, which no password matches', async () => {
    expect(unknownUserHash()).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('', unknownUserHash())).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses a malformed or foreign hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});

describe('session tokens', () => {
  it('are 256-bit random and stored only as a SHA-256 digest', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(hashSessionToken(token)).toMatch(/^[\w-]{43}$/);
    expect(hashSessionToken(token)).not.toBe(token);
    expect(hashSessionToken(token)).toBe(hashSessionToken(token));
  });
});

describe('cheaper hashes for fixtures', () => {
  it('verify through the same path, with the cost read from the hash', async () => {
    const stored = await hashPasswordWithCost('fixture', 1024);
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('fixture', stored)).toBe(true);
    expect(await verifyPassword('other', stored)).toBe(false);
  });
});
