import { Link, useSearchParams } from 'react-router';

/** The page numbers to show: all of a few, else the first, the last and the current one's neighbours, with gaps. */
export function pageNumbers(current: number, count: number): (number | 'gap')[] {
  if (count <= 7) return Array.from({ length: count }, (_, i) => i + 1);
  const shown = [...new Set([1, current - 1, current, current + 1, count])].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? (['gap', n] as const) : ([n] as const)));
}

/** For a list the server pages: the page asked for in the address (`?page=`), as a limit and offset to ask with. */
export function useServerPage(perPage: number): { page: number; limit: number; offset: number; pageCount: (total: number) => number } {
  const [params] = useSearchParams();
  const asked = Number(params.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
  return { page, limit: perPage, offset: (page - 1) * perPage, pageCount: (total) => Math.max(1, Math.ceil(total / perPage)) };
}

const Arrow = ({ back }: { back: boolean }) => (
  <svg className={`govuk-pagination__icon govuk-pagination__icon--${back ? 'prev' : 'next'}`} xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
    <path d={back ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z' : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z'} />
  </svg>
);

/** GOV.UK pagination under a long list; each page keeps the rest of the address (a search, filters). */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const to = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  return (
    <nav className="govuk-pagination" aria-label="Pages">
      {page > 1 && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={to(page - 1)} rel="prev">
            <Arrow back />
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
      <ul className="govuk-pagination__list">
        {pageNumbers(page, pageCount).map((n, i) =>
          n === 'gap' ? (
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              &ctdot;
            </li>
          ) : (
            <li key={n} className={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <Link className="govuk-link govuk-pagination__link" to={to(n)} aria-label={`Page ${n}`} aria-current={n === page ? 'page' : undefined}>
                {n}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pageCount && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={to(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <Arrow back={false} />
          </Link>
        </div>
      )}
    </nav>
  );
}
