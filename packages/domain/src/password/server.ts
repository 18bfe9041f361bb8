export * from './hint.ts';
export * from './rules.ts';
