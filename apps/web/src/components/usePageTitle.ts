import { useEffect } from 'react';

export const SERVICE_NAME = 'Concord';

/*
 * The document title is the page's title, prefixed "Error: " while the page shows errors: either because the page
 * says so (usePageTitle's hasError) or because an error summary is on screen (every ErrorSummary registers itself,
 * so a form inside a page, like a meeting's action form or a risk register's, prefixes its page's title too).
 */
let pageTitle: string | null = null;
let pageHasError = false;
const summariesShown = new Set<symbol>();
/** "Page not found" or the problem page, shown in place of a page whose own title would otherwise win. */
const statusTitles: { key: symbol; title: string }[] = [];

function applyTitle() {
  const status = statusTitles[statusTitles.length - 1];
  if (status) document.title = `${status.title} – ${SERVICE_NAME}`;
  else if (pageTitle !== null) document.title = `${pageHasError || summariesShown.size > 0 ? 'Error: ' : ''}${pageTitle} – ${SERVICE_NAME}`;
}

/** Sets the document title the GOV.UK way: "Sign in – Concord", prefixed "Error: " while the page shows errors. */
export function usePageTitle(title: string, hasError = false) {
  useEffect(() => {
    pageTitle = title;
    pageHasError = hasError;
    applyTitle();
  }, [title, hasError]);
}

/** Called by the error summary: while it shows errors, the page's title starts "Error: ". */
export function useErrorInTitle(showing: boolean) {
  useEffect(() => {
    if (!showing) return;
    const key = Symbol('error summary');
    summariesShown.add(key);
    applyTitle();
    return () => {
      summariesShown.delete(key);
      applyTitle();
    };
  }, [showing]);
}

/**
 * The title of a status page ("Page not found") shown inside another page: it wins over that page's own title
 * (a record page names itself "Business case" while its record is not found) for as long as it is shown.
 */
export function useStatusPageTitle(title: string) {
  useEffect(() => {
    const entry = { key: Symbol('status page'), title };
    statusTitles.push(entry);
    applyTitle();
    return () => {
      statusTitles.splice(statusTitles.indexOf(entry), 1);
      applyTitle();
    };
  }, [title]);
}
