import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, datePartsOf, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';
import { TenderDeadlineRule, type TenderContext } from './TenderDeadlineRule.tsx';
import { refreshNotices, type NoticeRecord } from './shared.tsx';

type Field = NoticeRecord['editableFields'][number];

const fieldId = (name: string) => `notice-field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
/** Where an error on a field links to: a date input's day box, else the input itself. */
const targetId = (f: Field) => (f.date ? `${fieldId(f.name)}-day` : fieldId(f.name));

/** Each field's error path (`fields.<name>`) and the element its error summary link lands on. */
export function noticeFieldIds(record: NoticeRecord): Record<string, string> {
  return Object.fromEntries(record.editableFields.map((f) => [`fields.${f.name}`, targetId(f)]));
}

/**
 * The few fields of a notice only a person can supply (the reason for a direct award, the wording of an assessment
 * summary, why a change is exempt, a tender's closing dates, the standstill choice): GOV.UK inputs with their hints,
 * saved with the version the page loaded, so an edit made meanwhile elsewhere is refused with the CONFLICT message
 * instead of overwritten. A tender notice's date inputs say the minimum period that applies and the earliest day.
 */
export function NoticeFieldsForm({ record, tender, onSaved }: { record: NoticeRecord; tender?: TenderContext | undefined; onSaved: (text: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(record.editableFields.filter((f) => !f.date).map((f) => [f.name, record.fields[f.name] ?? ''])));
  const [dates, setDates] = useState<Record<string, DateParts>>(() => Object.fromEntries(record.editableFields.filter((f) => f.date).map((f) => [f.name, datePartsOf(record.fields[f.name])])));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const ids = noticeFieldIds(record);
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
  // The dates as typed so far ('' for empty or not yet a real day), for the rule shown beside them.
  const typedDates = Object.fromEntries(Object.entries(dates).map(([name, d]) => [name, isoOf(d) ?? '']).map(([name, iso]) => [name, iso === 'invalid' ? '' : iso]));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const problems: ClientError[] = [];
    const fields: Record<string, string> = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    for (const f of record.editableFields.filter((x) => x.date)) {
      const iso = isoOf(dates[f.name]!);
      if (iso === 'invalid') problems.push({ id: targetId(f), text: `“${f.label}” must be a real date, for example 27 3 2027` });
      else fields[f.name] = iso ?? '';
    }
    setErrors(clientErrors(problems));
    if (problems.length) return;
    update.mutate({ id: record.id, rowVersion: record.rowVersion, fields });
  };
  const input = (f: Field) => {
    const common = { id: fieldId(f.name), name: f.name, label: f.label, ...(f.hint ? { hint: f.hint } : {}), value: values[f.name] ?? '', error: errors.fields[fieldId(f.name)] };
    if (f.date) {
      return (
        <div key={f.name}>
          <DateInput
            id={fieldId(f.name)}
            legend={f.label}
            legendSize="s"
            hint={`${f.hint ? `${f.hint}. ` : ''}For example, 27 3 2027`}
            value={dates[f.name]!}
            onChange={(d) => setDates({ ...dates, [f.name]: d })}
            error={errors.fields[targetId(f)]}
          />
          {tender && <TenderDeadlineRule field={f.name} context={tender} fields={{ ...values, ...typedDates }} />}
        </div>
      );
    }
    if (f.choices && f.radios) {
      return <Radios key={f.name} name={fieldId(f.name)} legend={f.label} legendSize="s" {...(f.hint ? { hint: f.hint } : {})} options={f.choices} value={values[f.name] ?? ''} onChange={(value) => setValues({ ...values, [f.name]: value })} error={errors.fields[fieldId(f.name)]} />;
    }
    if (f.choices) return <Select key={f.name} {...common} options={f.choices} onChange={(value) => setValues({ ...values, [f.name]: value })} />;
    return f.multiline ? (
      <Textarea key={f.name} {...common} rows={4} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
    ) : (
      <TextInput key={f.name} {...common} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
    );
  };
  return (
    <form noValidate onSubmit={submit} data-testid="notice-fields">
      <ErrorSummary errors={errors.summary} />
      {record.editableFields.map(input)}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={update.isPending}>
        Save changes
      </button>
    </form>
  );
}
