import type { Area } from '../area.ts';
import { HomePage } from './HomePage.tsx';

export const homeArea: Area = {
  routes: [{ path: '/', element: <HomePage /> }],
  // A partnership's page is reached from home, so home stays the current item there.
  nav: { label: 'Home', href: '/', matches: (pathname) => pathname === '/' || pathname.startsWith('/partnerships/') },
};
