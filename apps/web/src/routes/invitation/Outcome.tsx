import { CRITERION_KIND_LABELS, type CriterionKind } from '@concord/domain';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import type { Invitation } from './InvitationPage.tsx';

const points = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-GB', { maximumFractionDigits: 2 }));

/** After award: my own result only (issue 11, item 4): never another provider's price, points or rank. */
export function Outcome({ invitation }: { invitation: Invitation }) {
  const o = invitation.outcome!;
  return (
    <section aria-labelledby="outcome-heading" data-testid="outcome">
      <h2 className="govuk-heading-m" id="outcome-heading">
        Outcome
      </h2>
      {o.successful ? (
        <div className="govuk-panel govuk-panel--confirmation govuk-!-text-align-left">
          <h3 className="govuk-panel__title govuk-!-font-size-27">You have been awarded this call-off</h3>
          {o.contractReference && <div className="govuk-panel__body govuk-!-font-size-19">Contract {o.contractReference}</div>}
        </div>
      ) : (
        <div className="govuk-inset-text">{invitation.authority} awarded this call-off to another provider.</div>
      )}
      <SummaryList
        rows={[
          { key: 'Your rank', value: o.rank === null ? 'Not ranked: your response was incomplete' : String(o.rank), testId: 'outcome-rank' },
          { key: 'Your total', value: `${points(o.totalPoints)} out of 100`, testId: 'outcome-total' },
          ...(o.feedback ? [{ key: 'Feedback', value: <span style={{ whiteSpace: "pre-line" }}>{o.feedback}</span>, testId: 'outcome-feedback' }] : []),
        ]}
      />
      <Table
        caption="Your score on each criterion"
        small
        rows={o.points}
        rowKey={(p) => p.criterionId}
        rowTestId="outcome-criterion"
        columns={[
          { header: 'Criterion', rowHeader: true, cell: (p) => p.name },
          { header: 'Kind', cell: (p) => CRITERION_KIND_LABELS[p.kind as CriterionKind] ?? 'Other' },
          { header: 'Score', numeric: true, cell: (p) => (p.score === null ? '–' : String(p.score)) },
          { header: 'Points', numeric: true, cell: (p) => `${points(p.points)} of ${p.weightPercent ?? '–'}` },
        ]}
      />
    </section>
  );
}
