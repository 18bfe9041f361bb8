import { useSearchParams } from 'react-router';

export type BenchmarkParam = 'partnership' | 'kpi' | 'period';

/**
 * The partnership, KPI and period a benchmark view shows, kept in the address so it can be shared and bookmarked.
 * Choosing a partnership clears the KPI (each has its own library); choosing either clears the period.
 */
export function useBenchmarkParams() {
  const [params, setParams] = useSearchParams();
  const choose = (key: BenchmarkParam, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key !== 'period') next.delete('period');
    if (key === 'partnership') next.delete('kpi');
    setParams(next);
  };
  return { params, choose };
}
