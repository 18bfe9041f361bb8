import { useState } from 'react';
import { TextInput } from '../../components/TextInput.tsx';
import { formatDate } from '../../format.ts';
import type { RouterOutputs } from '../../trpc.ts';
import { PowerBiHelp } from './PowerBiHelp.tsx';

/** The new token's text, shown this once: it is stored only as a hash. */
export function NewApiToken({ token }: { token: RouterOutputs['apiToken']['create'] & { token: string } }) {
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard?.writeText(token.token).then(() => setCopied(true), () => setCopied(false));
  return (
    <div data-testid="new-token">
      <TextInput
        id="new-token"
        name="new-token"
        label="Your new token"
        hint={`It expires on ${formatDate(token.expiresAt)}. Keep it as safe as a password: anyone who has it can read what you can.`}
        readOnly
        spellCheck={false}
        className="govuk-input--extra-letter-spacing"
        value={token.token}
        onFocus={(e) => e.target.select()}
      />
      <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={copy}>
        Copy token
      </button>
      {copied && (
        <p className="govuk-body" role="status">
          Copied.
        </p>
      )}
      <PowerBiHelp token={token.token} />
    </div>
  );
}
