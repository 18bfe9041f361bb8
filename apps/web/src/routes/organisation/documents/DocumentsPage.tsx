import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { CERTIFICATE_KINDS, fileSizeText, PROVIDER_DOCUMENT_KIND_LABELS, PROVIDER_DOCUMENT_KINDS, type ProviderDocumentKind } from '@concord/domain/provider-documents';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../../components/DateInput.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { FileUpload } from '../../../components/FileUpload.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../../components/formErrors.ts';
import { NotificationBanner } from '../../../components/NotificationBanner.tsx';
import { Radios } from '../../../components/Radios.tsx';
import { RecordStatus } from '../../../components/RecordGate.tsx';
import { Table } from '../../../components/Table.tsx';
import { TextInput } from '../../../components/TextInput.tsx';
import { useFormKey } from '../../../components/useFormKey.ts';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { trpc, type RouterOutputs } from '../../../trpc.ts';
import { ExpiringList } from './ExpiringList.tsx';
import { ExpiryTag } from './ExpiryTag.tsx';
import { ACCEPTED_FILES, downloadHref, fileAsBase64, fileProblem } from './file.ts';

type Listing = RouterOutputs['providerDocument']['list'];
type Document = Listing['documents'][number];

/**
 * Tell us once (issue 11, item 2): the organisation's documents, which every application and response reuses. Each
 * with its kind, size and expiry (a tag when expired or expiring within 30 days), to download or replace; and a form
 * to add one.
 */
export function DocumentsPage() {
  usePageTitle('Documents');
  const list = useQuery(trpc.providerDocument.list.queryOptions());
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [added, setAdded] = useState<string | null>(null);
  if (!list.isSuccess) return <RecordStatus query={list} />;
  const { documents, quota, expiring, today } = list.data;
  const columns = [
    { header: 'Document', rowHeader: true, cell: (d: Document) => <DocumentName document={d} /> },
    { header: 'Kind', cell: (d: Document) => d.kindLabel },
    { header: 'Size', cell: (d: Document) => `${d.typeLabel}, ${fileSizeText(d.sizeBytes)}` },
    { header: 'Expires', cell: (d: Document) => <ExpiryTag expiresOn={d.expiresOn} today={today} /> },
    {
      header: <span className="govuk-visually-hidden">Actions</span>,
      cell: (d: Document) => (
        <Link className="govuk-link" to={`/organisation/documents/${d.id}/replace`} data-testid="replace-document">
          Replace<span className="govuk-visually-hidden"> {d.title}</span>
        </Link>
      ),
    },
  ];
  return (
    <>
      {(notice ?? added) && <NotificationBanner success>{notice ?? added}</NotificationBanner>}
      <span className="govuk-caption-l">Your organisation</span>
      <h1 className="govuk-heading-l">Documents</h1>
      <p className="govuk-body">
        Keep your certificates and policies here once: every application and response you submit uses them, and keeps a copy of the versions it was made with.
        The councils you hold contracts with can see them.
      </p>
      <ExpiringList expiring={expiring} heading="Certificates to renew" />
      {documents.length === 0 ? (
        <p className="govuk-body" data-testid="no-documents">
          You have not added any documents yet.
        </p>
      ) : (
        <Table caption="Your documents" columns={columns} rows={documents} rowKey={(d) => d.id} rowTestId="document-row" small />
      )}
      <p className="govuk-body-s" data-testid="document-quota">
        {fileSizeText(quota.usedBytes)} of {fileSizeText(quota.quotaBytes)} used.
      </p>
      <UploadForm onAdded={(title) => setAdded(`${title} added`)} />
      <p className="govuk-body">
        <Link className="govuk-link" to="/organisation/locations">
          Your CQC locations
        </Link>
      </p>
    </>
  );
}

function DocumentName({ document }: { document: Document }) {
  return (
    <>
      <a className="govuk-link" href={downloadHref(document.id)} download data-testid="download-document">
        {document.title}
      </a>
      <br />
      <span className="govuk-body-s">
        {document.fileName}
        {document.earlierVersions > 0 ? `, replaces ${document.earlierVersions} earlier ${document.earlierVersions === 1 ? 'version' : 'versions'}` : ''}
      </span>
    </>
  );
}

/** Adding a document: its kind, title, expiry (required for an insurance certificate) and the file. */
function UploadForm({ onAdded }: { onAdded: (title: string) => void }) {
  const queryClient = useQueryClient();
  const formKey = useFormKey();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ProviderDocumentKind | ''>('');
  const [title, setTitle] = useState('');
  const [expiresOn, setExpiresOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const upload = useMutation(trpc.providerDocument.upload.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const expiry = isoOf(expiresOn);
    const problems: ClientError[] = [];
    if (!kind) problems.push({ id: 'kind', text: 'Select the kind of document' });
    if (!title.trim()) problems.push({ id: 'title', text: 'Enter a title' });
    if (expiry === 'invalid') problems.push({ id: 'expiresOn-day', text: 'Enter the expiry date as a real date' });
    else if (!expiry && kind && CERTIFICATE_KINDS.includes(kind)) problems.push({ id: 'expiresOn-day', text: 'Enter the date the certificate expires' });
    const fileError = fileProblem(file);
    if (fileError) problems.push({ id: 'documentFile', text: fileError });
    if (problems.length > 0 || !file || !kind || expiry === 'invalid') return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    try {
      await upload.mutateAsync({ kind, title, expiresOn: expiry, fileName: file.name, contentBase64: await fileAsBase64(file), idempotencyKey: formKey.key });
    } catch (error) {
      return setErrors(apiFormErrors(error, { kind: 'kind', title: 'title', expiresOn: 'expiresOn-day', file: 'documentFile', contentBase64: 'documentFile', fileName: 'documentFile' }));
    }
    onAdded(title.trim());
    formKey.renew();
    setKind('');
    setTitle('');
    setExpiresOn(EMPTY_DATE);
    if (fileRef.current) fileRef.current.value = '';
    await queryClient.invalidateQueries({ queryKey: trpc.providerDocument.list.queryKey() });
  }

  return (
    <form noValidate onSubmit={submit} data-testid="upload-document">
      <h2 className="govuk-heading-m">Add a document</h2>
      <ErrorSummary errors={errors.summary} />
      <Radios
        name="kind"
        legend="What kind of document is it?"
        legendSize="s"
        value={kind}
        onChange={(v) => setKind(v as ProviderDocumentKind)}
        error={errors.fields.kind}
        options={PROVIDER_DOCUMENT_KINDS.map((k) => ({ value: k, label: PROVIDER_DOCUMENT_KIND_LABELS[k] }))}
      />
      <TextInput id="title" name="title" label="Title" hint="For example, Public liability insurance 2026 to 2027" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
      <DateInput id="expiresOn" legend="Expiry date" legendSize="s" hint="Needed for an insurance certificate. For example, 31 3 2027" value={expiresOn} onChange={setExpiresOn} error={errors.fields['expiresOn-day']} />
      <FileUpload id="documentFile" label="File" hint="A PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file, smaller than 10 MB" accept={ACCEPTED_FILES} error={errors.fields.documentFile} ref={fileRef} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={upload.isPending}>
        Add document
      </button>
    </form>
  );
}
