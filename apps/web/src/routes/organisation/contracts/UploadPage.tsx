import { MONITORING_FIGURES, MONITORING_RETURN_COLUMNS, monitoringColumnHeading, monitoringFieldLabel, monitoringReturnTemplateCsv, previousMonth } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { todayIso } from '../../../components/DateInput.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { FileProblems } from '../../../components/FileProblems.tsx';
import { FileUpload } from '../../../components/FileUpload.tsx';
import { NotificationBanner } from '../../../components/NotificationBanner.tsx';
import { RecordStatus } from '../../../components/RecordGate.tsx';
import { RoleNote } from '../../../components/RoleNote.tsx';
import { Table } from '../../../components/Table.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { saveFile } from '../../../download.ts';
import { formatNumber } from '../../../format.ts';
import { errorMessage, refreshAfterChange, trpc } from '../../../trpc.ts';
import { fileAsBase64 } from '../documents/file.ts';
import { isNotVerified, NotVerifiedYet, useMaySendReturns } from './shared.tsx';

type RowError = { row: number; field: string; message: string };
type Checked = { kind: 'idle' } | { kind: 'problems'; errors: RowError[] } | { kind: 'ready'; file: { format: 'csv' | 'xlsx'; contentBase64: string }; name: string } | { kind: 'done'; written: number };

const FILE_ID = 'returnsFile';
/** The API takes a file of up to 10 MB (14 million characters of base64), so a larger one is refused here first. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The summary names the first problems; the table below lists them all. */
const SUMMARY_SHOWN = 10;

const WHAT_GOES_IN: Record<(typeof MONITORING_RETURN_COLUMNS)[number], string> = {
  contract_reference: 'The contract’s reference, as on Your contracts',
  period_start: 'The first day of the month or quarter, for example 2026-01-01',
  period_end: 'The last day of that month or quarter, for example 2026-01-31 or 2026-03-31',
  hours_delivered: 'Whole hours of care delivered in the period',
  missed_visits: 'Visits that did not happen',
  late_visits: 'Visits that started late',
  staff_turnover_percent: 'Staff who left as a percentage of staff, to one decimal place, for example 12.5',
  complaints: 'Complaints received in the period',
};

const formatOf = (name: string): 'csv' | 'xlsx' | null => (/\.xlsx$/i.test(name) ? 'xlsx' : /\.csv$/i.test(name) ? 'csv' : null);
/** "Row 3: Hours delivered must be 0 or more", naming the column only where the message does not. */
function problemText(e: RowError): string {
  const column = monitoringFieldLabel(e.field);
  return e.message.toLowerCase().startsWith(column.toLowerCase()) ? `Row ${e.row}: ${e.message}` : `Row ${e.row}, ${column.toLowerCase()}: ${e.message}`;
}

/**
 * Monitoring returns by upload (issue 11, item 5): a template to download, then a file checked first (a dry run listing
 * every bad row; nothing is saved while any row is wrong), then submitted, all or nothing.
 */
export function UploadReturnsPage() {
  usePageTitle('Upload monitoring returns');
  const sender = useMaySendReturns();
  const contracts = useQuery(trpc.providerContract.list.queryOptions({ limit: 100, offset: 0 }));
  const fileRef = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<Checked>({ kind: 'idle' });
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation(trpc.providerReturn.upload.mutationOptions());
  if (isNotVerified(contracts.error)) return <NotVerifiedYet title="Upload monitoring returns" />;
  if (!contracts.isSuccess) return <RecordStatus query={contracts} />;

  const downloadTemplate = () => {
    const period = previousMonth(todayIso());
    const live = contracts.data.items.filter((c) => c.dateStatus === 'active' || c.dateStatus === 'past_end_no_decision');
    const body = monitoringReturnTemplateCsv(live.map((c) => ({ contractReference: c.reference, periodStart: period.start, periodEnd: period.end })));
    saveFile({ filename: 'monitoring-returns-template.csv', body, contentType: 'text/csv' });
  };

  const check = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (upload.isPending) return;
    const picked = fileRef.current?.files?.[0];
    const format = picked ? formatOf(picked.name) : null;
    const problem = !picked
      ? 'Select a CSV or Excel file'
      : !format
        ? 'The selected file must be a CSV or an Excel (XLSX) file'
        : picked.size === 0
          ? 'The selected file is empty'
          : picked.size > MAX_FILE_BYTES
            ? 'The selected file must be smaller than 10 MB'
            : null;
    setFileError(problem);
    setChecked({ kind: 'idle' });
    if (problem || !picked || !format) return;
    try {
      const file = { format, contentBase64: await fileAsBase64(picked) };
      const result = await upload.mutateAsync({ ...file, dryRun: true });
      setChecked(result.errors.length > 0 ? { kind: 'problems', errors: result.errors } : { kind: 'ready', file, name: picked.name });
    } catch (error) {
      setFileError(errorMessage(error));
    }
  };

  const send = async (file: { format: 'csv' | 'xlsx'; contentBase64: string }) => {
    try {
      const result = await upload.mutateAsync({ ...file, dryRun: false });
      await refreshAfterChange(trpc.providerReturn.list.queryKey());
      if (fileRef.current) fileRef.current.value = '';
      setChecked({ kind: 'done', written: result.written });
    } catch (error) {
      setChecked({ kind: 'idle' });
      setFileError(errorMessage(error));
    }
  };

  const problems = checked.kind === 'problems' ? checked.errors : [];
  const summary = fileError
    ? [{ text: fileError, href: `#${FILE_ID}` }]
    : problems.slice(0, SUMMARY_SHOWN).map((e) => ({ text: problemText(e), href: '#upload-problems' })).concat(problems.length > SUMMARY_SHOWN ? [{ text: `And ${problems.length - SUMMARY_SHOWN} more problems, listed below`, href: '#upload-problems' }] : []);
  return (
    <>
      <Link className="govuk-back-link" to="/organisation/contracts">
        Back to your contracts
      </Link>
      <ErrorSummary errors={summary} />
      {checked.kind === 'done' && (
        <NotificationBanner success>
          <span data-testid="upload-done">
            {formatNumber(checked.written)} monitoring {checked.written === 1 ? 'return' : 'returns'} submitted. Each council is told.
          </span>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Upload monitoring returns</h1>
      <p className="govuk-body">Send several months, quarters or contracts at once from a spreadsheet. One row is one contract’s return for one period; a row for a period you have already sent replaces that return unless the council has accepted it.</p>
      <p className="govuk-body">The file is checked first. If any row has a problem, nothing is saved and every problem is listed by row.</p>
      <h2 className="govuk-heading-m">Columns</h2>
      <Table
        caption="The file’s columns: their headings go in the first row"
        captionSize="s"
        small
        rows={[...MONITORING_RETURN_COLUMNS]}
        rowKey={(c) => c}
        columns={[
          { header: 'Heading', rowHeader: true, cell: (c) => monitoringColumnHeading(c) },
          { header: 'What goes in it', cell: (c) => WHAT_GOES_IN[c] },
        ]}
      />
      <button type="button" className="govuk-button govuk-button--secondary" onClick={downloadTemplate} data-testid="download-template">
        Download a template (CSV)
      </button>
      <p className="govuk-body-s">The template has a row for each of your current contracts for last month, with the {MONITORING_FIGURES.length} figures left blank.</p>

      {sender.may ? (
        <>
          <h2 className="govuk-heading-m">Check and submit the file</h2>
          <form noValidate onSubmit={check} data-testid="upload-form">
            <FileUpload id={FILE_ID} label="Upload a CSV or Excel file" hint="A .csv or .xlsx file, smaller than 10 MB" error={fileError} accept=".csv,.xlsx,text/csv" ref={fileRef} />
            <button type="submit" className="govuk-button" data-module="govuk-button" disabled={upload.isPending}>
              Check the file
            </button>
          </form>
        </>
      ) : (
        <RoleNote why={sender.why} />
      )}

      <FileProblems
        id="upload-problems"
        problems={problems}
        testId="upload"
        nothingDone="Nothing was saved. Correct these rows and check the file again."
        nothingDoneTestId="nothing-saved"
        fieldHeader="Column"
        fieldLabel={monitoringFieldLabel}
      />
      {checked.kind === 'ready' && (
        <div className="govuk-inset-text" data-testid="upload-ready">
          <p className="govuk-body">
            {checked.name} has no problems. Nothing is saved yet: submit the returns in it to send them to the councils.
          </p>
          <button type="button" className="govuk-button" data-module="govuk-button" disabled={upload.isPending} onClick={() => void send(checked.file)}>
            Submit the returns
          </button>
        </div>
      )}
    </>
  );
}
