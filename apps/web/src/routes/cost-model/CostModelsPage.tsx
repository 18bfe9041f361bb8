import { COST_MODEL_KINDS, COST_MODEL_KIND_LABELS, type CostModelKind } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Table } from '../../components/Table.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { usePartnershipsILead } from '../procurement/shared.tsx';
import { STARTER_PARAMETERS } from './parameters.ts';
import { CostOfCareNavigation, kindLabel, refreshCostOfCare, StatusTag, type CostModelSummary } from './shared.tsx';

/** The cost models of my partnerships, and (for a partnership's lead commissioner) the way to start one. */
export function CostModelsPage() {
  usePageTitle('Cost models');
  const models = useQuery(trpc.costModel.list.queryOptions({}));
  const { partnerships: leading } = usePartnershipsILead();
  if (models.isPending) return <Loading />;
  if (models.isError) return <ProblemPage error={models.error} />;
  return (
    <>
      <h1 className="govuk-heading-l">Cost models</h1>
      <CostOfCareNavigation />
      <p className="govuk-body">
        Each partnership’s shared model of what care should cost, with every rate built up line by line. Members read every version; only the partnership’s lead
        commissioner changes it, and a published version never changes.
      </p>
      {leading.length > 0 && (
        <Link to="/cost-models/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Create a model
        </Link>
      )}
      {models.data.length === 0 ? (
        <p className="govuk-body" data-testid="no-cost-models">
          None of your partnerships has a cost model yet.
        </p>
      ) : (
        <Table
          caption="Cost models of your partnerships"
          rows={models.data}
          rowKey={(m) => m.id}
          rowTestId="cost-model"
          columns={[
            {
              header: 'Model',
              rowHeader: true,
              width: 'govuk-!-width-one-quarter',
              cell: (m: CostModelSummary) => (
                <Link className="govuk-link" to={`/cost-models/${m.id}`}>
                  {m.name}
                </Link>
              ),
            },
            { header: 'Partnership', cell: (m: CostModelSummary) => m.partnershipName },
            { header: 'Kind', cell: (m: CostModelSummary) => kindLabel(m.kind) },
            {
              header: 'Latest version',
              cell: (m: CostModelSummary) => (
                <span className="concord-nowrap">
                  Version {m.latestVersion} <StatusTag status={m.hasDraft ? 'draft' : 'published'} />
                </span>
              ),
            },
            {
              header: 'In effect',
              cell: (m: CostModelSummary) => (m.current ? `Version ${m.current.version}, from ${formatDate(m.current.effectiveFrom)}` : 'Nothing published yet'),
            },
          ]}
        />
      )}
    </>
  );
}

/** A new model: its partnership, name, kind and date; version 1 starts as a draft from plausible figures, opened in the editor. */
export function NewCostModelPage() {
  const navigate = useNavigate();
  const { partnerships, isPending } = usePartnershipsILead();
  const [partnershipId, setPartnershipId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [effective, setEffective] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Create a cost model', hasErrors(errors));
  const chosenId = partnerships.length === 1 ? partnerships[0]!.id : partnershipId;
  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.costModel.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshCostOfCare();
      navigate(`/cost-models/${created.id}/versions/1/edit`, { state: { notice: 'Cost model created. Version 1 is a draft: set its figures, then publish it.' } });
    },
    onError: (error) => setErrors(apiFormErrors(error, { partnershipId: 'partnershipId', name: 'name', kind: 'kind', description: 'description', effectiveFrom: 'effectiveFrom-day' })),
  });

  if (isPending) return <Loading />;
  if (partnerships.length === 0) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot create a cost model</h1>
        <p className="govuk-body">Only a partnership’s lead commissioner, acting for its lead authority, can create its shared cost model.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/cost-models">
            Go to cost models
          </Link>
        </p>
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    if (!chosenId) problems.push({ id: 'partnershipId', text: 'Choose a partnership' });
    if (!name.trim()) problems.push({ id: 'name', text: 'Enter a name for the cost model' });
    if (!kind) problems.push({ id: 'kind', text: 'Choose the kind of cost model' });
    const iso = isoOf(effective);
    if (iso === null) problems.push({ id: 'effectiveFrom-day', text: 'Enter the date the rates take effect' });
    else if (iso === 'invalid') problems.push({ id: 'effectiveFrom-day', text: 'The date the rates take effect must be a real date' });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({
      idempotencyKey: formKey.key,
      partnershipId: chosenId,
      name,
      kind: kind as CostModelKind,
      ...(description.trim() && { description }),
      effectiveFrom: iso as string,
      parameters: STARTER_PARAMETERS[kind as CostModelKind],
    });
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/cost-models">
          Back to cost models
        </Link>
        <form noValidate onSubmit={submit}>
          <ErrorSummary errors={errors.summary} />
          <h1 className="govuk-heading-l">Create a cost model</h1>
          <p className="govuk-body">Version 1 starts as a draft with example figures. You set the real figures next, and see the rates worked out as you type.</p>
          {partnerships.length > 1 ? (
            <Radios
              name="partnershipId"
              legend="Partnership"
              legendSize="s"
              hint="The partnerships you lead."
              options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
              value={partnershipId}
              onChange={setPartnershipId}
              error={errors.fields.partnershipId}
            />
          ) : (
            <div className="govuk-form-group">
              <h2 className="govuk-label govuk-label--s govuk-!-margin-bottom-1">Partnership</h2>
              <p className="govuk-body">{partnerships[0]!.name}</p>
            </div>
          )}
          <TextInput id="name" name="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
          <Radios
            name="kind"
            legend="Kind of model"
            legendSize="s"
            options={COST_MODEL_KINDS.map((k) => ({ value: k, label: COST_MODEL_KIND_LABELS[k] }))}
            value={kind}
            onChange={setKind}
            error={errors.fields.kind}
          />
          <DateInput id="effectiveFrom" legend="When the rates take effect" legendSize="s" hint="For example, 1 4 2025" value={effective} onChange={setEffective} error={errors.fields['effectiveFrom-day']} />
          <Textarea id="description" name="description" label="About this model (optional)" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields.description} />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
              Create model
            </button>
            <Link className="govuk-link" to="/cost-models">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}
