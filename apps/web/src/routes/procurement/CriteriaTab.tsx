import { CRITERION_KIND_LABELS, CRITERION_KINDS, DEFAULT_SCALE_DESCRIPTORS } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Select } from '../../components/Select.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { label } from '../../labels.ts';
import { trpc } from '../../trpc.ts';
import { isBeforePublication, refreshProcurements, useDropArrivalNotice, useSectionTitle, type Procurement } from './shared.tsx';

type Criterion = Procurement['criteria'][number];

/**
 * The evaluation criteria with their weights, the scoring scale and its descriptors, the minimum quality
 * threshold and the pass/fail gateway questions. The lead commissioner edits them until publication;
 * everyone else (and everyone after publication) reads them.
 */
export function CriteriaTab({ p }: { p: Procurement }) {
  const [errorShown, setErrorShown] = useState(false);
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  useSectionTitle('Criteria', p, errorShown);
  const editable = p.canEdit && isBeforePublication(p);
  const dropArrivalNotice = useDropArrivalNotice();
  const saved = (text: string) => {
    dropArrivalNotice();
    // A new key each time, so the banner takes focus again after a second save.
    setNotice((n) => ({ text, n: (n?.n ?? 0) + 1 }));
    void refreshProcurements();
  };
  const onErrors = (errors: FormErrors) => {
    setErrorShown(hasErrors(errors));
    if (hasErrors(errors)) setNotice(null);
  };
  return (
    <>
      {notice && (
        <NotificationBanner success key={notice.n}>
          {notice.text}
        </NotificationBanner>
      )}
      {editable ? (
        <CriteriaForm p={p} onSaved={() => saved('The evaluation criteria were saved')} onErrors={onErrors} />
      ) : (
        <CriteriaView p={p} />
      )}
      {editable ? <ScaleForm p={p} onSaved={() => saved('The scoring scale and threshold were saved')} onErrors={onErrors} /> : <ScaleView p={p} />}
      {editable ? (
        <GatewayForm p={p} onSaved={() => saved('The gateway questions were saved')} onErrors={onErrors} />
      ) : (
        <GatewayView p={p} />
      )}
    </>
  );
}

/* ---------- reading ---------- */

function CriteriaView({ p }: { p: Procurement }) {
  return (
    <section aria-labelledby="criteria-heading">
      <h2 className="govuk-heading-m" id="criteria-heading">
        Evaluation criteria
      </h2>
      {p.criteria.length === 0 ? (
        <p className="govuk-body">No criteria have been set yet.</p>
      ) : (
        <>
          <Table
            caption="Evaluation criteria and weights"
            captionHidden
            rows={p.criteria}
            rowKey={(c) => c.id}
            rowTestId="criterion"
            columns={[
              {
                header: 'Criterion',
                rowHeader: true,
                cell: (c: Criterion) => (
                  <>
                    {c.name}
                    {c.guidance && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">{c.guidance}</span>}
                  </>
                ),
              },
              { header: 'Kind', cell: (c: Criterion) => label(CRITERION_KIND_LABELS, c.kind) },
              { header: 'Weight', numeric: true, cell: (c: Criterion) => `${c.weightPercent}%` },
            ]}
          />
          <RunningTotal hundredths={Math.round(p.criteriaTotalPercent * 100)} byKind={byKind(p.criteria.map((c) => ({ kind: c.kind, weight: String(c.weightPercent) })))} />
        </>
      )}
    </section>
  );
}

function ScaleView({ p }: { p: Procurement }) {
  return (
    <section aria-labelledby="scale-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="scale-heading">
        Scoring scale
      </h2>
      <p className="govuk-body">
        Evaluators score each quality and social value criterion from 0 to {p.scale.max}. Price is scored from the bids by formula: the lowest bid
        scores the full weight.
      </p>
      <p className="govuk-body" data-testid="quality-threshold">
        {p.qualityThresholdPercent === null
          ? 'There is no minimum quality threshold.'
          : `Minimum quality threshold: ${p.qualityThresholdPercent}%. An application scoring less on the quality criteria is not ranked.`}
      </p>
      <Table
        caption="What each score means"
        captionSize="s"
        rows={[...p.scale.descriptors].sort((a, b) => a.score - b.score)}
        rowKey={(d) => String(d.score)}
        columns={[
          { header: 'Score', rowHeader: true, cell: (d) => d.score },
          { header: 'Meaning', cell: (d) => d.descriptor },
        ]}
      />
    </section>
  );
}

function GatewayView({ p }: { p: Procurement }) {
  return (
    <section aria-labelledby="gateway-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="gateway-heading">
        Gateway questions
      </h2>
      <p className="govuk-body">Pass or fail, asked before any answer is scored. A single fail ends the application.</p>
      {p.gatewayQuestions.length === 0 ? (
        <p className="govuk-body">There are no gateway questions.</p>
      ) : (
        <ol className="govuk-list govuk-list--number" data-testid="gateway-questions">
          {p.gatewayQuestions.map((q) => (
            <li key={q.id}>
              {q.question}
              {q.guidance && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{q.guidance}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/* ---------- the running total ---------- */

/** A weight as typed, in hundredths of a percent; null when it is not a number with at most 2 decimals. */
function hundredthsOf(text: string): number | null {
  const t = text.replace(/%/g, '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

const percentText = (hundredths: number) => `${hundredths / 100}%`;

function byKind(rows: { kind: string; weight: string }[]): { kind: string; hundredths: number }[] {
  return CRITERION_KINDS.map((kind) => ({ kind, hundredths: rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + (hundredthsOf(r.weight) ?? 0), 0) })).filter((k) => k.hundredths > 0);
}

/** "Total 95% — must be 100%", updated as the weights are typed, and announced politely. */
function RunningTotal({ hundredths, byKind: kinds, invalid = false }: { hundredths: number; byKind: { kind: string; hundredths: number }[]; invalid?: boolean }) {
  const complete = hundredths === 10_000 && !invalid;
  return (
    <div className={`concord-running-total${complete ? ' concord-running-total--complete' : ''}`} data-testid="running-total" id="criteria-total" tabIndex={-1}>
      <p className="concord-running-total__figure" aria-live="polite" aria-atomic="true">
        {complete ? 'Total 100%' : `Total ${percentText(hundredths)} — must be 100%`}
        {invalid && <span className="govuk-body govuk-!-display-block govuk-!-margin-bottom-0">A weight is not a number; it is left out of the total.</span>}
      </p>
      {kinds.length > 0 && <p className="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1">{kinds.map((k) => `${label(CRITERION_KIND_LABELS, k.kind)} ${percentText(k.hundredths)}`).join(' · ')}</p>}
    </div>
  );
}

/* ---------- editing ---------- */

interface CriterionRow {
  key: number;
  kind: string;
  name: string;
  guidance: string;
  weight: string;
}

let rowKeys = 0;
const newRow = (c?: Partial<CriterionRow>): CriterionRow => ({ key: ++rowKeys, kind: c?.kind ?? 'quality', name: c?.name ?? '', guidance: c?.guidance ?? '', weight: c?.weight ?? '' });

function CriteriaForm({ p, onSaved, onErrors }: { p: Procurement; onSaved: () => void; onErrors: (e: FormErrors) => void }) {
  const [rows, setRows] = useState<CriterionRow[]>(() =>
    p.criteria.length ? p.criteria.map((c) => newRow({ kind: c.kind, name: c.name, guidance: c.guidance ?? '', weight: String(c.weightPercent) })) : [newRow()],
  );
  const [errors, setErrorsState] = useState<FormErrors>(NO_ERRORS);
  const setErrors = (e: FormErrors) => {
    setErrorsState(e);
    onErrors(e);
  };
  const save = useMutation({
    ...trpc.criteria.set.mutationOptions(),
    onSuccess: () => {
      setErrors(NO_ERRORS);
      onSaved();
    },
    onError: (error) => {
      const ids: Record<string, string> = { criteria: 'criterion-1-weight' };
      rows.forEach((_, i) => {
        ids[`criteria.${i}.kind`] = `criterion-${i + 1}-kind`;
        ids[`criteria.${i}.name`] = `criterion-${i + 1}-name`;
        ids[`criteria.${i}.weightPercent`] = `criterion-${i + 1}-weight`;
        ids[`criteria.${i}.guidance`] = `criterion-${i + 1}-name`;
      });
      setErrors(apiFormErrors(error, ids));
    },
  });
  const total = rows.reduce((sum, r) => sum + (hundredthsOf(r.weight) ?? 0), 0);
  const invalid = rows.some((r) => r.weight.trim() !== '' && hundredthsOf(r.weight) === null);
  const update = (key: number, change: Partial<CriterionRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const problems: ClientError[] = [];
    rows.forEach((r, i) => {
      if (hundredthsOf(r.weight) === null) problems.push({ id: `criterion-${i + 1}-weight`, text: `Enter the weight of criterion ${i + 1} as a percentage with at most 2 decimal places, like 20 or 33.33` });
    });
    if (problems.length) return setErrors(clientErrors(problems));
    save.mutate({
      procurementId: p.id,
      version: p.rowVersion,
      criteria: rows.map((r) => ({
        kind: r.kind as (typeof CRITERION_KINDS)[number],
        name: r.name,
        weightPercent: hundredthsOf(r.weight)! / 100,
        ...(r.guidance.trim() && { guidance: r.guidance }),
      })),
    });
  }

  return (
    <section aria-labelledby="criteria-heading">
      <form noValidate onSubmit={submit} data-testid="criteria-form">
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m" id="criteria-heading">
          Evaluation criteria
        </h2>
        <p className="govuk-body">Quality, price and social value criteria. The weights must total 100%, and at most one criterion can be price.</p>
        <div className="concord-table-scroll" role="region" aria-label="Criteria and weights" tabIndex={0}>
          <table className="govuk-table concord-table--top">
            <caption className="govuk-visually-hidden">Criteria and weights</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header govuk-!-width-one-half">
                  Criterion
                </th>
                <th scope="col" className="govuk-table__header">
                  Weight
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r, i) => {
                const n = i + 1;
                return (
                  <tr className="govuk-table__row" key={r.key} data-testid="criterion-row">
                    <td className="govuk-table__cell">
                      <Select
                        id={`criterion-${n}-kind`}
                        name={`criterion-${n}-kind`}
                        label={`Kind of criterion ${n}`}
                        labelHidden
                        options={CRITERION_KINDS.map((k) => ({ value: k, label: CRITERION_KIND_LABELS[k] }))}
                        value={r.kind}
                        onChange={(kind) => update(r.key, { kind })}
                        error={errors.fields[`criterion-${n}-kind`]}
                      />
                    </td>
                    <td className="govuk-table__cell">
                      <TextInput
                        id={`criterion-${n}-name`}
                        name={`criterion-${n}-name`}
                        label={`Name of criterion ${n}`}
                        labelHidden
                        value={r.name}
                        onChange={(e) => update(r.key, { name: e.target.value })}
                        error={errors.fields[`criterion-${n}-name`]}
                      />
                    </td>
                    <td className="govuk-table__cell">
                      <TextInput
                        id={`criterion-${n}-weight`}
                        name={`criterion-${n}-weight`}
                        label={`Weight of criterion ${n}`}
                        labelHidden
                        suffix="%"
                        inputMode="decimal"
                        className="govuk-input--width-4"
                        value={r.weight}
                        onChange={(e) => update(r.key, { weight: e.target.value })}
                        error={errors.fields[`criterion-${n}-weight`]}
                      />
                    </td>
                    <td className="govuk-table__cell">
                      {rows.length > 1 && (
                        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                          Remove<span className="govuk-visually-hidden"> criterion {n}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <RunningTotal hundredths={total} byKind={byKind(rows)} invalid={invalid} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
            Save criteria
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRows((rs) => [...rs, newRow()])}>
            Add another criterion
          </button>
        </div>
      </form>
    </section>
  );
}

function ScaleForm({ p, onSaved, onErrors }: { p: Procurement; onSaved: () => void; onErrors: (e: FormErrors) => void }) {
  const [max, setMax] = useState(String(p.scale.max));
  const [descriptors, setDescriptors] = useState<string[]>(() => {
    const out: string[] = [];
    for (let s = 0; s <= 10; s++) out.push(p.scale.descriptors.find((d) => d.score === s)?.descriptor ?? DEFAULT_SCALE_DESCRIPTORS.find((d) => d.score === s)?.descriptor ?? '');
    return out;
  });
  const [threshold, setThreshold] = useState(p.qualityThresholdPercent === null ? '' : String(p.qualityThresholdPercent));
  const [errors, setErrorsState] = useState<FormErrors>(NO_ERRORS);
  const setErrors = (e: FormErrors) => {
    setErrorsState(e);
    onErrors(e);
  };
  const save = useMutation({
    ...trpc.criteria.setScale.mutationOptions(),
    onSuccess: () => {
      setErrors(NO_ERRORS);
      onSaved();
    },
    onError: (error) => setErrors(apiFormErrors(error, { 'scale.scaleMax': 'scaleMax', 'scale.descriptors': 'descriptor-0', qualityThresholdPercent: 'threshold' })),
  });
  const scaleMax = Number(max);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const problems: ClientError[] = [];
    const t = threshold.replace('%', '').trim();
    if (t && !/^\d+(\.\d{1,2})?$/.test(t)) problems.push({ id: 'threshold', text: 'Enter the threshold as a percentage from 0 to 100, like 60' });
    for (let s = 0; s <= scaleMax; s++) if (!descriptors[s]?.trim()) problems.push({ id: `descriptor-${s}`, text: `Describe what a score of ${s} means` });
    if (problems.length) return setErrors(clientErrors(problems));
    save.mutate({
      procurementId: p.id,
      version: p.rowVersion,
      scale: { scaleMax, descriptors: Array.from({ length: scaleMax + 1 }, (_, s) => ({ score: s, descriptor: descriptors[s]!.trim() })) },
      qualityThresholdPercent: t ? Number(t) : null,
    });
  }

  return (
    <section aria-labelledby="scale-heading" className="govuk-!-margin-top-8">
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m" id="scale-heading">
          Scoring scale and quality threshold
        </h2>
        <p className="govuk-body">Evaluators score quality and social value from 0 to the top of the scale. Price is scored from the bids by formula.</p>
        <Select
          id="scaleMax"
          name="scaleMax"
          label="Top of the scale"
          className="govuk-input--width-3"
          options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: `0 to ${i + 1}` }))}
          value={max}
          onChange={setMax}
          error={errors.fields.scaleMax}
        />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What each score means</legend>
          {Array.from({ length: scaleMax + 1 }, (_, s) => (
            <Textarea
              key={s}
              id={`descriptor-${s}`}
              name={`descriptor-${s}`}
              label={`Score ${s}`}
              rows={2}
              value={descriptors[s] ?? ''}
              onChange={(e) => setDescriptors((ds) => ds.map((d, i) => (i === s ? e.target.value : d)))}
              error={errors.fields[`descriptor-${s}`]}
            />
          ))}
        </fieldset>
        <TextInput
          id="threshold"
          name="threshold"
          label="Minimum quality threshold (optional)"
          hint="An application scoring less than this on the quality criteria is not ranked. Leave blank for none."
          suffix="%"
          inputMode="decimal"
          className="govuk-input--width-4"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={errors.fields.threshold}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
          Save scale and threshold
        </button>
      </form>
    </section>
  );
}

function GatewayForm({ p, onSaved, onErrors }: { p: Procurement; onSaved: () => void; onErrors: (e: FormErrors) => void }) {
  const [questions, setQuestions] = useState<{ key: number; question: string; guidance: string }[]>(() =>
    p.gatewayQuestions.map((q) => ({ key: ++rowKeys, question: q.question, guidance: q.guidance ?? '' })),
  );
  const [errors, setErrorsState] = useState<FormErrors>(NO_ERRORS);
  const setErrors = (e: FormErrors) => {
    setErrorsState(e);
    onErrors(e);
  };
  const save = useMutation({
    ...trpc.criteria.setGatewayQuestions.mutationOptions(),
    onSuccess: () => {
      setErrors(NO_ERRORS);
      onSaved();
    },
    onError: (error) => {
      const ids: Record<string, string> = { questions: 'question-1' };
      questions.forEach((_, i) => (ids[`questions.${i}`] = `question-${i + 1}`));
      setErrors(apiFormErrors(error, ids));
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending) save.mutate({ procurementId: p.id, version: p.rowVersion, questions: questions.map((q) => ({ question: q.question, ...(q.guidance.trim() && { guidance: q.guidance }) })) });
  }
  return (
    <section aria-labelledby="gateway-heading" className="govuk-!-margin-top-8">
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m" id="gateway-heading">
          Gateway questions
        </h2>
        <p className="govuk-body">Pass or fail, asked before any answer is scored. A single fail ends the application.</p>
        {questions.length === 0 && <p className="govuk-body">There are no gateway questions.</p>}
        {questions.map((q, i) => (
          <div className="concord-field-row" key={q.key}>
            <div className="concord-field-row__field">
              <Textarea
                id={`question-${i + 1}`}
                name={`question-${i + 1}`}
                label={`Question ${i + 1}`}
                rows={2}
                value={q.question}
                onChange={(e) => setQuestions((qs) => qs.map((x) => (x.key === q.key ? { ...x, question: e.target.value } : x)))}
                error={errors.fields[`question-${i + 1}`]}
              />
            </div>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}>
              Remove<span className="govuk-visually-hidden"> question {i + 1}</span>
            </button>
          </div>
        ))}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={save.isPending}>
            Save gateway questions
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setQuestions((qs) => [...qs, { key: ++rowKeys, question: '', guidance: '' }])}>
            Add another question
          </button>
        </div>
      </form>
    </section>
  );
}
