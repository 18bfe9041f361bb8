import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto (OWASP: N=2^15, r=8, p=1 or stronger); the parameters travel with the hash
// so they can be raised later without breaking stored hashes.
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
/** The cost factor new hashes get: PARAMS.N, unless a test suite lowered it for its own process (below). */
let costForNewHashes: number = PARAMS.N;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function hashPassword(password: string): Promise<string> {
  return hashPasswordWithCost(password, costForNewHashes);
}

/**
 * For test suites only (issue 14, item 8): new hashes in this process, and the unknown-email check, at cost `N`
 * instead of 2^15. At full cost each hash is ~0.2 s of CPU, and the integration suite sets or checks ~190 passwords
 * (sign-ups, invitations, resets, sign-ins of unknown emails): ~40 s of a 2-core machine's CPU. The path is the same
 * (verification reads the cost from the stored hash); `password.test.ts`, in its own process, holds the real cost.
 * Nothing in the server or the CLI calls this.
 */
export function lowerPasswordCostForTests(N: number): void {
  costForNewHashes = N;
}

/**
 * The same scrypt at another cost factor. Verification reads the cost from the stored hash, so test
 * fixtures hashed cheaply sign in through exactly the production path, only faster. Never for real accounts.
 */
export async function hashPasswordWithCost(password: string, N: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { ...PARAMS, N });
  return ['scrypt', N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Checked against when the email is unknown, so a wrong email costs the same time as a wrong password: a hash at the
 * cost new hashes get (2^15 but in a test suite that lowered it).
 */
export function unknownUserHash(): string {
  return `scrypt$${costForNewHashes}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(86)}`;
}
