export * from './labels.ts';
export * from './dates.ts';
export * from './term.ts';
export * from './continuation.ts';
export * from './warnings.ts';
export * from './termination.ts';
export * from './date-status.ts';
