import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeBrowser, formatDateTime } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { errorCode, errorMessage, forgetSession, queryClient, trpc, type RouterOutputs } from '../../trpc.ts';

type Session = RouterOutputs['auth']['sessions'][number];

export function SessionsPage() {
  const me = useMe();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const revoke = useMutation({
    ...trpc.auth.revokeSession.mutationOptions(),
    onMutate: () => {
      setNotice(null);
      setProblem(null);
    },
    onSuccess: (_result, { sessionId }) => {
      const session = sessions.data?.find((s) => s.id === sessionId);
      if (session?.current) {
        forgetSession('signed-out');
        return;
      }
      setNotice(session ? `You signed out the session started ${formatDateTime(session.createdAt)} (${describeBrowser(session.userAgent)})` : 'You signed out that session');
    },
    onError: (error) => {
      // Already ended elsewhere: the list is just out of date.
      setProblem(errorCode(error) === 'NOT_FOUND' ? 'That session had already ended' : errorMessage(error));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() }),
  });

  usePageTitle('Your sessions', problem !== null);

  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <ProblemPage error={sessions.error} />;

  const columns = [
    {
      header: 'Started',
      rowHeader: true,
      cell: (s: Session) => (
        <>
          {formatDateTime(s.createdAt)}
          {s.current && (
            <Tag colour="green" className="concord-inline-tag" testId="this-device">
              This device
            </Tag>
          )}
        </>
      ),
    },
    { header: 'Last active', cell: (s: Session) => formatDateTime(s.lastSeenAt) },
    {
      header: 'Browser',
      cell: (s: Session) => <span title={s.userAgent ?? undefined}>{describeBrowser(s.userAgent)}</span>,
    },
    { header: 'Address', cell: (s: Session) => <span className="concord-nowrap">{s.ipAddress ?? 'Not known'}</span> },
    {
      header: <span className="govuk-visually-hidden">Action</span>,
      cell: (s: Session) => (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          data-module="govuk-button"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate({ sessionId: s.id })}
        >
          Sign out<span className="govuk-visually-hidden"> {s.current ? 'this device' : `the session started ${formatDateTime(s.createdAt)}`}</span>
        </button>
      ),
    },
  ];

  return (
    <>
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Your sessions</h1>
      <p className="govuk-body">
        These are the browsers where you are signed in to Concord. If you do not recognise one, sign it out and tell your council’s IT
        security team.
      </p>
      <p className="govuk-body">A session also ends by itself when it has not been used for a while.</p>
      <p className="govuk-body">
        Ask for a code from your phone as well as your password when you sign in:{' '}
        <Link className="govuk-link" to="/sessions/two-step">
          Two-step verification
        </Link>
        .
      </p>
      {me.data?.authorityId ? (
        <p className="govuk-body">
          BI tools such as Power BI read Concord with a personal token instead of a session:{' '}
          <Link className="govuk-link" to="/sessions/api-tokens">
            API tokens for BI tools
          </Link>
          .
        </p>
      ) : null}
      {sessions.data.length === 0 ? (
        <p className="govuk-body">You have no other sessions.</p>
      ) : (
        <Table caption="Signed-in sessions" captionHidden columns={columns} rows={sessions.data} rowKey={(s) => s.id} rowTestId="session" />
      )}
    </>
  );
}
