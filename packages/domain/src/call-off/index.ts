export * from './criteria.ts';
export * from './scoring.ts';
export * from './specification.ts';
export * from './ocds.ts';
export * from './cancellation.ts';
export * from './deadline.ts';
