import type { SelectHTMLAttributes } from 'react';
import { FieldGroup, fieldIds } from './FieldGroup.tsx';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'onChange'> {
  id: string;
  name: string;
  label: string;
  labelHidden?: boolean;
  hint?: string;
  error?: string | undefined;
  options: SelectOption[];
  /** A first, empty choice such as "Choose a provider". */
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}

/** GOV.UK select. Use radios for short lists; a select for long ones (providers, versions). */
export function Select({ id, name, label, labelHidden = false, hint, error, options, placeholder, value, onChange, className, ...select }: SelectProps) {
  const { describedBy } = fieldIds(id, hint, error);
  return (
    <FieldGroup id={id} label={label} labelClass={labelHidden ? 'govuk-visually-hidden' : undefined} hint={hint} error={error}>
      <select
        {...select}
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`govuk-select${error ? ' govuk-select--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}
