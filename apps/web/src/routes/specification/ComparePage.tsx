import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/StatusPages.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorCode, errorMessage, trpc, type RouterOutputs } from '../../trpc.ts';
import { SectionProblem } from '../procurement/shared.tsx';
import type { Specification } from './VersionsTable.tsx';

type SectionDiff = RouterOutputs['specification']['diff']['sections'][number];

const CHANGE_TAGS: Record<SectionDiff['change'], { text: string; colour: 'green' | 'red' | 'yellow' | 'grey' }> = {
  added: { text: 'Added', colour: 'green' },
  removed: { text: 'Removed', colour: 'red' },
  changed: { text: 'Changed', colour: 'yellow' },
  unchanged: { text: 'Unchanged', colour: 'grey' },
};

/** What changed between two versions, section by section: added lines in <ins>, removed in <del>. */
export function ComparePage({ spec }: { spec: Specification }) {
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const valid = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const diff = useQuery({ ...trpc.specification.diff.queryOptions({ specificationId: spec.id, from, to }), enabled: valid });
  usePageTitle(`Compare versions ${from} and ${to} – ${spec.title}`);
  if (!valid) return <p className="govuk-body">Choose two versions to compare.</p>;
  if (errorCode(diff.error) === 'BAD_REQUEST') return <p className="govuk-body">{errorMessage(diff.error)}.</p>;
  if (diff.isPending) return <Loading />;
  if (diff.isError) return <SectionProblem error={diff.error} />;
  const changed = diff.data.sections.filter((s) => s.change !== 'unchanged');
  return (
    <>
      <h2 className="govuk-heading-m">
        Changes from version {from} to version {to}
      </h2>
      {diff.data.to.changeNote && (
        <div className="govuk-inset-text">
          <strong>What changed, as recorded:</strong> {diff.data.to.changeNote}
        </div>
      )}
      <p className="govuk-body">
        {changed.length === 0 ? 'The two versions are the same.' : `${changed.length} of ${diff.data.sections.length} sections differ.`} Added text is marked with a plus and a green
        background; removed text with a minus, struck through, on a red background.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/specifications/${spec.id}`}>
          All versions
        </Link>
      </p>
      {diff.data.sections.map((s) => (
        <section key={s.key} className="govuk-!-margin-bottom-6" aria-labelledby={`diff-${s.key}`} data-testid="diff-section">
          <h3 className="govuk-heading-s" id={`diff-${s.key}`}>
            {s.heading} <Tag colour={CHANGE_TAGS[s.change].colour}>{CHANGE_TAGS[s.change].text}</Tag>
          </h3>
          {s.before && s.after && s.before.heading !== s.after.heading && (
            <p className="govuk-body-s">
              Heading was “{s.before.heading}”, now “{s.after.heading}”.
            </p>
          )}
          {s.change === 'unchanged' ? (
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Show the unchanged text</span>
              </summary>
              <div className="govuk-details__text concord-pre-line">{s.after?.body}</div>
            </details>
          ) : (
            <DiffLines lines={s.lines} />
          )}
        </section>
      ))}
    </>
  );
}

/** Long runs of unchanged lines fold to their first and last line, so the changes stand out. */
function DiffLines({ lines }: { lines: SectionDiff['lines'] }) {
  const out: React.ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.op !== 'equal') {
      const Tag = line.op === 'added' ? 'ins' : 'del';
      out.push(
        <li key={i}>
          <Tag className="concord-diff__line">
            <span className="govuk-visually-hidden">{line.op === 'added' ? 'Added: ' : 'Removed: '}</span>
            {line.text}
          </Tag>
        </li>,
      );
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.op === 'equal') j++;
    const run = lines.slice(i, j);
    const shown = run.length > 4 ? [run[0]!, null, run[run.length - 1]!] : run;
    shown.forEach((l, k) =>
      out.push(
        <li key={`${i}-${k}`}>
          <span className={`concord-diff__line concord-diff__line--same${l === null ? ' concord-diff__line--fold' : ''}`}>{l === null ? `… ${run.length - 2} unchanged lines …` : l.text}</span>
        </li>,
      ),
    );
    i = j;
  }
  return <ul className="concord-diff">{out}</ul>;
}
