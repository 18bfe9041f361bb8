export * from './uplift.ts';
