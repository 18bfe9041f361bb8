import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import type { ClientError } from '../../components/formErrors.ts';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { dateOf, textOf } from './formFields.ts';

/** Where the API's decision fields land on a contract form. */
const DECISION_FIELD_IDS = { justification: 'justification', legalBasis: 'legalBasis', decisionReference: 'decisionReference', decidedOn: 'decidedOn-day' };

/** The decision behind a variation: justification, legal basis, reference and date. `prefix` keeps ids unique on a page with several forms. */
export function DecisionFields({
  prefix = '',
  values,
  onChange,
  errors,
}: {
  prefix?: string;
  values: DecisionValues;
  onChange: (values: DecisionValues) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Partial<DecisionValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <Textarea id={`${prefix}justification`} name={`${prefix}justification`} label="Justification" rows={3} value={values.justification} onChange={(e) => set({ justification: e.target.value })} error={errors[`${prefix}justification`]} />
      <TextInput
        id={`${prefix}legalBasis`}
        name={`${prefix}legalBasis`}
        label="Legal basis"
        hint="For example, the contract clause or regulation relied on"
        value={values.legalBasis}
        onChange={(e) => set({ legalBasis: e.target.value })}
        error={errors[`${prefix}legalBasis`]}
      />
      <ReferenceAndDate prefix={prefix} reference={values.decisionReference} onReference={(decisionReference) => set({ decisionReference })} decided={values.decided} onDecided={(decided) => set({ decided })} errors={errors} />
    </>
  );
}

export interface DecisionValues {
  justification: string;
  legalBasis: string;
  decisionReference: string;
  decided: DateParts;
}
export const EMPTY_DECISION: DecisionValues = { justification: '', legalBasis: '', decisionReference: '', decided: EMPTY_DATE };

/** The decision as the API takes it, or problems against the fields (ids with `prefix`). */
export function decisionOf(values: DecisionValues, problems: ClientError[], prefix = '') {
  return {
    justification: textOf(values.justification, `${prefix}justification`, 'the justification', problems),
    legalBasis: textOf(values.legalBasis, `${prefix}legalBasis`, 'the legal basis', problems),
    decisionReference: textOf(values.decisionReference, `${prefix}decisionReference`, 'the decision reference', problems),
    decidedOn: dateOf(values.decided, `${prefix}decidedOn-day`, 'the decision date', problems) ?? '',
  };
}

/** The API's field paths for the decision mapped to the ids of a form's fields with `prefix`. */
export const decisionFieldIds = (prefix = '') => Object.fromEntries(Object.entries(DECISION_FIELD_IDS).map(([k, v]) => [k, `${prefix}${v}`]));

/** The decision reference and date every contract decision carries, with ids under `prefix`. */
export function ReferenceAndDate({ prefix, reference, onReference, decided, onDecided, errors }: { prefix: string; reference: string; onReference: (v: string) => void; decided: DateParts; onDecided: (d: DateParts) => void; errors: Record<string, string> }) {
  return (
    <>
      <TextInput
        id={`${prefix}decisionReference`}
        name={`${prefix}decisionReference`}
        label="Decision reference"
        hint="For example, the key decision number or the meeting and date"
        value={reference}
        onChange={(e) => onReference(e.target.value)}
        error={errors[`${prefix}decisionReference`]}
      />
      <DateInput id={`${prefix}decidedOn`} legend="Decision date" legendSize="s" value={decided} onChange={onDecided} error={errors[`${prefix}decidedOn-day`]} />
    </>
  );
}
