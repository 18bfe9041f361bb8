import type { ReactNode } from 'react';
import type { Viewer } from '../session.tsx';

/**
 * One area of the service (home, sessions, audit, and later procurement, contracts …): its routes, and
 * the entry it puts in the service navigation. Adding an area is one folder under src/routes and one
 * line in src/routes/index.ts.
 */
export interface Area {
  /**
   * Who the area is for: people of a provider organisation see only 'provider' areas, everyone else never sees them
   * (issue 11). 'everyone': both (the inbox). Leave out for an area of the councils' service.
   */
  audience?: 'provider' | 'everyone';
  /** Routes for signed-in users, relative to the site root, e.g. "/sessions" or "/partnerships/:id". */
  routes: { path: string; element: ReactNode }[];
  nav?: {
    label: string;
    href: string;
    /** Which addresses count as this area, for the "current page" marker. Defaults to href and below. */
    matches?: (pathname: string) => boolean;
    /** Leave out for everyone; otherwise only viewers this returns true for see the link. */
    visibleTo?: (viewer: Viewer) => boolean;
  };
}

/** Whether the viewer acts for a provider organisation (issue 11): they have their own navigation. */
export const actsForProvider = (viewer: Viewer): boolean => viewer.me.providerId !== null;

/** Neither an authority's, a provider organisation's nor a platform administrator: someone whose claim waits (issue 11). */
export const actsForNobody = (viewer: Viewer): boolean => viewer.me.authorityId === null && viewer.me.providerId === null && !viewer.me.isPlatformAdmin;

/** Whether the area's link belongs in this viewer's navigation: its audience first, then its own visibleTo. */
export function inNavigationOf(area: Area, viewer: Viewer): boolean {
  if (!area.nav) return false;
  // Someone acting for nobody (a claim waiting for a council to confirm) has no navigation at all.
  if (actsForNobody(viewer)) return false;
  if (area.audience !== 'everyone' && (area.audience === 'provider') !== actsForProvider(viewer)) return false;
  return !area.nav.visibleTo || area.nav.visibleTo(viewer);
}

export function isCurrent(area: Area, pathname: string): boolean {
  if (!area.nav) return false;
  if (area.nav.matches) return area.nav.matches(pathname);
  const { href } = area.nav;
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
