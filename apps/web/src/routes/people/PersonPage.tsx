import { AUTHORITY_ROLES } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, NotFoundPage, ProblemPage } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { roleLabel } from '../../labels.ts';
import { useMe } from '../../session.tsx';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { PersonActions, type Notice } from './PersonActions.tsx';

type Role = (typeof AUTHORITY_ROLES)[number];
const ROLE_OPTIONS = AUTHORITY_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

/**
 * One person of the authority (issue 10, item 3): their roles (changed with checkboxes: at least one, and the
 * authority keeps an administrator), last sign-in, whether two-step verification is on, and deactivate, reactivate
 * or issue a password reset link.
 */
export function PersonPage() {
  const { userId } = useParams();
  const people = useQuery(trpc.people.list.queryOptions());
  const me = useMe().data;
  const person = people.data?.people.find((p) => p.userId === userId);
  const [roles, setRoles] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<Notice | null>(null);
  const save = useMutation({
    ...trpc.people.setRoles.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.people.list.queryKey());
      setRoles(null);
      setNotice({ text: 'Their roles are changed. They have them from their next request.' });
    },
    onError: (error) => setErrors(apiFormErrors(error, { roles: 'roles' })),
  });

  usePageTitle(person ? person.displayName : 'Person', hasErrors(errors));
  if (people.isPending) return <Loading />;
  if (people.isError) return <ProblemPage error={people.error} />;
  if (!person) return <NotFoundPage />;

  const chosen = roles ?? person.roles;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending || !person) return;
    setErrors(NO_ERRORS);
    setNotice(null);
    // Sent with the version of their roles the page loaded: a change over someone else's newer one is refused, naming them.
    save.mutate({ userId: person.userId, roles: chosen as Role[], version: person.rowVersion });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
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
        <span className="govuk-caption-l concord-break-anywhere">{person.email}</span>
        <h1 className="govuk-heading-l">{person.displayName}</h1>
        <SummaryList
          rows={[
            { key: 'Status', value: person.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag> },
            { key: 'Last sign-in', value: person.lastSignInAt ? formatDateTime(person.lastSignInAt) : 'Never' },
            { key: 'Two-step verification', value: person.twoStep ? 'On' : 'Off', testId: 'person-two-step' },
          ]}
        />
        <form noValidate onSubmit={submit}>
          <Checkboxes
            name="roles"
            legend="Roles"
            legendSize="m"
            hint="Choose at least one. Your authority always keeps at least one authority administrator."
            small
            options={ROLE_OPTIONS}
            values={chosen}
            onChange={setRoles}
            error={errors.fields.roles}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
            Save roles
          </button>
        </form>
        {person.userId !== me?.userId && (
          <>
            <h2 className="govuk-heading-m">Access</h2>
            <PersonActions person={person} onNotice={(n) => (setErrors(NO_ERRORS), setNotice(n))} onError={(text) => setErrors({ summary: [{ text }], fields: {} })} />
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/people">
            Back to Manage people
          </Link>
        </p>
      </div>
    </div>
  );
}
