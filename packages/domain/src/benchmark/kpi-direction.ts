/**
 * Which way is good for a KPI. 'neither' is for measures where up or down is not in itself better
 * (e.g. number of placements): they are shown, never ranked, and special causes are neither good nor bad.
 */
export const KPI_DIRECTIONS = ['higher_better', 'lower_better', 'neither'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
