import { Table } from './Table.tsx';

export interface FileProblem {
  /** The file's row (the header is row 1); null for a problem with the whole file. */
  row: number | null;
  field: string;
  message: string;
}

/**
 * The rows of an uploaded file that need correcting, after an all-or-nothing upload saved nothing: what was not done,
 * then a table of row, column and problem. `testId` names the block ("upload" → upload-problems, upload-problem).
 */
export function FileProblems<P extends FileProblem>(props: {
  problems: readonly P[];
  nothingDone: string;
  nothingDoneTestId: string;
  testId: string;
  fieldHeader: string;
  fieldLabel: (field: string) => string;
  id?: string;
}) {
  const { problems, testId } = props;
  if (problems.length === 0) return null;
  return (
    <div id={props.id} tabIndex={props.id ? -1 : undefined} data-testid={`${testId}-problems`}>
      <p className="govuk-body govuk-!-font-weight-bold" data-testid={props.nothingDoneTestId}>
        {props.nothingDone}
      </p>
      <Table
        caption="Problems in the file"
        captionSize="s"
        small
        rows={[...problems]}
        rowKey={(p) => `${p.row}-${p.field}-${p.message}`}
        rowTestId={`${testId}-problem`}
        columns={[
          { header: 'Row', rowHeader: true, cell: (p: P) => (p.row ? String(p.row) : '–') },
          { header: props.fieldHeader, cell: (p: P) => props.fieldLabel(p.field) },
          { header: 'Problem', cell: (p: P) => p.message },
        ]}
      />
    </div>
  );
}
