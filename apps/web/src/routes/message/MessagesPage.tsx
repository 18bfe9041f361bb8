import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { RecordGate } from '../../components/RecordGate.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { queryClient, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

const PER_PAGE = 25;
type Message = RouterOutputs['message']['list']['messages'][number];

/**
 * The inbox (issue 11, item 6): messages to the authority or provider organisation the person acts for, newest first,
 * paged. Opening one marks it read and follows its link.
 */
export function MessagesPage() {
  usePageTitle('Messages');
  const paging = useServerPage(PER_PAGE);
  // Opening the inbox always asks again: a message that arrived since the last visit (an outcome, a query) must show
  // at once, not after the cache's 30 seconds.
  const list = useQuery({ ...trpc.message.list.queryOptions({ limit: paging.limit, offset: paging.offset, unreadOnly: false }), refetchOnMount: 'always' });
  return (
    <>
      <h1 className="govuk-heading-l">Messages</h1>
      <RecordGate query={list}>
        {(data) =>
          data.total === 0 ? (
            <p className="govuk-body" data-testid="no-messages">
              You have no messages yet. Invitations, deadlines, clarifications, outcomes and queries will appear here.
            </p>
          ) : (
            <>
              <p className="govuk-body" data-testid="unread-count">
                {data.unread === 0 ? 'Every message has been read.' : `${data.unread} unread ${data.unread === 1 ? 'message' : 'messages'}.`}
              </p>
              <ul className="govuk-list concord-messages">
                {data.messages.map((message) => (
                  <MessageItem key={message.id} message={message} />
                ))}
              </ul>
              <Pagination page={paging.page} pageCount={paging.pageCount(data.total)} />
            </>
          )
        }
      </RecordGate>
    </>
  );
}

function MessageItem({ message }: { message: Message }) {
  const navigate = useNavigate();
  const markRead = useMutation(trpc.message.markRead.mutationOptions({ onSuccess: () => refreshAfterChange(trpc.message.pathKey()) }));
  const open = async () => {
    if (!message.read) await markRead.mutateAsync({ messageId: message.id }).catch(() => undefined);
    // A message tells of a change made elsewhere (an award, a query): the page it leads to loads afresh instead of
    // first showing what this browser held from before it.
    queryClient.removeQueries({ type: 'inactive' });
    if (message.link) navigate(message.link);
  };
  return (
    <li className="govuk-!-margin-bottom-6" data-testid="message">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
        {!message.read && (
          <Tag colour="blue" className="govuk-!-margin-right-2">
            Unread
          </Tag>
        )}
        {message.read ? message.subject : <strong>{message.subject}</strong>}
      </h2>
      <p className="govuk-body-s govuk-!-margin-bottom-1 concord-secondary-text">
        From {message.from}, {formatDateTime(message.sentAt)}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1">{message.body}</p>
      {message.link ? (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void open()}>
          Open<span className="govuk-visually-hidden">: {message.subject}</span>
        </button>
      ) : (
        !message.read && (
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void open()}>
            Mark as read<span className="govuk-visually-hidden">: {message.subject}</span>
          </button>
        )
      )}
    </li>
  );
}
