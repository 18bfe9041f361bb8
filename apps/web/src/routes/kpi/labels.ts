/** How the KPI library names a KPI's unit, direction, frequency and source. */
export const UNIT: Record<string, string> = { count: 'Count', percent: '%', pence: '£ (pence)', hours: 'Hours', rate_per_100k: 'Rate per 100,000' };
export const DIRECTION: Record<string, string> = { higher_better: 'Higher is better', lower_better: 'Lower is better', neither: 'Neither' };
export const FREQUENCY: Record<string, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
export const SOURCE: Record<string, string> = { manual: 'Entered by each member', placements: 'Placements records', contracts: 'Contracts records', rates: 'Rates records' };
