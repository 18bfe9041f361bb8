export * from './auth.ts';
export * from './authority.ts';
export * from './errors.ts';
export * from './money.ts';
export * from './roles.ts';
export * from './session-policy.ts';
export * from './sign-in-throttle.ts';
export * from './benchmark/index.ts';
