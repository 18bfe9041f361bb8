export * from './financial-year.ts';
export * from './position.ts';
