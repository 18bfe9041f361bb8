import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { returnPath, type SignInState } from '../../session.tsx';
import { errorCode, errorMessage, fieldErrors, forgetSession, queryClient, trpc } from '../../trpc.ts';
import { REGISTER_ORGANISATION_PATH } from '../organisation/paths.ts';
import { TwoStepForm } from './TwoStepForm.tsx';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

interface FormErrors {
  summary: ErrorItem[];
  fields: Partial<Record<Field, string>>;
}

const NO_ERRORS: FormErrors = { summary: [], fields: {} };

/** What the API's refusal means for the form: which fields are wrong, and what the summary says. */
function toFormErrors(error: unknown): FormErrors {
  const code = errorCode(error);
  if (code === 'BAD_REQUEST') {
    const byField = fieldErrors(error);
    const fields: FormErrors['fields'] = {};
    const summary: ErrorItem[] = [];
    for (const field of FIELDS) {
      const message = byField[field]?.[0];
      if (message) {
        fields[field] = message;
        summary.push({ text: message, href: `#${field}` });
      }
    }
    if (summary.length > 0) return { summary, fields };
  }
  if (code === 'UNAUTHORIZED') {
    // Do not say which of the two was wrong.
    const text = errorMessage(error);
    return { summary: [{ text, href: '#email' }], fields: { email: text } };
  }
  // Too many attempts, or a problem on our side or the network's: not about one field.
  return { summary: [{ text: errorMessage(error) }], fields: {} };
}

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as Partial<SignInState> | null;
  const reason = state?.reason ?? null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // Set when the password was right and a code from the authenticator app is needed too.
  const [challenge, setChallenge] = useState<string | null>(null);
  // "Forgot your password?" only when the server can email a link.
  const options = useQuery(trpc.auth.signInOptions.queryOptions());

  async function signedIn() {
    // Start from nothing: no answer cached for whoever was here before.
    forgetSession(null);
    queryClient.clear();
    await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    // Back to the page that sent them here (a deep link, or where the session ended), on this site only.
    navigate(returnPath(state?.from), { replace: true });
  }

  const signIn = useMutation({
    ...trpc.auth.signIn.mutationOptions(),
    onSuccess: async (result) => {
      if ('twoStepRequired' in result) {
        setPassword('');
        setChallenge(result.challenge);
        return;
      }
      await signedIn();
    },
    onError: (error) => {
      setErrors(toFormErrors(error));
      setPassword('');
    },
  });

  usePageTitle(challenge ? 'Two-step verification' : 'Sign in', errors.summary.length > 0);

  if (challenge) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <TwoStepForm
            challenge={challenge}
            onSignedIn={signedIn}
            onRestart={(text) => {
              setChallenge(null);
              setErrors({ summary: [{ text, href: '#email' }], fields: { email: text } });
            }}
          />
        </div>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ email, password });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.summary.length === 0 && reason === 'signed-out' && <NotificationBanner success>You have signed out</NotificationBanner>}
        {errors.summary.length === 0 && reason === 'ended' && (
          <NotificationBanner>You have been signed out because your session ended. Sign in again to continue.</NotificationBanner>
        )}
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in with the email address your council registered for you.</p>
        <form noValidate onSubmit={submit} method="post" action="/sign-in">
          <TextInput
            id="email"
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.fields.email}
          />
          <TextInput
            id="password"
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            className="govuk-!-width-two-thirds"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields.password}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={signIn.isPending} aria-disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
        {options.data?.forgotPassword && (
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Forgot your password?
            </Link>
          </p>
        )}
        <h2 className="govuk-heading-m">Care providers</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to={REGISTER_ORGANISATION_PATH}>
            Register your care organisation
          </Link>{' '}
          to apply to councils’ procurements and send monitoring returns.
        </p>
      </div>
    </div>
  );
}
