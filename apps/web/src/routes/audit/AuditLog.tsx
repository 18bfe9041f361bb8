import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatDateTime } from '../../format.ts';
import { errorCode, trpc, type RouterOutputs } from '../../trpc.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { hrefOf, queryOf } from './filters.ts';

type AuditEvent = RouterOutputs['audit']['list'][number];

const PAGE_SIZE = 50;

/**
 * An audit log as the API gives the viewer (an authority's, the platform administrator's, or a provider
 * organisation's own): its heading and words, the filters, the entries in plain words, UK time, newest first, and
 * pages by the time of the last entry. `base` is the page's address, which the filters and pages keep.
 */
export function AuditLog({ base, platform, intro, whoMaySee }: { base: string; platform: boolean; intro: ReactNode; whoMaySee: string }) {
  const [params] = useSearchParams();
  const query = queryOf(params);
  const events = useQuery({ ...trpc.audit.list.queryOptions({ limit: PAGE_SIZE, ...query }), placeholderData: keepPreviousData });

  if (errorCode(events.error) === 'FORBIDDEN') {
    return (
      <>
        <h1 className="govuk-heading-l">Audit log</h1>
        <p className="govuk-body" data-testid="audit-forbidden">
          You do not have permission to see the audit log
        </p>
        <p className="govuk-body">{whoMaySee}</p>
      </>
    );
  }
  if (events.isPending) return <Loading />;
  if (events.isError) return <ProblemPage error={events.error} />;

  const rows = events.data;
  const last = rows[rows.length - 1];
  const { before, beforeId, ...filters } = query;
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      {intro}
      <AuditFilters key={params.toString()} query={filters} base={base} />
      {before && <p className="govuk-body">Showing entries before {formatDateTime(before)}.</p>}
      {rows.length === 0 ? (
        <p className="govuk-body" data-testid="audit-empty">
          {before ? 'There are no older entries.' : 'No entries match.'}
        </p>
      ) : (
        <Table
          caption="Audit log entries"
          captionHidden
          small
          rows={rows}
          rowKey={(e) => e.id}
          rowTestId="audit-event"
          columns={[
            // Three columns, the outcome under the time, so the log reads at 375 px without scrolling sideways.
            {
              header: 'When (UK time) and outcome',
              rowHeader: true,
              cell: (e: AuditEvent) => (
                <>
                  <span className="govuk-!-display-block govuk-!-margin-bottom-1">{formatDateTime(e.occurredAt)}</span>
                  <OutcomeTag outcome={e.outcome} />
                </>
              ),
            },
            { header: 'Who', cell: (e: AuditEvent) => <Who who={e.who} /> },
            { header: 'What', cell: (e: AuditEvent) => <What event={e} platform={platform} /> },
          ]}
        />
      )}
      <nav className="govuk-pagination govuk-pagination--block" aria-label="Audit log pages">
        {before && (
          <div className="govuk-pagination__prev">
            <Link className="govuk-link govuk-pagination__link" to={hrefOf(filters, base)} rel="prev">
              <span className="govuk-pagination__link-title">Newest entries</span>
            </Link>
          </div>
        )}
        {rows.length === PAGE_SIZE && last && (
          <div className="govuk-pagination__next">
            <Link className="govuk-link govuk-pagination__link" to={hrefOf({ ...filters, before: last.cursor, beforeId: last.id }, base)} rel="next">
              <span className="govuk-pagination__link-title">Older entries</span>
            </Link>
          </div>
        )}
      </nav>
    </>
  );
}

/** "Name (email)": the name, and the email under it in small print (it may break anywhere). */
function Who({ who }: { who: string }) {
  const m = /^(.*) \(([^()]+@[^()]+)\)$/.exec(who);
  if (!m) return <>{who}</>;
  return (
    <>
      {m[1]}
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 concord-break-anywhere">{m[2]}</span>
    </>
  );
}

function What({ event, platform }: { event: AuditEvent; platform: boolean }) {
  const small = 'govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 concord-break-anywhere';
  return (
    <>
      <span data-testid="audit-label">{event.label}</span>
      {platform && (
        <span className={small} data-testid="audit-authority">
          {event.authority ? event.authority.name : 'Platform'} · {event.kindLabel}
        </span>
      )}
      {event.target && <span className={small}>{event.target}</span>}
      <span className={`${small} govuk-!-font-size-14`}>Reference {event.requestId}</span>
    </>
  );
}

function OutcomeTag({ outcome }: { outcome: string }) {
  if (outcome === 'success') return <Tag colour="green">Done</Tag>;
  if (outcome === 'denied') return <Tag colour="red">Refused</Tag>;
  // A record named that the caller cannot see: another authority's, or none at all (a security event).
  if (outcome === 'not_found') return <Tag colour="orange">Not found</Tag>;
  return <Tag colour="grey">Not recorded</Tag>;
}
