import { useQuery } from '@tanstack/react-query';
import { fileSizeText } from '@concord/domain/provider-documents';
import { Table } from '../../../components/Table.tsx';
import { trpc, type RouterOutputs } from '../../../trpc.ts';
import { ExpiringList } from './ExpiringList.tsx';
import { ExpiryTag } from './ExpiryTag.tsx';
import { downloadHref } from './file.ts';

/**
 * What an authority sees of providers' documents (issue 11, item 2): only those of providers it holds a contract with
 * (the database decides). Its home page lists their certificates that have expired or expire within 30 days.
 */
export function ExpiringCertificatesPanel() {
  const expiring = useQuery(trpc.providerDocument.expiringForAuthority.queryOptions({}));
  if (!expiring.isSuccess) return null;
  return <ExpiringList expiring={expiring.data.expiring} heading="Providers’ certificates to chase" showProvider />;
}

type Document = RouterOutputs['providerDocument']['ofProvider']['documents'][number];

/** On a provider's page in the register: its documents and expiring certificates, when the authority holds a contract with it. */
export function ProviderDocumentsSection({ providerId }: { providerId: string }) {
  const documents = useQuery(trpc.providerDocument.ofProvider.queryOptions({ providerId }));
  if (!documents.isSuccess || documents.data.documents.length === 0) return null;
  const { today } = documents.data;
  const expiring = documents.data.documents
    .filter((d) => d.daysLeft !== null && d.daysLeft <= 30)
    .map((d) => ({ documentId: d.id, providerName: '', title: d.title, expiresOn: d.expiresOn!, daysLeft: d.daysLeft! }));
  return (
    <section data-testid="provider-documents">
      <h2 className="govuk-heading-m">Documents</h2>
      <p className="govuk-body">The certificates and policies the provider keeps on Concord. You see them because you hold a contract with it.</p>
      <ExpiringList expiring={expiring} heading="Certificates to chase" />
      <Table
        caption="The provider’s documents"
        captionHidden
        rows={documents.data.documents}
        rowKey={(d) => d.id}
        rowTestId="provider-document"
        small
        columns={[
          {
            header: 'Document',
            rowHeader: true,
            cell: (d: Document) => (
              <a className="govuk-link" href={downloadHref(d.id)} download>
                {d.title}
              </a>
            ),
          },
          { header: 'Kind', cell: (d: Document) => d.kindLabel },
          { header: 'Size', cell: (d: Document) => `${d.typeLabel}, ${fileSizeText(d.sizeBytes)}` },
          { header: 'Expires', cell: (d: Document) => <ExpiryTag expiresOn={d.expiresOn} today={today} /> },
        ]}
      />
    </section>
  );
}
