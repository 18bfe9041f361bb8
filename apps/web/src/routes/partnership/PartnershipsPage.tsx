import { PARTNERSHIP_MANAGER_ROLES } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { partnershipKindLabel } from '../../labels.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Invitation = RouterOutputs['partnership']['invitations'][number];

/**
 * Partnerships (issue 10, items 4 and 5): the invitations my authority has received (accept, or decline after
 * confirming), the partnerships it belongs to (each with its settings), and "Propose a partnership".
 */
export function PartnershipsPage() {
  const me = useMe();
  const mine = useMyAuthority(me.data);
  const invitations = useQuery(trpc.partnership.invitations.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle('Partnerships', error !== null);

  if (invitations.isPending || mine.isPending) return <Loading />;
  if (invitations.isError) return <ProblemPage error={invitations.error} />;
  if (mine.isError) return <ProblemPage error={mine.error} />;
  const canManage = mine.data.roles.some((r) => (PARTNERSHIP_MANAGER_ROLES as readonly string[]).includes(r));

  return (
    <>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Partnerships</h1>
      {canManage && (
        <Link className="govuk-button" to="/partnerships/propose" data-testid="propose-link">
          Propose a partnership
        </Link>
      )}
      <h2 className="govuk-heading-m">Invitations to join</h2>
      {invitations.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-invitations">
          {mine.data.authority.name} has no invitations waiting.
        </p>
      ) : (
        invitations.data.map((i) => (
          <InvitationCard key={i.id} invitation={i} canManage={canManage} onError={(text) => (setNotice(null), setError(text))} onDone={(text) => (setError(null), setNotice(text))} />
        ))
      )}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Your partnerships</h2>
      {mine.data.partnerships.length === 0 ? (
        <p className="govuk-body">{mine.data.authority.name} is not in any partnership yet.</p>
      ) : (
        <ul className="govuk-list" data-testid="my-partnerships">
          {mine.data.partnerships.map((p) => (
            <li key={p.id}>
              <Link className="govuk-link" to={`/partnerships/${p.id}/settings`}>
                {p.name}
                <span className="govuk-visually-hidden"> settings</span>
              </Link>{' '}
              <span className="govuk-hint govuk-!-display-inline">({partnershipKindLabel(p.kind)}, led by {p.lead.name})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function InvitationCard({ invitation: i, canManage, onError, onDone }: { invitation: Invitation; canManage: boolean; onError: (text: string) => void; onDone: (text: string) => void }) {
  const navigate = useNavigate();
  const [declining, setDeclining] = useState(false);
  const refresh = () => Promise.all([refreshAfterChange(trpc.partnership.invitations.queryKey()), refreshAfterChange(trpc.authority.mine.queryKey())]);
  const accept = useMutation({
    ...trpc.partnership.acceptInvitation.mutationOptions(),
    onSuccess: async ({ partnershipId }) => {
      await refresh();
      navigate(`/partnerships/${partnershipId}/settings`);
    },
    onError: (e) => onError(errorMessage(e)),
  });
  const decline = useMutation({
    ...trpc.partnership.declineInvitation.mutationOptions(),
    onSuccess: async () => {
      await refresh();
      onDone(`You declined the invitation to join ${i.name}. Nothing of it is shared with your authority.`);
    },
    onError: (e) => onError(errorMessage(e)),
  });
  return (
    <section className="concord-partnership" data-testid="invitation" aria-labelledby={`invitation-${i.id}`}>
      <h3 className="govuk-heading-s" id={`invitation-${i.id}`}>
        {i.name}
      </h3>
      <SummaryList
        rows={[
          { key: 'Lead authority', value: i.lead.name },
          { key: 'Kind', value: partnershipKindLabel(i.kind) },
          { key: 'Purpose', value: i.purpose ?? 'Not given' },
          { key: 'Invited on', value: formatDate(i.invitedAt) },
        ]}
      />
      {!canManage ? (
        <p className="govuk-body">An authority administrator or commissioner of your authority can accept or decline it.</p>
      ) : declining ? (
        <div className="govuk-warning-text">
          <p className="govuk-body">
            Decline the invitation to join {i.name}? Nothing of the partnership will be shared with your authority; the lead may invite you again.
          </p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--warning" disabled={decline.isPending} onClick={() => decline.mutate({ invitationId: i.id })}>
              Yes, decline<span className="govuk-visually-hidden"> {i.name}</span>
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(false)}>
              Go back
            </button>
          </div>
        </div>
      ) : (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" disabled={accept.isPending} onClick={() => accept.mutate({ invitationId: i.id })}>
            Accept<span className="govuk-visually-hidden"> the invitation to join {i.name}</span>
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(true)}>
            Decline<span className="govuk-visually-hidden"> the invitation to join {i.name}</span>
          </button>
        </div>
      )}
    </section>
  );
}
