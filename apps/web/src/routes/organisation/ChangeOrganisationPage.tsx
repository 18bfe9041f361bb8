import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { RecordStatus } from '../../components/RecordGate.tsx';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { ORGANISATION_HOME } from '../../session.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { ORGANISATION_FIELD_IDS, OrganisationFields, organisationInput, type OrganisationForm } from './OrganisationFields.tsx';

type Organisation = RouterOutputs['organisation']['mine']['organisation'];

/** The provider administrator changes the organisation's details (organisation.update, refused when stale). */
export function ChangeOrganisationPage() {
  const mine = useQuery(trpc.organisation.mine.queryOptions());
  if (!mine.isSuccess) return <RecordStatus query={mine} />;
  if (!mine.data.myRoles.includes('provider_admin')) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot change the organisation’s details</h1>
        <p className="govuk-body">Only a provider administrator of your organisation can change them.</p>
      </>
    );
  }
  return <ChangeForm organisation={mine.data.organisation} />;
}

const formOf = (o: Organisation): OrganisationForm => ({
  legalName: o.legalName,
  companiesHouseNumber: o.companiesHouseNumber ?? '',
  cqcProviderId: o.cqcProviderId ?? '',
  registeredAddress: o.registeredAddress ?? '',
  contactName: o.contactName ?? '',
  contactEmail: o.contactEmail ?? '',
  contactPhone: o.contactPhone ?? '',
  isSme: o.isSme,
  isVcse: o.isVcse,
});

function ChangeForm({ organisation }: { organisation: Organisation }) {
  const navigate = useNavigate();
  const [form, setForm] = useState(() => formOf(organisation));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Change your organisation’s details', hasErrors(errors));
  const update = useMutation({
    ...trpc.organisation.update.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.organisation.pathKey());
      navigate(ORGANISATION_HOME, { state: { notice: 'Your organisation’s details are saved' } });
    },
    onError: (error) => setErrors(apiFormErrors(error, ORGANISATION_FIELD_IDS)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate({ ...organisationInput(form), rowVersion: organisation.rowVersion });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={ORGANISATION_HOME}>
          Back to your organisation
        </Link>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Change your organisation’s details</h1>
        <form noValidate onSubmit={submit} data-testid="organisation-form">
          <OrganisationFields form={form} onChange={setForm} errors={errors.fields} />
          <SubmitOrCancel pending={update.isPending} onCancel={() => navigate(ORGANISATION_HOME)}>
            Save details
          </SubmitOrCancel>
        </form>
      </div>
    </div>
  );
}
