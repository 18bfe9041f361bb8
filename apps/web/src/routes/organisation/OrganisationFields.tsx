import { Checkbox } from '../../components/Checkboxes.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { Textarea } from '../../components/Textarea.tsx';

/** What an organisation tells us about itself, as the form holds it (issue 11, item 1). */
export interface OrganisationForm {
  legalName: string;
  companiesHouseNumber: string;
  cqcProviderId: string;
  registeredAddress: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  isSme: boolean;
  isVcse: boolean;
}

export const EMPTY_ORGANISATION: OrganisationForm = {
  legalName: '',
  companiesHouseNumber: '',
  cqcProviderId: '',
  registeredAddress: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  isSme: false,
  isVcse: false,
};

/** The API's field paths are the fields' ids on the page. */
export const ORGANISATION_FIELD_IDS: Record<string, string> = Object.fromEntries(Object.keys(EMPTY_ORGANISATION).map((k) => [k, k]));

/** The form as the API takes it: blank numbers are none. */
export function organisationInput(form: OrganisationForm) {
  return { ...form, companiesHouseNumber: form.companiesHouseNumber.trim() || null, cqcProviderId: form.cqcProviderId.trim() || null };
}

/** The organisation's fields, shared by registering and by changing its details. */
export function OrganisationFields({ form, onChange, errors }: { form: OrganisationForm; onChange: (form: OrganisationForm) => void; errors: Record<string, string> }) {
  const set = <K extends keyof OrganisationForm>(key: K, value: OrganisationForm[K]) => onChange({ ...form, [key]: value });
  return (
    <>
      <TextInput id="legalName" name="legalName" label="Legal name" hint="As registered at Companies House or with the Charity Commission." value={form.legalName} onChange={(e) => set('legalName', e.target.value)} error={errors.legalName} />
      <TextInput
        id="companiesHouseNumber"
        name="companiesHouseNumber"
        label="Companies House number"
        hint="8 characters, like 01234567 or SC123456. Give this, the CQC provider ID, or both."
        className="govuk-input--width-10"
        spellCheck={false}
        autoComplete="off"
        value={form.companiesHouseNumber}
        onChange={(e) => set('companiesHouseNumber', e.target.value)}
        error={errors.companiesHouseNumber}
      />
      <TextInput
        id="cqcProviderId"
        name="cqcProviderId"
        label="CQC provider ID"
        hint="Like 1-101634126."
        className="govuk-input--width-20"
        spellCheck={false}
        autoComplete="off"
        value={form.cqcProviderId}
        onChange={(e) => set('cqcProviderId', e.target.value)}
        error={errors.cqcProviderId}
      />
      <Textarea id="registeredAddress" name="registeredAddress" label="Registered address" rows={3} autoComplete="street-address" value={form.registeredAddress} onChange={(e) => set('registeredAddress', e.target.value)} error={errors.registeredAddress} />
      <TextInput id="contactName" name="contactName" label="Contact name" hint="Who councils should contact about procurements and contracts." autoComplete="off" value={form.contactName} onChange={(e) => set('contactName', e.target.value)} error={errors.contactName} />
      <TextInput id="contactEmail" name="contactEmail" label="Contact email address" type="email" spellCheck={false} autoComplete="off" value={form.contactEmail} onChange={(e) => set('contactEmail', e.target.value)} error={errors.contactEmail} />
      <TextInput id="contactPhone" name="contactPhone" label="Contact telephone number" type="tel" className="govuk-input--width-20" autoComplete="off" value={form.contactPhone} onChange={(e) => set('contactPhone', e.target.value)} error={errors.contactPhone} />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Type of organisation</legend>
          <div className="govuk-hint">Select all that apply.</div>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <Checkbox id="isSme" label="Small or medium-sized enterprise (SME)" checked={form.isSme} onChange={(v) => set('isSme', v)} />
            <Checkbox id="isVcse" label="Voluntary, community or social enterprise (VCSE)" checked={form.isVcse} onChange={(v) => set('isVcse', v)} />
          </div>
        </fieldset>
      </div>
    </>
  );
}
