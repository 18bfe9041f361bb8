import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { usePartnershipsILead } from '../procurement/shared.tsx';

const FIELD_IDS = { partnershipId: 'meeting-partnership', heldOn: 'meeting-date-day', title: 'meeting-title', agenda: 'meeting-agenda', attending: 'attending' };

/**
 * The lead commissioner records a network meeting of a partnership they lead: its date, title, agenda and
 * the member authorities attending. Open actions from earlier meetings are carried into it.
 */
export function RecordMeetingForm() {
  const { partnerships } = usePartnershipsILead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [partnershipId, setPartnershipId] = useState('');
  const [heldOn, setHeldOn] = useState<DateParts>(EMPTY_DATE);
  const [title, setTitle] = useState('');
  const [agenda, setAgenda] = useState('');
  const [attending, setAttending] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formKey = useFormKey();
  const create = useMutation(
    trpc.meeting.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await refreshAfterChange(trpc.meeting.pathKey());
        await navigate(`/meetings/${id}`);
      },
      onError: (error) => setErrors(apiFormErrors(error, FIELD_IDS)),
    }),
  );
  if (partnerships.length === 0) return null;
  const chosen = partnerships.length === 1 ? partnerships[0]! : partnerships.find((p) => p.id === partnershipId);
  if (!open) {
    return (
      <button type="button" className="govuk-button" onClick={() => setOpen(true)}>
        Record a meeting
      </button>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const date = isoOf(heldOn);
    const problems: ClientError[] = [
      ...(chosen ? [] : [{ id: FIELD_IDS.partnershipId, text: 'Choose the partnership that met' }]),
      ...(date && date !== 'invalid' ? [] : [{ id: FIELD_IDS.heldOn, text: 'Enter the date of the meeting as a real date, for example 21 9 2023' }]),
      ...(title.trim() ? [] : [{ id: FIELD_IDS.title, text: 'Enter a title' }]),
    ];
    const found = clientErrors(problems);
    if (hasErrors(found)) return setErrors(found);
    create.mutate({ partnershipId: chosen!.id, heldOn: date as string, title: title.trim(), agenda, attending, idempotencyKey: formKey.key });
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="record-meeting" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m">Record a meeting</h2>
      {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
      {partnerships.length > 1 ? (
        <Select
          id={FIELD_IDS.partnershipId}
          name="partnershipId"
          label="Partnership"
          placeholder="Choose a partnership"
          options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
          value={partnershipId}
          onChange={(id) => {
            setPartnershipId(id);
            setAttending([]);
          }}
          error={errors.fields[FIELD_IDS.partnershipId]}
        />
      ) : (
        <p className="govuk-body">
          Partnership: <strong>{chosen!.name}</strong>
        </p>
      )}
      <DateInput id="meeting-date" legend="Date of the meeting" legendSize="s" hint="For example, 21 9 2023" value={heldOn} onChange={setHeldOn} error={errors.fields[FIELD_IDS.heldOn]} />
      <TextInput id={FIELD_IDS.title} name="title" label="Title" hint="For example, Peninsula network meeting, December" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields[FIELD_IDS.title]} />
      <Textarea id={FIELD_IDS.agenda} name="agenda" label="Agenda" hint="One item a line" rows={5} value={agenda} onChange={(e) => setAgenda(e.target.value)} error={errors.fields[FIELD_IDS.agenda]} />
      {chosen ? (
        <Checkboxes
          name="attending"
          legend="Authorities attending"
          legendSize="s"
          small
          options={chosen.members.map((m) => ({ value: m.id, label: m.name }))}
          values={attending}
          onChange={setAttending}
          error={errors.fields.attending}
        />
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Record meeting
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
