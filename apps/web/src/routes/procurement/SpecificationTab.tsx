import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { trpc } from '../../trpc.ts';
import { VersionsTable } from '../specification/VersionsTable.tsx';
import { SpecificationSections } from '../specification/SpecificationSections.tsx';
import { isBeforePublication, refreshProcurements, SectionProblem, useSectionTitle, type Procurement } from './shared.tsx';

/** The overarching specification the procurement is let under: which one, its versions, and the text. */
export function SpecificationTab({ p }: { p: Procurement }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useSectionTitle('Specification', p, hasErrors(errors));
  const spec = p.specification;
  const canChoose = p.canEdit && isBeforePublication(p);
  // The version it was published with; before publication, the latest.
  const version = spec?.publishedWith?.version;
  const detail = useQuery({ ...trpc.specification.get.queryOptions({ specificationId: spec?.id ?? '', ...(version && { version }) }), enabled: !!spec });

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">Overarching specification</h2>
      {!spec && <p className="govuk-body">No specification has been chosen yet.{canChoose ? ' Choose the one the procurement is let under.' : ''}</p>}
      {canChoose && <ChooseSpecification p={p} errors={errors} setErrors={setErrors} />}
      {spec && detail.isPending && <Loading />}
      {spec && detail.isError && <SectionProblem error={detail.error} />}
      {spec && detail.data && (
        <>
          <p className="govuk-body-l">
            <Link className="govuk-link" to={`/specifications/${spec.id}`}>
              {spec.title}
            </Link>
          </p>
          <p className="govuk-body" data-testid="specification-version">
            {spec.publishedWith
              ? `The procurement was published with version ${spec.publishedWith.version}. Later versions apply to call-offs only once the partnership adopts them.`
              : 'The procurement will be published with the latest published version.'}
          </p>
          <VersionsTable spec={detail.data} highlight={spec.publishedWith?.version} />
          <h2 className="govuk-heading-m govuk-!-margin-top-6">
            Version {detail.data.current.version}
            {detail.data.current.status === 'draft' ? ' (draft)' : ''}
          </h2>
          <SpecificationSections sections={detail.data.current.sections} />
        </>
      )}
    </>
  );
}

function ChooseSpecification({ p, errors, setErrors }: { p: Procurement; errors: FormErrors; setErrors: (e: FormErrors) => void }) {
  const specs = useQuery(trpc.specification.list.queryOptions({ partnershipId: p.partnership.id }));
  const [chosen, setChosen] = useState(p.specification?.id ?? '');
  const update = useMutation({
    ...trpc.procurement.update.mutationOptions(),
    onSuccess: () => {
      setErrors(NO_ERRORS);
      return refreshProcurements();
    },
    onError: (error) => setErrors(apiFormErrors(error, { specificationId: 'specificationId' })),
  });
  if (specs.isPending) return <Loading />;
  if (specs.isError) return <SectionProblem error={specs.error} />;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!update.isPending) update.mutate({ procurementId: p.id, version: p.rowVersion, specificationId: chosen || null });
  };
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-bottom-6">
      {specs.data.length === 0 ? (
        <p className="govuk-body">The partnership has no overarching specification yet.</p>
      ) : (
        <Select
          id="specificationId"
          name="specificationId"
          label="Specification"
          hint="One of the partnership’s overarching specifications. It must have a published version before the procurement is published."
          placeholder="None"
          options={specs.data.map((s) => ({
            value: s.id,
            label: `${s.title} (${s.latestPublishedVersion ? `version ${s.latestPublishedVersion} published` : 'not published yet'})`,
          }))}
          value={chosen}
          onChange={setChosen}
          error={errors.fields.specificationId}
        />
      )}
      <div className="govuk-button-group">
        {specs.data.length > 0 && (
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={update.isPending}>
            Save specification
          </button>
        )}
        <Link className="govuk-link" to={`/specifications/new?partnershipId=${p.partnership.id}`}>
          Create a new specification
        </Link>
      </div>
    </form>
  );
}
