import { useEffect, useRef } from 'react';
import { useErrorInTitle } from './usePageTitle.ts';

export interface ErrorItem {
  text: string;
  /** The field to jump to, e.g. "#email". Leave out for a problem that is not about one field. */
  href?: string;
}

/**
 * GOV.UK error summary. Takes focus whenever it appears or its errors change, so screen reader and keyboard
 * users land on it. Its links move focus to the field (a plain #id link would change the URL and route).
 */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: ErrorItem[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.href ?? ''}|${e.text}`).join('\n');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  useErrorInTitle(errors.length > 0);

  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.href ?? ''}${error.text}`}>
                {error.href ? (
                  <a href={error.href} onClick={(event) => focusTarget(event, error.href!)}>
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function focusTarget(event: React.MouseEvent<HTMLAnchorElement>, href: string) {
  const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
  if (!target) return;
  event.preventDefault();
  // Bring the field's label into view with it, as GOV.UK Frontend does.
  const label = document.querySelector(`label[for="${CSS.escape(target.id)}"]`);
  (label ?? target).scrollIntoView();
  target.focus({ preventScroll: true });
}
