import { CRITERION_KIND_LABELS, formatPence } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Tag } from '../../components/Tag.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { formatDate } from '../../format.ts';
import { label } from '../../labels.ts';
import { errorCode, trpc, type RouterOutputs } from '../../trpc.ts';
import { ApplicationStatusTag, EvaluationConfidential, EvaluationStatusTag, points } from './ApplicationsTab.tsx';
import { refreshProcurements, SectionProblem, UUID, useDropArrivalNotice, useSectionTitle, type Procurement } from './shared.tsx';
import { WithdrawalForm } from './WithdrawalForm.tsx';
import { OnlineSubmission } from './OnlineSubmission.tsx';

type Application = RouterOutputs['application']['get'];
type Criterion = Application['criteria'][number];

/** One application: its gateway answers, the scoring grid, moderation and the decision. */
export function ApplicationPage({ p }: { p: Procurement }) {
  const { applicationId = '' } = useParams();
  const enabled = p.canEvaluate && UUID.test(applicationId);
  const application = useQuery({ ...trpc.application.get.queryOptions({ applicationId }), enabled });
  const [problem, setProblem] = useState(false);
  useSectionTitle(application.data ? `Application from ${application.data.provider.legalName}` : 'Application', p, problem);
  if (!p.canEvaluate || errorCode(application.error) === 'FORBIDDEN') return <EvaluationConfidential p={p} />;
  if (!enabled || errorCode(application.error) === 'NOT_FOUND') return <p className="govuk-body">There is no such application in this procurement.</p>;
  if (application.isPending) return <Loading />;
  if (application.isError) return <SectionProblem error={application.error} />;
  return <ApplicationDetail p={p} a={application.data} onProblem={setProblem} />;
}

function ApplicationDetail({ p, a, onProblem }: { p: Procurement; a: Application; onProblem: (shown: boolean) => void }) {
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const dropArrivalNotice = useDropArrivalNotice();
  const open = a.status === 'received';
  const done = (text: string) => {
    dropArrivalNotice();
    onProblem(false);
    setSaved((s) => ({ text, n: (s?.n ?? 0) + 1 }));
    void refreshProcurements();
  };
  const gatewayPassed = a.gateway.length > 0 && a.gateway.every((g) => g.passed === true);
  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/procurements/${p.id}/applications`}>
          All applications
        </Link>
      </p>
      {saved && (
        <NotificationBanner success key={saved.n}>
          {saved.text}
        </NotificationBanner>
      )}
      <h2 className="govuk-heading-m" data-testid="application-provider">
        Application from {a.provider.legalName}
      </h2>
      <SummaryList
        rows={[
          { key: 'Status', value: <ApplicationStatusTag status={a.status} /> },
          { key: 'Lots', value: a.lots.map((l) => `Lot ${l.number}: ${l.name}`).join(', ') },
          { key: 'Received', value: formatDate(a.receivedOn) },
          { key: 'Bid', value: a.bidPricePence === null ? 'None' : formatPence(a.bidPricePence) },
          ...(a.decidedOn ? [{ key: a.status === 'withdrawn' ? 'Withdrawn' : 'Decided', value: `${formatDate(a.decidedOn)}${a.outcomeReason ? `: ${a.outcomeReason}` : ''}` }] : []),
        ]}
      />
      <OnlineSubmission a={a} onSaved={done} />
      {p.canEdit && <Standing p={p} a={a} />}
      <Gateway a={a} open={open} onSaved={done} onProblem={onProblem} />
      {gatewayPassed || !open ? (
        <ScoringGrid a={a} open={open} onSaved={done} onProblem={onProblem} />
      ) : (
        <section className="govuk-!-margin-top-8">
          <h3 className="govuk-heading-m">Scores</h3>
          <p className="govuk-body">Score the application once it has passed every gateway question.</p>
        </section>
      )}
      {a.canModerate && open && gatewayPassed && <Moderation a={a} onSaved={done} onProblem={onProblem} />}
      {a.canModerate && open && <Decision p={p} a={a} onProblem={onProblem} />}
      {a.canModerate && open && <WithdrawalForm procurementId={p.id} applicationId={a.id} providerName={a.provider.legalName} onProblem={onProblem} />}
    </>
  );
}

/** Where this application stands on each lot it applied to (from the lead's ranking). */
function Standing({ p, a }: { p: Procurement; a: Application }) {
  const evaluation = useQuery(trpc.application.evaluation.queryOptions({ procurementId: p.id }));
  if (!evaluation.data) return null;
  const rows = evaluation.data.flatMap((lot) => lot.results.filter((r) => r.applicationId === a.id).map((r) => ({ lot: lot.lot, r })));
  if (rows.length === 0) return null;
  return (
    <ul className="govuk-list" data-testid="standing">
      {rows.map(({ lot, r }) => (
        <li key={lot.id}>
          <strong>
            Lot {lot.number}: {lot.name}
          </strong>{' '}
          <EvaluationStatusTag status={r.status} />
          {r.totalPoints !== null && ` ${points(r.totalPoints)} points`}
          {r.rank !== null && `, ranked ${r.rank}`}
          {r.qualityPercent !== null && `, quality ${r.qualityPercent.toFixed(2)}%`}
        </li>
      ))}
    </ul>
  );
}

type Answer = 'pass' | 'fail' | '';

function Gateway({ a, open, onSaved, onProblem }: { a: Application; open: boolean; onSaved: (text: string) => void; onProblem: (shown: boolean) => void }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(a.gateway.map((g) => [g.questionId, g.passed === null ? '' : g.passed ? 'pass' : 'fail'])),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const fail = (e: FormErrors) => {
    setErrors(e);
    onProblem(hasErrors(e));
  };
  const record = useMutation({
    ...trpc.application.recordGateway.mutationOptions(),
    onSuccess: (result) => {
      setErrors(NO_ERRORS);
      onSaved(result.status === 'rejected' ? 'The gateway answers were saved. The application failed the gateway and is rejected.' : 'The gateway answers were saved');
    },
    onError: (error) => fail(apiFormErrors(error, { answers: `gateway-${a.gateway[0]?.questionId ?? ''}` })),
  });

  const allPassed = a.gateway.length > 0 && a.gateway.every((g) => g.passed === true);
  if (!open) {
    return (
      <section className="govuk-!-margin-top-8" aria-labelledby="gateway-heading">
        <h3 className="govuk-heading-m" id="gateway-heading">
          Gateway
        </h3>
        <GatewayList a={a} />
      </section>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (record.isPending) return;
    const given = a.gateway.filter((g) => answers[g.questionId]);
    if (given.length === 0) return fail(clientErrors([{ id: `gateway-${a.gateway[0]?.questionId}`, text: 'Answer at least one gateway question' }]));
    record.mutate({ applicationId: a.id, version: a.rowVersion, answers: given.map((g) => ({ questionId: g.questionId, passed: answers[g.questionId] === 'pass' })) });
  }

  const fields = (
    <>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>A single fail rejects the application at once.
        </strong>
      </div>
      {a.gateway.map((g, i) => (
        <Radios
          key={g.questionId}
          name={`gateway-${g.questionId}`}
          legend={`${i + 1}. ${g.question}`}
          small
          inline
          options={[
            { value: 'pass', label: 'Pass' },
            { value: 'fail', label: 'Fail' },
          ]}
          value={answers[g.questionId] ?? ''}
          onChange={(v) => setAnswers((x) => ({ ...x, [g.questionId]: v as Answer }))}
          error={errors.fields[`gateway-${g.questionId}`]}
        />
      ))}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={record.isPending}>
          Save gateway answers
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => setAnswers(Object.fromEntries(a.gateway.map((g) => [g.questionId, 'pass'])))}
          data-testid="pass-all"
        >
          Mark all as passed
        </button>
      </div>
    </>
  );
  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="gateway-heading">
      <form noValidate onSubmit={submit} data-testid="gateway-form">
        <ErrorSummary errors={errors.summary} />
        <h3 className="govuk-heading-m" id="gateway-heading">
          Gateway
        </h3>
        {allPassed ? (
          <>
            <p className="govuk-body" data-testid="gateway-passed">
              <Tag colour="green">Passed</Tag> All {a.gateway.length} gateway questions are answered and passed.
            </p>
            <details className="govuk-details" open={hasErrors(errors)}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Show or change the answers</span>
              </summary>
              <div className="govuk-details__text">{fields}</div>
            </details>
          </>
        ) : (
          fields
        )}
      </form>
    </section>
  );
}

function GatewayList({ a }: { a: Application }) {
  return (
    <ul className="govuk-list">
      {a.gateway.map((g) => (
        <li key={g.questionId}>
          {g.passed === null ? <Tag colour="grey">Not answered</Tag> : g.passed ? <Tag colour="green">Pass</Tag> : <Tag colour="red">Fail</Tag>} {g.question}
          {g.note && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{g.note}</span>}
        </li>
      ))}
    </ul>
  );
}

interface ScoreDraft {
  score: string;
  rationale: string;
}

const scoreOptions = (max: number) => Array.from({ length: max + 1 }, (_, s) => ({ value: String(s), label: String(s) }));

/**
 * The scoring grid: criteria down the side, evaluators across. My own score and rationale are editable;
 * the others' appear once I have scored (so mine stays independent), or to the moderator.
 */
function ScoringGrid({ a, open, onSaved, onProblem }: { a: Application; open: boolean; onSaved: (text: string) => void; onProblem: (shown: boolean) => void }) {
  const scored = a.criteria.filter((c) => c.kind !== 'price');
  const price = a.criteria.filter((c) => c.kind === 'price');
  const [drafts, setDrafts] = useState<Record<string, ScoreDraft>>(() =>
    Object.fromEntries(scored.map((c) => [c.criterionId, { score: c.myScore ? String(c.myScore.score) : '', rationale: c.myScore?.rationale ?? '' }])),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // The criteria whose score was changed elsewhere since this page loaded: each shows what is saved now beside my draft.
  const [changedMeanwhile, setChangedMeanwhile] = useState<ReadonlySet<string>>(new Set());
  const score = useMutation(trpc.application.score.mutationOptions());
  const evaluators = [...new Set(scored.flatMap((c) => (c.otherScores ?? []).map((s) => s.evaluator)))].sort();
  const hidden = scored.reduce((n, c) => n + c.otherScoresHidden, 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (score.isPending) return;
    const problems: ClientError[] = [];
    const changed = scored.filter((c) => {
      const d = drafts[c.criterionId]!;
      return d.score !== (c.myScore ? String(c.myScore.score) : '') || d.rationale !== (c.myScore?.rationale ?? '');
    });
    for (const c of changed) {
      const d = drafts[c.criterionId]!;
      if (d.score === '') problems.push({ id: `score-${c.criterionId}`, text: `Choose your score for ${c.name}` });
      else if (!d.rationale.trim()) problems.push({ id: `rationale-${c.criterionId}`, text: `Give a rationale for your score for ${c.name}` });
    }
    if (changed.length === 0) problems.push({ text: 'You have not changed any score' });
    if (problems.length) {
      const e = clientErrors(problems);
      setErrors(e);
      onProblem(true);
      return;
    }
    const failed: ClientError[] = [];
    const stale = new Set<string>();
    // Each score is its own record: it is sent with the version of it this page showed (none before the first).
    for (const c of changed) {
      const d = drafts[c.criterionId]!;
      try {
        await score.mutateAsync({ applicationId: a.id, version: c.myScore?.rowVersion ?? null, criterionId: c.criterionId, score: Number(d.score), rationale: d.rationale });
      } catch (error) {
        if (errorCode(error) === 'CONFLICT') stale.add(c.criterionId);
        const e = apiFormErrors(error, { score: `score-${c.criterionId}`, rationale: `rationale-${c.criterionId}`, criterionId: `score-${c.criterionId}` });
        failed.push(...e.summary.map((s) => ({ id: s.href?.slice(1), text: `${c.name}: ${s.text}` })));
      }
    }
    setChangedMeanwhile(stale);
    if (failed.length) {
      setErrors(clientErrors(failed));
      onProblem(true);
      // The scores as saved now, with their versions: my drafts stay as typed, and saving again replaces what was saved.
      await refreshProcurements();
      return;
    }
    setErrors(NO_ERRORS);
    onSaved(`Your ${changed.length === 1 ? 'score was' : `${changed.length} scores were`} saved`);
  }

  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="scores-heading">
      <form noValidate onSubmit={submit} data-testid="scoring-grid">
        <ErrorSummary errors={errors.summary} />
        <h3 className="govuk-heading-m" id="scores-heading">
          Scores
        </h3>
        <p className="govuk-body">
          Score each criterion from 0 to {a.scaleMax} on your own, with your rationale.{' '}
          {hidden > 0 ? 'Other evaluators’ scores are shown once you have scored a criterion yourself.' : ''}
        </p>
        <div className="concord-table-scroll" role="region" aria-label="Scoring grid" tabIndex={0}>
          <table className="govuk-table concord-table--top">
            <caption className="govuk-visually-hidden">Scoring grid: criteria and evaluators</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Criterion
                </th>
                <th scope="col" className="govuk-table__header">
                  Your score
                </th>
                <th scope="col" className="govuk-table__header concord-rationale-column">
                  Your rationale
                </th>
                {evaluators.map((e) => (
                  <th scope="col" className="govuk-table__header" key={e}>
                    {e}
                  </th>
                ))}
                {hidden > 0 && (
                  <th scope="col" className="govuk-table__header">
                    Other evaluators
                  </th>
                )}
                <th scope="col" className="govuk-table__header">
                  Agreed
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {scored.map((c) => {
                const d = drafts[c.criterionId]!;
                const all = [...(c.myScore ? [c.myScore.score] : []), ...(c.otherScores ?? []).map((s) => s.score)];
                const differ = new Set(all).size > 1 && !c.moderated;
                return (
                  <tr className={`govuk-table__row${differ ? ' concord-needs-moderation' : ''}`} key={c.criterionId} data-testid="score-row">
                    <th scope="row" className="govuk-table__header">
                      {c.name}
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">
                        {label(CRITERION_KIND_LABELS, c.kind)}, {c.weightPercent}%
                      </span>
                    </th>
                    <td className="govuk-table__cell">
                      {open ? (
                        <Select
                          id={`score-${c.criterionId}`}
                          name={`score-${c.criterionId}`}
                          label={`Your score for ${c.name}`}
                          labelHidden
                          placeholder="–"
                          options={scoreOptions(a.scaleMax)}
                          value={d.score}
                          onChange={(v) => setDrafts((x) => ({ ...x, [c.criterionId]: { ...d, score: v } }))}
                          error={errors.fields[`score-${c.criterionId}`]}
                        />
                      ) : (
                        (c.myScore?.score ?? '–')
                      )}
                    </td>
                    <td className="govuk-table__cell">
                      {open ? (
                        <Textarea
                          id={`rationale-${c.criterionId}`}
                          name={`rationale-${c.criterionId}`}
                          label={`Your rationale for ${c.name}`}
                          labelHidden
                          rows={3}
                          value={d.rationale}
                          onChange={(e) => setDrafts((x) => ({ ...x, [c.criterionId]: { ...d, rationale: e.target.value } }))}
                          error={errors.fields[`rationale-${c.criterionId}`]}
                        />
                      ) : (
                        <span className="govuk-body-s concord-pre-line">{c.myScore?.rationale ?? ''}</span>
                      )}
                      {open && changedMeanwhile.has(c.criterionId) && c.myScore && (
                        <p className="govuk-body-s govuk-!-margin-bottom-0" data-testid="score-saved-meanwhile">
                          Saved meanwhile: <strong>{c.myScore.score}</strong>, “{c.myScore.rationale}”. Yours is kept above: save again to replace it.
                        </p>
                      )}
                    </td>
                    {evaluators.map((e) => {
                      const s = c.otherScores?.find((x) => x.evaluator === e);
                      return (
                        <td className="govuk-table__cell" key={e}>
                          {s ? (
                            <>
                              <strong>{s.score}</strong>
                              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 concord-pre-line">{s.rationale}</span>
                            </>
                          ) : (
                            'Not scored'
                          )}
                        </td>
                      );
                    })}
                    {hidden > 0 && <td className="govuk-table__cell">{c.otherScoresHidden > 0 ? `${c.otherScoresHidden} hidden until you score` : c.otherScores === null ? 'None yet' : ''}</td>}
                    <td className="govuk-table__cell">
                      {c.moderated ? (
                        <>
                          <strong>{c.moderated.score}</strong>
                          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Moderated</span>
                        </>
                      ) : differ ? (
                        <Tag colour="yellow">Needs moderation</Tag>
                      ) : all.length > 0 ? (
                        <strong>{all[0]}</strong>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
              {price.map((c) => (
                <tr className="govuk-table__row" key={c.criterionId}>
                  <th scope="row" className="govuk-table__header">
                    {c.name}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">Price, {c.weightPercent}%</span>
                  </th>
                  <td className="govuk-table__cell" colSpan={3 + evaluators.length + (hidden > 0 ? 1 : 0)}>
                    Scored from the bid by formula: the lowest bid scores the full weight.
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open && (
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={score.isPending}>
            Save your scores
          </button>
        )}
      </form>
    </section>
  );
}

/** The lead commissioner records the agreed score per criterion, and why. */
function Moderation({ a, onSaved, onProblem }: { a: Application; onSaved: (text: string) => void; onProblem: (shown: boolean) => void }) {
  const scored = a.criteria.filter((c) => c.kind !== 'price');
  const [drafts, setDrafts] = useState<Record<string, ScoreDraft>>(() =>
    Object.fromEntries(scored.map((c) => [c.criterionId, { score: c.moderated ? String(c.moderated.score) : '', rationale: c.moderated?.rationale ?? '' }])),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const moderate = useMutation(trpc.application.moderate.mutationOptions());
  const scoresOf = (c: Criterion) => [...(c.myScore ? [c.myScore.score] : []), ...(c.otherScores ?? []).map((s) => s.score)];
  const toModerate = scored.filter((c) => scoresOf(c).length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (moderate.isPending) return;
    const changed = toModerate.filter((c) => {
      const d = drafts[c.criterionId]!;
      return d.score !== (c.moderated ? String(c.moderated.score) : '') || d.rationale !== (c.moderated?.rationale ?? '');
    });
    const problems: ClientError[] = [];
    for (const c of changed) {
      const d = drafts[c.criterionId]!;
      if (d.score === '') problems.push({ id: `agreed-${c.criterionId}`, text: `Choose the agreed score for ${c.name}` });
      else if (!d.rationale.trim()) problems.push({ id: `agreed-rationale-${c.criterionId}`, text: `Explain the agreed score for ${c.name}` });
    }
    if (changed.length === 0) problems.push({ text: 'You have not changed any agreed score' });
    if (problems.length) {
      setErrors(clientErrors(problems));
      onProblem(true);
      return;
    }
    const failed: ClientError[] = [];
    // Each agreed score is its own record: it is sent with the version of it this page showed (none before the first).
    for (const c of changed) {
      const d = drafts[c.criterionId]!;
      try {
        await moderate.mutateAsync({ applicationId: a.id, version: c.moderated?.rowVersion ?? null, criterionId: c.criterionId, score: Number(d.score), rationale: d.rationale });
      } catch (error) {
        const e = apiFormErrors(error, { score: `agreed-${c.criterionId}`, rationale: `agreed-rationale-${c.criterionId}`, criterionId: `agreed-${c.criterionId}` });
        failed.push(...e.summary.map((s) => ({ id: s.href?.slice(1), text: `${c.name}: ${s.text}` })));
      }
    }
    if (failed.length) {
      setErrors(clientErrors(failed));
      onProblem(true);
      await refreshProcurements();
      return;
    }
    setErrors(NO_ERRORS);
    onSaved(`${changed.length === 1 ? 'The agreed score was' : `${changed.length} agreed scores were`} saved`);
  }

  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="moderation-heading">
      <form noValidate onSubmit={submit} data-testid="moderation">
        <ErrorSummary errors={errors.summary} />
        <h3 className="govuk-heading-m" id="moderation-heading">
          Moderation
        </h3>
        <p className="govuk-body">
          Where evaluators’ scores differ, record the score the panel agreed and why. Where they all gave the same score, it stands unless you
          record another.
        </p>
        {toModerate.length === 0 ? (
          <p className="govuk-body">Nothing to moderate until the evaluators have scored.</p>
        ) : (
          <>
            <div className="concord-table-scroll" role="region" aria-label="Moderation grid" tabIndex={0}>
              <table className="govuk-table concord-table--top">
                <caption className="govuk-visually-hidden">Agreed scores</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header govuk-!-width-one-quarter">
                      Criterion
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Evaluators’ scores
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Agreed score
                    </th>
                    <th scope="col" className="govuk-table__header govuk-!-width-one-half">
                      Why
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {toModerate.map((c) => {
                    const d = drafts[c.criterionId]!;
                    const all = scoresOf(c);
                    const differ = new Set(all).size > 1;
                    return (
                      <tr className={`govuk-table__row${differ && !c.moderated ? ' concord-needs-moderation' : ''}`} key={c.criterionId}>
                        <th scope="row" className="govuk-table__header">
                          {c.name}
                        </th>
                        <td className="govuk-table__cell">
                          {all.join(', ')} {differ && !c.moderated && <Tag colour="yellow">Differ</Tag>}
                        </td>
                        <td className="govuk-table__cell">
                          <Select
                            id={`agreed-${c.criterionId}`}
                            name={`agreed-${c.criterionId}`}
                            label={`Agreed score for ${c.name}`}
                            labelHidden
                            placeholder="–"
                            options={scoreOptions(a.scaleMax)}
                            value={d.score}
                            onChange={(v) => setDrafts((x) => ({ ...x, [c.criterionId]: { ...d, score: v } }))}
                            error={errors.fields[`agreed-${c.criterionId}`]}
                          />
                        </td>
                        <td className="govuk-table__cell">
                          <Textarea
                            id={`agreed-rationale-${c.criterionId}`}
                            name={`agreed-rationale-${c.criterionId}`}
                            label={`Why the panel agreed this score for ${c.name}`}
                            labelHidden
                            rows={3}
                            value={d.rationale}
                            onChange={(e) => setDrafts((x) => ({ ...x, [c.criterionId]: { ...d, rationale: e.target.value } }))}
                            error={errors.fields[`agreed-rationale-${c.criterionId}`]}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <button type="submit" className="govuk-button" data-module="govuk-button" disabled={moderate.isPending}>
              Save agreed scores
            </button>
          </>
        )}
      </form>
    </section>
  );
}

/** Admit (onto the approved list of each lot applied to) or reject, with the reason and date. */
function Decision({ p, a, onProblem }: { p: Procurement; a: Application; onProblem: (shown: boolean) => void }) {
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [decidedOn, setDecidedOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // A decision cannot be undone: the form's button asks first, naming the provider and the outcome (issue 13).
  const [confirming, setConfirming] = useState<Parameters<typeof decide.mutate>[0] | null>(null);
  const fail = (e: FormErrors) => {
    setConfirming(null);
    setErrors(e);
    onProblem(hasErrors(e));
  };
  const decide = useMutation({
    ...trpc.application.decide.mutationOptions(),
    onSuccess: async (result) => {
      setErrors(NO_ERRORS);
      onProblem(false);
      await refreshProcurements();
      if (result.status === 'admitted') {
        navigate(`/procurements/${p.id}/approved-list`, { state: { notice: `${a.provider.legalName} was admitted to the approved list` } });
      } else {
        navigate(`/procurements/${p.id}/applications`, { state: { notice: `The application from ${a.provider.legalName} was rejected` } });
      }
    },
    onError: (error) => fail(apiFormErrors(error, { outcome: 'outcome', reason: 'reason', decidedOn: 'decidedOn-day', provider: 'outcome' })),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (decide.isPending) return;
    const problems: ClientError[] = [];
    if (!outcome) problems.push({ id: 'outcome', text: 'Choose admit or reject' });
    const date = isoOf(decidedOn);
    if (date === 'invalid') problems.push({ id: 'decidedOn-day', text: 'Enter the date of the decision as a real date, for example 2 7 2018' });
    if (problems.length) return fail(clientErrors(problems));
    setErrors(NO_ERRORS);
    onProblem(false);
    decide.reset();
    setConfirming({
      applicationId: a.id,
      outcome: outcome as 'admitted' | 'rejected',
      ...(reason.trim() && { reason }),
      ...(date && date !== 'invalid' && { decidedOn: date }),
    });
  }
  const lots = a.lots.length === 1 ? 'the approved list of the lot applied to' : `the approved lists of the ${a.lots.length} lots applied to`;
  return (
    <section className="govuk-!-margin-top-8" aria-labelledby="decision-heading">
      <div className="govuk-grid-row">
        <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds" data-testid="decision">
          <ErrorSummary errors={errors.summary} />
          <h3 className="govuk-heading-m" id="decision-heading">
            Decision
          </h3>
          {!p.admission.open && <div className="govuk-inset-text">{p.admission.reason}. You can still reject the application.</div>}
          <Radios
            name="outcome"
            legend="Admit or reject the application?"
            legendSize="s"
            options={[
              { value: 'admitted', label: 'Admit', hint: `Onto the approved list of ${a.lots.length === 1 ? 'the lot' : `each of the ${a.lots.length} lots`} applied to. It must be ranked on each.` },
              { value: 'rejected', label: 'Reject', hint: 'Give the reason.' },
            ]}
            value={outcome}
            onChange={setOutcome}
            error={errors.fields.outcome}
          />
          <Textarea id="reason" name="reason" label={outcome === 'rejected' ? 'Reason' : 'Reason (optional when admitting)'} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.reason} />
          <DateInput id="decidedOn" legend="Date of the decision (optional)" legendSize="s" hint="Leave blank for today. For example, 2 7 2018" value={decidedOn} onChange={setDecidedOn} error={errors.fields['decidedOn-day']} />
          {confirming ? (
            <ConfirmStep
              question={confirming.outcome === 'admitted' ? `Admit ${a.provider.legalName} to ${lots}?` : `Reject the application from ${a.provider.legalName}?`}
              consequence={
                confirming.outcome === 'admitted'
                  ? 'A decision cannot be undone: the provider goes onto the list at once and can be called off from it.'
                  : 'A decision cannot be undone: the application is closed at once, with the reason.'
              }
              confirmLabel={confirming.outcome === 'admitted' ? 'Yes, admit' : 'Yes, reject'}
              pending={decide.isPending}
              onConfirm={() => decide.mutate(confirming)}
              onCancel={() => setConfirming(null)}
            />
          ) : (
            <button type="submit" className="govuk-button" data-module="govuk-button" disabled={decide.isPending}>
              Record decision
            </button>
          )}
        </form>
      </div>
    </section>
  );
}
