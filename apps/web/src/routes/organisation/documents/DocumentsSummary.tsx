import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { trpc } from '../../../trpc.ts';
import { ExpiringList } from './ExpiringList.tsx';

/** On the organisation's home: its certificates to renew, and the way to its documents and CQC locations (issue 11, item 2). */
export function DocumentsSummary() {
  const list = useQuery(trpc.providerDocument.list.queryOptions());
  return (
    <>
      {list.isSuccess && <ExpiringList expiring={list.data.expiring} heading="Certificates to renew" />}
      <h2 className="govuk-heading-m">Documents and locations</h2>
      <p className="govuk-body">
        {list.isSuccess ? `${list.data.documents.length} ${list.data.documents.length === 1 ? 'document' : 'documents'} kept. ` : ''}
        Every application you submit uses them.
      </p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/organisation/documents" data-testid="documents-link">
            Your documents
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/organisation/locations">
            Your CQC locations
          </Link>
        </li>
      </ul>
    </>
  );
}
