import type { CostModelKind } from '@concord/domain';
import { TextInput } from '../../components/TextInput.tsx';
import { emptyItem, itemId, KIND_SPECS, topId, type FieldSpec, type ParameterFields } from './parameters.ts';

/** The parameters of a model of one kind, as GOV.UK inputs: the model's own figures, then each band or scheme in its fieldset. */
export function ParameterForm({
  kind,
  fields,
  onChange,
  errors,
}: {
  kind: CostModelKind;
  fields: ParameterFields;
  onChange: (fields: ParameterFields) => void;
  errors: Record<string, string>;
}) {
  const spec = KIND_SPECS[kind];
  const input = (f: FieldSpec, id: string, value: string, set: (v: string) => void) => (
    <TextInput
      key={id}
      id={id}
      name={id}
      label={f.label}
      hint={f.hint}
      prefix={f.type === 'pence' ? '£' : undefined}
      suffix={f.suffix}
      inputMode={f.type === 'text' ? undefined : 'decimal'}
      spellCheck={f.type === 'text'}
      className={f.type === 'text' ? 'govuk-!-width-full' : f.type === 'sizes' ? 'govuk-input--width-10' : 'govuk-input--width-5'}
      value={value}
      onChange={(e) => set(e.target.value)}
      error={errors[id]}
    />
  );
  return (
    <>
      {spec.top.map((f) => input(f, topId(f.key), fields.top[f.key] ?? '', (v) => onChange({ ...fields, top: { ...fields.top, [f.key]: v } })))}
      {spec.list && (
        <div id={`pm-${spec.list.key}`} tabIndex={-1}>
          {errors[`pm-${spec.list.key}`] && (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors[`pm-${spec.list.key}`]}
            </p>
          )}
          {fields.items.map((item, i) => {
            const list = spec.list!;
            const name = item[list.nameKey]?.trim();
            return (
              <fieldset className="govuk-fieldset concord-parameter-item" key={i} data-testid="parameter-item">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  {list.itemName} {i + 1}
                  {name ? `: ${name}` : ''}
                </legend>
                {list.fields.map((f) =>
                  input(f, itemId(list.key, i, f.key), item[f.key] ?? '', (v) =>
                    onChange({ ...fields, items: fields.items.map((x, j) => (j === i ? { ...x, [f.key]: v } : x)) }),
                  ),
                )}
                {fields.items.length > 1 && (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => onChange({ ...fields, items: fields.items.filter((_, j) => j !== i) })}
                  >
                    Remove<span className="govuk-visually-hidden"> {list.itemName.toLowerCase()} {i + 1}</span>
                  </button>
                )}
              </fieldset>
            );
          })}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange({ ...fields, items: [...fields.items, emptyItem(kind)] })}>
            Add a {spec.list.itemName.toLowerCase()}
          </button>
        </div>
      )}
    </>
  );
}
