import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Loading } from './StatusPages.tsx';

/**
 * A route element whose page is loaded on first visit, so areas with heavy dependencies (Markdown, the
 * domain's schemas) stay out of the bundle every page loads. `name` is the page's export.
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
