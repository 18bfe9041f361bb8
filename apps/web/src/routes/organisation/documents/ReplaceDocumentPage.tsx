import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CERTIFICATE_KINDS, fileSizeText } from '@concord/domain/provider-documents';
import { DateInput, datePartsOf, isoOf, type DateParts } from '../../../components/DateInput.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { FileUpload } from '../../../components/FileUpload.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../../components/formErrors.ts';
import { RecordStatus } from '../../../components/RecordGate.tsx';
import { NotFoundPage } from '../../../components/StatusPages.tsx';
import { SubmitOrCancel } from '../../../components/SubmitOrCancel.tsx';
import { SummaryList } from '../../../components/SummaryList.tsx';
import { TextInput } from '../../../components/TextInput.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { trpc, type RouterOutputs } from '../../../trpc.ts';
import { ExpiryTag } from './ExpiryTag.tsx';
import { ACCEPTED_FILES, fileAsBase64, fileProblem } from './file.ts';

/**
 * A new version of a document (issue 11, item 2): the file, its title and expiry. The version it replaces is kept, so
 * applications and responses already submitted with it still show what they were made with.
 */
export function ReplaceDocumentPage() {
  const { documentId } = useParams();
  const list = useQuery(trpc.providerDocument.list.queryOptions());
  const document = list.data?.documents.find((d) => d.id === documentId);
  usePageTitle(document ? `Replace ${document.title}` : 'Replace a document');
  if (!list.isSuccess) return <RecordStatus query={list} />;
  if (!document) return <NotFoundPage />;
  return <ReplaceForm document={document} today={list.data.today} />;
}

type Document = RouterOutputs['providerDocument']['list']['documents'][number];

function ReplaceForm({ document, today }: { document: Document; today: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(document.title);
  const [expiresOn, setExpiresOn] = useState<DateParts>(datePartsOf(document.expiresOn));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const replace = useMutation(trpc.providerDocument.replace.mutationOptions());
  const isCertificate = (CERTIFICATE_KINDS as readonly string[]).includes(document.kind);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const expiry = isoOf(expiresOn);
    const problems: ClientError[] = [];
    if (!title.trim()) problems.push({ id: 'title', text: 'Enter a title' });
    if (expiry === 'invalid') problems.push({ id: 'expiresOn-day', text: 'Enter the expiry date as a real date' });
    else if (!expiry && isCertificate) problems.push({ id: 'expiresOn-day', text: 'Enter the date the certificate expires' });
    const fileError = fileProblem(file);
    if (fileError) problems.push({ id: 'documentFile', text: fileError });
    if (problems.length > 0 || !file || expiry === 'invalid') return setErrors(clientErrors(problems));
    try {
      await replace.mutateAsync({ documentId: document.id, title, expiresOn: expiry, fileName: file.name, contentBase64: await fileAsBase64(file) });
    } catch (error) {
      return setErrors(apiFormErrors(error, { title: 'title', expiresOn: 'expiresOn-day', file: 'documentFile', contentBase64: 'documentFile', fileName: 'documentFile' }));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.providerDocument.list.queryKey() });
    navigate('/organisation/documents', { state: { notice: `${title.trim()} replaced` } });
  }

  return (
    <>
      <span className="govuk-caption-l">Documents</span>
      <h1 className="govuk-heading-l">Replace {document.title}</h1>
      <SummaryList
        rows={[
          { key: 'Kind', value: document.kindLabel },
          { key: 'Current file', value: `${document.fileName} (${document.typeLabel}, ${fileSizeText(document.sizeBytes)})` },
          { key: 'Expires', value: <ExpiryTag expiresOn={document.expiresOn} today={today} /> },
        ]}
      />
      <p className="govuk-body">Applications and responses you have already submitted keep the current version.</p>
      <form noValidate onSubmit={submit} data-testid="replace-document-form">
        <ErrorSummary errors={errors.summary} />
        <TextInput id="title" name="title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
        <DateInput id="expiresOn" legend="Expiry date" legendSize="s" hint={isCertificate ? 'For example, 31 3 2027' : 'If it has one. For example, 31 3 2027'} value={expiresOn} onChange={setExpiresOn} error={errors.fields['expiresOn-day']} />
        <FileUpload id="documentFile" label="New file" hint="A PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file, smaller than 10 MB" accept={ACCEPTED_FILES} error={errors.fields.documentFile} ref={fileRef} />
        <SubmitOrCancel pending={replace.isPending} onCancel={() => navigate('/organisation/documents')}>
          Replace document
        </SubmitOrCancel>
      </form>
    </>
  );
}
