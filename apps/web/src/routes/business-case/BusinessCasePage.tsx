import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Tag } from '../../components/Tag.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorMessage, trpc, trpcClient, type RouterOutputs } from '../../trpc.ts';
import { RiskRegister } from '../risk/RiskRegister.tsx';
import { STATUS_TAG } from './BusinessCasesPage.tsx';

type Case = RouterOutputs['businessCase']['get'];
type Block = Case['document']['blocks'][number];

const SECTIONS = [
  ['executiveSummary', 'Executive summary'],
  ['introduction', 'Introduction'],
  ['currentService', 'Current service offer'],
  ['caseForChange', 'Case for change'],
  ['recommendedOption', 'Proposal (the recommended option)'],
  ['financialNarrative', 'Financial implications: narrative'],
  ['outcomesNarrative', 'Outcomes and benefits: narrative'],
] as const;

/** A business case: the paper as it will print (preview), its exports, its sections, its risk register and its decision. */
export function BusinessCasePage() {
  const { id = '' } = useParams();
  const bc = useQuery(trpc.businessCase.get.queryOptions({ businessCaseId: id }));
  usePageTitle(bc.data?.title ?? 'Business case');
  if (bc.isPending) return <Loading />;
  if (bc.isError) return <ProblemPage error={bc.error} />;
  const c = bc.data;
  return (
    <>
      <Link to="/business-cases" className="govuk-back-link">
        Business cases
      </Link>
      <span className="govuk-caption-l">Business case</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <p className="govuk-body">
        <Tag colour={STATUS_TAG[c.status].colour} testId="case-status">
          {STATUS_TAG[c.status].text}
        </Tag>
        {c.decision && (
          <span className="govuk-!-margin-left-2" data-testid="decision">
            Approved by {c.decision.decisionMaker} on {c.decision.approvedOn}, reference {c.decision.reference}
            {c.decision.recordedBy ? ` (recorded by ${c.decision.recordedBy})` : ''}.
          </span>
        )}
      </p>
      {c.frozen ? (
        <div className="govuk-inset-text">This case is approved and frozen: it shows, and exports, the figures as they were at approval.</div>
      ) : (
        <div className="govuk-inset-text">Figures are live: totals, risks and costs follow the appraisal, the register and the uplift until the case is approved.</div>
      )}
      <Exports id={c.id} />
      {c.appraisalId && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/appraisals/${c.appraisalId}`}>
            Open the options appraisal
          </Link>
          {c.demandModelId && (
            <>
              {' · '}
              <Link className="govuk-link" to={`/demand-models/${c.demandModelId}`}>
                Open the demand model
              </Link>
            </>
          )}
        </p>
      )}

      <h2 className="govuk-heading-m">Preview</h2>
      <Preview doc={c.document} />

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Risk register</h2>
      <RiskRegister subjectKind="business_case" subjectId={c.id} frozen={c.frozen} />

      {c.canEdit && <Editor c={c} />}
      {c.canEdit && c.status === 'draft' && <Submit c={c} />}
      {c.canEdit && c.status === 'submitted' && <Approve c={c} />}
    </>
  );
}

function download(file: { filename: string; mimeType: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Exports({ id }: { id: string }) {
  const [busy, setBusy] = useState<'pdf' | 'docx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function go(format: 'pdf' | 'docx') {
    setBusy(format);
    setError(null);
    try {
      download(await trpcClient.businessCase.export.query({ businessCaseId: id, format }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="govuk-button-group">
      {error && <ErrorSummary errors={[{ text: error }]} />}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go('pdf')} disabled={busy !== null} data-testid="export-pdf">
        Download PDF (for printing)
      </button>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go('docx')} disabled={busy !== null} data-testid="export-docx">
        Download Word document
      </button>
    </div>
  );
}

function Preview({ doc }: { doc: Case['document'] }) {
  return (
    <article className="bc-preview" data-testid="preview">
      <p className="govuk-caption-m">{doc.subtitle}</p>
      <h2 className="govuk-heading-l">{doc.title}</h2>
      <p className="govuk-body-s">{doc.statusLine}</p>
      {doc.blocks.map((b, i) => (
        <BlockView block={b} key={i} />
      ))}
    </article>
  );
}

function BlockView({ block: b }: { block: Block }) {
  if (b.kind === 'heading') return b.level === 1 ? <h3 className="govuk-heading-m">{b.text}</h3> : <h4 className="govuk-heading-s">{b.text}</h4>;
  if (b.kind === 'paragraph') return <p className={`govuk-body${b.bold ? ' govuk-!-font-weight-bold' : ''}`}>{b.text}</p>;
  if (b.kind === 'note') return <p className="govuk-body-s govuk-hint">{b.text}</p>;
  return (
    <div className="govuk-!-overflow-x-auto">
      <table className="govuk-table govuk-table--small-text-until-tablet">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {b.header.map((h, i) => (
              <th scope="col" className="govuk-table__header" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {b.rows.map((row, r) => (
            <tr className="govuk-table__row" key={r}>
              {row.map((v, i) => (i === 0 ? <th scope="row" className="govuk-table__header" key={i}>{v}</th> : <td className="govuk-table__cell" key={i}>{v}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Editor({ c }: { c: Case }) {
  const client = useQueryClient();
  const [sections, setSections] = useState<Record<string, string>>({ ...c.sections });
  const save = useMutation(trpc.businessCase.update.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.businessCase.get.queryKey({ businessCaseId: c.id }) }) }));
  return (
    <section className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m">Edit the sections</h2>
      {save.error && <ErrorSummary errors={[{ text: errorMessage(save.error) }]} />}
      {SECTIONS.map(([key, label]) => (
        <div className="govuk-form-group" key={key}>
          <label className="govuk-label govuk-label--s" htmlFor={`section-${key}`}>
            {label}
          </label>
          <textarea id={`section-${key}`} className="govuk-textarea" rows={5} value={sections[key] ?? ''} onChange={(e) => setSections({ ...sections, [key]: e.target.value })} />
        </div>
      ))}
      <button type="button" className="govuk-button" onClick={() => save.mutate({ businessCaseId: c.id, sections })} disabled={save.isPending}>
        Save sections
      </button>
    </section>
  );
}

function Submit({ c }: { c: Case }) {
  const client = useQueryClient();
  const submit = useMutation(trpc.businessCase.submit.mutationOptions({ onSuccess: () => client.invalidateQueries() }));
  return (
    <section>
      <h2 className="govuk-heading-m">Submit for decision</h2>
      {submit.error && <ErrorSummary errors={[{ text: errorMessage(submit.error) }]} />}
      <button type="button" className="govuk-button" onClick={() => submit.mutate({ businessCaseId: c.id })}>
        Submit for decision
      </button>
    </section>
  );
}

function Approve({ c }: { c: Case }) {
  const client = useQueryClient();
  const [f, setF] = useState({ decisionMaker: '', approvedOn: '', decisionReference: '' });
  const approve = useMutation(trpc.businessCase.approve.mutationOptions({ onSuccess: () => client.invalidateQueries() }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        approve.mutate({ businessCaseId: c.id, ...f });
      }}
    >
      <h2 className="govuk-heading-m">Record the decision</h2>
      <p className="govuk-body">Recording approval freezes the case: its figures are kept as they are now.</p>
      {approve.error && <ErrorSummary errors={[{ text: errorMessage(approve.error) }]} />}
      <TextInput id="decision-maker" name="decisionMaker" label="Who decided" hint="For example, People Reporting Group" value={f.decisionMaker} onChange={(e) => setF({ ...f, decisionMaker: e.target.value })} />
      <TextInput id="approved-on" name="approvedOn" label="Date of the decision" hint="YYYY-MM-DD" value={f.approvedOn} onChange={(e) => setF({ ...f, approvedOn: e.target.value })} className="govuk-input--width-10" />
      <TextInput id="decision-reference" name="decisionReference" label="Decision reference" value={f.decisionReference} onChange={(e) => setF({ ...f, decisionReference: e.target.value })} className="govuk-input--width-20" />
      <button type="submit" className="govuk-button" disabled={approve.isPending}>
        Record approval
      </button>
    </form>
  );
}
