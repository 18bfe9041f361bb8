import { formatPence, type CostModelKind, type CostModelResult } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { datePartsOf, DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Select } from '../../components/Select.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate } from '../../format.ts';
import { errorCode, errorMessage, fieldErrors, trpc } from '../../trpc.ts';
import { SectionProblem } from '../procurement/shared.tsx';
import { ParameterForm } from './ParameterForm.tsx';
import { checkParameters, describePath, describeValue, fieldsOf, idForPath, KIND_SPECS, type ParameterFields } from './parameters.ts';
import { kindLabel, ModelRates, perUnit, refreshCostOfCare, signedPence, signedPercent, StatusTag, type CostModel, type CostModelVersion } from './shared.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';

/** A cost model: its heading, and the page chosen (overview, a version, the draft editor, a comparison). */
export function CostModelPage() {
  const { id, valid } = useRecordId();
  const model = useQuery({ ...trpc.costModel.get.queryOptions({ costModelId: id }), enabled: valid });
  return (
    <RecordGate query={model} valid={valid}>
      {(m) => <CostModelFrame model={m} />}
    </RecordGate>
  );
}

function CostModelFrame({ model }: { model: CostModel }) {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <>
      <Link className="govuk-back-link" to="/cost-models">
        Back to cost models
      </Link>
      {notice && (
        <NotificationBanner success key={location.key}>
          {notice}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">
        {kindLabel(model.kind)} · {model.partnership.name}
      </span>
      <h1 className="govuk-heading-l" data-testid="cost-model-name">
        {model.name}
      </h1>
      <Routes>
        <Route index element={<Overview model={model} />} />
        <Route path="versions/:version" element={<VersionPage model={model} />} />
        <Route path="versions/:version/edit" element={<EditDraftPage model={model} />} />
        <Route path="compare" element={<ComparePage model={model} />} />
        <Route
          path="*"
          element={
            <p className="govuk-body">
              This cost model has no such page.{' '}
              <Link className="govuk-link" to={`/cost-models/${model.id}`}>
                Go to its versions
              </Link>
              .
            </p>
          }
        />
      </Routes>
    </>
  );
}

function VersionsTable({ model }: { model: CostModel }) {
  return (
    <Table
      caption="Versions"
      captionSize="m"
      rows={[...model.versions].reverse()}
      rowKey={(v) => v.id}
      rowTestId="version"
      columns={[
        {
          header: 'Version',
          rowHeader: true,
          cell: (v: CostModelVersion) => (
            <Link className="govuk-link" to={`/cost-models/${model.id}/versions/${v.version}`}>
              Version {v.version}
            </Link>
          ),
        },
        { header: 'Status', cell: (v: CostModelVersion) => <StatusTag status={v.status} /> },
        { header: 'Takes effect', cell: (v: CostModelVersion) => <span className="concord-nowrap">{formatDate(v.effectiveFrom)}</span> },
        { header: 'Published', cell: (v: CostModelVersion) => (v.publishedAt ? <span className="concord-nowrap">{formatDate(v.publishedAt)}</span> : 'Not yet') },
        { header: 'What changed', cell: (v: CostModelVersion) => v.changeNote ?? '' },
      ]}
    />
  );
}

function Overview({ model }: { model: CostModel }) {
  usePageTitle(model.name);
  const latest = model.versions[model.versions.length - 1]!;
  const current = model.version;
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Partnership', value: model.partnership.name },
          { key: 'Kind', value: kindLabel(model.kind) },
          ...(model.description ? [{ key: 'About', value: model.description }] : []),
          {
            key: current.status === 'published' ? 'Current version' : 'Latest version',
            value: `Version ${current.version}, ${current.status === 'published' ? 'published' : 'a draft'}, taking effect ${formatDate(current.effectiveFrom)}`,
          },
        ]}
      />
      {model.canEdit ? (
        latest.status === 'draft' && (
          <Link to={`/cost-models/${model.id}/versions/${latest.version}/edit`} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
            Edit draft version {latest.version}
          </Link>
        )
      ) : (
        <div className="govuk-inset-text" data-testid="read-only">
          The partnership’s lead commissioner keeps this model. You can read every version and compare your rates with it.
        </div>
      )}
      <VersionsTable model={model} />
      {model.versions.length > 1 && <CompareForm model={model} />}
      {model.canEdit && latest.status === 'published' && <NewVersionForm model={model} />}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Rates in version {current.version}</h2>
      <ModelRates result={current.result as CostModelResult} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/rates/compare?partnership=${model.partnership.id}&service=${model.kind}`}>
          Compare members’ rates with this model
        </Link>
      </p>
    </>
  );
}

function CompareForm({ model }: { model: CostModel }) {
  const navigate = useNavigate();
  const versions = model.versions.map((v) => v.version);
  const [from, setFrom] = useState(String(versions[versions.length - 2]));
  const [to, setTo] = useState(String(versions[versions.length - 1]));
  const options = model.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.status === 'draft' ? ' (draft)' : ''}` }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(`/cost-models/${model.id}/compare?from=${from}&to=${to}`);
  };
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-6" aria-labelledby="compare-heading">
      <h2 className="govuk-heading-m" id="compare-heading">
        Compare two versions
      </h2>
      <div className="concord-button-group">
        <Select id="from" name="from" label="Earlier version" options={options} value={from} onChange={setFrom} />
        <Select id="to" name="to" label="Later version" options={options} value={to} onChange={setTo} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-top-6" data-module="govuk-button">
          Compare
        </button>
      </div>
    </form>
  );
}

function NewVersionForm({ model }: { model: CostModel }) {
  const navigate = useNavigate();
  const [effective, setEffective] = useState<DateParts>(EMPTY_DATE);
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useMutation({
    ...trpc.costModel.createDraft.mutationOptions(),
    onSuccess: async (created) => {
      await refreshCostOfCare();
      navigate(`/cost-models/${model.id}/versions/${created.version}/edit`, { state: { notice: `Version ${created.version} started as a draft, copied from the latest version` } });
    },
    onError: (error) => setErrors(apiErrors(model.kind, error)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const iso = isoOf(effective);
    const problems: ClientError[] = [];
    if (iso === null) problems.push({ id: 'effectiveFrom-day', text: 'Enter the date the new rates take effect' });
    else if (iso === 'invalid') problems.push({ id: 'effectiveFrom-day', text: 'The date the new rates take effect must be a real date' });
    if (!changeNote.trim()) problems.push({ id: 'changeNote', text: 'Say what this version changes' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({ costModelId: model.id, effectiveFrom: iso as string, changeNote });
  };
  return (
    <div className="govuk-grid-row govuk-!-margin-top-6">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds" aria-labelledby="new-version-heading">
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m" id="new-version-heading">
          Create a new version
        </h2>
        <p className="govuk-body">Published versions never change. A new version starts as a draft copy of the latest one.</p>
        <DateInput id="effectiveFrom" legend="When the new rates take effect" legendSize="s" hint="For example, 1 4 2025" value={effective} onChange={setEffective} error={errors.fields['effectiveFrom-day']} />
        <Textarea
          id="changeNote"
          name="changeNote"
          label="What changed"
          hint="For example, National Living Wage rise from April."
          rows={3}
          value={changeNote}
          onChange={(e) => setChangeNote(e.target.value)}
          error={errors.fields.changeNote}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
          Create a new version
        </button>
      </form>
    </div>
  );
}

/** The API's refusal, each problem on its field (parameters by their path in the model). */
function apiErrors(kind: CostModelKind, error: unknown): FormErrors {
  const problems: ClientError[] = [];
  for (const [path, messages] of Object.entries(fieldErrors(error))) {
    const text = messages[0];
    if (!text) continue;
    const id =
      path === 'effectiveFrom' ? 'effectiveFrom-day'
      : path === 'changeNote' ? 'changeNote'
      : path.startsWith('parameters') ? idForPath(kind, path)
      : undefined;
    problems.push(id ? { id, text } : { text });
  }
  if (problems.length === 0) problems.push({ text: errorMessage(error) });
  return clientErrors(problems);
}

function useVersion(model: CostModel) {
  const { version: param = '' } = useParams();
  const version = /^\d{1,4}$/.test(param) ? Number(param) : 0;
  const summary = model.versions.find((v) => v.version === version);
  const detail = useQuery({ ...trpc.costModel.get.queryOptions({ costModelId: model.id, version }), enabled: !!summary });
  return { param, version, summary, detail };
}

/** The parameters of a version in words: the model's own figures, then each band or scheme. */
function ParametersSummary({ kind, parameters }: { kind: CostModelKind; parameters: unknown }) {
  const spec = KIND_SPECS[kind];
  const fields = fieldsOf(kind, parameters);
  const show = (type: string, text: string, suffix?: string) => (text === '' ? 'Not given' : type === 'pence' ? `£${text}` : suffix && suffix !== '%' ? `${text} ${suffix}` : `${text}${suffix ?? ''}`);
  return (
    <>
      {spec.top.length > 0 && <SummaryList rows={spec.top.map((f) => ({ key: f.label, value: show(f.type, fields.top[f.key] ?? '', f.suffix) }))} />}
      {spec.list &&
        fields.items.map((item, i) => (
          <div key={i}>
            <h4 className="govuk-heading-s">
              {spec.list!.itemName} {i + 1}: {item[spec.list!.nameKey]}
            </h4>
            <SummaryList rows={spec.list!.fields.filter((f) => f.key !== spec.list!.nameKey).map((f) => ({ key: f.label.replace(/ \(optional\)$/, ''), value: show(f.type, item[f.key] ?? '', f.suffix) }))} />
          </div>
        ))}
    </>
  );
}

/** One version: its parameters and every rate with its build-up; a draft can be edited or published by the lead. */
function VersionPage({ model }: { model: CostModel }) {
  const { param, version, summary, detail } = useVersion(model);
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(`Version ${version} – ${model.name}`, problem !== null);
  const publish = useMutation({
    ...trpc.costModel.publish.mutationOptions(),
    onSuccess: () => refreshCostOfCare(),
    onError: (error) => setProblem(errorMessage(error)),
  });
  if (!summary) return <p className="govuk-body">This cost model has no version {param}.</p>;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <SectionProblem error={detail.error} />;
  const v = detail.data.version;
  const base = `/cost-models/${model.id}`;
  return (
    <>
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      <div className="concord-heading-row">
        <h2 className="govuk-heading-l">
          Version {v.version} <StatusTag status={v.status} />
        </h2>
        {model.canEdit && v.status === 'draft' && (
          <div className="concord-button-group">
            <Link to={`${base}/versions/${v.version}/edit`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Edit this draft
            </Link>
            <button
              type="button"
              className="govuk-button"
              data-module="govuk-button"
              disabled={publish.isPending}
              onClick={() => {
                setProblem(null);
                publish.mutate({ versionId: v.id });
              }}
            >
              Publish version {v.version}
            </button>
          </div>
        )}
      </div>
      <SummaryList
        rows={[
          { key: 'Status', value: v.status === 'published' ? 'Published: this version can no longer change' : 'Draft: not in use until published' },
          { key: 'Takes effect', value: formatDate(v.effectiveFrom) },
          ...(v.publishedAt ? [{ key: 'Published', value: formatDate(v.publishedAt) }] : []),
          { key: 'What changed', value: v.changeNote ?? 'Not recorded' },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={base}>
          All versions
        </Link>
        {v.version > 1 && (
          <>
            {' · '}
            <Link className="govuk-link" to={`${base}/compare?from=${v.version - 1}&to=${v.version}`}>
              What changed since version {v.version - 1}
            </Link>
          </>
        )}
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <h3 className="govuk-heading-m">Parameters</h3>
          <ParametersSummary kind={model.kind} parameters={v.parameters} />
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h3 className="govuk-heading-m">Rates and how they are built up</h3>
          <ModelRates result={v.result as CostModelResult} />
        </div>
      </div>
    </>
  );
}

function EditDraftPage({ model }: { model: CostModel }) {
  const { param, version, summary, detail } = useVersion(model);
  usePageTitle(`Edit version ${version} – ${model.name}`);
  if (!summary) return <p className="govuk-body">This cost model has no version {param}.</p>;
  if (!model.canEdit) return <p className="govuk-body">Only the lead commissioner of the partnership’s lead authority can change its cost model.</p>;
  if (summary.status === 'published') {
    return (
      <>
        <h2 className="govuk-heading-m">Version {version} is published</h2>
        <p className="govuk-body">A published version cannot change. Create a new version to make changes.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cost-models/${model.id}`}>
            Go to the versions
          </Link>
        </p>
      </>
    );
  }
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <SectionProblem error={detail.error} />;
  const v = detail.data.version;
  return <Editor model={model} versionId={v.id} version={version} rowVersion={v.rowVersion} initial={fieldsOf(model.kind, v.parameters)} initialDate={v.effectiveFrom} initialNote={v.changeNote ?? ''} />;
}

/** The draft editor: the parameters beside a live breakdown the domain recomputes as they are typed. */
function Editor({
  model,
  versionId,
  version,
  rowVersion: loadedVersion,
  initial,
  initialDate,
  initialNote,
}: {
  model: CostModel;
  versionId: string;
  version: number;
  rowVersion: number;
  initial: ParameterFields;
  initialDate: string;
  initialNote: string;
}) {
  const navigate = useNavigate();
  const [fields, setFields] = useState(initial);
  const [effective, setEffective] = useState<DateParts>(datePartsOf(initialDate));
  const [changeNote, setChangeNote] = useState(initialNote);
  const [submitted, setSubmitted] = useState(false);
  const [apiProblems, setApiProblems] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const update = useMutation(trpc.costModel.updateDraft.mutationOptions());
  const publish = useMutation(trpc.costModel.publish.mutationOptions());
  const pending = update.isPending || publish.isPending;
  // The draft as loaded, then as each save left it: a save over someone else's newer one is refused, naming them.
  const [rowVersion, setRowVersion] = useState(loadedVersion);

  const checked = checkParameters(model.kind, fields);
  const iso = isoOf(effective);
  const dateProblems: ClientError[] =
    iso === null ? [{ id: 'effectiveFrom-day', text: 'Enter the date the rates take effect' }]
    : iso === 'invalid' ? [{ id: 'effectiveFrom-day', text: 'The date the rates take effect must be a real date' }]
    : [];
  // Problems show once the user has tried to save, and then follow their typing until they are put right.
  const clientProblems = submitted ? clientErrors([...dateProblems, ...checked.errors.summary.map((s) => ({ ...(s.href ? { id: s.href.slice(1) } : {}), text: s.text }))]) : NO_ERRORS;
  const errors = hasErrors(apiProblems) ? apiProblems : clientProblems;
  usePageTitle(`Edit version ${version} – ${model.name}`, hasErrors(errors));

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    setSaved(false);
    setApiProblems(NO_ERRORS);
    set(v);
  };

  async function save(andPublish: boolean) {
    if (pending) return;
    setSubmitted(true);
    setApiProblems(NO_ERRORS);
    if (!checked.result || dateProblems.length > 0) return;
    try {
      const done = await update.mutateAsync({ versionId, version: rowVersion, parameters: checked.parameters, effectiveFrom: iso as string, changeNote });
      setRowVersion(done.rowVersion);
      await refreshCostOfCare();
      if (andPublish) {
        await publish.mutateAsync({ versionId });
        await refreshCostOfCare();
        navigate(`/cost-models/${model.id}/versions/${version}`, { state: { notice: `Version ${version} was published. It can no longer change.` } });
        return;
      }
      setSaved(true);
    } catch (error) {
      setApiProblems(apiErrors(model.kind, error));
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
      <p className="govuk-body">Type money in pounds and percentages as numbers. The rates beside the figures are worked out again as you type, the same way Concord works them out when the version is saved.</p>
      {saved && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status" data-testid="saved">
          Draft saved.
        </p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <DateInput id="effectiveFrom" legend="When the rates take effect" legendSize="s" value={effective} onChange={edit(setEffective)} error={errors.fields['effectiveFrom-day']} />
          <ParameterForm kind={model.kind} fields={fields} onChange={edit(setFields)} errors={errors.fields} />
          <Textarea
            id="changeNote"
            name="changeNote"
            label={version > 1 ? 'What changed in this version' : 'Note about this version (optional)'}
            hint={version > 1 ? 'Needed before publishing.' : undefined}
            rows={3}
            value={changeNote}
            onChange={(e) => edit(setChangeNote)(e.target.value)}
            error={errors.fields.changeNote}
          />
        </div>
        <div className="govuk-grid-column-one-half concord-live-breakdown">
          <section aria-labelledby="live-heading" data-testid="live-breakdown">
            <h3 className="govuk-heading-m" id="live-heading">
              Rates {perUnit(model.version.result.unit)}, as typed
            </h3>
            <div aria-live="polite" aria-atomic="false">
              {checked.result ? (
                <>
                  <p className="govuk-body-s govuk-!-margin-bottom-2">
                    {checked.result.rates.map((r) => `${r.band}: ${formatPence(r.ratePence)}`).join('; ')}
                  </p>
                  <ModelRates result={checked.result} live />
                </>
              ) : (
                <div className="govuk-inset-text" data-testid="breakdown-waiting">
                  The rates will show when every figure is complete and allowed: {checked.errors.summary[0]?.text ?? ''}.
                </div>
              )}
            </div>
          </section>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Save draft
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending} onClick={() => void save(true)}>
          Save and publish version {version}
        </button>
        <Link className="govuk-link" to={`/cost-models/${model.id}/versions/${version}`}>
          Back to version {version}
        </Link>
      </div>
    </form>
  );
}

/** What changed between two versions: each parameter before and after, and each rate before and after. */
function ComparePage({ model }: { model: CostModel }) {
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const valid = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const diff = useQuery({ ...trpc.costModel.diff.queryOptions({ costModelId: model.id, from, to }), enabled: valid });
  const later = useQuery({ ...trpc.costModel.get.queryOptions({ costModelId: model.id, version: to }), enabled: valid });
  usePageTitle(`Compare versions ${from} and ${to} – ${model.name}`);
  if (!valid) return <p className="govuk-body">Choose two versions to compare.</p>;
  if (errorCode(diff.error) === 'NOT_FOUND') return <p className="govuk-body">{errorMessage(diff.error)}.</p>;
  if (diff.isPending || later.isPending) return <Loading />;
  if (diff.isError) return <SectionProblem error={diff.error} />;
  const d = diff.data;
  const names = later.data?.version.parameters;
  type Change = (typeof d.parameters)[number];
  type RateChange = (typeof d.rates)[number];
  const unit = model.version.result.unit;
  return (
    <>
      <h2 className="govuk-heading-m">
        Changes from version {from} to version {to}
      </h2>
      {d.to.changeNote && (
        <div className="govuk-inset-text">
          <strong>What changed, as recorded:</strong> {d.to.changeNote}
        </div>
      )}
      <p className="govuk-body">
        Version {from} takes effect {formatDate(d.from.effectiveFrom)}; version {to} takes effect {formatDate(d.to.effectiveFrom)}.{' '}
        <Link className="govuk-link" to={`/cost-models/${model.id}`}>
          All versions
        </Link>
      </p>
      {d.parameters.length === 0 ? (
        <p className="govuk-body" data-testid="no-changes">
          The two versions have the same parameters.
        </p>
      ) : (
        <Table
          caption={`Parameters that changed (${d.parameters.length})`}
          rows={d.parameters}
          rowKey={(c) => c.path}
          rowTestId="parameter-change"
          columns={[
            { header: 'Parameter', rowHeader: true, cell: (c: Change) => describePath(model.kind, c.path, names) },
            { header: `Version ${from}`, numeric: true, cell: (c: Change) => describeValue(c.path, c.from) },
            { header: `Version ${to}`, numeric: true, cell: (c: Change) => describeValue(c.path, c.to) },
          ]}
        />
      )}
      <Table
        caption={`Rates ${perUnit(unit)}, before and after`}
        rows={d.rates}
        rowKey={(r) => r.band}
        rowTestId="rate-change"
        columns={[
          { header: 'Rate', rowHeader: true, cell: (r: RateChange) => r.band },
          { header: `Version ${from}`, numeric: true, cell: (r: RateChange) => (r.fromPence === null ? 'None' : formatPence(r.fromPence)) },
          { header: `Version ${to}`, numeric: true, cell: (r: RateChange) => (r.toPence === null ? 'None' : formatPence(r.toPence)) },
          {
            header: 'Change',
            numeric: true,
            cell: (r: RateChange) =>
              r.changePence === null || r.fromPence === null ? 'Not comparable' : `${signedPence(r.changePence)} (${r.fromPence === 0 ? '–' : signedPercent(Math.round((r.changePence / r.fromPence) * 1000) / 10)})`,
          },
        ]}
      />
    </>
  );
}
