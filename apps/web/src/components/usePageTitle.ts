import { useEffect } from 'react';

export const SERVICE_NAME = 'Concord';

/** Sets the document title the GOV.UK way: "Sign in – Concord", prefixed "Error: " while the page shows errors. */
export function usePageTitle(title: string, hasError = false) {
  useEffect(() => {
    document.title = `${hasError ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
  }, [title, hasError]);
}
