import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { errorCode, errorMessage, trpc } from '../../trpc.ts';
import { refreshProcurements, SectionProblem } from '../procurement/shared.tsx';
import { SpecificationSections } from './SpecificationSections.tsx';
import { SpecificationStatusTag, type Specification } from './VersionsTable.tsx';

/** One version, rendered from its Markdown; a draft can be edited or published by the lead commissioner. */
export function VersionPage({ spec }: { spec: Specification }) {
  const { version: param = '' } = useParams();
  const version = /^\d{1,4}$/.test(param) ? Number(param) : 0;
  const exists = spec.versions.some((v) => v.version === version);
  const detail = useQuery({ ...trpc.specification.get.queryOptions({ specificationId: spec.id, version }), enabled: exists });
  const [problem, setProblem] = useState<string | null>(null);
  // Publishing cannot be undone: the button asks first, then 'Yes, publish' publishes and the page says so.
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  usePageTitle(`Version ${version} – ${spec.title}`, problem !== null);
  const publish = useMutation({
    ...trpc.specification.publish.mutationOptions(),
    onSuccess: async () => {
      await refreshProcurements();
      await detail.refetch();
      setConfirming(false);
      navigate(`/specifications/${spec.id}/versions/${version}`, { replace: true, state: { notice: `Version ${version} was published. It can no longer change.` } });
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(errorMessage(error));
    },
  });
  if (!exists || errorCode(detail.error) === 'BAD_REQUEST') return <p className="govuk-body">This specification has no version {param}.</p>;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <SectionProblem error={detail.error} />;
  const v = detail.data.current;
  const base = `/specifications/${spec.id}`;
  return (
    <>
      {problem && <ErrorSummary errors={[{ text: problem }]} />}
      <div className="concord-heading-row">
        <h2 className="govuk-heading-l">
          Version {v.version} <SpecificationStatusTag status={v.status} />
        </h2>
        {spec.canEdit && v.status === 'draft' && !confirming && (
          <div className="concord-button-group">
            <Link to={`${base}/versions/${v.version}/edit`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Edit this draft
            </Link>
            <button type="button" className="govuk-button" data-module="govuk-button" disabled={publish.isPending} onClick={() => {
                setProblem(null);
                setConfirming(true);
              }}>
              Publish version {v.version}
            </button>
          </div>
        )}
      </div>
      {spec.canEdit && v.status === 'draft' && confirming && (
        <ConfirmStep
          question={`Publish version ${v.version} of “${spec.title}”?`}
          consequence="Publishing cannot be undone: a published version can no longer change, and every partner authority sees it as the current version."
          confirmLabel={`Yes, publish version ${v.version}`}
          pending={publish.isPending}
          onConfirm={() => publish.mutate({ versionId: v.id })}
          onCancel={() => setConfirming(false)}
        />
      )}
      {v.status === 'published' && <AdoptionInset />}
      <SummaryList
        rows={[
          { key: 'Status', value: v.status === 'published' ? 'Published: this version can no longer change' : 'Draft: not in use until published' },
          ...(v.publishedAt ? [{ key: 'Published', value: `${formatDateTime(v.publishedAt)} by ${v.publishedBy ?? 'the lead authority'}` }] : []),
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
      <SpecificationSections sections={v.sections} />
    </>
  );
}

/** How a partnership takes up a new published version (issue 13, item 4): what the lead does, what partners see. */
function AdoptionInset() {
  return (
    <div className="govuk-inset-text" data-testid="adoption">
      <p className="govuk-body">
        <strong>How the partnership adopts a new version.</strong> Once the lead commissioner publishes a version, it is the partnership’s
        current specification straight away: every partner authority sees it here and can compare it with the version before. Each procurement
        the lead publishes from then on is let under the newest published version. A procurement already published keeps the version it was
        published with, so the terms providers applied on do not change under them.
      </p>
    </div>
  );
}
