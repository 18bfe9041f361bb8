import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { errorMessage, refreshAfterChange, trpc } from '../../trpc.ts';

/** The lead commissioner records an action from the meeting: owner authority, description, due date. */
export function AddActionForm({ meetingId, members }: { meetingId: string; members: { id: string; name: string }[] }) {
  const qc = useQueryClient();
  const [owner, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formKey = useFormKey();
  const add = useMutation(
    trpc.meeting.addAction.mutationOptions({
      onSuccess: async () => {
        formKey.renew();
        setDescription('');
        setDue(EMPTY_DATE);
        setErrors(NO_ERRORS);
        await qc.invalidateQueries(trpc.meeting.get.queryFilter({ meetingId }));
      },
      onError: (error) => setErrors(apiFormErrors(error, { ownerAuthorityId: 'action-owner', description: 'action-description', dueOn: 'action-due-day' })),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const dueOn = isoOf(due);
    const problems = [
      ...(owner ? [] : [{ id: 'action-owner', text: 'Choose the authority that owns the action' }]),
      ...(description.trim() ? [] : [{ id: 'action-description', text: 'Describe the action' }]),
      ...(dueOn && dueOn !== 'invalid' ? [] : [{ id: 'action-due-day', text: 'Enter the due date as a real date, for example 27 3 2027' }]),
    ];
    const found = clientErrors(problems);
    if (hasErrors(found)) return setErrors(found);
    add.mutate({ meetingId, ownerAuthorityId: owner, description: description.trim(), dueOn: dueOn as string, idempotencyKey: formKey.key });
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="add-action">
      <h2 className="govuk-heading-m">Add an action</h2>
      {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
      <Select id="action-owner" name="ownerAuthorityId" label="Owner" placeholder="Choose an authority" options={members.map((m) => ({ value: m.id, label: m.name }))} value={owner} onChange={setOwner} error={errors.fields['action-owner']} />
      <Textarea id="action-description" name="description" label="Action" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.fields['action-description']} />
      <DateInput id="action-due" legend="Due" value={due} onChange={setDue} error={errors.fields['action-due-day']} />
      <button type="submit" className="govuk-button" disabled={add.isPending}>
        Add action
      </button>
    </form>
  );
}

export const ACTION_STATUS_LABELS: Record<'open' | 'done' | 'dropped', string> = { open: 'Open', done: 'Done', dropped: 'Dropped' };
const ACTION_STATUSES = Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The lead commissioner changes an action's status (open, done or dropped), here or in a later meeting. */
export function ActionStatusForm({ action }: { action: { id: string; description: string; status: 'open' | 'done' | 'dropped'; rowVersion: number } }) {
  const [status, setStatus] = useState<string>(action.status);
  // Carried-forward actions show on later meetings too, so every meeting is refreshed.
  const change = useMutation(trpc.meeting.setActionStatus.mutationOptions({ onSuccess: () => refreshAfterChange(trpc.meeting.pathKey()) }));
  return (
    <form
      data-testid="action-status"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ actionId: action.id, version: action.rowVersion, status: status as 'open' | 'done' | 'dropped' });
      }}
    >
      <Select id={`status-${action.id}`} name="status" label={`Status of “${action.description}”`} labelHidden options={ACTION_STATUSES} value={status} onChange={setStatus} className="govuk-!-margin-bottom-1" />
      {change.isError ? <p className="govuk-error-message">{errorMessage(change.error)}</p> : null}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-0" disabled={change.isPending || status === action.status}>
        Save status<span className="govuk-visually-hidden"> of “{action.description}”</span>
      </button>
    </form>
  );
}
