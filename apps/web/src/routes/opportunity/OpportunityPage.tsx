import { CRITERION_KIND_LABELS } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Markdown } from '../../components/Markdown.tsx';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { RecordStatus, UUID } from '../../components/RecordGate.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { label } from '../../labels.ts';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type Opportunity = RouterOutputs['opportunity']['get'];

/** One procurement open for applications: what it buys, its lots, what an application must answer, clarifications. */
export function OpportunityPage() {
  const { procurementId = '' } = useParams();
  const valid = UUID.test(procurementId);
  const opportunity = useQuery({ ...trpc.opportunity.get.queryOptions({ procurementId }), enabled: valid });
  usePageTitle(opportunity.data?.title ?? 'Opportunity');
  if (!valid || !opportunity.isSuccess) return <RecordStatus query={opportunity} valid={valid} />;
  const o = opportunity.data;
  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-link" to="/organisation/opportunities">
          All opportunities
        </Link>
      </p>
      <span className="govuk-caption-l">{o.reference}</span>
      <h1 className="govuk-heading-l">{o.title}</h1>
      {o.description && <p className="govuk-body concord-pre-line">{o.description}</p>}
      <SummaryList
        rows={[
          { key: 'Partnership', value: o.partnership.name },
          { key: 'Lead authority', value: o.lead.name },
          { key: 'Buyers', value: o.buyers.map((b) => b.name).join(', ') },
          { key: 'Route', value: o.routeLabel },
          { key: 'Regime', value: o.regimeLabel },
          { key: 'Applications', value: o.window, testId: 'window' },
          ...(o.systemTermMonths ? [{ key: 'Term', value: `${o.systemTermMonths} months` }] : []),
        ]}
      />
      <Apply o={o} />
      <h2 className="govuk-heading-m">Lots</h2>
      <Table
        caption="Lots"
        captionHidden
        rows={o.lots}
        rowKey={(l) => l.id}
        columns={[
          { header: 'Lot', rowHeader: true, cell: (l) => `Lot ${l.number}: ${l.name}` },
          { header: 'Description', cell: (l) => l.description ?? '' },
          { header: 'Estimated volume', numeric: true, cell: (l) => (l.estimatedVolume === null ? 'Not given' : `${formatNumber(l.estimatedVolume)} ${l.volumeUnit ? label(VOLUME_UNITS, l.volumeUnit) : ''}`) },
        ]}
      />
      <h2 className="govuk-heading-m">What an application answers</h2>
      <h3 className="govuk-heading-s">Gateway questions</h3>
      <ol className="govuk-list govuk-list--number">
        {o.gatewayQuestions.map((q) => (
          <li key={q.id}>
            {q.question}
            {q.guidance && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{q.guidance}</span>}
          </li>
        ))}
      </ol>
      <Table
        caption="How applications are scored"
        captionSize="s"
        rows={o.criteria}
        rowKey={(c) => c.id}
        columns={[
          { header: 'Criterion', rowHeader: true, cell: (c) => c.name },
          { header: 'Kind', cell: (c) => label(CRITERION_KIND_LABELS, c.kind) },
          { header: 'Weight', numeric: true, cell: (c) => `${c.weightPercent}%` },
        ]}
      />
      {o.specification && (
        <>
          <h2 className="govuk-heading-m">Specification</h2>
          <p className="govuk-body">
            {o.specification.title}, version {o.specification.version}
            {o.specification.publishedAt ? `, published ${formatDate(o.specification.publishedAt)}` : ''}.
          </p>
          {o.specification.sections.map((s) => (
            <details className="govuk-details" key={s.key}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">{s.heading}</span>
              </summary>
              <div className="govuk-details__text">
                <Markdown headingLevel={4}>{s.body}</Markdown>
              </div>
            </details>
          ))}
        </>
      )}
      <Clarifications o={o} />
    </>
  );
}

const VOLUME_UNITS: Record<string, string> = { people: 'people', units: 'units', hours_per_week: 'hours a week' };

/** Start (or carry on with) the organisation's application. */
function Apply({ o }: { o: Opportunity }) {
  const navigate = useNavigate();
  const formKey = useFormKey();
  const start = useMutation({
    ...trpc.myApplication.start.mutationOptions(),
    onSuccess: ({ id }) => navigate(`/organisation/applications/${id}`),
  });
  const draft = o.myApplications.find((a) => a.status === 'draft');
  const submitted = o.myApplications.filter((a) => a.status !== 'draft');
  return (
    <div className="govuk-!-margin-bottom-6">
      {submitted.map((a) => (
        <p className="govuk-body" key={a.id} data-testid="my-application">
          You applied on {formatDateTime(a.submittedAt!)}: {a.statusLabel}.{' '}
          <Link className="govuk-link" to={`/organisation/applications/${a.id}`}>
            View your application
          </Link>
        </p>
      ))}
      {start.isError && <ErrorSummary errors={apiFormErrors(start.error).summary} />}
      {o.open &&
        (draft ? (
          <Link className="govuk-button" to={`/organisation/applications/${draft.id}`} data-testid="continue-application">
            Continue your application
          </Link>
        ) : (
          <button type="button" className="govuk-button" data-module="govuk-button" disabled={start.isPending} onClick={() => start.mutate({ procurementId: o.id, idempotencyKey: formKey.key })}>
            Start an application
          </button>
        ))}
    </div>
  );
}

/** Published clarifications (no asker named) and a question of our own, asked of the lead. */
function Clarifications({ o }: { o: Opportunity }) {
  const [question, setQuestion] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [asked, setAsked] = useState(false);
  const formKey = useFormKey();
  const ask = useMutation({
    ...trpc.opportunity.ask.mutationOptions(),
    onSuccess: async () => {
      setQuestion('');
      setErrors(NO_ERRORS);
      setAsked(true);
      formKey.renew();
      await refreshAfterChange(trpc.opportunity.get.queryKey({ procurementId: o.id }));
    },
    onError: (error) => setErrors(apiFormErrors(error, { question: 'question' })),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ask.isPending) ask.mutate({ procurementId: o.id, question, idempotencyKey: formKey.key });
  }
  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="clarifications-heading">
      <h2 className="govuk-heading-m" id="clarifications-heading">
        Clarifications
      </h2>
      {o.clarifications.length === 0 ? (
        <p className="govuk-body">No clarification has been published yet.</p>
      ) : (
        o.clarifications.map((c) => (
          <div className="govuk-inset-text" key={c.id} data-testid="clarification">
            <p className="govuk-body govuk-!-font-weight-bold">{c.question}</p>
            <p className="govuk-body concord-pre-line">{c.answer}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">Published {formatDateTime(c.publishedAt)}</p>
          </div>
        ))
      )}
      {o.myQuestions.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Your questions</h3>
          <ul className="govuk-list govuk-list--bullet">
            {o.myQuestions.map((q) => (
              <li key={q.id}>
                {q.question} ({q.answeredBy ? 'answered above' : `asked ${formatDateTime(q.askedAt)}, not yet answered`})
              </li>
            ))}
          </ul>
        </>
      )}
      {asked && <NotificationBanner success>Your question was sent to {o.lead.name}. Its answer is published to every applicant, without your name.</NotificationBanner>}
      {o.open && (
        <form noValidate onSubmit={submit}>
          <ErrorSummary errors={errors.summary} />
          <Textarea
            id="question"
            name="question"
            label="Ask a question"
            labelSize="s"
            hint="The lead authority answers and publishes the answer to every applicant. Your organisation’s name is not shown to anyone else."
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            error={hasErrors(errors) ? errors.fields.question : undefined}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={ask.isPending}>
            Send question
          </button>
        </form>
      )}
    </section>
  );
}
