import { AUTHORITY_ROLES } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { rolesText, roleLabel } from '../../labels.ts';
import { useMe } from '../../session.tsx';
import { errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { linkFor, PersonActions, type Notice } from './PersonActions.tsx';
import { TwoStepRequirement } from './TwoStepRequirement.tsx';

type People = RouterOutputs['people']['list'];
type Person = People['people'][number];
type Invitation = People['invitations'][number];
const ROLE_OPTIONS = AUTHORITY_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

/**
 * Manage people (issue 10, item 3): the authority's people with their roles and last sign-in, pending
 * invitations, inviting someone (the link is shown to pass on), deactivating or reactivating a person (with
 * confirmation), issuing a password reset link, each person's page (their roles), and requiring two-step verification.
 */
export function PeoplePage() {
  const people = useQuery(trpc.people.list.queryOptions());
  const me = useMe().data;
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => refreshAfterChange(trpc.people.list.queryKey());
  const failed = (error: unknown) => setErrors({ summary: [{ text: errorMessage(error) }], fields: {} });

  const invite = useMutation({
    ...trpc.people.invite.mutationOptions(),
    onSuccess: async (issued, sent) => {
      await refresh();
      setNotice(
        issued.emailed
          ? { text: `You invited ${sent.email}: we emailed them a link that works once, for 7 days.` }
          : { text: `You invited ${sent.email}. Send them this link: it works once, for 7 days.`, link: linkFor(issued.path) },
      );
      setEmail('');
      setRoles([]);
    },
    onError: (error) => setErrors(apiFormErrors(error, { email: 'email', roles: 'roles' })),
  });
  const cancel = useMutation({
    ...trpc.people.cancelInvitation.mutationOptions(),
    onSuccess: async () => {
      await refresh();
      setNotice({ text: 'The invitation is cancelled: its link no longer works.' });
    },
    onError: failed,
  });

  usePageTitle('Manage people', hasErrors(errors));
  if (people.isPending) return <Loading />;
  if (people.isError) return <ProblemPage error={people.error} />;

  const clear = () => {
    setErrors(NO_ERRORS);
    setNotice(null);
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending) return;
    clear();
    invite.mutate({ email, roles: roles as (typeof AUTHORITY_ROLES)[number][] });
  }

  const personColumns = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (p: Person) => (
        <>
          <Link className="govuk-link" to={`/people/${p.userId}`}>
            {p.displayName}
          </Link>
          <br />
          <span className="govuk-body-s concord-break-anywhere">
            {p.email}
          </span>
        </>
      ),
    },
    { header: 'Roles', cell: (p: Person) => rolesText(p.roles) },
    { header: 'Last sign-in', cell: (p: Person) => (p.lastSignInAt ? formatDateTime(p.lastSignInAt) : 'Never') },
    { header: 'Two-step', cell: (p: Person) => (p.twoStep ? 'On' : 'Off') },
    { header: 'Status', cell: (p: Person) => (p.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>) },
    {
      header: <span className="govuk-visually-hidden">Actions</span>,
      // Another administrator deactivates or resets you: your own password is changed from your sessions.
      cell: (p: Person) => (p.userId === me?.userId ? null : <PersonActions person={p} onNotice={(n) => (clear(), setNotice(n))} onError={(text) => setErrors({ summary: [{ text }], fields: {} })} />),
    },
  ];
  const invitationColumns = [
    { header: 'Email', rowHeader: true, cell: (i: Invitation) => i.email },
    { header: 'Roles', cell: (i: Invitation) => rolesText(i.roles) },
    { header: 'Expires', cell: (i: Invitation) => formatDate(i.expiresAt) },
    {
      header: <span className="govuk-visually-hidden">Action</span>,
      cell: (i: Invitation) => (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => (clear(), cancel.mutate({ invitationId: i.id }))}>
          Cancel<span className="govuk-visually-hidden"> the invitation to {i.email}</span>
        </button>
      ),
    },
  ];

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice && (
        <NotificationBanner success>
          <span className="concord-break-anywhere">{notice.text}</span>
          {notice.link && (
            <p className="govuk-body govuk-!-margin-top-2 concord-break-anywhere" data-testid="issued-link">
              {notice.link}
            </p>
          )}
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Manage people</h1>
      <Table caption="People" captionSize="m" columns={personColumns} rows={people.data.people} small rowKey={(p) => p.userId} rowTestId="person" />
      {people.data.invitations.length > 0 && (
        <Table caption="Pending invitations" captionSize="m" columns={invitationColumns} rows={people.data.invitations} rowKey={(i) => i.id} rowTestId="invitation" />
      )}
      <form noValidate onSubmit={submit} className="govuk-!-margin-top-6">
        <h2 className="govuk-heading-m">Invite someone</h2>
        <TextInput id="email" name="email" label="Email address" type="email" spellCheck={false} className="govuk-!-width-two-thirds" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Checkboxes name="roles" legend="Roles" legendSize="s" small options={ROLE_OPTIONS} values={roles} onChange={setRoles} error={errors.fields.roles} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={invite.isPending}>
          Send invitation
        </button>
      </form>
      <TwoStepRequirement required={people.data.twoStep.required} rowVersion={people.data.twoStep.rowVersion} onError={(text) => setErrors({ summary: [{ text }], fields: {} })} />
    </>
  );
}
