import { RAG_LABELS } from '@concord/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { errorMessage, fieldErrors, trpc, type RouterOutputs } from '../../trpc.ts';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { useFormKey } from '../../components/useFormKey.ts';

type Register = RouterOutputs['risk']['list'];
type Rag = 'green' | 'amber' | 'red';
const SCALE = [1, 2, 3, 4, 5];

/**
 * A risk register: each risk's likelihood × impact before and after mitigation, with its RAG band, the mitigated
 * score flagged where the mitigation raises it (shown as recorded, not corrected), and a 5×5 heat map.
 */
export function RiskRegister({ subjectKind, subjectId, frozen = false }: { subjectKind: 'business_case' | 'procurement' | 'contract'; subjectId: string; frozen?: boolean }) {
  const register = useQuery(trpc.risk.list.queryOptions({ subjectKind, subjectId }));
  if (register.isPending) return <Loading what="Loading the risk register" />;
  if (register.isError) return <ProblemPage error={register.error} />;
  const r = register.data;
  return (
    <section data-testid="risk-register">
      {frozen && <p className="govuk-inset-text">The register below is live. The approved paper keeps the register as it was at approval.</p>}
      <RiskTable register={r} />
      <div className="bc-heat-maps">
        <HeatMap register={r} when="before" />
        <HeatMap register={r} when="after" />
      </div>
      {r.canEdit && <AddRisk subjectKind={subjectKind} subjectId={subjectId} />}
    </section>
  );
}

function RagText({ rating }: { rating: { score: number; rag: Rag; likelihood: number; impact: number } }) {
  return (
    <span className={`bc-rag rag-${rating.rag}`}>
      {rating.score} {RAG_LABELS[rating.rag]}
    </span>
  );
}

function RiskTable({ register: r }: { register: Register }) {
  const client = useQueryClient();
  const remove = useMutation(trpc.risk.delete.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.risk.list.queryKey() }) }));
  const [editing, setEditing] = useState<string | null>(null);
  const editingRisk = r.risks.find((x) => x.id === editing);
  if (r.risks.length === 0) return <p className="govuk-body">No risks recorded yet.</p>;
  return (
    <>
    <table className="govuk-table" data-testid="risk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Risks and mitigations</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Risk</th>
          <th scope="col" className="govuk-table__header">Before mitigation (likelihood × impact)</th>
          <th scope="col" className="govuk-table__header">Mitigation</th>
          <th scope="col" className="govuk-table__header">After mitigation</th>
          {r.canEdit && <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {r.risks.map((x) => (
          <tr className="govuk-table__row" key={x.id} data-testid="risk">
            <td className="govuk-table__cell">
              {x.description}
              {r.owners[x.id] && <span className="govuk-body-s govuk-!-display-block">Owner: {r.owners[x.id]}</span>}
            </td>
            <td className="govuk-table__cell">
              {x.before.likelihood} × {x.before.impact} = <RagText rating={x.before} />
            </td>
            <td className="govuk-table__cell govuk-body-s">{x.mitigation}</td>
            <td className="govuk-table__cell">
              {x.after.likelihood} × {x.after.impact} = <RagText rating={x.after} />
              {x.mitigationRaisesScore && (
                <strong className="bc-raised govuk-!-display-block govuk-!-font-size-16" data-testid="raised-flag">
                  Raised by mitigation: review
                </strong>
              )}
            </td>
            {r.canEdit && (
              <td className="govuk-table__cell">
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" onClick={() => setEditing(x.id)}>
                  Change<span className="govuk-visually-hidden"> risk: {x.description}</span>
                </button>
                <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => remove.mutate({ riskId: x.id })}>
                  Remove<span className="govuk-visually-hidden"> risk: {x.description}</span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
    {r.canEdit && editingRisk && <EditRisk key={editingRisk.id} risk={editingRisk} version={r.versions[editingRisk.id]!} owner={r.owners[editingRisk.id] ?? ''} onDone={() => setEditing(null)} />}
    </>
  );
}

/**
 * Changes one risk: its description, owner, scores before and after mitigation, and the mitigation. Sends the
 * version it was opened at: if someone else saved the risk since, the summary says who and when, and what was
 * typed here stays in the form to copy.
 */
function EditRisk({ risk, version, owner, onDone }: { risk: Register['risks'][number]; version: number; owner: string; onDone: () => void }) {
  const client = useQueryClient();
  const [f, setF] = useState({
    description: risk.description,
    owner,
    mitigation: risk.mitigation ?? '',
    bl: String(risk.before.likelihood),
    bi: String(risk.before.impact),
    al: String(risk.after.likelihood),
    ai: String(risk.after.impact),
  });
  const update = useMutation(trpc.risk.update.mutationOptions());
  const errors = fieldErrors(update.error);
  const fieldError = (name: string) => errors[name]?.[0];
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      await update.mutateAsync({
        riskId: risk.id,
        version,
        description: f.description,
        owner: f.owner || null,
        mitigation: f.mitigation,
        before: { likelihood: Number(f.bl), impact: Number(f.bi) },
        after: { likelihood: Number(f.al), impact: Number(f.ai) },
      });
      await client.invalidateQueries({ queryKey: trpc.risk.list.queryKey() });
      onDone();
    } catch {
      /* shown below */
    }
  }
  const number = (name: keyof typeof f, label: string, field: string) => (
    <TextInput id={`edit-risk-${name}`} name={name} label={label} inputMode="numeric" className="govuk-input--width-2" value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} error={fieldError(field)} />
  );
  return (
    <form onSubmit={submit} noValidate data-testid="edit-risk">
      <h3 className="govuk-heading-s">Change a risk</h3>
      {update.error && <ErrorSummary errors={Object.keys(errors).length ? Object.values(errors).map((m) => ({ text: m[0]! })) : [{ text: errorMessage(update.error) }]} />}
      <TextInput id="edit-risk-description" name="description" label="Risk" value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} error={fieldError('description')} />
      <TextInput id="edit-risk-owner" name="owner" label="Owner (optional)" value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })} className="govuk-!-width-one-half" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">{number('bl', 'Likelihood before (1–5)', 'before.likelihood')}</div>
        <div className="govuk-grid-column-one-quarter">{number('bi', 'Impact before (1–5)', 'before.impact')}</div>
        <div className="govuk-grid-column-one-quarter">{number('al', 'Likelihood after (1–5)', 'after.likelihood')}</div>
        <div className="govuk-grid-column-one-quarter">{number('ai', 'Impact after (1–5)', 'after.impact')}</div>
      </div>
      <TextInput id="edit-risk-mitigation" name="mitigation" label="Mitigation" value={f.mitigation} onChange={(e) => setF({ ...f, mitigation: e.target.value })} />
      <SubmitOrCancel pending={update.isPending} onCancel={onDone}>
        Save risk
      </SubmitOrCancel>
    </form>
  );
}

/** 5×5: rows likelihood 5 (top) to 1, columns impact 1 to 5; each cell its count, coloured by its band, with the band in words. */
function HeatMap({ register: r, when }: { register: Register; when: 'before' | 'after' }) {
  const grid = r.heatMap[when];
  return (
    <table className="govuk-table" data-testid={`heat-map-${when}`}>
      <caption className="govuk-table__caption govuk-table__caption--s">Heat map {when} mitigation: number of risks by likelihood and impact</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Likelihood \ impact</th>
          {SCALE.map((i) => (
            <th scope="col" className="govuk-table__header heat-cell" key={i}>
              {i}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {[...SCALE].reverse().map((l) => (
          <tr className="govuk-table__row" key={l}>
            <th scope="row" className="govuk-table__header">
              {l}
            </th>
            {SCALE.map((i) => {
              const rag = r.matrix[l - 1]![i - 1]! as Rag;
              const n = grid[l - 1]![i - 1]!;
              return (
                <td className={`govuk-table__cell heat-cell rag-${rag}`} key={i}>
                  {n}
                  <span className="govuk-visually-hidden"> risks, {RAG_LABELS[rag]}</span>
                  <span aria-hidden="true" className="govuk-!-display-block govuk-!-font-size-14 govuk-!-font-weight-regular">
                    {RAG_LABELS[rag]}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddRisk({ subjectKind, subjectId }: { subjectKind: 'business_case' | 'procurement' | 'contract'; subjectId: string }) {
  const client = useQueryClient();
  const empty = { description: '', owner: '', mitigation: '', bl: '3', bi: '3', al: '2', ai: '2' };
  const [f, setF] = useState(empty);
  const create = useMutation(trpc.risk.create.mutationOptions());
  const formKey = useFormKey();
  const errors = fieldErrors(create.error);
  const fieldError = (name: string) => errors[name]?.[0];
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      await create.mutateAsync({
        subjectKind,
        subjectId,
        idempotencyKey: formKey.key,
        description: f.description,
        owner: f.owner || null,
        mitigation: f.mitigation,
        before: { likelihood: Number(f.bl), impact: Number(f.bi) },
        after: { likelihood: Number(f.al), impact: Number(f.ai) },
      });
      setF(empty);
      formKey.renew();
      await client.invalidateQueries({ queryKey: trpc.risk.list.queryKey() });
    } catch {
      /* shown below */
    }
  }
  const number = (name: keyof typeof f, label: string, field: string) => (
    <TextInput id={`risk-${name}`} name={name} label={label} inputMode="numeric" className="govuk-input--width-2" value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} error={fieldError(field)} />
  );
  return (
    <form onSubmit={submit} noValidate data-testid="add-risk">
      <h3 className="govuk-heading-s">Add a risk</h3>
      {create.error && <ErrorSummary errors={Object.keys(errors).length ? Object.values(errors).map((m) => ({ text: m[0]! })) : [{ text: errorMessage(create.error) }]} />}
      <TextInput id="risk-description" name="description" label="Risk" value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} error={fieldError('description')} />
      <TextInput id="risk-owner" name="owner" label="Owner (optional)" value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })} className="govuk-!-width-one-half" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">{number('bl', 'Likelihood before (1–5)', 'before.likelihood')}</div>
        <div className="govuk-grid-column-one-quarter">{number('bi', 'Impact before (1–5)', 'before.impact')}</div>
        <div className="govuk-grid-column-one-quarter">{number('al', 'Likelihood after (1–5)', 'after.likelihood')}</div>
        <div className="govuk-grid-column-one-quarter">{number('ai', 'Impact after (1–5)', 'after.impact')}</div>
      </div>
      <TextInput id="risk-mitigation" name="mitigation" label="Mitigation" value={f.mitigation} onChange={(e) => setF({ ...f, mitigation: e.target.value })} />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={create.isPending}>
        Add risk
      </button>
    </form>
  );
}
