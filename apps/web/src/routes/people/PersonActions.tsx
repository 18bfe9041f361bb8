import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Person = RouterOutputs['people']['list']['people'][number];
/** What the page tells the administrator after an action: a sentence, and a link to pass on if one was issued. */
export interface Notice {
  text: string;
  link?: string;
}

export const linkFor = (path: string) => `${window.location.origin}${path}`;

/**
 * Deactivate (after confirming), reactivate, or issue a password reset link for a person (issue 10, item 3):
 * on the People list and on the person's own page. Not offered on your own row (the API refuses deactivating yourself).
 */
export function PersonActions({ person: p, onNotice, onError }: { person: Person; onNotice: (notice: Notice) => void; onError: (text: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const failed = (error: unknown) => onError(errorMessage(error));
  const setActive = useMutation({
    ...trpc.people.setActive.mutationOptions(),
    onSuccess: async (_r, { active }) => {
      setConfirming(false);
      await refreshAfterChange(trpc.people.list.queryKey());
      onNotice({ text: active ? 'The person can sign in again.' : 'The person is deactivated: they were signed out everywhere and cannot sign in.' });
    },
    onError: failed,
  });
  const reset = useMutation({
    ...trpc.people.issueReset.mutationOptions(),
    onSuccess: (issued) =>
      onNotice(
        issued.emailed
          ? { text: 'We emailed them a password reset link that works once, for 7 days.' }
          : { text: 'Send them this password reset link: it works once, for 7 days.', link: linkFor(issued.path) },
      ),
    onError: failed,
  });

  if (confirming) {
    return (
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" disabled={setActive.isPending} onClick={() => setActive.mutate({ userId: p.userId, active: false })}>
          Yes, deactivate<span className="govuk-visually-hidden"> {p.displayName}</span>
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setConfirming(false)}>
          Keep them active
        </button>
      </div>
    );
  }
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-0">
      {p.active ? (
        <>
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setConfirming(true)}>
            Deactivate<span className="govuk-visually-hidden"> {p.displayName}</span>
          </button>
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => reset.mutate({ userId: p.userId })}>
            Reset password<span className="govuk-visually-hidden"> of {p.displayName}</span>
          </button>
        </>
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setActive.mutate({ userId: p.userId, active: true })}>
          Reactivate<span className="govuk-visually-hidden"> {p.displayName}</span>
        </button>
      )}
    </div>
  );
}
