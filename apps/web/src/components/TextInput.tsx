import type { InputHTMLAttributes } from 'react';
import { FieldGroup, fieldIds } from './FieldGroup.tsx';

interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** The first error for this field, shown inline and announced with the field. */
  error?: string | undefined;
  /** Text before or after the box, such as "£" or "months" (GOV.UK prefix and suffix). */
  prefix?: string;
  suffix?: string;
  /** Hide the label visually (a field in a table row, labelled by its column and row). */
  labelHidden?: boolean;
}

/** GOV.UK text input with its label, optional hint and inline error message. */
export function TextInput({ id, name, label, hint, error, className, prefix, suffix, labelHidden = false, ...input }: TextInputProps) {
  const { describedBy } = fieldIds(id, hint, error);
  const field = (
    <input
      {...input}
      id={id}
      name={name}
      className={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    />
  );
  return (
    <FieldGroup id={id} label={label} labelClass={labelHidden ? 'govuk-visually-hidden' : undefined} hint={hint} error={error}>
      {prefix || suffix ? (
        <div className="govuk-input__wrapper">
          {prefix && (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          )}
          {field}
          {suffix && (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          )}
        </div>
      ) : (
        field
      )}
    </FieldGroup>
  );
}
