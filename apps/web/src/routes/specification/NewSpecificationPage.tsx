import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { trpc } from '../../trpc.ts';
import { refreshProcurements, usePartnershipsILead } from '../procurement/shared.tsx';

/** A new overarching specification: version 1 starts as a draft with the usual sections. */
export function NewSpecificationPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { partnerships, isPending } = usePartnershipsILead();
  const [partnershipId, setPartnershipId] = useState(params.get('partnershipId') ?? '');
  const [title, setTitle] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Create a specification', hasErrors(errors));
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.specification.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshProcurements();
      navigate(`/specifications/${created.id}/versions/1/edit`, { state: { notice: 'Specification created. Write version 1, then publish it.' } });
    },
    onError: (error) => setErrors(apiFormErrors(error, { partnershipId: 'partnershipId', title: 'title', serviceType: 'serviceType' })),
  });
  if (isPending) return <Loading />;
  if (partnerships.length === 0) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot create a specification</h1>
        <p className="govuk-body">Only a partnership’s lead commissioner, acting for its lead authority, can create its overarching specification.</p>
      </>
    );
  }
  const chosen = partnerships.length === 1 ? partnerships[0]!.id : partnershipId;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ partnershipId: chosen, title, serviceType: serviceType as (typeof SERVICE_TYPES)[number], idempotencyKey: formKey.key });
  }
  return (
    <div className="govuk-grid-row">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/specifications">
          Back to specifications
        </Link>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Create a specification</h1>
        {partnerships.length > 1 ? (
          <Radios
            name="partnershipId"
            legend="Partnership"
            legendSize="s"
            options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
            value={partnershipId}
            onChange={setPartnershipId}
            error={errors.fields.partnershipId}
          />
        ) : (
          <p className="govuk-body">
            For <strong>{partnerships[0]!.name}</strong>.
          </p>
        )}
        <TextInput id="title" name="title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
        <Radios
          name="serviceType"
          legend="Service type"
          legendSize="s"
          small
          options={SERVICE_TYPES.map((v) => ({ value: v, label: SERVICE_TYPE_LABELS[v] }))}
          value={serviceType}
          onChange={setServiceType}
          error={errors.fields.serviceType}
        />
        <p className="govuk-body">It starts with sections for outcomes, service requirements, quality, workforce and monitoring. You can change them.</p>
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
          Create specification
        </button>
      </form>
    </div>
  );
}
