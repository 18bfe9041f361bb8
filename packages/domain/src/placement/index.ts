export * from './labels.ts';
export * from './reference.ts';
export * from './csv.ts';
