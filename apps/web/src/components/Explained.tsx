import { GLOSSARY, type GlossaryTerm } from '@concord/domain';

/** A GOV.UK details component explaining a term of the trade (PDPS, OCDS, Markdown …) where it appears. */
export function Explained({ term }: { term: GlossaryTerm }) {
  const { question, answer } = GLOSSARY[term];
  return (
    <details className="govuk-details" data-testid={`explained-${term}`}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{question}</span>
      </summary>
      <div className="govuk-details__text">{answer}</div>
    </details>
  );
}
