import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { DateInput, datePartsOf, isoOf, todayIso, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { noticeFieldIds } from './NoticeFieldsForm.tsx';
import { noticeTitle, refreshNotices, type NoticeRecord } from './shared.tsx';

/** Find a Tender's notice identifiers: six digits, a hyphen and the year (the API checks the same). */
const IDENTIFIER = /^\d{6}-\d{4}$/;

type Done = (text: string) => void;

/** A draft is marked as ready once checked: the step before it is published on Find a Tender. */
export function MarkReady({ record, onDone }: { record: NoticeRecord; onDone: Done }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const ready = useMutation({
    ...trpc.notice.markReady.mutationOptions(),
    onSuccess: async () => {
      setErrors(NO_ERRORS);
      await refreshNotices();
      onDone(`${noticeTitle(record.type)} is ready to publish on Find a Tender.`);
    },
    // A field the notice still needs (a tender's closing date…) links to its input above.
    onError: (error) => setErrors(apiFormErrors(error, noticeFieldIds(record))),
  });
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <button type="button" className="govuk-button" data-module="govuk-button" disabled={ready.isPending} onClick={() => ready.mutate({ id: record.id, rowVersion: record.rowVersion })} data-testid="mark-ready">
        Mark as ready
      </button>
    </>
  );
}

/**
 * After publishing on Find a Tender: its notice identifier and the day it was published, then a confirmation
 * step (a published notice cannot be edited, and the deadlines that follow it start from that day).
 */
export function MarkPublished({ record, onDone }: { record: NoticeRecord; onDone: Done }) {
  const [identifier, setIdentifier] = useState('');
  const [on, setOn] = useState<DateParts>(() => datePartsOf(todayIso()));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [confirming, setConfirming] = useState<{ noticeIdentifier: string; publishedOn: string } | null>(null);
  const publish = useMutation({
    ...trpc.notice.markPublished.mutationOptions(),
    onSuccess: async (published) => {
      setErrors(NO_ERRORS);
      await refreshNotices();
      onDone(`${noticeTitle(record.type)} is recorded as published on Find a Tender as ${published.noticeIdentifier ?? confirming?.noticeIdentifier} on ${formatDate(published.publishedOn ?? confirming?.publishedOn ?? '')}.`);
    },
    onError: (error) => {
      setConfirming(null);
      setErrors(apiFormErrors(error, { ...noticeFieldIds(record), noticeIdentifier: 'noticeIdentifier', publishedOn: 'publishedOn-day' }));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    const id = identifier.trim();
    if (!id) problems.push({ id: 'noticeIdentifier', text: 'Enter the notice identifier Find a Tender gave the notice' });
    else if (!IDENTIFIER.test(id)) problems.push({ id: 'noticeIdentifier', text: 'Enter the notice identifier as Find a Tender shows it, for example 001234-2026' });
    const day = isoOf(on);
    if (day === null) problems.push({ id: 'publishedOn-day', text: 'Enter the day the notice was published' });
    else if (day === 'invalid') problems.push({ id: 'publishedOn-day', text: 'The day the notice was published must be a real date' });
    setErrors(clientErrors(problems));
    if (problems.length === 0) setConfirming({ noticeIdentifier: id, publishedOn: day as string });
  };
  if (confirming) {
    return (
      <ConfirmStep
        question={`Record ${noticeTitle(record.type)} as published on ${formatDate(confirming.publishedOn)}?`}
        consequence={`Find a Tender notice ${confirming.noticeIdentifier}. A published notice cannot be edited, and the deadlines that follow it run from that day.`}
        confirmLabel="Yes, mark as published"
        pending={publish.isPending}
        onConfirm={() => publish.mutate({ id: record.id, rowVersion: record.rowVersion, ...confirming })}
        onCancel={() => setConfirming(null)}
      />
    );
  }
  return (
    <form noValidate onSubmit={submit} data-testid="mark-published">
      <h3 className="govuk-heading-s">Mark as published</h3>
      <ErrorSummary errors={errors.summary} />
      <p className="govuk-body">Publish the notice on Find a Tender first, then record what it shows.</p>
      <TextInput
        id="noticeIdentifier"
        name="noticeIdentifier"
        label="Notice identifier"
        hint="As Find a Tender shows it, for example 001234-2026"
        className="govuk-input--width-10"
        spellCheck={false}
        autoComplete="off"
        value={identifier}
        onChange={(e) => setIdentifier(e.target.value)}
        error={errors.fields.noticeIdentifier}
      />
      <DateInput id="publishedOn" legend="Day it was published" legendSize="s" hint="For example, 27 3 2026" value={on} onChange={setOn} error={errors.fields['publishedOn-day']} />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Continue
      </button>
    </form>
  );
}

/** Withdraw a notice (drafted by mistake, or superseded): the reason, then a confirmation step; `onDone` leaves the page. */
export function WithdrawNotice({ record, onDone }: { record: NoticeRecord; onDone: Done }) {
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const withdraw = useMutation({
    ...trpc.notice.withdraw.mutationOptions(),
    // A withdrawn notice leaves the list (the Act's notice is due again, to draft afresh): go back to it first, then read it again.
    onSuccess: async () => {
      onDone(`${noticeTitle(record.type)} is withdrawn.`);
      await refreshNotices();
    },
    onError: (error) => {
      setConfirming(false);
      setErrors(apiFormErrors(error, { reason: 'withdrawReason' }));
    },
  });
  if (!open) {
    return (
      <button type="button" className="govuk-button govuk-button--warning" onClick={() => setOpen(true)} data-testid="withdraw-notice">
        Withdraw
      </button>
    );
  }
  if (confirming) {
    return (
      <ConfirmStep
        question={`Withdraw ${noticeTitle(record.type)}?`}
        consequence="A withdrawn notice cannot be edited or published again. If the Act still asks for one, draft it again."
        confirmLabel="Yes, withdraw the notice"
        pending={withdraw.isPending}
        onConfirm={() => withdraw.mutate({ id: record.id, rowVersion: record.rowVersion, reason: reason.trim() })}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = reason.trim() ? [] : [{ id: 'withdrawReason', text: 'Enter why you are withdrawing the notice' }];
    setErrors(clientErrors(problems));
    if (problems.length === 0) setConfirming(true);
  };
  return (
    <form noValidate onSubmit={submit} data-testid="withdraw-form">
      <h3 className="govuk-heading-s">Withdraw the notice</h3>
      <ErrorSummary errors={errors.summary} />
      <Textarea id="withdrawReason" name="reason" label="Why are you withdrawing it?" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.withdrawReason} />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Continue
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
