export * from './codes.ts';
export * from './plan.ts';
