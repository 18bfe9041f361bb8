import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';
import { refreshNotices, type NoticeRecord } from './shared.tsx';

const fieldId = (name: string) => `notice-field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * The few fields of a notice only a person can supply (the reason for a direct award, the wording of an assessment
 * summary, why a change is exempt): GOV.UK inputs with their hints, saved with the version the page loaded, so an
 * edit made meanwhile elsewhere is refused with the CONFLICT message instead of overwritten.
 */
export function NoticeFieldsForm({ record, onSaved }: { record: NoticeRecord; onSaved: (text: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(record.editableFields.map((f) => [f.name, record.fields[f.name] ?? ''])));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const ids = Object.fromEntries(record.editableFields.map((f) => [`fields.${f.name}`, fieldId(f.name)]));
  const update = useMutation({
    ...trpc.notice.update.mutationOptions(),
    onSuccess: async () => {
      setErrors(NO_ERRORS);
      await refreshNotices();
      onSaved('Your changes to the notice are saved.');
    },
    onError: (error) => setErrors(apiFormErrors(error, { ...ids, fields: ids[`fields.${record.editableFields[0]?.name}`] ?? '' })),
  });
  if (record.editableFields.length === 0) {
    return <p className="govuk-body">Concord drafts every part of this notice from its data: there is nothing for you to add.</p>;
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate({ id: record.id, rowVersion: record.rowVersion, fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])) });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="notice-fields">
      <ErrorSummary errors={errors.summary} />
      {record.editableFields.map((f) => {
        const common = { id: fieldId(f.name), name: f.name, label: f.label, ...(f.hint ? { hint: f.hint } : {}), value: values[f.name] ?? '', error: errors.fields[fieldId(f.name)] };
        if (f.choices) {
          return <Select key={f.name} {...common} options={f.choices} onChange={(value) => setValues({ ...values, [f.name]: value })} />;
        }
        return f.multiline ? (
          <Textarea key={f.name} {...common} rows={4} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
        ) : (
          <TextInput key={f.name} {...common} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
        );
      })}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={update.isPending}>
        Save changes
      </button>
    </form>
  );
}
