import { PROVIDER_USER_ROLE_LABELS, PROVIDER_USER_ROLES, type ProviderUserRole } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Person = RouterOutputs['organisation']['mine']['people'][number];

const ROLE_OPTIONS = PROVIDER_USER_ROLES.map((role) => ({
  value: role,
  label: PROVIDER_USER_ROLE_LABELS[role],
  hint: { provider_admin: 'Changes the organisation’s details and manages its people', bid_writer: 'Applies to procurements and answers invitations', contract_manager: 'Sees contracts and sends monitoring returns' }[role],
}));

/**
 * The organisation's people with their roles in words. A provider administrator also removes roles, invites colleagues
 * (once the organisation is verified) and cancels invitations; everyone else only sees who is there.
 */
export function PeopleSection({ people, isAdmin, verified, name }: { people: Person[]; isAdmin: boolean; verified: boolean; name: string }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<{ text: string; link?: string } | null>(null);
  const invitations = useQuery({ ...trpc.organisation.invitations.queryOptions(), enabled: isAdmin });
  const refresh = () => refreshAfterChange(trpc.organisation.pathKey());
  const onError = (error: unknown) => setErrors(apiFormErrors(error, { email: 'invite-email', roles: 'invite-roles' }));
  const remove = useMutation({
    ...trpc.organisation.removeRole.mutationOptions(),
    onSuccess: async (_r, sent) => {
      await refresh();
      const person = people.find((p) => p.userId === sent.userId);
      setNotice({ text: `${person?.displayName ?? 'They'} is no longer a ${PROVIDER_USER_ROLE_LABELS[sent.role].toLowerCase()}` });
    },
    onError,
  });
  const cancel = useMutation({
    ...trpc.organisation.cancelInvitation.mutationOptions(),
    onSuccess: async () => {
      await refresh();
      setNotice({ text: 'The invitation is cancelled: its link no longer works.' });
    },
    onError,
  });
  const clear = () => {
    setErrors(NO_ERRORS);
    setNotice(null);
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice && (
        <NotificationBanner success>
          <span className="concord-break-anywhere">{notice.text}</span>
          {notice.link && (
            <span className="govuk-body govuk-!-margin-top-2 concord-break-anywhere" style={{ display: 'block' }} data-testid="issued-link">
              {notice.link}
            </span>
          )}
        </NotificationBanner>
      )}
      <h2 className="govuk-heading-m">People</h2>
      <table className="govuk-table" data-testid="organisation-people">
        <caption className="govuk-table__caption govuk-visually-hidden">People of {name}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Roles</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {people.map((person) => (
            <tr className="govuk-table__row" key={person.userId} data-testid="organisation-person">
              <td className="govuk-table__cell">
                {person.displayName}
                <br />
                <span className="govuk-body-s concord-break-anywhere">{person.email}</span>
              </td>
              <td className="govuk-table__cell">
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {person.roles.map(({ role }) => (
                    <li key={role}>
                      {PROVIDER_USER_ROLE_LABELS[role]}
                      {isAdmin && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2"
                            disabled={remove.isPending}
                            onClick={() => {
                              clear();
                              remove.mutate({ userId: person.userId, role });
                            }}
                          >
                            Remove<span className="govuk-visually-hidden"> {PROVIDER_USER_ROLE_LABELS[role].toLowerCase()} role from {person.displayName}</span>
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin && invitations.data && invitations.data.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Invitations not yet accepted</h3>
          <ul className="govuk-list" data-testid="organisation-invitations">
            {invitations.data.map((i) => (
              <li key={i.id}>
                <span className="concord-break-anywhere">{i.email}</span>: {i.roles.map((r) => PROVIDER_USER_ROLE_LABELS[r.role]).join(', ')} (the link works until {i.expiresOn}){' '}
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={cancel.isPending} onClick={() => (clear(), cancel.mutate({ invitationId: i.id }))}>
                  Cancel<span className="govuk-visually-hidden"> the invitation of {i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {isAdmin &&
        (verified ? (
          <InviteForm onInvited={setNotice} onError={onError} clear={clear} errors={errors} />
        ) : (
          <p className="govuk-body">You can invite colleagues once your organisation is verified.</p>
        ))}
    </>
  );
}

function InviteForm({ onInvited, onError, clear, errors }: { onInvited: (n: { text: string; link?: string }) => void; onError: (e: unknown) => void; clear: () => void; errors: FormErrors }) {
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const invite = useMutation({
    ...trpc.organisation.invite.mutationOptions(),
    onSuccess: async (issued, sent) => {
      await refreshAfterChange(trpc.organisation.pathKey());
      onInvited(
        issued.emailed
          ? { text: `You invited ${sent.email}: we emailed them a link that works once, for 7 days.` }
          : { text: `You invited ${sent.email}. Send them this link: it works once, for 7 days.`, link: `${window.location.origin}${issued.path}` },
      );
      setEmail('');
      setRoles([]);
    },
    onError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (invite.isPending) return;
    clear();
    invite.mutate({ email, roles: roles as ProviderUserRole[] });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="invite-form">
      <h3 className="govuk-heading-s">Invite a colleague</h3>
      <TextInput id="invite-email" name="email" label="Their email address" type="email" spellCheck={false} autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields['invite-email']} />
      <Checkboxes name="invite-roles" legend="Their roles" legendSize="s" hint="Select all that apply." options={ROLE_OPTIONS} values={roles} onChange={setRoles} error={errors.fields['invite-roles']} small />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={invite.isPending}>
        Send invitation
      </button>
    </form>
  );
}
