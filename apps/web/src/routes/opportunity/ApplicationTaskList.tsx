import { CRITERION_KIND_LABELS, formatPence } from '@concord/domain';
import { Link, useLocation } from 'react-router';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { label } from '../../labels.ts';
import { SECTIONS, sectionDone, StatusTag, useApplication, type MyApplication, type Opportunity } from './shared.tsx';

/** A draft as a GOV.UK task list; once submitted, what was sent and, after the decision, the outcome and scores. */
export function ApplicationTaskListPage() {
  const { valid, application, opportunity } = useApplication();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  usePageTitle(application.data ? `Application: ${application.data.procurement.title}` : 'Application');
  if (!valid || !application.isSuccess) return <RecordStatus query={application} valid={valid} />;
  if (!opportunity.isSuccess) return <RecordStatus query={opportunity} />;
  const a = application.data;
  const o = opportunity.data;
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <p className="govuk-body">
        <Link className="govuk-link" to="/organisation/applications">
          Your applications
        </Link>
      </p>
      <span className="govuk-caption-l">
        {a.procurement.reference}, led by {a.procurement.leadName}
      </span>
      <h1 className="govuk-heading-l">{a.procurement.title}</h1>
      <p className="govuk-body">
        <StatusTag status={a.status} label={a.statusLabel} />
        {a.submittedAt && ` Submitted ${formatDateTime(a.submittedAt)}.`}
      </p>
      {a.status === 'draft' ? <TaskList a={a} o={o} /> : <Submitted a={a} o={o} />}
    </>
  );
}

function TaskList({ a, o }: { a: MyApplication; o: Opportunity }) {
  const done = SECTIONS.map((s) => sectionDone(s.key, a, o));
  const ready = done.every(Boolean);
  return (
    <>
      <p className="govuk-body">
        Complete each section, then check your answers and submit. Your organisation’s profile as it is when you submit is sent with the application.
      </p>
      <ul className="govuk-task-list" data-testid="task-list">
        {SECTIONS.map((s, i) => (
          <li className="govuk-task-list__item govuk-task-list__item--with-link" key={s.key}>
            <div className="govuk-task-list__name-and-hint">
              <Link className="govuk-link govuk-task-list__link" to={`/organisation/applications/${a.id}/${s.key}`} aria-describedby={`status-${s.key}`}>
                {s.title}
              </Link>
            </div>
            <div className="govuk-task-list__status" id={`status-${s.key}`}>
              {done[i] ? 'Completed' : <Tag colour="blue">Incomplete</Tag>}
            </div>
          </li>
        ))}
        <li className={`govuk-task-list__item${ready ? ' govuk-task-list__item--with-link' : ''}`}>
          <div className="govuk-task-list__name-and-hint">
            {ready ? (
              <Link className="govuk-link govuk-task-list__link" to={`/organisation/applications/${a.id}/check`} aria-describedby="status-check">
                Check answers and submit
              </Link>
            ) : (
              <div>Check answers and submit</div>
            )}
          </div>
          <div className="govuk-task-list__status" id="status-check">
            {ready ? <Tag colour="blue">Ready</Tag> : <span className="govuk-task-list__status--cannot-start-yet">Cannot start yet</span>}
          </div>
        </li>
      </ul>
    </>
  );
}

/** What was submitted, as sent (answers and prices), and after the decision the outcome, scores and feedback. */
export function AnswersSummary({ a, o }: { a: MyApplication; o: Opportunity }) {
  const price = (lotId: string) => a.lotPrices.find((p) => p.lotId === lotId);
  const answer = (list: { id: string; answer: string }[], id: string) => list.find((x) => x.id === id)?.answer || 'Not answered';
  const documents = a.documentIds.length;
  return (
    <>
      <h2 className="govuk-heading-m">Lots and prices</h2>
      <SummaryList
        rows={a.lots.map((l) => ({ key: `Lot ${l.number}: ${l.name}`, value: o.asksForPrices ? (price(l.id) ? formatPence(price(l.id)!.pricePence) : 'No price') : 'Applied' }))}
      />
      <h2 className="govuk-heading-m">Gateway questions</h2>
      <SummaryList rows={o.gatewayQuestions.map((q) => ({ key: q.question, value: <span className="concord-pre-line">{answer(a.gatewayAnswers, q.id)}</span> }))} />
      <h2 className="govuk-heading-m">Quality answers</h2>
      <SummaryList
        rows={o.criteria
          .filter((c) => c.kind !== 'price')
          .map((c) => ({ key: `${c.name} (${c.weightPercent}%)`, value: <span className="concord-pre-line">{answer(a.qualityAnswers, c.id)}</span> }))}
      />
      <h2 className="govuk-heading-m">Supporting documents</h2>
      <p className="govuk-body">{documents === 0 ? 'None chosen.' : `${documents} ${documents === 1 ? 'document' : 'documents'} from your profile.`}</p>
    </>
  );
}

function Submitted({ a, o }: { a: MyApplication; o: Opportunity }) {
  return (
    <>
      {a.outcome ? <Outcome outcome={a.outcome} /> : a.status === 'received' && <p className="govuk-body">{a.procurement.leadName} is evaluating your application. You will get a message when it decides.</p>}
      <AnswersSummary a={a} o={o} />
    </>
  );
}

function Outcome({ outcome }: { outcome: NonNullable<MyApplication['outcome']> }) {
  return (
    <section aria-labelledby="outcome-heading" data-testid="outcome">
      <h2 className="govuk-heading-m" id="outcome-heading">
        Outcome
      </h2>
      <SummaryList
        rows={[
          { key: 'Decision', value: outcome.label },
          ...(outcome.decidedOn ? [{ key: 'Decided', value: formatDate(outcome.decidedOn) }] : []),
          ...(outcome.reason ? [{ key: 'Reason', value: outcome.reason }] : []),
        ]}
      />
      {outcome.gateway.length > 0 && (
        <Table
          caption="Gateway"
          captionSize="s"
          rows={outcome.gateway}
          rowKey={(g) => g.question}
          columns={[
            { header: 'Question', rowHeader: true, cell: (g) => g.question },
            { header: 'Result', cell: (g) => (g.passed ? <Tag colour="green">Pass</Tag> : <Tag colour="red">Fail</Tag>) },
          ]}
        />
      )}
      {outcome.scores.length > 0 && (
        <Table
          caption="Your scores and feedback"
          captionSize="s"
          rows={outcome.scores}
          rowKey={(s) => s.criterion}
          rowTestId="score"
          columns={[
            { header: 'Criterion', rowHeader: true, cell: (s) => `${s.criterion} (${label(CRITERION_KIND_LABELS, s.kind)}, ${s.weightPercent}%)` },
            { header: 'Score', numeric: true, cell: (s) => (s.score === null ? 'Not agreed' : `${s.score} out of ${outcome.scaleMax}`) },
            { header: 'Feedback', cell: (s) => <span className="concord-pre-line">{s.feedback.join('\n\n')}</span> },
          ]}
        />
      )}
    </section>
  );
}
