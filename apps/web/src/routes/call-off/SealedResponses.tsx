import { CRITERION_KIND_LABELS, type CriterionKind } from '@concord/domain';
import { Table } from '../../components/Table.tsx';
import { formatDate } from '../../format.ts';
import type { RouterOutputs } from '../../trpc.ts';

type CallOff = RouterOutputs['callOff']['get'];

/**
 * A mini-competition before its deadline (issue 11, item 4): the council sees only how many providers have responded
 * and until when the responses are sealed. The database returns no response before then, so there is nothing else
 * to show: no price, no answer, not who has responded.
 */
export function SealedResponses({ callOff }: { callOff: CallOff }) {
  return (
    <section aria-labelledby="sealed-heading" data-testid="sealed-responses">
      <h2 className="govuk-heading-m" id="sealed-heading">
        Responses
      </h2>
      <div className="govuk-inset-text" data-testid="sealed-count">
        {callOff.responses.text}
      </div>
      <p className="govuk-body">Nobody at your council can read a response, or see who has responded, before the deadline. You can score the responses and award the call-off after it.</p>
      <h3 className="govuk-heading-s">Criteria</h3>
      <CallOffCriteriaTable callOff={callOff} />
      <h3 className="govuk-heading-s">Invited providers</h3>
      <Table
        caption="Invited providers"
        captionHidden
        small
        rows={callOff.invitations}
        rowKey={(i) => i.providerId}
        rowTestId="invitation"
        columns={[
          { header: 'Provider', rowHeader: true, cell: (i) => i.providerName },
          { header: 'Invited', cell: (i) => formatDate(i.invitedOn) },
        ]}
      />
    </section>
  );
}

/** The refined criteria of a call-off, with each kind in words: before the deadline and after it alike. */
export function CallOffCriteriaTable({ callOff }: { callOff: CallOff }) {
  return (
    <Table
      caption="Criteria of this call-off"
      captionHidden
      small
      rows={callOff.criteria}
      rowKey={(c) => c.id}
      columns={[
        { header: 'Criterion', rowHeader: true, cell: (c) => c.name },
        { header: 'Kind', cell: (c) => CRITERION_KIND_LABELS[c.kind as CriterionKind] ?? 'Other' },
        { header: 'Weight', numeric: true, cell: (c) => `${c.weightPercent}%` },
      ]}
    />
  );
}
