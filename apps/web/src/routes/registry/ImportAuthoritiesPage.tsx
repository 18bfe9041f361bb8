import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FileUpload } from '../../components/FileUpload.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { BackToRegistry, kindLabel, RegistryGate } from './shared.tsx';

type Preview = RouterOutputs['registry']['previewImport'];
const FIELD_IDS = { csv: 'registryFile', file: 'registryFile', rows: 'registryFile', fingerprint: 'registryFile' };

/**
 * Import from the ONS mid-year estimates file (MYE2): first a preview of the councils it would add and rename,
 * with nothing written; then Confirm writes exactly what was shown. The same file again changes nothing.
 */
export function ImportAuthoritiesPage() {
  return (
    <RegistryGate>
      <ImportFlow />
    </RegistryGate>
  );
}

function ImportFlow() {
  const navigate = useNavigate();
  const fileRef = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(preview ? 'Check the import' : 'Import from the ONS file', hasErrors(errors));
  const onError = (error: unknown) => setErrors(apiFormErrors(error, FIELD_IDS));
  const previewing = useMutation({
    ...trpc.registry.previewImport.mutationOptions(),
    onSuccess: (result) => {
      setErrors(NO_ERRORS);
      setPreview(result);
    },
    onError,
  });
  const confirming = useMutation({
    ...trpc.registry.confirmImport.mutationOptions(),
    onSuccess: async (result) => {
      await refreshAfterChange(trpc.registry.pathKey());
      const notice =
        result.added + result.renamed === 0
          ? 'Nothing to change: the registry already matches the file'
          : `Imported: ${formatNumber(result.added)} added, ${formatNumber(result.renamed)} renamed, ${formatNumber(result.unchanged)} unchanged`;
      navigate('/authorities', { state: { notice } });
    },
    onError: (error) => {
      setPreview(null);
      onError(error);
    },
  });

  const submitFile = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (previewing.isPending) return;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setErrors(clientErrors([{ id: 'registryFile', text: 'Choose the ONS CSV file' }]));
      return;
    }
    const text = await file.text();
    setCsv(text);
    previewing.mutate({ csv: text });
  };

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirming.isPending || !preview || csv === null) return;
    confirming.mutate({ csv, fingerprint: preview.fingerprint });
  };

  if (preview) {
    const nothing = preview.add.length === 0 && preview.rename.length === 0;
    return (
      <>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Check the import</h1>
        <p className="govuk-body" data-testid="import-summary">
          {formatNumber(preview.add.length)} to add, {formatNumber(preview.rename.length)} to rename, {formatNumber(preview.unchanged.length)} already registered as they are.{' '}
          {formatNumber(preview.ignored)} other {preview.ignored === 1 ? 'area is' : 'areas are'} not councils with adult social care responsibility and {preview.ignored === 1 ? 'is' : 'are'} left out.
          Nothing has been written yet.
        </p>
        {preview.add.length > 0 && (
          <Table
            caption="To add"
            rows={preview.add}
            rowKey={(a) => a.id}
            rowTestId="import-add"
            columns={[
              { header: 'Name', rowHeader: true, cell: (a) => a.name },
              { header: 'Code', cell: (a) => a.id },
              { header: 'Kind', cell: (a) => kindLabel(a.kind, null) },
              { header: 'Region', cell: (a) => a.region },
            ]}
          />
        )}
        {preview.rename.length > 0 && (
          <Table
            caption="To rename"
            rows={preview.rename}
            rowKey={(r) => r.id}
            rowTestId="import-rename"
            columns={[
              { header: 'Code', rowHeader: true, cell: (r) => r.id },
              { header: 'Now', cell: (r) => r.from },
              { header: 'From the file', cell: (r) => r.to },
            ]}
          />
        )}
        <form noValidate onSubmit={confirm}>
          {nothing ? (
            <p className="govuk-body">The registry already matches this file: there is nothing to import.</p>
          ) : (
            <SubmitOrCancel pending={confirming.isPending} onCancel={() => setPreview(null)}>
              Confirm import
            </SubmitOrCancel>
          )}
        </form>
      </>
    );
  }

  return (
    <>
      <BackToRegistry />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Import from the ONS file</h1>
      <p className="govuk-body">
        The councils with adult social care responsibility in the ONS mid-year population estimates (the same file the Population estimates page loads) are registered: counties, unitary
        authorities, metropolitan districts and London boroughs, each as the file’s Geography column says, which must agree with its GSS code. You will see what would be added and renamed before
        anything is written.
      </p>
      <form noValidate onSubmit={submitFile} data-testid="registry-import">
        <FileUpload
          id="registryFile"
          label="ONS file (CSV)"
          hint="The ONS “MYE2 – Persons” table saved as CSV, with the columns Code, Name and Geography. Title lines above the header are skipped."
          error={errors.fields.registryFile}
          accept=".csv,text/csv"
          ref={fileRef}
        />
        <SubmitOrCancel pending={previewing.isPending} onCancel={() => navigate('/authorities')}>
          Preview import
        </SubmitOrCancel>
      </form>
    </>
  );
}
