import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, refreshAfterChange, trpc } from '../../trpc.ts';

/**
 * An authority administrator requires two-step verification of everyone in their authority, or stops requiring it
 * (issue 10, item 3). Sent with the version the page showed, so a change made meanwhile is not overwritten.
 */
export function TwoStepRequirement({ required, rowVersion, onError }: { required: boolean; rowVersion: number; onError: (text: string) => void }) {
  const [changed, setChanged] = useState(false);
  const set = useMutation({
    ...trpc.people.setTwoStepRequired.mutationOptions(),
    onSuccess: async () => {
      setChanged(true);
      await refreshAfterChange(trpc.people.list.queryKey());
    },
    onError: (error) => onError(errorMessage(error)),
  });
  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="two-step-heading" data-testid="two-step-requirement">
      <h2 className="govuk-heading-m" id="two-step-heading">
        Two-step verification
      </h2>
      {required ? (
        <p className="govuk-body">
          Two-step verification is <strong>required</strong> for everyone in your authority. Anyone who has not set it up must do so at their next
          sign-in before they can do anything else.
        </p>
      ) : (
        <p className="govuk-body">
          Two-step verification is not required: each person may turn it on under Sessions. If you require it, anyone who has not set it up must do
          so at their next sign-in before they can do anything else.
        </p>
      )}
      <p className="govuk-body">People already signed in stay signed in until their session ends.</p>
      {changed && <p className="govuk-body govuk-!-font-weight-bold">Saved.</p>}
      <button
        type="button"
        className={`govuk-button${required ? ' govuk-button--secondary' : ''}`}
        data-module="govuk-button"
        disabled={set.isPending}
        onClick={() => (setChanged(false), set.mutate({ required: !required, rowVersion }))}
      >
        {required ? 'Stop requiring two-step verification' : 'Require two-step verification'}
      </button>
    </section>
  );
}
