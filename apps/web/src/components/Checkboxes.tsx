import { ChoiceFieldset, choiceId, type ChoiceOption } from './Radios.tsx';

interface CheckboxesProps {
  name: string;
  legend: React.ReactNode;
  legendSize?: 's' | 'm' | 'l';
  legendHidden?: boolean;
  hint?: React.ReactNode;
  error?: string | undefined;
  options: ChoiceOption[];
  small?: boolean;
  values: readonly string[];
  onChange: (values: string[]) => void;
}

/** GOV.UK checkboxes in a fieldset with a legend; the chosen values keep the options' order. */
export function Checkboxes({ values, onChange, small = false, ...group }: CheckboxesProps) {
  const { name, options } = group;
  const toggle = (value: string, checked: boolean) => {
    const next = new Set(values);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <ChoiceFieldset {...group}>
      <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
        {options.map((o, i) => {
          const id = choiceId(name, i);
          return (
            <div className="govuk-checkboxes__item" key={o.value}>
              <input
                className="govuk-checkboxes__input"
                id={id}
                name={name}
                type="checkbox"
                value={o.value}
                checked={values.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint && (
                <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {o.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </ChoiceFieldset>
  );
}

/** A single yes/no checkbox (no fieldset of its own), e.g. "SME" inside a wider fieldset. */
export function Checkbox({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="govuk-checkboxes__item">
      <input
        className="govuk-checkboxes__input"
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-item-hint` : undefined}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      )}
    </div>
  );
}
