export * from './labels.ts';
export * from './dates.ts';
export * from './lifecycle.ts';
export * from './applications-window.ts';
export * from './criteria.ts';
export * from './evaluation.ts';
export * from './approved-list.ts';
export * from './ocds.ts';
