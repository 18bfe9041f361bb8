import { parsePounds, REGIME_LABELS, REGIMES, ROUTE_HINTS, ROUTE_LABELS, ROUTES, SERVICE_TYPE_LABELS, SERVICE_TYPES } from '@concord/domain';
import type { FormEvent, ReactNode } from 'react';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { clientErrors, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';

/** The fields of a procurement as typed (strings), before they are checked and sent. */
export interface ProcurementFields {
  title: string;
  description: string;
  serviceType: string;
  route: string;
  regime: string;
  estimatedValue: string;
  systemTermMonths: string;
  minimumUseMonths: string;
  buyerAuthorityIds: string[];
}

export const EMPTY_PROCUREMENT: ProcurementFields = {
  title: '',
  description: '',
  serviceType: '',
  route: '',
  regime: '',
  estimatedValue: '',
  systemTermMonths: '',
  minimumUseMonths: '',
  buyerAuthorityIds: [],
};

/** Where the API's field names land on this form. */
export const PROCUREMENT_FIELD_IDS: Record<string, string> = {
  partnershipId: 'partnershipId',
  reference: 'reference',
  title: 'title',
  description: 'description',
  serviceType: 'serviceType',
  route: 'route',
  regime: 'regime',
  estimatedValuePence: 'estimatedValue',
  systemTermMonths: 'systemTermMonths',
  minimumUseMonths: 'minimumUseMonths',
  buyerAuthorityIds: 'buyerAuthorityIds',
};

export interface CheckedProcurement {
  title: string;
  description: string | null;
  serviceType: (typeof SERVICE_TYPES)[number];
  route: (typeof ROUTES)[number];
  regime: (typeof REGIMES)[number];
  estimatedValuePence: number | null;
  systemTermMonths: number | null;
  minimumUseMonths: number | null;
  buyerAuthorityIds: string[];
}

function wholeMonths(text: string, what: string, id: string, problems: ClientError[]): number | null {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+$/.test(t)) {
    problems.push({ id, text: `${what} must be a whole number of months, like 60` });
    return null;
  }
  return Number(t);
}

/**
 * The checks the page can make before asking the API (money and months that are not numbers); the API
 * checks the rest (required choices, terms that contradict each other) and its messages name the field.
 */
export function checkProcurement(f: ProcurementFields): { value: CheckedProcurement | null; errors: FormErrors } {
  const problems: ClientError[] = [];
  let estimatedValuePence: number | null = null;
  if (f.estimatedValue.trim()) {
    try {
      estimatedValuePence = parsePounds(f.estimatedValue);
    } catch {
      problems.push({ id: 'estimatedValue', text: 'Enter the estimated value as an amount of money, like £1,250,000' });
    }
  }
  const systemTermMonths = wholeMonths(f.systemTermMonths, 'The system term', 'systemTermMonths', problems);
  const minimumUseMonths = wholeMonths(f.minimumUseMonths, 'The minimum period of use', 'minimumUseMonths', problems);
  if (problems.length > 0) return { value: null, errors: clientErrors(problems) };
  return {
    value: {
      title: f.title,
      description: f.description.trim() ? f.description : null,
      // Sent as typed: an empty choice is refused by the API with the field's own message.
      serviceType: f.serviceType as CheckedProcurement['serviceType'],
      route: f.route as CheckedProcurement['route'],
      regime: f.regime as CheckedProcurement['regime'],
      estimatedValuePence,
      systemTermMonths,
      minimumUseMonths,
      buyerAuthorityIds: f.buyerAuthorityIds,
    },
    errors: { summary: [], fields: {} },
  };
}

/**
 * The procurement's details. `commercialLocked` (after publication) leaves only the title and description
 * editable; `buyers` lists the partnership's members to choose from.
 */
export function ProcurementForm({
  fields,
  onChange,
  errors,
  buyers,
  commercialLocked = false,
  before,
  submitLabel,
  pending,
  onSubmit,
  cancel,
}: {
  fields: ProcurementFields;
  onChange: (fields: ProcurementFields) => void;
  errors: FormErrors;
  buyers: { id: string; name: string; isLead?: boolean }[] | null;
  commercialLocked?: boolean;
  before?: ReactNode;
  submitLabel: string;
  pending: boolean;
  onSubmit: () => void;
  cancel: ReactNode;
}) {
  const set = <K extends keyof ProcurementFields>(key: K, value: ProcurementFields[K]) => onChange({ ...fields, [key]: value });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors.summary} />
      {before}
      <TextInput id="title" name="title" label="Title" value={fields.title} onChange={(e) => set('title', e.target.value)} error={errors.fields.title} />
      <Textarea
        id="description"
        name="description"
        label="Description (optional)"
        hint="What is being bought, for whom, and how authorities will call off from it."
        value={fields.description}
        onChange={(e) => set('description', e.target.value)}
        error={errors.fields.description}
      />
      {commercialLocked ? (
        <div className="govuk-inset-text">The service type, route, regime, value, terms and buyers were fixed when the procurement was published.</div>
      ) : (
        <>
          <Radios
            name="serviceType"
            legend="Service type"
            legendSize="s"
            small
            options={SERVICE_TYPES.map((v) => ({ value: v, label: SERVICE_TYPE_LABELS[v] }))}
            value={fields.serviceType}
            onChange={(v) => set('serviceType', v)}
            error={errors.fields.serviceType}
          />
          <Radios
            name="route"
            legend="Procurement route"
            legendSize="s"
            small
            options={ROUTES.map((v) => ({ value: v, label: ROUTE_LABELS[v], hint: ROUTE_HINTS[v] }))}
            value={fields.route}
            onChange={(v) => set('route', v)}
            error={errors.fields.route}
          />
          <Radios
            name="regime"
            legend="Procurement regime"
            legendSize="s"
            small
            options={REGIMES.map((v) => ({ value: v, label: REGIME_LABELS[v] }))}
            value={fields.regime}
            onChange={(v) => set('regime', v)}
            error={errors.fields.regime}
          />
          <TextInput
            id="estimatedValue"
            name="estimatedValue"
            label="Estimated value (optional)"
            hint="The total over the system term, in pounds."
            prefix="£"
            inputMode="decimal"
            spellCheck={false}
            className="govuk-input--width-10"
            value={fields.estimatedValue}
            onChange={(e) => set('estimatedValue', e.target.value)}
            error={errors.fields.estimatedValue}
          />
          <TextInput
            id="systemTermMonths"
            name="systemTermMonths"
            label="System term (optional)"
            hint="How long the arrangement runs, in months. For example, 120 for a PDPS of 10 years."
            suffix="months"
            inputMode="numeric"
            className="govuk-input--width-4"
            value={fields.systemTermMonths}
            onChange={(e) => set('systemTermMonths', e.target.value)}
            error={errors.fields.systemTermMonths}
          />
          <TextInput
            id="minimumUseMonths"
            name="minimumUseMonths"
            label="Minimum period of use (optional)"
            hint="How long the buyers commit to use it, in months. For example, 60 for at least 5 years."
            suffix="months"
            inputMode="numeric"
            className="govuk-input--width-4"
            value={fields.minimumUseMonths}
            onChange={(e) => set('minimumUseMonths', e.target.value)}
            error={errors.fields.minimumUseMonths}
          />
          {buyers && (
            <Checkboxes
              name="buyerAuthorityIds"
              legend="Buyers"
              legendSize="s"
              hint="The member authorities that may call off from this arrangement."
              options={buyers.map((b) => ({ value: b.id, label: b.isLead ? `${b.name} (lead authority)` : b.name }))}
              values={fields.buyerAuthorityIds}
              onChange={(v) => set('buyerAuthorityIds', v)}
              error={errors.fields.buyerAuthorityIds}
            />
          )}
        </>
      )}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending} aria-disabled={pending}>
          {submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
