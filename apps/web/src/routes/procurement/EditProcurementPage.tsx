import { formatPence } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { useMe, useMyAuthority } from '../../session.tsx';
import { trpc } from '../../trpc.ts';
import { checkProcurement, PROCUREMENT_FIELD_IDS, ProcurementForm, type ProcurementFields } from './ProcurementForm.tsx';
import { isBeforePublication, isFinal, refreshProcurements, useSectionTitle, type Procurement } from './shared.tsx';
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx';

function fieldsOf(p: Procurement): ProcurementFields {
  return {
    title: p.title,
    description: p.description ?? '',
    serviceType: p.serviceType,
    route: p.route,
    regime: p.regime,
    estimatedValue: p.estimatedValuePence === null ? '' : formatPence(p.estimatedValuePence).replace('£', ''),
    systemTermMonths: p.systemTermMonths === null ? '' : String(p.systemTermMonths),
    minimumUseMonths: p.minimumUseMonths === null ? '' : String(p.minimumUseMonths),
    buyerAuthorityIds: p.buyers.map((b) => b.id),
  };
}

/** The lead commissioner changes the details: all of them before publication, the title and description after. */
export function EditProcurementPage({ p }: { p: Procurement }) {
  const navigate = useNavigate();
  const me = useMe();
  const mine = useMyAuthority(me.data);
  const [fields, setFields] = useState<ProcurementFields>(() => fieldsOf(p));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useSectionTitle('Edit details', p, hasErrors(errors));
  const locked = !isBeforePublication(p);
  const members = mine.data?.partnerships.find((x) => x.id === p.partnership.id)?.members ?? null;

  const update = useMutation(trpc.procurement.update.mutationOptions());
  const setBuyers = useMutation(trpc.procurement.setBuyers.mutationOptions());
  const pending = update.isPending || setBuyers.isPending;

  if (!p.canEdit || isFinal(p)) return <ReadOnlyNotice p={p} what="the details" />;

  async function submit() {
    const checked = checkProcurement(fields);
    if (!checked.value) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    const v = checked.value;
    try {
      // Sent with the version the page loaded: a save over someone else's newer one is refused, naming them.
      const saved = await update.mutateAsync({
        procurementId: p.id,
        version: p.rowVersion,
        title: v.title,
        description: v.description,
        ...(!locked && {
          serviceType: v.serviceType,
          route: v.route,
          regime: v.regime,
          estimatedValuePence: v.estimatedValuePence,
          systemTermMonths: v.systemTermMonths,
          minimumUseMonths: v.minimumUseMonths,
        }),
      });
      const buyersChanged = [...v.buyerAuthorityIds].sort().join() !== p.buyers.map((b) => b.id).sort().join();
      if (!locked && buyersChanged) await setBuyers.mutateAsync({ procurementId: p.id, version: saved.rowVersion, buyerAuthorityIds: v.buyerAuthorityIds });
      await refreshProcurements();
      navigate(`/procurements/${p.id}`, { state: { notice: 'The procurement’s details were saved' } });
    } catch (error) {
      setErrors(apiFormErrors(error, PROCUREMENT_FIELD_IDS));
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m">Edit details</h2>
        <ProcurementForm
          fields={fields}
          onChange={setFields}
          errors={errors}
          buyers={members}
          commercialLocked={locked}
          submitLabel="Save details"
          pending={pending}
          onSubmit={submit}
          cancel={
            <Link className="govuk-link" to={`/procurements/${p.id}`}>
              Cancel
            </Link>
          }
        />
      </div>
    </div>
  );
}
