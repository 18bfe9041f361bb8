import type { ReactNode } from 'react';
import { useMe } from '../session.tsx';
import { Loading } from './StatusPages.tsx';
import { usePageTitle } from './usePageTitle.ts';

/**
 * A page about an authority's own work. A platform administrator acting for no authority has none: they are
 * told so under the page's heading (the API would refuse every request the page makes).
 */
export function ForAnAuthority({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return <Loading />;
  if (me.data.authorityId === null) return <NoAuthority title={title} what={what} />;
  return <>{children}</>;
}

function NoAuthority({ title, what }: { title: string; what: string }) {
  usePageTitle(title);
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">Your account does not act for an authority, so it has no {what}.</p>
    </>
  );
}
