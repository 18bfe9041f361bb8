/** The benchmark report is pure domain logic (packages/domain/src/benchmark/report.ts); typed here for our KPI record. */
import type { BenchmarkResult as DomainResult } from '@concord/domain';
import type { Kpi } from '../kpi/queries.ts';

export { computeBenchmark, type Cell, type MemberInput } from '@concord/domain';
export type BenchmarkResult = DomainResult<Kpi>;
