import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { ORGANISATION_HOME } from '../../session.tsx';
import { forgetSession, queryClient, trpc } from '../../trpc.ts';

export { ORGANISATION_INVITATION_PATH } from './paths.ts';

/** A colleague opens their invitation to a provider organisation, chooses a name and password and is signed in acting for it. */
export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const link = useQuery({ ...trpc.organisation.checkInvitation.queryOptions({ token }), retry: false, staleTime: Infinity });
  usePageTitle('Accept your invitation');
  if (link.isPending) return <Loading />;
  if (link.isError) return <ProblemPage error={link.error} />;
  if (!link.data.usable) {
    return (
      <>
        <h1 className="govuk-heading-l">This link cannot be used</h1>
        <p className="govuk-body">It has expired, has been used or cancelled, or is not complete. Ask your organisation’s provider administrator for a new one.</p>
      </>
    );
  }
  return <AcceptForm token={token} email={link.data.email ?? ''} organisation={link.data.organisationName ?? ''} />;
}

function AcceptForm({ token, email, organisation }: { token: string; email: string; organisation: string }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({ displayName: '', password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Accept your invitation', hasErrors(errors));
  const accept = useMutation({
    ...trpc.organisation.acceptInvitation.mutationOptions(),
    onSuccess: async () => {
      forgetSession(null);
      queryClient.clear();
      await queryClient.fetchQuery(trpc.auth.me.queryOptions());
      navigate(ORGANISATION_HOME, { replace: true });
    },
    onError: (error) => {
      setErrors(apiFormErrors(error, { displayName: 'displayName', password: 'password', confirmPassword: 'confirmPassword' }));
      setForm((f) => ({ ...f, password: '', confirmPassword: '' }));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!accept.isPending) accept.mutate({ token, ...form });
  };
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Accept your invitation</h1>
        <p className="govuk-body">
          You have been invited to join <strong>{organisation}</strong> on Concord as <span className="concord-break-anywhere">{email}</span>. Choose the name
          others will see and a password; you will then be signed in. This link works once.
        </p>
        <form noValidate onSubmit={submit}>
          <TextInput id="displayName" name="displayName" label="Your full name" autoComplete="name" value={form.displayName} onChange={set('displayName')} error={errors.fields.displayName} />
          <TextInput id="password" name="password" label="Create a password" hint="At least 12 characters. Three or more random words are easy to remember and hard to guess." type="password" autoComplete="new-password" className="govuk-!-width-two-thirds" value={form.password} onChange={set('password')} error={errors.fields.password} />
          <TextInput id="confirmPassword" name="confirmPassword" label="Confirm the password" type="password" autoComplete="new-password" className="govuk-!-width-two-thirds" value={form.confirmPassword} onChange={set('confirmPassword')} error={errors.fields.confirmPassword} />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={accept.isPending}>
            Accept and sign in
          </button>
        </form>
      </div>
    </div>
  );
}
