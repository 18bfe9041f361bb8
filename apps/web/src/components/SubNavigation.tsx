import { Link, useLocation } from 'react-router';

export interface SubNavigationItem {
  label: string;
  href: string;
  /** Current only on exactly this address (an overview), rather than on it and everything below. */
  exact?: boolean;
  testId?: string;
}

/**
 * Secondary navigation between the sections of one record (a procurement's overview, lots, criteria …),
 * in the style of the MOJ sub navigation: a row of links under the heading, the current one marked.
 */
export function SubNavigation({ label, items }: { label: string; items: SubNavigationItem[] }) {
  const { pathname } = useLocation();
  const current = (item: SubNavigationItem) => (item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`));
  return (
    <nav className="concord-sub-navigation" aria-label={label}>
      <ul className="concord-sub-navigation__list">
        {items.map((item) => (
          <li className="concord-sub-navigation__item" key={item.href}>
            <Link
              className="concord-sub-navigation__link govuk-link govuk-link--no-visited-state"
              to={item.href}
              aria-current={current(item) ? 'page' : undefined}
              data-testid={item.testId}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
