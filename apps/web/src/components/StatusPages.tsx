import { Link } from 'react-router';
import { errorMessage } from '../trpc.ts';
import { useStatusPageTitle } from './usePageTitle.ts';

/** GOV.UK "Page not found" pattern, for unknown addresses and records that are not there (or not ours). */
export function NotFoundPage() {
  useStatusPageTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the Concord home page
        </Link>
      </p>
    </>
  );
}

/** GOV.UK "There is a problem with the service" pattern, with the API's message (which carries a reference). */
export function ProblemPage({ error }: { error: unknown }) {
  useStatusPageTitle('Sorry, there is a problem with the service');
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">{errorMessage(error)}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={window.location.pathname + window.location.search}>
          Reload this page
        </a>{' '}
        or{' '}
        <Link className="govuk-link" to="/">
          go to the Concord home page
        </Link>
        .
      </p>
    </>
  );
}

/** What a page shows while its data loads. Announced politely, once. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="govuk-body" role="status" aria-live="polite">
      {what}…
    </p>
  );
}
