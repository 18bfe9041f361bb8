import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { inNavigationOf, isCurrent, type Area } from '../routes/area.ts';
import { OrganisationName } from '../routes/organisation/OrganisationName.tsx';
import { useMe, useMyAuthority, type Viewer } from '../session.tsx';
import { forgetSession, trpc, type Me, type MyAuthority } from '../trpc.ts';
import { useMediaQuery } from './useMediaQuery.ts';
import { SERVICE_NAME } from './usePageTitle.ts';

/** The page frame: skip link, header, service navigation, phase banner, main, footer. */
export function Layout({ areas }: { areas: Area[] }) {
  const me = useMe();
  const authority = useMyAuthority(me.data);
  const viewer: Viewer | null = me.data ? { me: me.data, roles: authority.data?.roles ?? [], authority: authority.data } : null;
  // The navigation offers areas by role: drawn before the roles arrive it would show a few links, then the rest.
  const rolesLoading = !!me.data && me.data.authorityId !== null && !me.data.twoStepPending && authority.isPending;
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigation(mainRef);

  return (
    <>
      <SkipLink />
      <header className="govuk-template__header">
        <Header me={me.data ?? null} authority={authority.data} />
        {/* A session that must set up two-step verification first has only that page: no navigation. */}
        {viewer && !viewer.me.twoStepPending && !rolesLoading && <ServiceNavigation areas={areas} viewer={viewer} />}
        {/* Inside the header, so it sits in a landmark like everything else on the page. */}
        <div className="govuk-width-container">
          <PhaseBanner />
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} ref={mainRef}>
          <Outlet />
        </main>
      </div>
      <Footer />
    </>
  );
}

function SkipLink() {
  return (
    <a
      href="#main-content"
      className="govuk-skip-link"
      data-module="govuk-skip-link"
      onClick={(event) => {
        // A plain #fragment would be taken as a route change; move focus ourselves.
        event.preventDefault();
        document.getElementById('main-content')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}

/**
 * A generic (non-GOV.UK) header: Concord is run by councils, not on GOV.UK, so it must not carry the
 * GOV.UK logo or crown. Shows who is signed in and for which authority.
 */
function Header({ me, authority }: { me: Me | null; authority: MyAuthority | undefined }) {
  return (
    <div className="govuk-generic-header concord-header">
      <div className="govuk-generic-header__container govuk-width-container concord-header__container">
        <div className="govuk-generic-header__logo">
          <Link to="/" className="govuk-generic-header__homepage-link concord-header__service-name">
            {SERVICE_NAME}
          </Link>
        </div>
        {me && <Account me={me} authority={authority} />}
      </div>
    </div>
  );
}

function Account({ me, authority }: { me: Me; authority: MyAuthority | undefined }) {
  const signOut = useMutation({
    ...trpc.auth.signOut.mutationOptions(),
    // Signed out, or already signed out (expired): either way, done. The guard takes the user to sign in.
    onSettled: () => forgetSession('signed-out'),
  });
  return (
    <div className="concord-header__account">
      <p className="concord-header__who">
        {me.providerId !== null ? (
          <OrganisationName />
        ) : me.authorityId === null ? (
          <span className="concord-header__authority">{me.isPlatformAdmin ? 'Platform administrator' : ''}</span>
        ) : (
          <span className="concord-header__authority" data-testid="header-authority">
            {authority?.authority.name ?? ''}
          </span>
        )}
        <span className="concord-header__user" data-testid="header-user">
          {me.displayName}
        </span>
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--inverse concord-header__sign-out"
        data-module="govuk-button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        Sign out
      </button>
    </div>
  );
}

/**
 * GOV.UK service navigation. On a phone the links collapse behind a "Menu" button (as govuk-frontend's own script
 * does it: the button is hidden from tablet width up, the list hidden on a phone until the button opens it); the
 * menu closes again on moving to another page.
 */
function ServiceNavigation({ areas, viewer }: { areas: Area[]; viewer: Viewer }) {
  const { pathname } = useLocation();
  const items = areas.filter((area) => inNavigationOf(area, viewer));
  const wide = useMediaQuery('(min-width: 40.0625em)');
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button
              type="button"
              className="govuk-service-navigation__toggle"
              aria-controls="navigation"
              aria-expanded={wide ? undefined : open}
              hidden={wide}
              aria-hidden={wide ? true : undefined}
              onClick={() => setOpen(!open)}
            >
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation" hidden={!wide && !open}>
              {items.map((area) => {
                const current = isCurrent(area, pathname);
                const exact = current && pathname === area.nav!.href;
                return (
                  <li key={area.nav!.href} className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}>
                    <Link
                      className="govuk-service-navigation__link"
                      to={area.nav!.href}
                      aria-current={current ? (exact ? 'page' : 'true') : undefined}
                    >
                      {current ? <strong className="govuk-service-navigation__active-fallback">{area.nav!.label}</strong> : area.nav!.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}

/** The phase, and on an installation with the demo data a warning not to enter real people's details there. */
function PhaseBanner() {
  const options = useQuery(trpc.auth.signInOptions.queryOptions());
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>{' '}
        <span className="govuk-phase-banner__text" data-testid="phase-banner">
          {options.data?.demoData === false ? 'This is a new service.' : '— demo data. This is a new service: do not enter real people’s details.'}
        </span>
      </p>
    </div>
  );
}

function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">About this service</h2>
            <p className="govuk-body-s concord-footer__text">
              {SERVICE_NAME} helps English councils and their NHS partners commission adult social care together.
            </p>
            <p className="govuk-body-s concord-footer__text govuk-!-margin-bottom-0">Open source under the Apache License 2.0.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/**
 * After an in-app navigation, move focus to the new page's heading and scroll to the top, so keyboard and
 * screen reader users start at the new content, as after a full page load. A page still loading gets its
 * heading a moment later, so wait (briefly) for it. A page that focuses something itself (an error summary,
 * a success banner) keeps that focus.
 */
function useFocusOnNavigation(mainRef: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    window.scrollTo(0, 0);
    // Once we hold focus on main, anything else holding it means the user (or the page) moved it.
    const userMovedOn = () => document.activeElement !== main && document.activeElement !== document.body;
    const tryFocus = () => {
      if (main.contains(document.activeElement) && document.activeElement !== main) return true; // the page chose
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    const frame = requestAnimationFrame(() => {
      if (tryFocus()) return;
      main.focus({ preventScroll: true });
      observer.observe(main, { childList: true, subtree: true });
    });
    const observer = new MutationObserver(() => {
      if (userMovedOn() || tryFocus()) observer.disconnect();
    });
    const timeout = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.clearTimeout(timeout);
    };
  }, [pathname, mainRef]);
}
