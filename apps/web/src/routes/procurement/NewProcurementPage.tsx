import { regimeFor } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { todayIso } from '../../components/DateInput.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Loading } from '../../components/StatusPages.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useFormKey } from '../../components/useFormKey.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { checkProcurement, EMPTY_PROCUREMENT, PROCUREMENT_FIELD_IDS, ProcurementForm, type ProcurementFields } from './ProcurementForm.tsx';
import { usePartnershipsILead } from './shared.tsx';

export function NewProcurementPage() {
  const navigate = useNavigate();
  const { partnerships, isPending } = usePartnershipsILead();
  const [partnershipId, setPartnershipId] = useState('');
  const [reference, setReference] = useState('');
  // A procurement begun today follows the rules in force today: the Procurement Act 2023 since 24 February 2025 (issue 16).
  const [typed, setTyped] = useState<ProcurementFields>(() => ({ ...EMPTY_PROCUREMENT, regime: regimeFor({ startedOn: todayIso() }).regime }));
  /** Null until the user changes them: every member of the partnership buys unless the lead says otherwise. */
  const [buyers, setBuyers] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Create a procurement', hasErrors(errors));

  // With one partnership to lead there is nothing to choose.
  const chosenId = partnerships.length === 1 ? partnerships[0]!.id : partnershipId;
  const partnership = partnerships.find((p) => p.id === chosenId);
  const fields: ProcurementFields = { ...typed, buyerAuthorityIds: buyers ?? partnership?.members.map((m) => m.id) ?? [] };
  const setFields = (f: ProcurementFields) => {
    setTyped(f);
    if (f.buyerAuthorityIds !== fields.buyerAuthorityIds) setBuyers(f.buyerAuthorityIds);
  };

  const formKey = useFormKey();
  const create = useMutation({
    ...trpc.procurement.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshAfterChange(trpc.procurement.list.queryKey());
      navigate(`/procurements/${created.id}`, { state: { notice: `Procurement ${created.reference} created in draft` } });
    },
    onError: (error) => setErrors(apiFormErrors(error, PROCUREMENT_FIELD_IDS)),
  });

  if (isPending) return <Loading />;
  if (partnerships.length === 0) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot create a procurement</h1>
        <p className="govuk-body">
          Only a partnership’s lead commissioner, acting for its lead authority, can create a joint procurement. Ask your partnership’s lead
          authority if you need one.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/procurements">
            Go to joint procurements
          </Link>
        </p>
      </>
    );
  }

  function submit() {
    const checked = checkProcurement(fields);
    if (!checked.value) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    create.mutate({ partnershipId: chosenId, ...(reference.trim() && { reference }), ...checked.value, idempotencyKey: formKey.key });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/procurements">
          Back to joint procurements
        </Link>
        <h1 className="govuk-heading-l">Create a procurement</h1>
        <p className="govuk-body">It starts in draft. You can add lots, the specification and the evaluation criteria next.</p>
        <ProcurementForm
          fields={fields}
          onChange={setFields}
          errors={errors}
          buyers={partnership ? partnership.members : null}
          submitLabel="Create procurement"
          pending={create.isPending}
          onSubmit={submit}
          cancel={
            <Link className="govuk-link" to="/procurements">
              Cancel
            </Link>
          }
          before={
            <>
              {partnerships.length > 1 ? (
                <Radios
                  name="partnershipId"
                  legend="Partnership"
                  legendSize="s"
                  hint="The partnerships you lead. The procurement belongs to the partnership and is run by its lead authority."
                  options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
                  value={partnershipId}
                  onChange={(id) => {
                    setPartnershipId(id);
                    setBuyers(null);
                  }}
                  error={errors.fields.partnershipId}
                />
              ) : (
                <div className="govuk-form-group">
                  <h2 className="govuk-label govuk-label--s govuk-!-margin-bottom-1">Partnership</h2>
                  <p className="govuk-body" data-testid="partnership-name">
                    {partnerships[0]!.name}
                  </p>
                </div>
              )}
              <TextInput
                id="reference"
                name="reference"
                label="Reference (optional)"
                hint="Letters, digits, hyphens or slashes, like LCR-EC-2018. Leave blank and Concord will make one up."
                className="govuk-input--width-20"
                spellCheck={false}
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                error={errors.fields.reference}
              />
            </>
          }
        />
      </div>
    </div>
  );

}
