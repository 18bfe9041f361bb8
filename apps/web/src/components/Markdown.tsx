import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Markdown as GOV.UK-styled HTML. react-markdown builds React elements (no innerHTML), ignores raw HTML
 * in the source and makes unsafe link protocols (javascript:) inert, so a specification's text cannot
 * inject script. Headings inside a section start one level below the section's own heading. Tables
 * (GitHub-flavoured Markdown, as staff paste them from Word or Excel) come out as GOV.UK tables.
 */
export function Markdown({ children, headingLevel = 3 }: { children: string; headingLevel?: 2 | 3 | 4 }) {
  const heading = (depth: number) => {
    const level = Math.min(6, headingLevel + depth - 1);
    const size = level <= 3 ? 'govuk-heading-m' : 'govuk-heading-s';
    const Tag = `h${level}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
    return ({ children: text }: { children?: React.ReactNode }) => <Tag className={size}>{text}</Tag>;
  };
  const components: Components = {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    p: ({ children: text }) => <p className="govuk-body">{text}</p>,
    ul: ({ children: items }) => <ul className="govuk-list govuk-list--bullet">{items}</ul>,
    ol: ({ children: items }) => <ol className="govuk-list govuk-list--number">{items}</ol>,
    a: ({ children: text, href }) => (
      <a className="govuk-link" href={href} rel="noreferrer noopener">
        {text}
      </a>
    ),
    blockquote: ({ children: text }) => <div className="govuk-inset-text">{text}</div>,
    hr: () => <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />,
    code: ({ children: text }) => <code className="concord-code">{text}</code>,
    table: ({ children: rows }) => <table className="govuk-table">{rows}</table>,
    thead: ({ children: rows }) => <thead className="govuk-table__head">{rows}</thead>,
    tbody: ({ children: rows }) => <tbody className="govuk-table__body">{rows}</tbody>,
    tr: ({ children: cells }) => <tr className="govuk-table__row">{cells}</tr>,
    th: ({ children: text }) => (
      <th scope="col" className="govuk-table__header">
        {text}
      </th>
    ),
    td: ({ children: text }) => <td className="govuk-table__cell">{text}</td>,
  };
  return (
    <div className="concord-markdown">
      <ReactMarkdown components={components} remarkPlugins={[remarkGfm]} skipHtml>
        {children}
      </ReactMarkdown>
    </div>
  );
}
