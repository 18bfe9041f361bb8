import type { TextareaHTMLAttributes } from 'react';
import { FieldGroup, fieldIds } from './FieldGroup.tsx';

interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  id: string;
  name: string;
  label: string;
  /** Show the label as a heading-sized label ("s", "m" or "l"), for a page or section whose question it is. */
  labelSize?: 's' | 'm' | 'l';
  labelHidden?: boolean;
  hint?: string;
  error?: string | undefined;
}

/** GOV.UK textarea with its label, optional hint and inline error message. */
export function Textarea({ id, name, label, labelSize, labelHidden = false, hint, error, className, rows = 5, ...textarea }: TextareaProps) {
  const { describedBy } = fieldIds(id, hint, error);
  const labelClass = [labelSize ? `govuk-label--${labelSize}` : '', labelHidden ? 'govuk-visually-hidden' : ''].filter(Boolean).join(' ');
  return (
    <FieldGroup id={id} label={label} labelClass={labelClass || undefined} hint={hint} error={error}>
      <textarea
        {...textarea}
        id={id}
        name={name}
        rows={rows}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
    </FieldGroup>
  );
}
