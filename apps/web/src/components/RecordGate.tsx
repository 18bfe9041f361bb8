import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useMe } from '../session.tsx';
import { errorCode } from '../trpc.ts';
import { Loading, NotFoundPage, ProblemPage } from './StatusPages.tsx';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The record a page's address names (`/contracts/:id`), and whether to ask for it at all: not when the id is
 * not one, nor for a platform administrator acting for no authority (who holds no authority's records).
 */
export function useRecordId(): { id: string; valid: boolean } {
  const { id = '' } = useParams();
  const me = useMe();
  return { id, valid: UUID.test(id) && !!me.data && me.data.authorityId !== null };
}

/**
 * What a page about one record shows until the record is there: "Page not found" when the address names no
 * record we may see (the API answers NOT_FOUND alike for missing and for another authority's), "Loading…",
 * or the problem. Pages write `if (!query.isSuccess) return <RecordStatus query={query} valid={valid} />`.
 */
export function RecordStatus({ query, valid = true }: { query: UseQueryResult<unknown, unknown>; valid?: boolean }) {
  if (!valid || errorCode(query.error) === 'NOT_FOUND') return <NotFoundPage />;
  if (query.isError) return <ProblemPage error={query.error} />;
  return <Loading />;
}

/** The record's page once it is there; until then what RecordStatus shows. */
export function RecordGate<T>({ query, valid = true, children }: { query: UseQueryResult<T, unknown>; valid?: boolean; children: (record: T) => ReactNode }) {
  if (!valid || !query.isSuccess) return <RecordStatus query={query} valid={valid} />;
  return <>{children(query.data)}</>;
}
