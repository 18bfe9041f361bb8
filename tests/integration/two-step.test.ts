import type { Connection } from '@concord/db';
import { totpCode } from '@concord/domain/two-step';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, DEMO_PASSWORD, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { createCaller, resolveSession } from '@concord/api';

/**
 * Issue 10, item 3: two-step verification with an authenticator app. A commissioner enrols (secret, QR code,
 * a current code, ten recovery codes); from then a right password only gives a challenge, and the session opens
 * only with a code that has not been used, or an unused recovery code. Wrong codes are throttled.
 */
let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

const EMAIL = 'commissioner.sefton@concord.example';
const OTHER = 'commissioner.liverpool@concord.example';
const IP = '198.51.100.7';
const T0 = new Date('2026-12-06T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function anonymous(now: Date, ip = IP) {
  return contextFor(connection, null, { now: () => now, meta: { ip } });
}

async function passwordStep(email: string, now: Date, ip = IP) {
  return (await createCaller(anonymous(now, ip)).auth.signIn({ email, password: DEMO_PASSWORD })) as { challenge?: string; twoStepRequired?: true; userId?: string };
}

async function secondStep(challenge: string, proof: { code: string } | { recoveryCode: string }, now: Date, ip = IP) {
  const ctx = anonymous(now, ip);
  await createCaller(ctx).auth.verifyTwoStep({ challenge, ...proof });
  return ctx.jar.token;
}

let secret: string;
let recoveryCodes: string[];

describe('two-step verification', () => {
  it('enrols with the secret, an otpauth QR code and a current code, and gives ten recovery codes once', async () => {
    const me = callerFor(connection, (await signIn(connection, EMAIL, { now: () => T0 })).session, { now: () => T0 });
    expect(await me.auth.twoStepStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const started = await me.auth.startTwoStep();
    secret = started.secret;
    expect(started.uri).toContain(`secret=${secret}`);
    expect(started.qrCode).toMatch(/^data:image\/png;base64,/);
    // A wrong code changes nothing, against its field.
    await expect(me.auth.confirmTwoStep({ code: totpCode(secret, at(-300)) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await me.auth.twoStepStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });

    recoveryCodes = (await me.auth.confirmTwoStep({ code: totpCode(secret, T0) })).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(await me.auth.twoStepStatus()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const row = await connection.db.selectFrom('two_step').selectAll().where('secret', '=', secret).executeTakeFirstOrThrow();
    expect(row.recovery_code_hashes).toHaveLength(10);
    expect(row.recovery_code_hashes).not.toContain(recoveryCodes[0]);
    // Never shown again: a second start is refused while it is on.
    expect(await outcome(me.auth.startTwoStep())).toBe('CONFLICT');
  });

  it('a right password now gives only a challenge; the session opens with a current code', async () => {
    const first = await passwordStep(EMAIL, at(60));
    expect(first).toEqual({ twoStepRequired: true, challenge: expect.any(String) });
    const token = await secondStep(first.challenge!, { code: totpCode(secret, at(60)) }, at(60));
    const session = await resolveSession(connection.db, token!, config.session, at(60));
    expect(session?.email).toBe(EMAIL);
  });

  it('refuses a code already used, even with a new challenge, and a used challenge', async () => {
    const { challenge } = await passwordStep(EMAIL, at(61));
    expect(await outcome(secondStep(challenge!, { code: totpCode(secret, at(60)) }, at(61)))).toBe('BAD_REQUEST');
    // The next step's code works; the challenge is then used up.
    expect(await secondStep(challenge!, { code: totpCode(secret, at(90)) }, at(91))).toBeTruthy();
    expect(await outcome(secondStep(challenge!, { code: totpCode(secret, at(120)) }, at(121)))).toBe('UNAUTHORIZED');
  });

  it('refuses a challenge from another address, an expired one, and a made-up one', async () => {
    const { challenge } = await passwordStep(EMAIL, at(150));
    expect(await outcome(secondStep(challenge!, { code: totpCode(secret, at(150)) }, at(150), '203.0.113.9'))).toBe('UNAUTHORIZED');
    expect(await outcome(secondStep(challenge!, { code: totpCode(secret, at(451)) }, at(451)))).toBe('UNAUTHORIZED');
    expect(await outcome(secondStep('made-up', { code: totpCode(secret, at(451)) }, at(451)))).toBe('UNAUTHORIZED');
  });

  it('a recovery code opens a session once', async () => {
    const { challenge } = await passwordStep(EMAIL, at(600));
    expect(await secondStep(challenge!, { recoveryCode: recoveryCodes[0]!.toUpperCase() }, at(600))).toBeTruthy();
    const again = await passwordStep(EMAIL, at(601));
    expect(await outcome(secondStep(again.challenge!, { recoveryCode: recoveryCodes[0]! }, at(601)))).toBe('BAD_REQUEST');
    const row = await connection.db.selectFrom('two_step').select('recovery_code_hashes').where('secret', '=', secret).executeTakeFirstOrThrow();
    expect(row.recovery_code_hashes).toHaveLength(9);
  });

  it('throttles wrong codes with the sign-in throttle, then refuses even the right code', async () => {
    // A fresh address: the wrong codes above are counted against the person at the first one.
    const ip = '198.51.100.20';
    const { challenge } = await passwordStep(EMAIL, at(900), ip);
    const wrong = totpCode(secret, at(900)) === '000000' ? '111111' : '000000';
    const outcomes: string[] = [];
    for (let i = 0; i < config.throttle.maxFailuresPerAccount + 1; i++) outcomes.push(await outcome(secondStep(challenge!, { code: wrong }, at(900), ip)));
    expect(outcomes.slice(0, config.throttle.maxFailuresPerAccount)).toEqual(Array(config.throttle.maxFailuresPerAccount).fill('BAD_REQUEST'));
    expect(outcomes.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(await outcome(secondStep(challenge!, { code: totpCode(secret, at(900)) }, at(900), ip))).toBe('TOO_MANY_REQUESTS');
  });

  it('is the person’s own: another user sees no row; turning off needs a code, then the password alone signs in', async () => {
    const other = callerFor(connection, (await signIn(connection, OTHER)).session);
    expect(await other.auth.twoStepStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await outcome(other.auth.turnOffTwoStep({ code: '123456' }))).toBe('CONFLICT');

    const later = at(3 * 3600);
    const { challenge } = await passwordStep(EMAIL, later, '198.51.100.8');
    const token = await secondStep(challenge!, { recoveryCode: recoveryCodes[1]! }, later, '198.51.100.8');
    const me = callerFor(connection, await resolveSession(connection.db, token!, config.session, later), { now: () => later });
    expect(await outcome(me.auth.turnOffTwoStep({ code: '000001' }))).toBe('BAD_REQUEST');
    const fresh = await me.auth.regenerateRecoveryCodes({ code: totpCode(secret, later) });
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(await outcome(me.auth.turnOffTwoStep({ recoveryCode: recoveryCodes[2]! }))).toBe('BAD_REQUEST');
    await me.auth.turnOffTwoStep({ recoveryCode: fresh.recoveryCodes[0]! });
    expect(await me.auth.twoStepStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await passwordStep(EMAIL, at(3 * 3600 + 60), '198.51.100.8')).toEqual({ userId: expect.any(String) });
  });
});
