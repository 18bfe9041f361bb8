export interface ThrottlePolicy {
  windowMinutes: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerAddress: 20 };

/** Too many recent failures for one account, or from one address, and sign-in waits out the window. */
export function signInThrottled(recent: { accountFailures: number; addressFailures: number }, policy: ThrottlePolicy): boolean {
  return recent.accountFailures >= policy.maxFailuresPerAccount || recent.addressFailures >= policy.maxFailuresPerAddress;
}
