export * from './kinds.ts';
export * from './labels.ts';
