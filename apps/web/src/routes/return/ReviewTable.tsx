import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Table } from '../../components/Table.tsx';
import { Tag, type TagColour } from '../../components/Tag.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { formatDateTime } from '../../format.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Queue = RouterOutputs['return']['reviewQueue'];
type Member = Queue['members'][number];

const STATUS: Record<Member['status'], { text: string; colour: TagColour }> = {
  not_submitted: { text: 'Not returned', colour: 'grey' },
  submitted: { text: 'To review', colour: 'blue' },
  queried: { text: 'Queried', colour: 'purple' },
  accepted: { text: 'Accepted', colour: 'green' },
};

/**
 * A published figure as the KPI counts it: pence as pounds, a percentage with its numerator and denominator
 * where the benchmark shows them; a small number of people (or what would give one away) as "suppressed".
 */
function figure(unit: string, m: Member): string {
  const perHead = typeof m.perHundredThousand === 'number' ? `${m.perHundredThousand.toLocaleString('en-GB', { maximumFractionDigits: 1 })} per 100,000` : null;
  if (m.value === null) return perHead ?? '–';
  if (m.value === 'suppressed') return 'suppressed';
  if (unit === 'pence') return `£${(m.value / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const value = m.value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) + (perHead ? ` (${perHead})` : '');
  if (unit === 'percent') return typeof m.numerator === 'number' && typeof m.denominator === 'number' ? `${value}% (${m.numerator} of ${m.denominator})` : `${value}%`;
  return value;
}

/** Members' figures for one KPI and period, each to accept or to query with a reason. */
export function ReviewTable({ partnershipId, queue }: { partnershipId: string; queue: Queue }) {
  const [querying, setQuerying] = useState<Member | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const review = useMutation(
    trpc.return.review.mutationOptions({
      onSuccess: async () => {
        setQuerying(null);
        setReason('');
        setErrors(NO_ERRORS);
        await refreshAfterChange(trpc.return.pathKey());
      },
      onError: (error) => setErrors(apiFormErrors(error, { reason: 'query-reason' })),
    }),
  );
  const period = queue.period!;
  const send = (m: Member, status: 'queried' | 'accepted', why: string | null) =>
    review.mutate({ partnershipId, figureId: m.figureId!, kpiCode: queue.kpi.code, period: period.start, status, reason: why });
  const onQuery = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setErrors(clientErrors([{ id: 'query-reason', text: 'Say what the query is about' }]));
    send(querying!, 'queried', reason.trim());
  };
  const startQuery = (m: Member) => {
    setQuerying(m);
    setReason('');
    setErrors(NO_ERRORS);
  };
  return (
    <>
      {hasErrors(errors) && !querying ? <ErrorSummary errors={errors.summary} /> : null}
      <Table
        caption={`${queue.kpi.code} ${queue.kpi.name}: ${period.label}`}
        rows={queue.members}
        rowKey={(m) => m.name}
        rowTestId="review-row"
        columns={[
          { header: 'Authority', cell: (m) => m.name, rowHeader: true },
          { header: 'Figure', cell: (m) => figure(queue.kpi.unit, m), numeric: true },
          { header: 'Published', cell: (m) => (m.publishedAt ? formatDateTime(m.publishedAt) : '–') },
          {
            header: 'Status',
            cell: (m) => (
              <>
                <Tag colour={STATUS[m.status].colour} testId="review-status">
                  {m.resubmittedAfter === 'queried' ? 'Resubmitted' : STATUS[m.status].text}
                </Tag>
                {m.reason ? <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">Your query: {m.reason}</p> : null}
              </>
            ),
          },
          {
            header: <span className="govuk-visually-hidden">Review</span>,
            width: 'govuk-!-width-one-quarter',
            cell: (m) =>
              m.status === 'not_submitted' ? null : (
                <div>
                  {m.status !== 'accepted' ? (
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 govuk-!-margin-right-1" disabled={review.isPending} onClick={() => send(m, 'accepted', null)}>
                      Accept<span className="govuk-visually-hidden"> {m.name}’s figure</span>
                    </button>
                  ) : null}
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" disabled={review.isPending} onClick={() => startQuery(m)}>
                    Query<span className="govuk-visually-hidden"> {m.name}’s figure</span>
                  </button>
                </div>
              ),
          },
        ]}
      />
      {querying ? (
        <form onSubmit={onQuery} noValidate data-testid="query-form" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m">
            Query {querying.name}’s figure for {period.label}
          </h2>
          {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
          <Textarea
            id="query-reason"
            name="reason"
            label="What is the query about?"
            hint="The member sees this on its returns, and can correct and resubmit the figure"
            rows={3}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields['query-reason']}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={review.isPending}>
              Send query
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setQuerying(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
