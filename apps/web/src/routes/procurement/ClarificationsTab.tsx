import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { formatDateTime } from '../../format.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { EvaluationConfidential } from './ApplicationsTab.tsx';
import { SectionProblem, useSectionTitle, type Procurement } from './shared.tsx';

/**
 * Clarifications (issue 11, item 3): the providers' questions, with who asked (only the lead sees that), and what has
 * been published. The lead commissioner publishes a question in its own words with the answer to every applicant.
 */
export function ClarificationsTab({ p }: { p: Procurement }) {
  const list = useQuery({ ...trpc.clarification.list.queryOptions({ procurementId: p.id }), enabled: p.canEvaluate });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useSectionTitle('Clarifications', p, hasErrors(errors));
  if (!p.canEvaluate) return <EvaluationConfidential p={p} />;
  if (list.isError) return <SectionProblem error={list.error} />;
  if (!list.isSuccess) return <Loading />;
  const open = list.data.questions.filter((q) => !q.answeredBy);
  return (
    <>
      <h2 className="govuk-heading-m">Questions from providers</h2>
      {list.data.questions.length === 0 ? (
        <p className="govuk-body">No provider has asked a question.</p>
      ) : (
        <ul className="govuk-list" data-testid="clarification-questions">
          {list.data.questions.map((q) => (
            <li key={q.id} className="govuk-!-margin-bottom-4">
              <span className="concord-pre-line">{q.question}</span>
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                {q.askedBy}, {formatDateTime(q.askedAt)}: {q.answeredBy ? 'answered' : 'not yet answered'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {p.canEdit && <PublishForm p={p} questions={open} errors={errors} setErrors={setErrors} />}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Published</h2>
      {list.data.published.length === 0 ? (
        <p className="govuk-body">Nothing published yet.</p>
      ) : (
        list.data.published.map((c) => (
          <div className="govuk-inset-text" key={c.id} data-testid="published-clarification">
            <p className="govuk-body govuk-!-font-weight-bold">{c.question}</p>
            <p className="govuk-body concord-pre-line">{c.answer}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">Published {formatDateTime(c.publishedAt)}</p>
          </div>
        ))
      )}
    </>
  );
}

function PublishForm({ p, questions, errors, setErrors }: { p: Procurement; questions: { id: string; question: string; askedBy: string }[]; errors: FormErrors; setErrors: (e: FormErrors) => void }) {
  const [questionIds, setQuestionIds] = useState<string[]>([]);
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [published, setPublished] = useState<number | null>(null);
  const formKey = useFormKey();
  const publish = useMutation({
    ...trpc.clarification.publish.mutationOptions(),
    onSuccess: async (result) => {
      setQuestionIds([]);
      setQuestion('');
      setAnswer('');
      setErrors(NO_ERRORS);
      setPublished(result.notified);
      formKey.renew();
      await refreshAfterChange(trpc.clarification.list.queryKey({ procurementId: p.id }));
    },
    onError: (error) => setErrors(apiFormErrors(error, { question: 'clarification-question', answer: 'clarification-answer', questionIds: 'questionIds' })),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!publish.isPending) publish.mutate({ procurementId: p.id, questionIds, question, answer, idempotencyKey: formKey.key });
  }
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-6">
      {published !== null && (
        <NotificationBanner success>
          Published to every applicant without the asker’s name; {published} {published === 1 ? 'provider was' : 'providers were'} told.
        </NotificationBanner>
      )}
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">Publish a clarification</h2>
      {questions.length > 0 && (
        <Checkboxes
          name="questionIds"
          legend="Which questions does it answer?"
          legendSize="s"
          values={questionIds}
          onChange={setQuestionIds}
          error={errors.fields.questionIds}
          options={questions.map((q) => ({ value: q.id, label: q.question, hint: `Asked by ${q.askedBy}` }))}
        />
      )}
      <Textarea
        id="clarification-question"
        name="question"
        label="The question, as it will be published"
        labelSize="s"
        hint="Write it so it does not identify who asked"
        rows={3}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        error={errors.fields['clarification-question']}
      />
      <Textarea id="clarification-answer" name="answer" label="The answer" labelSize="s" rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} error={errors.fields['clarification-answer']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={publish.isPending}>
        Publish to every applicant
      </button>
    </form>
  );
}
