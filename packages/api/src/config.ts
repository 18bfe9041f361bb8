import { DEFAULT_SESSION_POLICY, DEFAULT_THROTTLE_POLICY, type SessionPolicy, type ThrottlePolicy } from '@concord/domain';

export interface ApiConfig {
  session: SessionPolicy;
  throttle: ThrottlePolicy;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    session: {
      idleMinutes: positive(env, 'CONCORD_SESSION_IDLE_MINUTES', DEFAULT_SESSION_POLICY.idleMinutes),
      absoluteHours: positive(env, 'CONCORD_SESSION_MAX_HOURS', DEFAULT_SESSION_POLICY.absoluteHours),
    },
    throttle: {
      windowMinutes: positive(env, 'CONCORD_SIGN_IN_WINDOW_MINUTES', DEFAULT_THROTTLE_POLICY.windowMinutes),
      maxFailuresPerAccount: positive(env, 'CONCORD_SIGN_IN_MAX_FAILURES', DEFAULT_THROTTLE_POLICY.maxFailuresPerAccount),
      maxFailuresPerAddress: positive(env, 'CONCORD_SIGN_IN_MAX_FAILURES_PER_ADDRESS', DEFAULT_THROTTLE_POLICY.maxFailuresPerAddress),
    },
    secureCookies: env.CONCORD_SECURE_COOKIES === 'true',
  };
}
