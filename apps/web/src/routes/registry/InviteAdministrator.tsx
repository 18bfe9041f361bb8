import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';

/**
 * "Invite an administrator" (issue 10, items 3 and 5): the platform administrator invites an authority's first
 * authority administrator by email. Without mail configured the page shows the link to pass on (it works once,
 * for 7 days); with mail, it says the link was emailed.
 */
export function InviteAdministrator({ authorityId, authorityName }: { authorityId: string; authorityName: string }) {
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const invite = useMutation({
    ...trpc.people.inviteAdministrator.mutationOptions(),
    onSuccess: () => setEmail(''),
    onError: (error) => setErrors(apiFormErrors(error, { email: 'admin-email', authorityId: 'admin-email' })),
  });
  const sent = invite.data && invite.variables;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending) return;
    invite.reset();
    if (!email.trim()) return setErrors(clientErrors([{ id: 'admin-email', text: 'Enter their email address' }]));
    setErrors(NO_ERRORS);
    invite.mutate({ authorityId, email });
  }

  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="invite-admin-heading">
      <h2 className="govuk-heading-m" id="invite-admin-heading">
        Invite an administrator
      </h2>
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} />}
      {sent && (
        <NotificationBanner success>
          {invite.data.emailed ? (
            <span className="concord-break-anywhere">We emailed {sent.email} a link to become an administrator of {authorityName}: it works once, for 7 days.</span>
          ) : (
            <>
              <span className="concord-break-anywhere">
                You invited {sent.email} to be an administrator of {authorityName}. Send them this link: it works once, for 7 days.
              </span>
              <p className="govuk-body govuk-!-margin-top-2 concord-break-anywhere" data-testid="issued-link">
                {`${window.location.origin}${invite.data.path}`}
              </p>
            </>
          )}
        </NotificationBanner>
      )}
      <p className="govuk-body">An authority administrator manages their authority’s people: they invite colleagues and choose their roles.</p>
      <form noValidate onSubmit={submit} data-testid="invite-admin-form">
        <TextInput
          id="admin-email"
          name="email"
          label="Their email address"
          type="email"
          spellCheck={false}
          className="govuk-!-width-two-thirds"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields['admin-email']}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={invite.isPending}>
          Send invitation
        </button>
      </form>
    </section>
  );
}
