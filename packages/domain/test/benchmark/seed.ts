/** Shared Lives long-term placements, August 2023, with Census 2021 usual residents (all ages). */
export const SHARED_LIVES_AUG_2023 = [
  { key: 'Devon', count: 73, population: 811_600 },
  { key: 'Torbay', count: 28, population: 139_300 },
  { key: 'Cornwall', count: 130, population: 570_300 },
  { key: 'Somerset', count: 62, population: 571_600 },
  { key: 'Plymouth', count: 13, population: 264_700 },
] as const;
