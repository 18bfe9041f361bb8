import { SERVICE_TYPE_LABELS } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { NotificationBanner } from '../../components/NotificationBanner.tsx';
import { Select } from '../../components/Select.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { label } from '../../labels.ts';
import { trpc } from '../../trpc.ts';
import { refreshProcurements } from '../procurement/shared.tsx';
import { ComparePage } from './ComparePage.tsx';
import { EditDraftPage } from './EditDraftPage.tsx';
import { VersionPage } from './VersionPage.tsx';
import { VersionsTable, type Specification } from './VersionsTable.tsx';
import { RecordGate, useRecordId } from '../../components/RecordGate.tsx';

/** A specification: its heading, and the page chosen (overview, a version, the draft editor, a comparison). */
export function SpecificationPage() {
  const { id, valid } = useRecordId();
  const spec = useQuery({ ...trpc.specification.get.queryOptions({ specificationId: id }), enabled: valid });
  return (
    <RecordGate query={spec} valid={valid}>
      {(s) => <SpecificationFrame spec={s} />}
    </RecordGate>
  );
}

function SpecificationFrame({ spec }: { spec: Specification }) {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <>
      <Link className="govuk-back-link" to="/specifications">
        Back to specifications
      </Link>
      {notice && (
        <NotificationBanner success key={location.key}>
          {notice}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Overarching specification · {spec.partnershipName}</span>
      <h1 className="govuk-heading-l" data-testid="specification-title">
        {spec.title}
      </h1>
      <Routes>
        <Route index element={<Overview spec={spec} />} />
        <Route path="versions/:version" element={<VersionPage spec={spec} />} />
        <Route path="versions/:version/edit" element={<EditDraftPage spec={spec} />} />
        <Route path="compare" element={<ComparePage spec={spec} />} />
        <Route
          path="*"
          element={
            <p className="govuk-body">
              This specification has no such page.{' '}
              <Link className="govuk-link" to={`/specifications/${spec.id}`}>
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

function Overview({ spec }: { spec: Specification }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(spec.title, hasErrors(errors));
  const latest = spec.versions[spec.versions.length - 1]!;
  const published = spec.versions.filter((v) => v.status === 'published');
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Partnership', value: spec.partnershipName },
          { key: 'Service type', value: label(SERVICE_TYPE_LABELS, spec.serviceType) },
          { key: 'Latest published', value: published.length ? `Version ${published[published.length - 1]!.version}` : 'None yet' },
          {
            key: 'Used by',
            value:
              spec.usedBy.length === 0 ? (
                'No procurement has been published with it yet'
              ) : (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {spec.usedBy.map((u) => (
                    <li key={u.procurementId}>
                      <Link className="govuk-link" to={`/procurements/${u.procurementId}/specification`}>
                        {u.reference}
                      </Link>{' '}
                      {u.title} (version {u.version})
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      {spec.canEdit && latest.status === 'draft' && (
        <Link to={`/specifications/${spec.id}/versions/${latest.version}/edit`} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Edit draft version {latest.version}
        </Link>
      )}
      <VersionsTable spec={spec} />
      {spec.versions.length > 1 && <CompareForm spec={spec} />}
      {spec.canEdit && latest.status === 'published' && <NewVersionForm spec={spec} errors={errors} setErrors={setErrors} />}
    </>
  );
}

function CompareForm({ spec }: { spec: Specification }) {
  const navigate = useNavigate();
  const versions = spec.versions.map((v) => v.version);
  const [from, setFrom] = useState(String(versions[versions.length - 2]));
  const [to, setTo] = useState(String(versions[versions.length - 1]));
  const options = spec.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.status === 'draft' ? ' (draft)' : ''}` }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(`/specifications/${spec.id}/compare?from=${from}&to=${to}`);
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

function NewVersionForm({ spec, errors, setErrors }: { spec: Specification; errors: FormErrors; setErrors: (e: FormErrors) => void }) {
  const navigate = useNavigate();
  const [changeNote, setChangeNote] = useState('');
  const create = useMutation({
    ...trpc.specification.createDraft.mutationOptions(),
    onSuccess: async (created) => {
      await refreshProcurements();
      navigate(`/specifications/${spec.id}/versions/${created.version}/edit`, { state: { notice: `Version ${created.version} started as a draft, copied from the latest version` } });
    },
    onError: (error) => setErrors(apiFormErrors(error, { changeNote: 'changeNote', specificationId: 'changeNote' })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!create.isPending) create.mutate({ specificationId: spec.id, changeNote });
  };
  return (
    <div className="govuk-grid-row govuk-!-margin-top-6">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds" aria-labelledby="new-version-heading">
        <ErrorSummary errors={errors.summary} />
        <h2 className="govuk-heading-m" id="new-version-heading">
          Create a new version
        </h2>
        <p className="govuk-body">Published versions never change. A new version starts as a draft copy of the latest one.</p>
        <Textarea
          id="changeNote"
          name="changeNote"
          label="What changed"
          hint="For example, adds dementia provision and support for people with learning disabilities."
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
