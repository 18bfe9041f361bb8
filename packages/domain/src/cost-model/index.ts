export type { CostLine } from './cost-line.ts';
export * from './hourly-rate.ts';
export * from './supported-living.ts';
export * from './shared-lives.ts';
export * from './extra-care.ts';
export { fairCostOfCare, fairCostSubmission, fairCostInput, type FairCostOfCare, type FairCostSubmission } from './fair-cost.ts';
export * from './comparison.ts';
export * from './model.ts';
