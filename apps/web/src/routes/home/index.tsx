import { lazyPage } from '../../components/lazyPage.tsx';
import type { Area } from '../area.ts';

export const homeArea: Area = {
  routes: [{ path: '/', element: lazyPage(() => import('./HomePage.tsx'), 'HomePage') }],
  // A partnership's page is reached from home, so home stays the current item there.
  nav: { label: 'Home', href: '/', matches: (pathname) => pathname === '/' || pathname.startsWith('/partnerships/') },
};
