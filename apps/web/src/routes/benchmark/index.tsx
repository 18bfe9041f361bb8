import { lazyPage } from '../../components/lazyPage.tsx';
import { ForAnAuthority } from '../../components/ForAnAuthority.tsx';
import type { Area } from '../area.ts';

const forAuthorities: Pick<NonNullable<Area['nav']>, 'visibleTo'> = { visibleTo: (v) => v.me.authorityId !== null };

/** Issue 6: benchmark (with the KPI library, returns and meetings under it). */
export const benchmarkArea: Area = {
  routes: [{ path: '/benchmark', element: <ForAnAuthority title="Benchmark" what="partnerships to benchmark">{lazyPage(() => import('./BenchmarkPage.tsx'), 'BenchmarkPage')}</ForAnAuthority> }],
  nav: { label: 'Benchmark', href: '/benchmark', ...forAuthorities },
};
export const kpiArea: Area = { routes: [{ path: '/kpis', element: <ForAnAuthority title="KPI library" what="partnerships and no KPI library">{lazyPage(() => import('../kpi/KpiLibraryPage.tsx'), 'KpiLibraryPage')}</ForAnAuthority> }], nav: { label: 'KPIs', href: '/kpis', ...forAuthorities } };
export const returnArea: Area = {
  routes: [
    { path: '/returns', element: <ForAnAuthority title="My returns" what="returns to make">{lazyPage(() => import('../return/ReturnsPage.tsx'), 'ReturnsPage')}</ForAnAuthority> },
    { path: '/returns/review', element: <ForAnAuthority title="Review members’ returns" what="partnerships whose returns to review">{lazyPage(() => import('../return/ReviewPage.tsx'), 'ReviewPage')}</ForAnAuthority> },
  ],
  nav: { label: 'Returns', href: '/returns', ...forAuthorities },
};
export const meetingArea: Area = {
  routes: [
    { path: '/meetings', element: <ForAnAuthority title="Network meetings" what="partnerships and no network meetings">{lazyPage(() => import('../meeting/MeetingsPage.tsx'), 'MeetingsPage')}</ForAnAuthority> },
    { path: '/meetings/:id', element: lazyPage(() => import('../meeting/MeetingsPage.tsx'), 'MeetingPage') },
  ],
  nav: { label: 'Meetings', href: '/meetings', ...forAuthorities },
};
