import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe } from '../../session.tsx';
import { formatDateTime } from '../../format.ts';
import { label, PROCEDURE_LABELS } from '../../labels.ts';
import { errorCode, trpc, type RouterOutputs } from '../../trpc.ts';

type AuditEvent = RouterOutputs['audit']['list'][number];

const PAGE_SIZE = 50;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function AuditPage() {
  usePageTitle('Audit log');
  const [params] = useSearchParams();
  const beforeParam = params.get('before');
  const before = beforeParam && ISO.test(beforeParam) ? beforeParam : undefined;
  const me = useMe();
  const platform = me.data?.isPlatformAdmin === true && me.data.authorityId === null;
  const events = useQuery({
    ...trpc.audit.list.queryOptions(before ? { limit: PAGE_SIZE, before } : { limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  if (errorCode(events.error) === 'FORBIDDEN') {
    return (
      <>
        <h1 className="govuk-heading-l">Audit log</h1>
        <p className="govuk-body" data-testid="audit-forbidden">
          You do not have permission to see the audit log
        </p>
        <p className="govuk-body">Only your authority’s commissioners can see it. Ask one of them if you need to know who did what.</p>
      </>
    );
  }
  if (events.isPending) return <Loading />;
  if (events.isError) return <ProblemPage error={events.error} />;

  const rows = events.data;
  const last = rows[rows.length - 1];
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        {platform
          ? 'What platform administrators did that belongs to no authority (population imports, for example), newest first. Refused attempts are shown too. An authority’s own records and log are not shown here.'
          : 'Who did what in your authority’s part of Concord, newest first. Refused attempts are shown too.'}{' '}
        Quote the reference when you report a problem.
      </p>
      {before && <p className="govuk-body">Showing entries before {formatDateTime(before)}.</p>}
      {rows.length === 0 ? (
        <p className="govuk-body">{before ? 'There are no older entries.' : 'Nothing has been recorded yet.'}</p>
      ) : (
        <Table
          caption="Audit log entries"
          captionHidden
          small
          rows={rows}
          rowKey={(e) => e.id}
          rowTestId="audit-event"
          columns={[
            { header: 'When', rowHeader: true, cell: (e: AuditEvent) => formatDateTime(e.occurredAt) },
            { header: 'Who', cell: (e: AuditEvent) => e.who },
            {
              header: 'What',
              cell: (e: AuditEvent) => (
                <>
                  {label(PROCEDURE_LABELS, e.procedure)}
                  {e.target && (
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 concord-break-anywhere">{e.target}</span>
                  )}
                </>
              ),
            },
            { header: 'Outcome', cell: (e: AuditEvent) => <OutcomeTag outcome={e.outcome} /> },
            { header: 'Reference', cell: (e: AuditEvent) => <span className="concord-break-anywhere govuk-body-s">{e.requestId ?? ''}</span> },
          ]}
        />
      )}
      <nav className="govuk-pagination govuk-pagination--block" aria-label="Audit log pages">
        {before && (
          <div className="govuk-pagination__prev">
            <Link className="govuk-link govuk-pagination__link" to="/audit" rel="prev">
              <span className="govuk-pagination__link-title">Newest entries</span>
            </Link>
          </div>
        )}
        {rows.length === PAGE_SIZE && last && (
          <div className="govuk-pagination__next">
            <Link className="govuk-link govuk-pagination__link" to={`/audit?before=${encodeURIComponent(last.occurredAt)}`} rel="next">
              <span className="govuk-pagination__link-title">Older entries</span>
            </Link>
          </div>
        )}
      </nav>
    </>
  );
}

function OutcomeTag({ outcome }: { outcome: string }) {
  if (outcome === 'success') return <Tag colour="green">Done</Tag>;
  if (outcome === 'denied') return <Tag colour="red">Refused</Tag>;
  // A record named that this authority cannot see: another authority's, or none at all (a security event).
  if (outcome === 'not_found') return <Tag colour="orange">Refused: not found</Tag>;
  return <Tag colour="grey">{outcome}</Tag>;
}
