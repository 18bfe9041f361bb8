/**
 * The Procurement Act 2023's dates and gates (issue 16): regime, working days and bank holidays, standstill,
 * minimum periods, thresholds, the notice catalogue and what is due. Pure functions; no I/O.
 */
export * from './bank-holidays.ts';
export * from './working-days.ts';
export * from './united-kingdom-bank-holidays.ts';
export * from './standstill.ts';
export * from './regime.ts';
export * from './thresholds.ts';
export * from './time-limits.ts';
export * from './tender-deadlines.ts';
export * from './notices.ts';
export * from './notice-deadlines.ts';
export * from './notices-due.ts';
export * from './pipeline.ts';
