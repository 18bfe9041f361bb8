import { appraiseOptions, type OptionsAppraisalResult } from '@concord/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorMessage, fieldErrors, trpc, type RouterOutputs } from '../../trpc.ts';
import { RecordStatus, useRecordId } from '../../components/RecordGate.tsx';

type Appraisal = RouterOutputs['appraisal']['get'];
type Option = Appraisal['options'][number];
type Criterion = Appraisal['criteria'][number];

const key = (optionId: string, criterionId: string) => `${optionId}|${criterionId}`;
const slug = (name: string, taken: string[]) => {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'item';
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
};

/**
 * The options appraisal grid: options × criteria, a score on the scale per cell, totals, ranking and the recommended
 * option recomputed in the browser as scores change (the domain's appraiseOptions, the same function the server uses).
 */
export function AppraisalPage() {
  const { id, valid } = useRecordId();
  const appraisal = useQuery({ ...trpc.appraisal.get.queryOptions({ appraisalId: id }), enabled: valid });
  usePageTitle(appraisal.data?.title ?? 'Options appraisal');
  if (!valid || !appraisal.isSuccess) return <RecordStatus query={appraisal} valid={valid} />;
  return <AppraisalEditor key={appraisal.data.id} appraisal={appraisal.data} />;
}

function AppraisalEditor({ appraisal }: { appraisal: Appraisal }) {
  const client = useQueryClient();
  const [title, setTitle] = useState(appraisal.title);
  const [options, setOptions] = useState<Option[]>(appraisal.options);
  const [criteria, setCriteria] = useState<Criterion[]>(appraisal.criteria);
  const [scores, setScores] = useState<Map<string, { score: number; rationale?: string }>>(
    () => new Map(appraisal.scores.map((s) => [key(s.optionId, s.criterionId), { score: s.score, rationale: s.rationale }])),
  );
  const [overrideOn, setOverrideOn] = useState(appraisal.override !== null);
  const [override, setOverride] = useState(appraisal.override ?? { optionId: '', reason: '' });
  const [newOption, setNewOption] = useState('');
  const [newCriterion, setNewCriterion] = useState({ name: '', question: '' });
  const [saved, setSaved] = useState(false);
  const [why, setWhy] = useState({ optionId: '', criterionId: '', rationale: '' });
  const [prosOf, setProsOf] = useState('');
  const prosOption = options.find((o) => o.id === prosOf);
  const setOptionText = (field: 'pros' | 'cons', value: string) => setOptions(options.map((o) => (o.id === prosOf ? { ...o, [field]: value } : o)));
  const save = useMutation(trpc.appraisal.update.mutationOptions());
  // The version this page loaded, then each save's: a save over someone else's newer one is refused, naming them.
  const [rowVersion, setRowVersion] = useState(appraisal.rowVersion);
  const { scale } = appraisal;
  const edit = appraisal.canEdit;
  useEffect(() => setSaved(false), [title, options, criteria, scores, override, overrideOn]);

  const scoreList = useMemo(
    () =>
      options.flatMap((o) =>
        criteria.flatMap((c) => {
          const cell = scores.get(key(o.id, c.id));
          return cell ? [{ optionId: o.id, criterionId: c.id, score: cell.score, ...(cell.rationale ? { rationale: cell.rationale } : {}) }] : [];
        }),
      ),
    [options, criteria, scores],
  );
  const missing = options.length * criteria.length - scoreList.length;
  // Live totals: the same domain function as the server; nothing until every cell is scored.
  const live: { result: OptionsAppraisalResult | null; problem: string | null } = useMemo(() => {
    if (missing > 0 || options.length === 0 || criteria.length === 0) return { result: null, problem: null };
    try {
      return {
        result: appraiseOptions({
          options: options.map(({ id, name }) => ({ id, name })),
          criteria: criteria.map(({ id, name, weight }) => ({ id, name, ...(weight !== undefined ? { weight } : {}) })),
          scale,
          scores: scoreList.map(({ optionId, criterionId, score }) => ({ optionId, criterionId, score })),
          override: overrideOn && override.optionId ? override : undefined,
        }),
        problem: null,
      };
    } catch (e) {
      return { result: null, problem: (e as Error).message };
    }
  }, [missing, options, criteria, scale, scoreList, overrideOn, override]);
  const weighted = criteria.some((c) => c.weight !== undefined);
  const result = live.result;
  const recommendedName = result?.recommended ? options.find((o) => o.id === result.recommended!.optionId)?.name : null;

  async function onSave() {
    try {
      const done = await save.mutateAsync({ appraisalId: appraisal.id, version: rowVersion, title, options, criteria, scores: scoreList, override: overrideOn ? override : null });
      setRowVersion(done.rowVersion);
      setSaved(true);
      await client.invalidateQueries({ queryKey: trpc.appraisal.get.queryKey({ appraisalId: appraisal.id }) });
      await client.invalidateQueries({ queryKey: trpc.appraisal.list.queryKey() });
    } catch {
      /* shown below */
    }
  }
  const errors = save.error ? Object.entries(fieldErrors(save.error)).map(([field, messages]) => ({ text: messages[0]!, href: field.startsWith('override') ? '#override-reason' : '#appraisal-grid' })) : [];
  if (save.error && errors.length === 0) errors.push({ text: errorMessage(save.error), href: '#appraisal-grid' });

  return (
    <>
      <Link to="/business-cases" className="govuk-back-link">
        Business cases
      </Link>
      <ErrorSummary errors={errors} />
      {saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" data-testid="saved">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Appraisal saved</p>
          </div>
        </div>
      )}
      <span className="govuk-caption-l">Options appraisal</span>
      <h1 className="govuk-heading-l">{appraisal.title}</h1>
      {edit && <TextInput id="appraisal-title" name="title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} className="govuk-!-width-two-thirds" />}
      <p className="govuk-body">
        Each option is scored {scale.min} to {scale.max} against each criterion:{' '}
        {[...scale.descriptors].sort((a, b) => b.score - a.score).map((d) => `${d.score} ${d.label.toLowerCase()}`).join(', ')}.
      </p>

      <div className="govuk-!-overflow-x-auto" id="appraisal-grid" tabIndex={-1}>
        <table className="govuk-table bc-grid" data-testid="appraisal-grid">
          <caption className="govuk-table__caption govuk-table__caption--m">Scores</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Criterion</th>
              {options.map((o, i) => (
                <th scope="col" className="govuk-table__header" key={o.id}>
                  Option {i + 1}: {o.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {criteria.map((c) => (
              <tr className="govuk-table__row" key={c.id}>
                <th scope="row" className="govuk-table__header">
                  {c.name}
                  {c.question && <span className="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-font-weight-regular govuk-!-margin-bottom-0">{c.question}</span>}
                  {weighted && <span className="govuk-body-s govuk-!-display-block">Weight {c.weight ?? 1}</span>}
                </th>
                {options.map((o) => {
                  const cell = scores.get(key(o.id, c.id));
                  const id = `score-${o.id}-${c.id}`;
                  return (
                    <td className="govuk-table__cell" key={o.id}>
                      <label className="govuk-visually-hidden" htmlFor={id}>
                        Score for {o.name} against {c.name}
                      </label>
                      <select
                        id={id}
                        className="govuk-select"
                        disabled={!edit}
                        value={cell ? String(cell.score) : ''}
                        data-testid="score"
                        onChange={(e) => {
                          const next = new Map(scores);
                          if (e.target.value === '') next.delete(key(o.id, c.id));
                          else next.set(key(o.id, c.id), { ...cell, score: Number(e.target.value) });
                          setScores(next);
                        }}
                      >
                        <option value="">–</option>
                        {Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i).map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                      {cell?.rationale && <span className="govuk-body-s govuk-!-display-block">{cell.rationale}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">Total</th>
              {options.map((o) => {
                const r = result?.options.find((x) => x.id === o.id);
                return (
                  <td className={`govuk-table__cell bc-total${r?.rank === 1 ? ' bc-top' : ''}`} key={o.id} data-testid="total">
                    {r ? r.total : '–'}
                  </td>
                );
              })}
            </tr>
            {weighted && (
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">Weighted total</th>
                {options.map((o) => (
                  <td className="govuk-table__cell bc-total" key={o.id}>
                    {result?.options.find((x) => x.id === o.id)?.weightedTotal ?? '–'}
                  </td>
                ))}
              </tr>
            )}
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">Rank</th>
              {options.map((o) => (
                <td className="govuk-table__cell" key={o.id} data-testid="rank">
                  {result?.options.find((x) => x.id === o.id)?.rank ?? '–'}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>

      <div className="govuk-inset-text" data-testid="recommendation" aria-live="polite">
        {missing > 0 && options.length > 0 && criteria.length > 0 ? (
          <>{missing} score{missing === 1 ? '' : 's'} still to enter.</>
        ) : live.problem ? (
          live.problem
        ) : recommendedName && result ? (
          <>
            Recommended: <strong>Option {options.findIndex((o) => o.id === result.recommended!.optionId) + 1}: {recommendedName}</strong>
            {result.recommended!.basis === 'override' ? ' (chosen over the top score)' : ` (top score, ${result.options.find((o) => o.id === result.recommended!.optionId)!.weightedTotal} out of ${result.maxPossible})`}
          </>
        ) : result ? (
          'Options tie for the top score: choose the recommended option and give a reason.'
        ) : (
          'Add options and criteria to score them.'
        )}
      </div>

      {edit && (
        <>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-heading-m">Add an option</h2>
              <TextInput id="new-option" name="option" label="Option name" value={newOption} onChange={(e) => setNewOption(e.target.value)} />
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={!newOption.trim()}
                onClick={() => {
                  setOptions([...options, { id: slug(newOption, options.map((o) => o.id)), name: newOption.trim() }]);
                  setNewOption('');
                }}
              >
                Add option
              </button>
            </div>
            <div className="govuk-grid-column-one-half">
              <h2 className="govuk-heading-m">Add a criterion</h2>
              <TextInput id="new-criterion" name="criterion" label="Criterion" value={newCriterion.name} onChange={(e) => setNewCriterion({ ...newCriterion, name: e.target.value })} />
              <TextInput id="new-criterion-question" name="question" label="Question asked (optional)" value={newCriterion.question} onChange={(e) => setNewCriterion({ ...newCriterion, question: e.target.value })} />
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={!newCriterion.name.trim()}
                onClick={() => {
                  setCriteria([...criteria, { id: slug(newCriterion.name, criteria.map((c) => c.id)), name: newCriterion.name.trim(), ...(newCriterion.question.trim() ? { question: newCriterion.question.trim() } : {}) }]);
                  setNewCriterion({ name: '', question: '' });
                }}
              >
                Add criterion
              </button>
            </div>
          </div>

          <h2 className="govuk-heading-m">Pros and cons of an option</h2>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="pros-option">
              Option to describe
            </label>
            <select id="pros-option" className="govuk-select" value={prosOf} onChange={(e) => setProsOf(e.target.value)}>
              <option value="">Choose an option</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          {prosOption && (
            <>
              <Textarea id="option-pros" name="pros" label="Pros" value={prosOption.pros ?? ''} onChange={(e) => setOptionText('pros', e.target.value)} />
              <Textarea id="option-cons" name="cons" label="Cons" value={prosOption.cons ?? ''} onChange={(e) => setOptionText('cons', e.target.value)} />
            </>
          )}

          <h2 className="govuk-heading-m">Rationale for a score</h2>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="why-option">
                  Option
                </label>
                <select id="why-option" className="govuk-select" value={why.optionId} onChange={(e) => setWhy({ ...why, optionId: e.target.value })}>
                  <option value="">Choose an option</option>
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="govuk-grid-column-one-half">
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="why-criterion">
                  Criterion
                </label>
                <select id="why-criterion" className="govuk-select" value={why.criterionId} onChange={(e) => setWhy({ ...why, criterionId: e.target.value })}>
                  <option value="">Choose a criterion</option>
                  {criteria.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="why-rationale">
              Why this score (score the cell first)
            </label>
            <textarea id="why-rationale" className="govuk-textarea" rows={2} value={why.rationale} onChange={(e) => setWhy({ ...why, rationale: e.target.value })} />
          </div>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={!why.optionId || !why.criterionId || !scores.has(key(why.optionId, why.criterionId))}
            onClick={() => {
              const k = key(why.optionId, why.criterionId);
              const next = new Map(scores);
              next.set(k, { ...next.get(k)!, rationale: why.rationale.trim() || undefined });
              setScores(next);
              setWhy({ ...why, rationale: '' });
            }}
          >
            Set rationale
          </button>

          <h2 className="govuk-heading-m">Recommended option</h2>
          <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="override-on" type="checkbox" checked={overrideOn} onChange={(e) => setOverrideOn(e.target.checked)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="override-on">
                Recommend an option other than the top score
              </label>
            </div>
          </div>
          {overrideOn && (
            <>
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="override-option">
                  Option to recommend
                </label>
                <select id="override-option" className="govuk-select" value={override.optionId} onChange={(e) => setOverride({ ...override, optionId: e.target.value })}>
                  <option value="">Choose an option</option>
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="override-reason">
                  Reason
                </label>
                <textarea id="override-reason" className="govuk-textarea" rows={3} value={override.reason} onChange={(e) => setOverride({ ...override, reason: e.target.value })} />
              </div>
            </>
          )}
          <button type="button" className="govuk-button" data-module="govuk-button" onClick={onSave} disabled={save.isPending}>
            Save appraisal
          </button>
        </>
      )}
      {!edit && <p className="govuk-body">You can read this appraisal; only commissioners change it.</p>}
    </>
  );
}
