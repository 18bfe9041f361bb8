import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorMessage, fieldErrors, queryClient, trpc } from '../../trpc.ts';

/** A code form: one 6-digit field, its error against it. */
function CodeForm({ id, label, button, pending, error, onSubmit }: { id: string; label: string; button: string; pending: boolean; error: string | null; onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) onSubmit(code);
    setCode('');
  }
  return (
    <form noValidate onSubmit={submit}>
      <TextInput
        id={id}
        name="code"
        label={label}
        hint="A code from your authenticator app, or to turn it off one of your recovery codes"
        autoComplete="one-time-code"
        spellCheck={false}
        className="govuk-input--width-10"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={error ?? undefined}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending}>
        {button}
      </button>
    </form>
  );
}

/** A 6-digit code, or else a recovery code. */
const proof = (typed: string) => (/^\s*\d[\d\s]*$/.test(typed) ? { code: typed } : { recoveryCode: typed });
const firstFieldError = (e: unknown) => {
  const byField = fieldErrors(e);
  return byField.code?.[0] ?? byField.recoveryCode?.[0] ?? errorMessage(e);
};

/** Why it is required of this person, if it is. */
const REQUIRED_BECAUSE = {
  platform_admin: 'Two-step verification is always required for platform administrators.',
  authority: 'Your authority requires two-step verification.',
} as const;

/** Two-step verification (issue 10, item 3): set up an authenticator app, see recovery codes once, turn it off. */
export function TwoStepPage() {
  const status = useQuery(trpc.auth.twoStepStatus.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.twoStepStatus.queryKey() });

  const start = useMutation({ ...trpc.auth.startTwoStep.mutationOptions(), onMutate: () => {
      setError(null);
      return undefined;
    }, onError: (e) => setError(errorMessage(e)) });
  const confirm = useMutation({
    ...trpc.auth.confirmTwoStep.mutationOptions(),
    onSuccess: async (result) => {
      setRecoveryCodes(result.recoveryCodes);
      start.reset();
      void refresh();
      // A session that could only enrol may now do everything: the pages stop sending it here.
      await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
    },
    onError: (e) => setError(firstFieldError(e)),
  });
  const regenerate = useMutation({
    ...trpc.auth.regenerateRecoveryCodes.mutationOptions(),
    onSuccess: (result) => setRecoveryCodes(result.recoveryCodes),
    onError: (e) => setError(firstFieldError(e)),
  });
  const turnOff = useMutation({
    ...trpc.auth.turnOffTwoStep.mutationOptions(),
    onSuccess: () => {
      setNotice('Two-step verification is off. You sign in with your password alone.');
      setRecoveryCodes(null);
      void refresh();
    },
    onError: (e) => setError(firstFieldError(e)),
  });

  usePageTitle('Two-step verification', Boolean(error));
  if (status.isPending) return <Loading />;
  if (status.isError) return <ProblemPage error={status.error} />;

  const errors = error ? [{ text: error, href: '#code' }] : [];
  const required = status.data.required ? REQUIRED_BECAUSE[status.data.required] : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {notice && <NotificationBanner success>{notice}</NotificationBanner>}
        {status.data.mustEnrol && (
          <NotificationBanner>
            <span data-testid="must-enrol">{required} Set it up now: you can use Concord once it is on.</span>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Two-step verification</h1>
        {recoveryCodes && (
          <div className="govuk-panel govuk-panel--confirmation govuk-!-text-align-left" data-testid="recovery-codes">
            <h2 className="govuk-panel__title govuk-!-font-size-27">Save your recovery codes</h2>
            <div className="govuk-panel__body govuk-!-font-size-19">
              <p>If you lose your phone, each of these codes signs you in once. They are shown only now: print them or keep them in a password manager.</p>
              <ul className="govuk-list">
                {recoveryCodes.map((c) => (
                  <li key={c}>
                    <code>{c}</code>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {status.data.enabled ? (
          <>
            <p className="govuk-body">Two-step verification is on. When you sign in you enter your password, then a code from your authenticator app.</p>
            <p className="govuk-body">You have {status.data.recoveryCodesLeft} unused recovery codes.</p>
            <h2 className="govuk-heading-m">Get new recovery codes</h2>
            <CodeForm id="code" label="Code" button="Get new recovery codes" pending={regenerate.isPending} error={error} onSubmit={(c) => (setError(null), regenerate.mutate(proof(c)))} />
            {required ? (
              <p className="govuk-body">{required} It cannot be turned off.</p>
            ) : (
              <>
                <h2 className="govuk-heading-m">Turn off two-step verification</h2>
                <CodeForm id="code-off" label="Code" button="Turn off" pending={turnOff.isPending} error={null} onSubmit={(c) => (setError(null), turnOff.mutate(proof(c)))} />
              </>
            )}
          </>
        ) : start.data ? (
          <>
            <ol className="govuk-list govuk-list--number">
              <li>Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).</li>
              <li>Scan this QR code, or enter the key below.</li>
              <li>Enter the 6-digit code the app shows.</li>
            </ol>
            <img src={start.data.qrCode} alt="QR code to scan with your authenticator app" width={220} height={220} />
            <p className="govuk-body">
              Key to enter by hand: <code data-testid="manual-key">{start.data.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
            <form noValidate onSubmit={(e) => (e.preventDefault(), setError(null), confirm.mutate({ code: (new FormData(e.currentTarget).get('code') as string) ?? '' }))}>
              <TextInput id="code" name="code" label="Enter the 6-digit code from your authenticator app" autoComplete="one-time-code" inputMode="numeric" className="govuk-input--width-5" error={error ?? undefined} />
              <button type="submit" className="govuk-button" data-module="govuk-button" disabled={confirm.isPending}>
                Turn on two-step verification
              </button>
            </form>
          </>
        ) : (
          <>
            <p className="govuk-body">
              Two-step verification is off. With it on, signing in needs your password and a code from an authenticator app on your phone, so a stolen password alone is not enough.
            </p>
            <button type="button" className="govuk-button" data-module="govuk-button" disabled={start.isPending} onClick={() => start.mutate()}>
              Set up two-step verification
            </button>
          </>
        )}
        {!status.data.mustEnrol && (
          <p className="govuk-body">
            <Link className="govuk-link" to={recoveryCodes ? '/' : '/sessions'}>
              {recoveryCodes ? 'Continue to Concord' : 'Back to your sessions'}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
