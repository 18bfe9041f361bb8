/** GOV.UK details holding the table behind a chart: the same figures, for anyone who cannot read the chart. */
export function FiguresBehind({ children, summary = 'Show the figures behind this chart' }: { children: React.ReactNode; summary?: string }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text concord-table-scroll">{children}</div>
    </details>
  );
}
