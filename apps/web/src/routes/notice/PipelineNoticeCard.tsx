import { formatPence } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { formatDate } from '../../format.ts';
import { trpc, type RouterOutputs } from '../../trpc.ts';
import { NoticeStateTag, pipelinePath, refreshNotices } from './shared.tsx';

type Pipeline = NonNullable<RouterOutputs['notice']['due']['pipeline']>;

/**
 * The authority's pipeline notice (UK1, s.93) on "What is due". Concord does not hold the authority's whole spend, so
 * it says when the notice is required and by when, and shows what Concord's own contracts come to in the year as a
 * floor; a commissioner drafts it, or marks it not required with the reason.
 */
export function PipelineNoticeCard({ pipeline }: { pipeline: Pipeline }) {
  const [message, setMessage] = useState<string | null>(null);
  const open = pipeline.state === 'due' || pipeline.state === 'overdue';
  return (
    <section className="govuk-!-margin-bottom-8" data-testid="pipeline-notice" aria-labelledby="pipeline-heading">
      <h2 className="govuk-heading-m" id="pipeline-heading">
        Pipeline notice for {pipeline.yearName}
      </h2>
      {message && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status" data-testid="pipeline-message">
          {message}
        </p>
      )}
      <p className="govuk-body">{pipeline.reason}</p>
      <SummaryList
        rows={[
          { key: 'State', value: <NoticeStateTag item={{ type: 'UK1', state: pipeline.state, stateLabel: pipeline.stateLabel, dueOn: pipeline.dueOn }} testId="pipeline-state" /> },
          // A due or overdue state says its day in the tag.
          ...(open ? [] : [{ key: 'Due by', value: formatDate(pipeline.dueOn) }]),
          { key: 'Contracts Concord holds for the year', value: `${formatPence(pipeline.heldPence, { whole: true })}, at least: each contract’s annual value for the days it runs in the year` },
          ...(pipeline.record ? [{ key: 'Notice', value: pipeline.record.status === 'published' ? 'Published' : 'Drafted' }] : []),
        ]}
      />
      {pipeline.record && (
        <p className="govuk-body">
          <Link className="govuk-link" to={pipelinePath(pipeline.record.id)} data-testid="pipeline-view">
            View the pipeline notice<span className="govuk-visually-hidden"> for {pipeline.yearName}</span>
          </Link>
        </p>
      )}
      {open && !pipeline.record && <PipelineActions pipeline={pipeline} onDone={setMessage} />}
    </section>
  );
}

function PipelineActions({ pipeline, onDone }: { pipeline: Pipeline; onDone: (text: string) => void }) {
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const draftKey = useFormKey().key;
  const declineKey = useFormKey().key;
  const settled = (text: string) => async () => {
    setErrors(NO_ERRORS);
    await refreshNotices();
    onDone(text);
  };
  const navigate = useNavigate();
  // Drafted: straight to the notice's page, to write its description and take it on to publication.
  const draft = useMutation({
    ...trpc.notice.draft.mutationOptions(),
    onSuccess: async (record) => {
      await refreshNotices();
      navigate(pipelinePath(record.id), { state: { noticeBanner: `The pipeline notice for ${pipeline.yearName} is drafted. Say what your authority plans to procure, then mark it as ready.` } });
    },
    onError: (e) => setErrors(apiFormErrors(e)),
  });
  const decline = useMutation({
    ...trpc.notice.declinePipeline.mutationOptions(),
    onSuccess: settled(`The pipeline notice for ${pipeline.yearName} is marked not required.`),
    onError: (e) => setErrors(apiFormErrors(e, { reason: 'pipelineReason' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = reason.trim() ? [] : [{ id: 'pipelineReason', text: 'Enter why your authority does not need a pipeline notice this year' }];
    setErrors(clientErrors(problems));
    if (problems.length === 0) decline.mutate({ subjectId: pipeline.yearStartsOn, reason: reason.trim(), idempotencyKey: declineKey });
  };
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {declining ? (
        <form noValidate onSubmit={submit} data-testid="pipeline-decline-form">
          <Textarea
            id="pipelineReason"
            name="reason"
            label="Why is it not required?"
            hint="For example, the authority expects to pay about £60 million under public contracts in the year"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields.pipelineReason}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" data-module="govuk-button" disabled={decline.isPending} data-testid="pipeline-decline-confirm">
              Mark not required
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" data-module="govuk-button" disabled={draft.isPending} onClick={() => draft.mutate({ type: 'UK1', subjectId: pipeline.yearStartsOn, idempotencyKey: draftKey })} data-testid="pipeline-draft">
            Draft the pipeline notice
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setDeclining(true)} data-testid="pipeline-decline">
            It is not required
          </button>
        </div>
      )}
    </>
  );
}
