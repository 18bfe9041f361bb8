import type { ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The row's header cell (th scope="row"), usually the name. */
  rowHeader?: boolean;
  /** A GOV.UK width class for the header, e.g. "govuk-!-width-one-quarter". */
  width?: string;
  /** The column the rows are sorted by, and which way (aria-sort belongs on the header cell). */
  ariaSort?: 'ascending' | 'descending';
}

interface TableProps<T> {
  caption: string;
  /** Caption size; "s" for a table under its own heading. */
  captionSize?: 's' | 'm' | 'l';
  /** Hide the caption visually when a heading just above already says it. */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowTestId?: string;
  small?: boolean;
}

/**
 * GOV.UK table. Every table has a caption, visible or not. On a narrow screen a wide table scrolls sideways
 * inside a labelled region that can take focus, so keyboard users can scroll it too.
 */
export function Table<T>({ caption, captionSize = 'm', captionHidden = false, columns, rows, rowKey, rowTestId, small = false }: TableProps<T>) {
  return (
    <div className="concord-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className={`govuk-table${small ? ' govuk-table--small-text-until-tablet' : ''}`}>
        <caption className={captionHidden ? 'govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column, i) => (
              <th
                key={i}
                scope="col"
                aria-sort={column.ariaSort}
                className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}${column.width ? ` ${column.width}` : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)} data-testid={rowTestId}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row" className="govuk-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
