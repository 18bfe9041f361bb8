import type { ReactNode } from 'react';

export interface ChoiceOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

interface ChoiceGroupProps {
  /** The name of the inputs; the first input's id is this (so an error summary link lands on it). */
  name: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l';
  legendHidden?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  options: ChoiceOption[];
  small?: boolean;
  inline?: boolean;
}

/** The id of the n-th choice of a group: "name", then "name-2", "name-3" … as GOV.UK Frontend numbers them. */
export const choiceId = (name: string, index: number) => (index === 0 ? name : `${name}-${index + 1}`);

/** A fieldset with legend, hint and error, shared by radios and checkboxes. */
export function ChoiceFieldset({
  name,
  legend,
  legendSize,
  legendHidden = false,
  hint,
  error,
  children,
}: Omit<ChoiceGroupProps, 'options' | 'small' | 'inline'> & { children: ReactNode }) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend
          className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}${legendHidden ? ' govuk-visually-hidden' : ''}`}
        >
          {legend}
        </legend>
        {hint && (
          <div id={hintId!} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={errorId!} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        {children}
      </fieldset>
    </div>
  );
}

/** GOV.UK radios in a fieldset with a legend. */
export function Radios({ value, onChange, ...group }: ChoiceGroupProps & { value: string; onChange: (value: string) => void }) {
  const { name, options, small = false, inline = false } = group;
  return (
    <ChoiceFieldset {...group}>
      <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}${inline ? ' govuk-radios--inline' : ''}`} data-module="govuk-radios">
        {options.map((o, i) => {
          const id = choiceId(name, i);
          return (
            <div className="govuk-radios__item" key={o.value}>
              <input
                className="govuk-radios__input"
                id={id}
                name={name}
                type="radio"
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint && (
                <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
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
