import { PASSWORD_HINT } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorCode, errorMessage, fieldErrors, forgetSession, queryClient, trpc } from '../../trpc.ts';

/**
 * The pages a setup link opens (issue 10, item 1), outside the signed-in pages:
 *   /setup/:token         printed by `start` on a new installation: create the first platform administrator;
 *   /set-password/:token  printed by `pnpm admin:create --email …`: that administrator chooses a password.
 * On success the person is signed in and taken home.
 */
const FIELDS = ['email', 'displayName', 'password', 'confirmPassword'] as const;
type Field = (typeof FIELDS)[number];

interface FormErrors {
  summary: ErrorItem[];
  fields: Partial<Record<Field, string>>;
}
const NO_ERRORS: FormErrors = { summary: [], fields: {} };
const INTRODUCTIONS: Record<SetPasswordMode, string> = {
  first_run: '',
  admin_create: 'You have been made a platform administrator. Choose the name others will see and a password. This link works once.',
  invitation: 'You have been invited to Concord. Choose the name others will see and a password; you will then be signed in. This link works once.',
  reset: 'Choose a new password. You will be signed out everywhere and then sign in with it. This link works once.',
};

function toFormErrors(error: unknown): FormErrors {
  if (errorCode(error) === 'BAD_REQUEST') {
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
    // The link itself is not a field on the page: its refusal goes in the summary alone.
    const link = byField.token?.[0];
    if (link) summary.unshift({ text: link });
    if (summary.length > 0) return { summary, fields };
  }
  return { summary: [{ text: errorMessage(error) }], fields: {} };
}

/** invitation: /invitation/:token, an authority administrator's invitation; reset: /reset-password/:token. */
export type SetPasswordMode = 'first_run' | 'admin_create' | 'invitation' | 'reset';
const TITLES: Record<SetPasswordMode, string> = {
  first_run: 'Set up Concord',
  admin_create: 'Set your password',
  invitation: 'Accept your invitation',
  reset: 'Choose a new password',
};

export function SetupPage({ mode }: { mode: SetPasswordMode }) {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const title = TITLES[mode];

  const onSuccess = async () => {
    forgetSession(null);
    queryClient.clear();
    await queryClient.fetchQuery(trpc.auth.me.queryOptions());
    navigate('/', { replace: true });
  };
  const onError = (error: unknown) => {
    setErrors(toFormErrors(error));
    setPassword('');
    setConfirmPassword('');
  };
  const setup = useMutation({ ...trpc.auth.setup.mutationOptions(), onSuccess, onError });
  const setAdminPassword = useMutation({ ...trpc.auth.setAdminPassword.mutationOptions(), onSuccess, onError });
  const acceptInvitation = useMutation({ ...trpc.people.acceptInvitation.mutationOptions(), onSuccess, onError });
  // A reset ends every session of the person: they then sign in with the new password.
  const resetPassword = useMutation({ ...trpc.people.resetPassword.mutationOptions(), onSuccess: () => navigate('/sign-in', { replace: true }), onError });
  const pending = setup.isPending || setAdminPassword.isPending || acceptInvitation.isPending || resetPassword.isPending;

  usePageTitle(title, errors.summary.length > 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (mode === 'first_run') setup.mutate({ token, email, displayName, password, confirmPassword });
    else if (mode === 'invitation') acceptInvitation.mutate({ token, displayName, password, confirmPassword });
    else if (mode === 'reset') resetPassword.mutate({ token, password, confirmPassword });
    else setAdminPassword.mutate({ token, displayName, password, confirmPassword });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">{title}</h1>
        {mode === 'first_run' ? (
          <p className="govuk-body">
            Create the first platform administrator. They register councils and NHS bodies and invite each authority's first
            administrator; they do not see any authority's contracts, placements, returns or budgets. This link works once.
          </p>
        ) : (
          <p className="govuk-body">{INTRODUCTIONS[mode]}</p>
        )}
        <form noValidate onSubmit={submit} method="post">
          {mode === 'first_run' && (
            <TextInput
              id="email"
              name="email"
              label="Email address"
              hint="You will sign in with this"
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={errors.fields.email}
            />
          )}
          {mode !== 'reset' && (
          <TextInput
            id="displayName"
            name="displayName"
            label="Full name"
            autoComplete="name"
            spellCheck={false}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={errors.fields.displayName}
          />
          )}
          <TextInput
            id="password"
            name="password"
            label="Password"
            hint={PASSWORD_HINT}
            type="password"
            autoComplete="new-password"
            className="govuk-!-width-two-thirds"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields.password}
          />
          <TextInput
            id="confirmPassword"
            name="confirmPassword"
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            className="govuk-!-width-two-thirds"
            value={confirmPassword}
            onChange={(e) => setConfirmPassword(e.target.value)}
            error={errors.fields.confirmPassword}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending} aria-disabled={pending}>
            {mode === 'first_run' ? 'Create administrator' : mode === 'invitation' ? 'Accept invitation' : 'Set password'}
          </button>
        </form>
      </div>
    </div>
  );
}
