import { CQC_RATING_LABELS, CQC_RATINGS } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Checkbox } from '../../components/Checkboxes.tsx';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { useMyRoles } from '../procurement/shared.tsx';
import { REGISTER_ROLES } from './ProvidersPage.tsx';

interface LocationRow {
  key: number;
  name: string;
  cqcLocationId: string;
  locality: string;
  rating: string;
  ratedOn: DateParts;
}

let keys = 0;
const newLocation = (): LocationRow => ({ key: ++keys, name: '', cqcLocationId: '', locality: '', rating: '', ratedOn: EMPTY_DATE });

/** Adds a provider, and its CQC locations and ratings, to the shared register. */
export function NewProviderPage() {
  const navigate = useNavigate();
  const roles = useMyRoles();
  const [legalName, setLegalName] = useState('');
  const [companiesHouseNumber, setCompaniesHouseNumber] = useState('');
  const [cqcProviderId, setCqcProviderId] = useState('');
  const [isSme, setIsSme] = useState(false);
  const [isVcse, setIsVcse] = useState(false);
  const [locations, setLocations] = useState<LocationRow[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Add a provider', hasErrors(errors));
  const formKey = useFormKey();

  const create = useMutation({
    ...trpc.provider.create.mutationOptions(),
    onSuccess: async (created) => {
      await refreshAfterChange(trpc.provider.pathKey());
      navigate(`/providers/${created.id}`, { state: { notice: `${legalName.trim()} was added to the register` } });
    },
    onError: (error) => {
      const ids: Record<string, string> = {
        legalName: 'legalName',
        companiesHouseNumber: 'companiesHouseNumber',
        cqcProviderId: 'cqcProviderId',
        locations: locations.length ? 'location-1-name' : 'legalName',
      };
      locations.forEach((_, i) => {
        const n = i + 1;
        Object.assign(ids, {
          [`locations.${i}.name`]: `location-${n}-name`,
          [`locations.${i}.cqcLocationId`]: `location-${n}-cqcLocationId`,
          [`locations.${i}.locality`]: `location-${n}-locality`,
          [`locations.${i}.rating`]: `location-${n}-rating`,
          [`locations.${i}.ratedOn`]: `location-${n}-ratedOn-day`,
        });
      });
      setErrors(apiFormErrors(error, ids));
    },
  });

  if (!roles.some((r) => REGISTER_ROLES.includes(r))) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot add a provider</h1>
        <p className="govuk-body">Only commissioners and contract officers can add providers to the register.</p>
      </>
    );
  }

  const update = (key: number, change: Partial<LocationRow>) => setLocations((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const problems: ClientError[] = [];
    const checked = locations.map((l, i) => {
      const ratedOn = isoOf(l.ratedOn);
      if (ratedOn === 'invalid') problems.push({ id: `location-${i + 1}-ratedOn-day`, text: `Enter the date location ${i + 1} was rated as a real date` });
      return {
        name: l.name,
        cqcLocationId: l.cqcLocationId.trim() || null,
        locality: l.locality.trim() || null,
        rating: (l.rating || null) as (typeof CQC_RATINGS)[number] | null,
        ratedOn: ratedOn === 'invalid' ? null : ratedOn,
      };
    });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    create.mutate({
      legalName,
      companiesHouseNumber: companiesHouseNumber.trim() || null,
      cqcProviderId: cqcProviderId.trim() || null,
      isSme,
      isVcse,
      locations: checked,
      idempotencyKey: formKey.key,
    });
  }

  return (
    <div className="govuk-grid-row">
      <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/providers">
          Back to the providers register
        </Link>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Add a provider</h1>
        <TextInput id="legalName" name="legalName" label="Legal name" hint="As registered at Companies House." value={legalName} onChange={(e) => setLegalName(e.target.value)} error={errors.fields.legalName} />
        <TextInput
          id="companiesHouseNumber"
          name="companiesHouseNumber"
          label="Companies House number (optional)"
          hint="8 characters, like 01234567 or SC123456."
          className="govuk-input--width-10"
          spellCheck={false}
          value={companiesHouseNumber}
          onChange={(e) => setCompaniesHouseNumber(e.target.value)}
          error={errors.fields.companiesHouseNumber}
        />
        <TextInput
          id="cqcProviderId"
          name="cqcProviderId"
          label="CQC provider ID (optional)"
          hint="Like 1-101634126."
          className="govuk-input--width-20"
          spellCheck={false}
          value={cqcProviderId}
          onChange={(e) => setCqcProviderId(e.target.value)}
          error={errors.fields.cqcProviderId}
        />
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Type of organisation</legend>
            <div className="govuk-hint">Select all that apply.</div>
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <Checkbox id="isSme" label="Small or medium-sized enterprise (SME)" checked={isSme} onChange={setIsSme} />
              <Checkbox id="isVcse" label="Voluntary, community or social enterprise (VCSE)" checked={isVcse} onChange={setIsVcse} />
            </div>
          </fieldset>
        </div>
        <h2 className="govuk-heading-m">CQC locations</h2>
        {locations.length === 0 && <p className="govuk-body">No locations added. Add the provider’s CQC-registered locations and their ratings.</p>}
        {locations.map((l, i) => {
          const n = i + 1;
          return (
            <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={l.key}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Location {n}</legend>
              <TextInput id={`location-${n}-name`} name={`location-${n}-name`} label="Name" value={l.name} onChange={(e) => update(l.key, { name: e.target.value })} error={errors.fields[`location-${n}-name`]} />
              <TextInput
                id={`location-${n}-cqcLocationId`}
                name={`location-${n}-cqcLocationId`}
                label="CQC location ID (optional)"
                className="govuk-input--width-20"
                spellCheck={false}
                value={l.cqcLocationId}
                onChange={(e) => update(l.key, { cqcLocationId: e.target.value })}
                error={errors.fields[`location-${n}-cqcLocationId`]}
              />
              <TextInput
                id={`location-${n}-locality`}
                name={`location-${n}-locality`}
                label="Locality (optional)"
                className="govuk-input--width-20"
                value={l.locality}
                onChange={(e) => update(l.key, { locality: e.target.value })}
                error={errors.fields[`location-${n}-locality`]}
              />
              <Select
                id={`location-${n}-rating`}
                name={`location-${n}-rating`}
                label="CQC rating (optional)"
                placeholder="Not known"
                options={CQC_RATINGS.map((r) => ({ value: r, label: CQC_RATING_LABELS[r] }))}
                value={l.rating}
                onChange={(rating) => update(l.key, { rating })}
                error={errors.fields[`location-${n}-rating`]}
              />
              <DateInput id={`location-${n}-ratedOn`} legend="Date rated (optional)" hint="For example, 14 5 2019" value={l.ratedOn} onChange={(ratedOn) => update(l.key, { ratedOn })} error={errors.fields[`location-${n}-ratedOn-day`]} />
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setLocations((ls) => ls.filter((x) => x.key !== l.key))}>
                Remove<span className="govuk-visually-hidden"> location {n}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setLocations((ls) => [...ls, newLocation()])}>
          {locations.length ? 'Add another location' : 'Add a location'}
        </button>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.isPending}>
            Add provider
          </button>
          <Link className="govuk-link" to="/providers">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
