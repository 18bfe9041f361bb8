import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate } from '../../format.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { trpc } from '../../trpc.ts';

/** Home-page reminder: KPI returns due now or missing (issue 6). Nothing is shown when none is outstanding. */
export function DueReturnsPanel() {
  const due = useQuery(trpc.return.due.queryOptions());
  if (!due.data || due.data.total === 0) return null;
  const { missing, total } = due.data;
  return (
    <NotificationBanner
      title="Returns due"
      testId="returns-due"
      details={
        <>
          <ul className="govuk-list govuk-list--bullet">
            {due.data.entries.map((d) => (
              <li key={`${d.partnershipId}${d.kpiCode}${d.periodStart}`}>
                {d.kpiCode} {d.kpiName}, {d.periodLabel} ({d.partnershipName}): {d.status === 'missing' ? 'was due' : 'due'} {formatDate(d.dueOn)}
              </li>
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" to="/returns">
              Make your returns
            </Link>
          </p>
        </>
      }
    >
      {total} KPI return{total === 1 ? '' : 's'} to make{missing ? `, ${missing} past the due date` : ''}.
    </NotificationBanner>
  );
}
