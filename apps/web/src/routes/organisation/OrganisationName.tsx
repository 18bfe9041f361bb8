import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../trpc.ts';

/** The organisation a provider's person acts for, for the header (issue 11). */
export function OrganisationName() {
  const mine = useQuery({ ...trpc.organisation.mine.queryOptions(), staleTime: 60_000 });
  return (
    <span className="concord-header__authority" data-testid="header-organisation">
      {mine.data?.organisation.legalName ?? ''}
    </span>
  );
}
