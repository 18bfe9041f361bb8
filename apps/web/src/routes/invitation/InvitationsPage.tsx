import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { STATE_COLOURS, STATE_LABELS } from './labels.ts';

/** A provider's invitations to mini-competitions (issue 11, item 4), the newest deadline first. */
export function InvitationsPage() {
  const invitations = useQuery(trpc.callOff.invitations.queryOptions());
  usePageTitle('Invitations');
  if (!invitations.isSuccess) return <RecordStatus query={invitations} />;
  return (
    <>
      <h1 className="govuk-heading-l">Invitations</h1>
      <p className="govuk-body">Councils invite you to mini-competitions to call off care from arrangements you are approved on. You may replace your response until the deadline. Nobody at the council can read any response before the deadline, and no provider ever sees another’s.</p>
      {invitations.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-invitations">
          You have no invitations yet.
        </p>
      ) : (
        <Table
          caption="Your invitations"
          captionHidden
          rows={invitations.data}
          rowKey={(i) => i.callOffId}
          rowTestId="invitation-row"
          columns={[
            {
              header: 'Call-off',
              rowHeader: true,
              cell: (i) => (
                <Link className="govuk-link" to={`/organisation/invitations/${i.callOffId}`}>
                  {i.schemeName} <span className="govuk-visually-hidden">({i.reference})</span>
                </Link>
              ),
            },
            { header: 'Council', cell: (i) => i.authority },
            { header: 'Deadline', cell: (i) => i.deadlineText ?? '–' },
            { header: 'Status', cell: (i) => <Tag colour={STATE_COLOURS[i.state]}>{STATE_LABELS[i.state]}</Tag> },
            { header: 'Your response', cell: (i) => (i.responded ? `Sent ${formatDateTime(i.responded.lastSubmittedAt)}${i.responded.versions > 1 ? ` (version ${i.responded.versions})` : ''}` : 'Not sent') },
          ]}
        />
      )}
    </>
  );
}
