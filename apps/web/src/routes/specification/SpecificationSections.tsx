import { Markdown } from '../../components/Markdown.tsx';

export interface Section {
  key: string;
  heading: string;
  body: string;
}

/** A specification version's sections, rendered from Markdown, each under its own heading. */
export function SpecificationSections({ sections, headingLevel = 3 }: { sections: Section[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <div data-testid="specification-text">
      {sections.map((s, i) => (
        <section className="concord-specification-section" key={s.key} aria-labelledby={`section-${s.key}`}>
          <Heading className="govuk-heading-m" id={`section-${s.key}`}>
            {i + 1}. {s.heading}
          </Heading>
          {s.body.trim() ? <Markdown headingLevel={(headingLevel + 1) as 3 | 4}>{s.body}</Markdown> : <p className="govuk-body govuk-hint">No text yet.</p>}
        </section>
      ))}
    </div>
  );
}
