import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';

/**
 * "Forgot your password?" (issue 10, item 3), offered only when the server can send mail: an email address, and
 * the same answer whether or not it has an account (so the page cannot be used to find out who has one).
 */
export function ForgotPasswordPage() {
  const options = useQuery(trpc.auth.signInOptions.queryOptions());
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const send = useMutation({
    ...trpc.auth.forgotPassword.mutationOptions(),
    onError: (error) => setErrors(apiFormErrors(error, { email: 'email' })),
  });

  usePageTitle(send.data ? 'Check your email' : 'Reset your password', hasErrors(errors));
  if (options.isPending) return <Loading />;
  if (options.isError) return <ProblemPage error={options.error} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    setErrors(NO_ERRORS);
    send.mutate({ email });
  }

  const back = (
    <p className="govuk-body">
      <Link className="govuk-link" to="/sign-in">
        Back to sign in
      </Link>
    </p>
  );
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {send.data ? (
          <>
            <h1 className="govuk-heading-l">Check your email</h1>
            <p className="govuk-body" data-testid="forgot-sent">
              {send.data.message}. The link works once, for 7 days. If nothing arrives, ask your authority administrator for a reset link.
            </p>
          </>
        ) : !options.data.forgotPassword ? (
          <>
            <h1 className="govuk-heading-l">Reset your password</h1>
            <p className="govuk-body">Ask your authority administrator for a password reset link.</p>
          </>
        ) : (
          <>
            <ErrorSummary errors={errors.summary} />
            <h1 className="govuk-heading-l">Reset your password</h1>
            <p className="govuk-body">Enter the email address you sign in with. If it has an account, we will email it a link to choose a new password.</p>
            <form noValidate onSubmit={submit}>
              <TextInput id="email" name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
              <button type="submit" className="govuk-button" data-module="govuk-button" disabled={send.isPending}>
                Send a reset link
              </button>
            </form>
          </>
        )}
        {back}
      </div>
    </div>
  );
}
