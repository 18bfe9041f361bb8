import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Loading } from './StatusPages.tsx';

/**
 * A route element whose page is loaded on first visit, so a page's code (and what it needs: Markdown, charts, the
 * domain's schemas) stays out of the bundle every page loads (issue 14, item 6). `name` is the page's export;
 * `props` are given to it. While the page's code arrives the GOV.UK "Loading…" line shows in its place.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
  ...props: M[K] extends ComponentType<infer P> ? (Record<string, never> extends P ? [props?: P] : [props: P]) : [props?: never]
): ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: m[name] as ComponentType<object> })));
  return (
    <Suspense fallback={<Loading />}>
      <Page {...(props[0] ?? {})} />
    </Suspense>
  );
}
