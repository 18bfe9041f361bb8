export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './root.ts';
export { loadApiConfig, type ApiConfig } from './config.ts';
export type { Context, CookieJar, RequestMeta, TenantContext } from './context.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export { resolveSession, type SessionIdentity } from './auth/sessions.ts';
export { SESSION_COOKIE, hashSessionToken } from './auth/token.ts';
export { WRONG_CREDENTIALS } from './auth/sign-in.ts';
export { createHttpContextFactory } from './http-context.ts';
export * as trpc from './trpc.ts';
