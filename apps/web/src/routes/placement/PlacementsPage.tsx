import { formatPence, FUNDING_ROUTE_LABELS, SERVICE_TYPES, type FundingRoute, type ServiceType } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Pagination, useServerPage } from '../../components/Pagination.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { saveFile } from '../../download.ts';
import { errorMessage, fieldErrors, queryClient, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { ContractsNavigation, refreshContracts, serviceTypeLabel, useCanChangeContracts } from '../contract/shared.tsx';
import { FileProblems } from '../../components/FileProblems.tsx';
import { FileUpload } from '../../components/FileUpload.tsx';

type Placement = RouterOutputs['placement']['list']['placements'][number];
/** Placements a page (issue 14: every list paged, the server's default). */
const PER_PAGE = 100;
interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** The import's refusal as one line per problem: row number, field (column) and message. */
function rowProblems(error: unknown): RowProblem[] {
  const out: RowProblem[] = [];
  for (const [path, messages] of Object.entries(fieldErrors(error))) {
    const m = /^rows\.(\d+)\.(.+)$/.exec(path);
    for (const text of messages) {
      if (!m) {
        out.push({ row: 0, field: path, message: text });
        continue;
      }
      const prefix = `Row ${m[1]}, ${m[2]}: `;
      out.push({ row: Number(m[1]), field: m[2]!, message: text.startsWith(prefix) ? text.slice(prefix.length) : text });
    }
  }
  return out.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
}

/** My authority's placements (pseudonymous references only): a table, CSV import (all or nothing) and CSV / Excel export. */
export function PlacementsPage() {
  const canChange = useCanChangeContracts();
  const arrivalNotice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [serviceType, setServiceType] = useState('');
  const [fundingRoute, setFundingRoute] = useState('');
  const [, setParams] = useSearchParams();
  const { page, limit, offset, pageCount: pagesFor } = useServerPage(PER_PAGE);
  /** A changed filter starts again at the first page. */
  const refilter = (set: (value: string) => void) => (value: string) => {
    set(value);
    setParams((params) => {
      const next = new URLSearchParams(params);
      next.delete('page');
      return next;
    });
  };
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [importError, setImportError] = useState<string | null>(null);
  const [importNotice, setNotice] = useState<string | null>(null);
  const notice = importNotice ?? arrivalNotice;
  const [exporting, setExporting] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  usePageTitle('Placements', importError !== null);
  const filters = { ...(serviceType && { serviceType: serviceType as ServiceType }), ...(fundingRoute && { fundingRoute: fundingRoute as FundingRoute }) };
  const list = useQuery({ ...trpc.placement.list.queryOptions({ filters, limit, offset }), placeholderData: (p) => p });
  const importCsv = useMutation({
    ...trpc.placement.importCsv.mutationOptions(),
    onSuccess: async (result) => {
      setProblems([]);
      setImportError(null);
      if (fileRef.current) fileRef.current.value = '';
      await refreshContracts();
      setNotice(`${formatNumber(result.imported)} ${result.imported === 1 ? 'placement' : 'placements'} imported.`);
    },
    onError: (error) => {
      setNotice(null);
      const found = rowProblems(error);
      setProblems(found);
      setImportError(found.length > 0 ? `Nothing was imported: ${found.length} ${found.length === 1 ? 'problem' : 'problems'} in the file` : errorMessage(error));
    },
  });

  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemPage error={list.error} />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importCsv.isPending) return;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setProblems([]);
      setImportError('Choose a CSV file');
      return;
    }
    importCsv.mutate({ csv: await file.text(), dryRun: false });
  };

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    setExporting(kind);
    try {
      saveFile(kind === 'csv' ? await queryClient.fetchQuery({ ...trpc.placement.exportCsv.queryOptions({ filters }), staleTime: 0 }) : await trpcClient.placement.exportXlsx.query({ filters }));
    } catch (error) {
      setImportError(errorMessage(error));
    } finally {
      setExporting(null);
    }
  };

  const { placements, total } = list.data;
  const pageCount = pagesFor(total);
  return (
    <>
      <ErrorSummary errors={importError ? [{ text: importError, href: '#placementsFile' }] : []} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Placements</h1>
      <ContractsNavigation />
      <p className="govuk-body">
        The care your authority pays for, one row a placement. Placements carry a local pseudonymous reference only, never a person’s name; every look at them is
        recorded.
      </p>
      {canChange && (
        <Link className="govuk-button" data-module="govuk-button" to="/placements/new" role="button" draggable="false">
          Add a placement
        </Link>
      )}

      {canChange && (
        <>
          <h2 className="govuk-heading-m">Import placements</h2>
          <form noValidate onSubmit={submit} data-testid="placement-import">
            <FileUpload
              id="placementsFile"
              label="Upload a CSV file"
              hint="The same columns as the export. If any row has a problem, nothing is imported and every problem is listed by row."
              error={importError}
              accept=".csv,text/csv"
              ref={fileRef}
            />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={importCsv.isPending}>
              Import placements
            </button>
          </form>
        </>
      )}
      <FileProblems
        problems={problems}
        testId="import"
        nothingDone="Nothing was imported. Correct these rows and upload the file again."
        nothingDoneTestId="nothing-imported"
        fieldHeader="Field"
        fieldLabel={(field) => field}
      />

      <h2 className="govuk-heading-m">Your placements</h2>
      <form className="concord-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter placements">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              id="serviceType"
              name="serviceType"
              label="Service type"
              placeholder="Any service type"
              options={SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeLabel(s) }))}
              value={serviceType}
              onChange={refilter(setServiceType)}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              id="fundingRoute"
              name="fundingRoute"
              label="Funding route"
              placeholder="Any funding route"
              options={Object.entries(FUNDING_ROUTE_LABELS).map(([value, label]) => ({ value, label }))}
              value={fundingRoute}
              onChange={refilter(setFundingRoute)}
            />
          </div>
        </div>
      </form>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => exportAs('csv')} disabled={exporting !== null} data-testid="export-csv">
          Download CSV
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => exportAs('xlsx')} disabled={exporting !== null} data-testid="export-xlsx">
          Download Excel (XLSX)
        </button>
      </div>
      <p className="govuk-body" data-testid="placement-count">
        {formatNumber(total)} {total === 1 ? 'placement' : 'placements'}
        {pageCount > 1 ? `, page ${formatNumber(page)} of ${formatNumber(pageCount)}` : ''}.
      </p>
      {placements.length > 0 && (
        <Table
          caption="Placements"
          captionHidden
          small
          rows={placements}
          rowKey={(p) => p.id}
          rowTestId="placement"
          columns={[
            { header: 'Reference', rowHeader: true, cell: (p: Placement) => <span className="concord-nowrap">{p.reference}</span> },
            {
              header: 'Contract and provider',
              cell: (p: Placement) => (
                <>
                  {p.contract ? (
                    <Link className="govuk-link concord-nowrap" to={`/contracts/${p.contract.id}`}>
                      {p.contract.reference}
                    </Link>
                  ) : (
                    'Spot (no contract)'
                  )}
                  <span className="govuk-!-display-block concord-secondary-text">{p.provider.name}</span>
                </>
              ),
            },
            {
              header: 'Service and funding',
              cell: (p: Placement) => (
                <>
                  {serviceTypeLabel(p.serviceType)}
                  <span className="govuk-!-display-block concord-secondary-text">{FUNDING_ROUTE_LABELS[p.fundingRoute as FundingRoute] ?? p.fundingRoute}</span>
                </>
              ),
            },
            {
              header: 'Locality',
              cell: (p: Placement) => (
                <>
                  {p.locality ?? '–'}
                  <span className="govuk-!-display-block concord-secondary-text">{p.inArea ? 'In area' : 'Out of area'}</span>
                </>
              ),
            },
            {
              header: 'Dates',
              cell: (p: Placement) => (
                <>
                  <span className="concord-nowrap">{formatDate(p.startDate)}</span>
                  <span className="govuk-!-display-block concord-secondary-text concord-nowrap">{p.endDate ? `to ${formatDate(p.endDate)}` : 'ongoing'}</span>
                </>
              ),
            },
            {
              header: 'Weekly cost',
              numeric: true,
              cell: (p: Placement) => (
                <>
                  {formatPence(p.weeklyCostPence)}
                  {p.weeklyHours !== null && <span className="govuk-!-display-block concord-secondary-text concord-nowrap">{formatNumber(p.weeklyHours)} hours</span>}
                </>
              ),
            },
            ...(canChange
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Actions</span>,
                    cell: (p: Placement) => (
                      <Link className="govuk-link" to={`/placements/${p.id}/change`}>
                        Change<span className="govuk-visually-hidden"> placement {p.reference}</span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Pagination page={page} pageCount={pageCount} />
    </>
  );
}
