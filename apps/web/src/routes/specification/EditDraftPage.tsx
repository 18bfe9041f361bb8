import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Markdown } from '../../components/Markdown.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { trpc } from '../../trpc.ts';
import { refreshProcurements, SectionProblem } from '../procurement/shared.tsx';
import type { Section } from './SpecificationSections.tsx';
import type { Specification } from './VersionsTable.tsx';

interface SectionRow extends Section {
  /** React's key: stable while the section's own key is edited away from its heading. */
  row: number;
}

let rows = 0;

/** "Service requirements" → "service_requirements", unique among the others. */
function keyFor(heading: string, taken: Set<string>): string {
  const base = (heading.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '') || 'section').slice(0, 50);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** The draft editor: each section's Markdown beside its live preview; save, or save and publish. */
export function EditDraftPage({ spec }: { spec: Specification }) {
  const { version: param = '' } = useParams();
  const version = /^\d{1,4}$/.test(param) ? Number(param) : 0;
  const summary = spec.versions.find((v) => v.version === version);
  const detail = useQuery({ ...trpc.specification.get.queryOptions({ specificationId: spec.id, version }), enabled: !!summary });
  usePageTitle(`Edit version ${version} – ${spec.title}`);
  if (!summary) return <p className="govuk-body">This specification has no version {param}.</p>;
  if (!spec.canEdit) return <p className="govuk-body">Only the lead commissioner of the partnership’s lead authority can edit the specification.</p>;
  if (summary.status === 'published') {
    return (
      <>
        <h2 className="govuk-heading-m">Version {version} is published</h2>
        <p className="govuk-body">A published version cannot change. Create a new version to make changes.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/specifications/${spec.id}`}>
            Go to the versions
          </Link>
        </p>
      </>
    );
  }
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <SectionProblem error={detail.error} />;
  return (
    <Editor
      spec={spec}
      versionId={detail.data.current.id}
      version={version}
      rowVersion={detail.data.current.rowVersion}
      initial={detail.data.current.sections}
      initialNote={detail.data.current.changeNote ?? ''}
    />
  );
}

function Editor(props: { spec: Specification; versionId: string; version: number; rowVersion: number; initial: Section[]; initialNote: string }) {
  const { spec, versionId, version, initial, initialNote } = props;
  const navigate = useNavigate();
  // The draft as loaded: sent with each save, so a save over someone else's newer one is refused (and what
  // was typed here stays on the page to copy).
  const [rowVersion, setRowVersion] = useState(props.rowVersion);
  const [sections, setSections] = useState<SectionRow[]>(() => initial.map((s) => ({ ...s, row: ++rows })));
  const [changeNote, setChangeNote] = useState(initialNote);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  // Publishing cannot be undone: 'Save and publish' asks first.
  const [confirming, setConfirming] = useState(false);
  usePageTitle(`Edit version ${version} – ${spec.title}`, hasErrors(errors));
  const update = useMutation(trpc.specification.updateDraft.mutationOptions());
  const publish = useMutation(trpc.specification.publish.mutationOptions());
  const pending = update.isPending || publish.isPending;

  const change = (row: number, patch: Partial<Section>) => {
    setSaved(false);
    setSections((ss) => ss.map((s) => (s.row === row ? { ...s, ...patch } : s)));
  };

  function fieldIds(): Record<string, string> {
    const ids: Record<string, string> = { sections: 'section-1-body', changeNote: 'changeNote', versionId: 'changeNote' };
    sections.forEach((_, i) => {
      ids[`sections.${i}.heading`] = `section-${i + 1}-heading`;
      ids[`sections.${i}.key`] = `section-${i + 1}-heading`;
      ids[`sections.${i}.body`] = `section-${i + 1}-body`;
    });
    return ids;
  }

  async function save(andPublish: boolean) {
    if (pending) return;
    setErrors(NO_ERRORS);
    try {
      const saved = await update.mutateAsync({ versionId, version: rowVersion, sections: sections.map(({ key, heading, body }) => ({ key, heading, body })), changeNote: changeNote.trim() ? changeNote : null });
      setRowVersion(saved.rowVersion);
      if (andPublish) {
        await publish.mutateAsync({ versionId });
        await refreshProcurements();
        navigate(`/specifications/${spec.id}/versions/${version}`, { state: { notice: `Version ${version} was published. It can no longer change.` } });
        return;
      }
      await refreshProcurements();
      setSaved(true);
    } catch (error) {
      setErrors(apiFormErrors(error, fieldIds()));
    }
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">Edit draft version {version}</h2>
      <p className="govuk-body">
        Write each section in Markdown: a blank line between paragraphs, a hyphen at the start of a line for a bullet, **two asterisks** for bold
        and ## for a sub-heading. The preview beside it shows how it will read.
      </p>
      {saved && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          Draft saved.
        </p>
      )}
      {sections.map((s, i) => {
        const n = i + 1;
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-8" key={s.row} data-testid="section-editor">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              Section {n}: {s.heading || 'untitled'}
            </legend>
            <TextInput
              id={`section-${n}-heading`}
              name={`section-${n}-heading`}
              label="Heading"
              className="govuk-!-width-two-thirds"
              value={s.heading}
              onChange={(e) => change(s.row, { heading: e.target.value })}
              error={errors.fields[`section-${n}-heading`]}
            />
            <div className="concord-editor">
              <Textarea
                id={`section-${n}-body`}
                name={`section-${n}-body`}
                label="Text, in Markdown"
                rows={12}
                spellCheck
                value={s.body}
                onChange={(e) => change(s.row, { body: e.target.value })}
                error={errors.fields[`section-${n}-body`]}
              />
              <div>
                <h3 className="govuk-label" id={`section-${n}-preview`}>
                  Preview
                </h3>
                <div className="concord-editor__preview" aria-labelledby={`section-${n}-preview`} role="region" data-testid="preview">
                  {s.body.trim() ? <Markdown headingLevel={4}>{s.body}</Markdown> : <p className="govuk-hint govuk-!-margin-bottom-0">Nothing written yet.</p>}
                </div>
              </div>
            </div>
            <div className="govuk-button-group">
              {i > 0 && (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => setSections((ss) => [...ss.slice(0, i - 1), ss[i]!, ss[i - 1]!, ...ss.slice(i + 1)])}
                >
                  Move up<span className="govuk-visually-hidden"> section {n}</span>
                </button>
              )}
              {sections.length > 1 && (
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setSections((ss) => ss.filter((x) => x.row !== s.row))}>
                  Remove<span className="govuk-visually-hidden"> section {n}</span>
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() => setSections((ss) => [...ss, { key: keyFor('New section', new Set(ss.map((x) => x.key))), heading: 'New section', body: '', row: ++rows }])}
      >
        Add a section
      </button>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Textarea
            id="changeNote"
            name="changeNote"
            label={version > 1 ? 'What changed in this version' : 'Note about this version (optional)'}
            hint={version > 1 ? 'Needed before publishing.' : undefined}
            rows={3}
            value={changeNote}
            onChange={(e) => {
              setSaved(false);
              setChangeNote(e.target.value);
            }}
            error={errors.fields.changeNote}
          />
        </div>
      </div>
      {confirming ? (
        <ConfirmStep
          question={`Publish version ${version} of “${spec.title}”?`}
          consequence="Publishing cannot be undone: a published version can no longer change, and every partner authority sees it as the current version."
          confirmLabel={`Yes, save and publish version ${version}`}
          pending={pending}
          onConfirm={() => void save(true).finally(() => setConfirming(false))}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
            Save draft
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending} onClick={() => setConfirming(true)}>
            Save and publish version {version}
          </button>
          <Link className="govuk-link" to={`/specifications/${spec.id}/versions/${version}`}>
            Back to version {version}
          </Link>
        </div>
      )}
    </form>
  );
}
