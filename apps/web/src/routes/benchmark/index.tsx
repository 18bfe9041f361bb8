import type { Area } from '../area.ts';
import { KpiLibraryPage } from '../kpi/KpiLibraryPage.tsx';
import { MeetingPage, MeetingsPage } from '../meeting/MeetingsPage.tsx';
import { ReturnsPage } from '../return/ReturnsPage.tsx';
import { ReviewPage } from '../return/ReviewPage.tsx';
import { BenchmarkPage } from './BenchmarkPage.tsx';

const forAuthorities: Pick<NonNullable<Area['nav']>, 'visibleTo'> = { visibleTo: (v) => v.me.authorityId !== null };

/** Issue 6: benchmark (with the KPI library, returns and meetings under it). */
export const benchmarkArea: Area = {
  routes: [{ path: '/benchmark', element: <BenchmarkPage /> }],
  nav: { label: 'Benchmark', href: '/benchmark', ...forAuthorities },
};
export const kpiArea: Area = { routes: [{ path: '/kpis', element: <KpiLibraryPage /> }], nav: { label: 'KPIs', href: '/kpis', ...forAuthorities } };
export const returnArea: Area = {
  routes: [
    { path: '/returns', element: <ReturnsPage /> },
    { path: '/returns/review', element: <ReviewPage /> },
  ],
  nav: { label: 'Returns', href: '/returns', ...forAuthorities },
};
export const meetingArea: Area = {
  routes: [
    { path: '/meetings', element: <MeetingsPage /> },
    { path: '/meetings/:id', element: <MeetingPage /> },
  ],
  nav: { label: 'Meetings', href: '/meetings', ...forAuthorities },
};
