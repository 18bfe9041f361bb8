import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { trpc } from '../../trpc.ts';
import { noticeTitle, NoticeStateTag, whereOf } from './shared.tsx';

/** Procurements and contracts read for the reminder: the first page of "What is due", those due soonest. */
const DUE_RECORDS_READ = 50;

/** Home-page reminder: notices overdue or due, the first few, linked to the full list. Nothing when none is due. */
export function NoticesDuePanel() {
  const due = useQuery(trpc.notice.due.queryOptions({ limit: DUE_RECORDS_READ, offset: 0 }));
  // The list holds published notices too (after those due): the reminder is about those still to publish.
  const open = (due.data?.rows ?? []).filter((r) => r.state === 'due' || r.state === 'overdue');
  if (open.length === 0) return null;
  const rows = open.slice(0, 5);
  const total = open.length;
  const overdue = open.filter((r) => r.state === 'overdue').length;
  return (
    <NotificationBanner
      title="Notices due"
      testId="home-notices-due"
      details={
        <>
          <ul className="govuk-list govuk-list--bullet">
            {rows.map((r) => {
              const where = whereOf(r);
              return (
                <li key={`${r.type}-${r.procurement?.id ?? ''}-${r.contract?.id ?? ''}-${r.subjectId ?? ''}`}>
                  {noticeTitle(r.type)}
                  {where && (
                    <>
                      {' for '}
                      <Link className="govuk-notification-banner__link" to={where.to}>
                        {where.text}
                      </Link>
                    </>
                  )}
                  : <NoticeStateTag item={r} />
                </li>
              );
            })}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to="/notices">
              See every notice due
            </Link>
          </p>
        </>
      }
    >
      {total} Procurement Act notice{total === 1 ? '' : 's'} to publish{overdue ? `, ${overdue} overdue` : ''}.
    </NotificationBanner>
  );
}
