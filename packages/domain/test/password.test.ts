import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isCommonPassword, passwordProblem, setPasswordInput, setupInput } from '../src/password/server.ts';

const EMAIL = 'jo.bloggs@salford.gov.uk';

describe('passwordProblem (NCSC: length, not common, no composition rules)', () => {
  it('accepts 12 or more characters of any kind, with no composition rules', () => {
    expect(passwordProblem('correct horse battery', EMAIL)).toBeNull();
    expect(passwordProblem('alllowercase', EMAIL)).toBeNull(); // exactly 12, no digit or capital needed
    expect(passwordProblem('ééééééééééé€', EMAIL)).toBeNull(); // 12 characters, counted as characters
  });

  it('refuses fewer than 12 characters, saying how many are needed', () => {
    expect(passwordProblem('elevenchars', EMAIL)).toBe('Password must be 12 characters or more');
    expect(passwordProblem('', EMAIL)).toBe('Enter a password');
  });

  it('refuses passwords on the common list, in any case', () => {
    expect(isCommonPassword('qwerty123456')).toBe(true);
    expect(passwordProblem('qwerty123456', EMAIL)).toMatch(/too common/);
    expect(passwordProblem('QWERTY123456', EMAIL)).toMatch(/too common/);
    expect(passwordProblem('1q2w3e4r5t6y', EMAIL)).toMatch(/too common/);
    expect(isCommonPassword('a string nobody would pick')).toBe(false);
  });

  it('refuses the email itself or a password containing its local part', () => {
    expect(passwordProblem(EMAIL, EMAIL)).toMatch(/email/);
    expect(passwordProblem('my jo.bloggs password', EMAIL)).toMatch(/email/);
    expect(passwordProblem('MY JO.BLOGGS PASSWORD', EMAIL)).toMatch(/email/);
    // A very short local part is not a meaningful match.
    expect(passwordProblem('a good long passphrase', 'al@x.gov.uk')).toBeNull();
    expect(passwordProblem('a good long passphrase', null)).toBeNull();
  });

  it('refuses more than 200 characters and text that cannot be stored', () => {
    expect(passwordProblem('x'.repeat(201), EMAIL)).toMatch(/200 characters or fewer/);
    expect(passwordProblem('twelve chars\u0000long', EMAIL)).toMatch(/control characters/);
  });

  it('keeps the demo password valid at 12 characters (demo accounts only)', () => {
    expect(passwordProblem('concord-demo', null)).toBeNull();
  });
});

describe('setup and set-password inputs', () => {
  const good = { token: 'a'.repeat(43), email: ' Jo.Bloggs@Salford.gov.uk ', displayName: 'Jo Bloggs', password: 'river kettle orchard', confirmPassword: 'river kettle orchard' };

  it('normalises the email and accepts a good password', () => {
    expect(setupInput.parse(good).email).toBe(EMAIL);
  });

  it('names the field at fault', () => {
    const paths = (input: unknown, schema: z.ZodType = setupInput) => {
      const result = schema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...good, password: 'short', confirmPassword: 'short' })).toEqual(['password']);
    expect(paths({ ...good, password: 'password1234', confirmPassword: 'password1234' })).toEqual(['password']);
    expect(paths({ ...good, confirmPassword: 'river kettle orchart' })).toEqual(['confirmPassword']);
    expect(paths({ ...good, password: 'jo.bloggs is here', confirmPassword: 'jo.bloggs is here' })).toEqual(['password']);
    expect(paths({ ...good, email: 'not an email' })).toEqual(['email']);
    expect(paths({ ...good, token: 'abc/../x' })).toEqual(['token']);
    const { email: _email, ...withoutEmail } = good;
    expect(paths(withoutEmail, setPasswordInput)).toEqual([]);
    expect(paths({ ...withoutEmail, password: 'qwerty123456', confirmPassword: 'qwerty123456' }, setPasswordInput)).toEqual(['password']);
  });
});
