export * from './connection.ts';
export * from './guard.ts';
export * from './lock.ts';
export * from './migrate.ts';
export * from './roles.ts';
export * from './schema.ts';
export * from './tenant.ts';
export * as seed from './seed/index.ts';
