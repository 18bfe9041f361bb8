import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { errorCode, errorMessage, fieldErrors, trpc } from '../../trpc.ts';

/**
 * The second step of signing in (issue 10, item 3): a code from the authenticator app, or a recovery code.
 * A refused code is shown against its field; a timed-out challenge sends the person back to the password.
 */
export function TwoStepForm({ challenge, onSignedIn, onRestart }: { challenge: string; onSignedIn: () => Promise<void>; onRestart: (message: string) => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRecovery ? 'recoveryCode' : 'code';

  const verify = useMutation({
    ...trpc.auth.verifyTwoStep.mutationOptions(),
    onSuccess: onSignedIn,
    onError: (e) => {
      setValue('');
      if (errorCode(e) === 'UNAUTHORIZED') return onRestart(errorMessage(e));
      setError(fieldErrors(e)[field]?.[0] ?? errorMessage(e));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verify.isPending) return;
    setError(null);
    verify.mutate(useRecovery ? { challenge, recoveryCode: value } : { challenge, code: value });
  }

  const summary: ErrorItem[] = error ? [{ text: error, href: `#${field}` }] : [];
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">{useRecovery ? 'Enter a recovery code' : 'Enter the code from your authenticator app'}</h1>
      <form noValidate onSubmit={submit} method="post" action="/sign-in">
        {useRecovery ? (
          <TextInput
            id="recoveryCode"
            name="recoveryCode"
            label="Recovery code"
            hint="One of the 10 codes you saved when you set up two-step verification, like abcde-fghjk. Each works once."
            autoComplete="off"
            spellCheck={false}
            className="govuk-input--width-10"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error ?? undefined}
          />
        ) : (
          <TextInput
            id="code"
            name="code"
            label="Enter the 6-digit code from your authenticator app"
            autoComplete="one-time-code"
            inputMode="numeric"
            spellCheck={false}
            className="govuk-input--width-5"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error ?? undefined}
          />
        )}
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={verify.isPending} aria-disabled={verify.isPending}>
          Continue
        </button>
      </form>
      <p className="govuk-body">
        <a
          href="#"
          className="govuk-link"
          onClick={(e) => {
            e.preventDefault();
            setUseRecovery(!useRecovery);
            setValue('');
            setError(null);
          }}
        >
          {useRecovery ? 'Use a code from your authenticator app instead' : 'Use a recovery code instead'}
        </a>
      </p>
    </>
  );
}
