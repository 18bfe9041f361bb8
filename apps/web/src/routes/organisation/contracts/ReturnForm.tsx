import { INT4_MAX, MONITORING_FIGURES, type MonitoringFigure } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DateInput, datePartsOf, type DateParts } from '../../../components/DateInput.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../../components/formErrors.ts';
import { TextInput } from '../../../components/TextInput.tsx';
import { refreshAfterChange, trpc } from '../../../trpc.ts';
import { dateOf, numberOf } from '../../contract/formFields.ts';
import { periodOf, type MonitoringReturn } from './ReturnsTable.tsx';

const P = 'return-';
const FIELD_IDS: Record<string, string> = {
  periodStart: `${P}periodStart-day`,
  periodEnd: `${P}periodEnd-day`,
  ...Object.fromEntries(MONITORING_FIGURES.map((f) => [f.key, `${P}${f.key}`])),
};
const HINTS: Record<MonitoringFigure, string> = {
  hoursDelivered: 'Whole hours of care delivered in the period',
  missedVisits: 'Visits that did not happen',
  lateVisits: 'Visits that started late under the contract’s rules',
  staffTurnoverPercent: 'Staff who left in the period as a percentage of staff, to one decimal place, for example 12.5',
  complaints: 'Complaints received in the period',
};

type Figures = Record<MonitoringFigure, string>;
const figuresOf = (r: MonitoringReturn | null): Figures =>
  Object.fromEntries(MONITORING_FIGURES.map((f) => [f.key, r ? String(r[f.key]) : ''])) as Figures;

/**
 * The provider's monitoring return for a period of one contract (issue 11, item 5): a new one (the period typed as
 * GOV.UK dates), or a draft or queried one opened again to correct, sending the version it showed so that a return
 * changed meanwhile (queried, accepted, or corrected in another window) is refused with the CONFLICT message.
 * "Save as draft" keeps it from the authority; "Submit" sends it.
 */
export function ReturnForm({
  contractId,
  authority,
  editing,
  existing,
  defaultPeriod,
  onDone,
  onCancel,
}: {
  contractId: string;
  authority: string;
  editing: MonitoringReturn | null;
  existing: MonitoringReturn[];
  defaultPeriod: { start: string; end: string };
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const [start, setStart] = useState<DateParts>(datePartsOf(editing?.periodStart ?? defaultPeriod.start));
  const [end, setEnd] = useState<DateParts>(datePartsOf(editing?.periodEnd ?? defaultPeriod.end));
  const [figures, setFigures] = useState<Figures>(figuresOf(editing));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);
  const submit = useMutation({
    ...trpc.providerReturn.submit.mutationOptions(),
    onSuccess: async (saved) => {
      await refreshAfterChange(trpc.providerReturn.list.queryKey());
      setErrors(NO_ERRORS);
      setFigures(figuresOf(null));
      onDone(
        saved.status === 'draft'
          ? `Your return for ${periodOf(saved)} is saved as a draft. ${authority} cannot see it until you submit it.`
          : `Your return for ${periodOf(saved)} is submitted to ${authority}.`,
      );
    },
    onError: (error) => setErrors(apiFormErrors(error, FIELD_IDS)),
  });

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submit.isPending) return;
    const asDraft = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'draft';
    const problems: ClientError[] = [];
    const periodStart = editing ? editing.periodStart : dateOf(start, FIELD_IDS.periodStart!, 'the first day of the period', problems);
    const periodEnd = editing ? editing.periodEnd : dateOf(end, FIELD_IDS.periodEnd!, 'the last day of the period', problems);
    const numbers: Partial<Record<MonitoringFigure, number>> = {};
    for (const f of MONITORING_FIGURES) {
      const range = f.key === 'staffTurnoverPercent' ? { min: 0, max: 100, unit: '%' } : { min: 0, max: INT4_MAX };
      numbers[f.key] = numberOf(figures[f.key], FIELD_IDS[f.key]!, f.label.replace(' (%)', '').toLowerCase(), problems, range, true);
    }
    const clash = !editing && periodStart ? existing.find((r) => r.periodStart === periodStart) : undefined;
    if (clash) problems.push({ id: FIELD_IDS.periodStart!, text: `You have a return for ${periodOf(clash)} already: choose it in the table above to change it` });
    setErrors(clientErrors(problems));
    if (problems.length) return;
    submit.mutate({
      contractId,
      periodStart: periodStart!,
      periodEnd: periodEnd!,
      hoursDelivered: numbers.hoursDelivered!,
      missedVisits: numbers.missedVisits!,
      lateVisits: numbers.lateVisits!,
      staffTurnoverPercent: numbers.staffTurnoverPercent!,
      complaints: numbers.complaints!,
      asDraft,
      // The return being changed as the page loaded it, or null for a first return for the period.
      rowVersion: editing ? editing.rowVersion : null,
    });
  };

  return (
    <form noValidate onSubmit={send} data-testid="return-form" aria-labelledby="return-form-heading">
      <h2 className="govuk-heading-m" id="return-form-heading" tabIndex={-1} ref={heading}>
        {editing ? `${editing.status === 'queried' ? 'Correct' : 'Change'} your return for ${periodOf(editing)}` : 'Submit a monitoring return'}
      </h2>
      <ErrorSummary errors={errors.summary} />
      {editing?.status === 'queried' && editing.queryReason && (
        <div className="govuk-inset-text" data-testid="return-form-query">
          {authority} queried this return: {editing.queryReason}
        </div>
      )}
      {!editing && (
        <>
          <p className="govuk-body">A return covers a calendar month, or a quarter of three whole months.</p>
          <DateInput id={`${P}periodStart`} legend="First day of the period" legendSize="s" hint="For example, 1 1 2026" value={start} onChange={setStart} error={errors.fields[FIELD_IDS.periodStart!]} />
          <DateInput id={`${P}periodEnd`} legend="Last day of the period" legendSize="s" hint="For example, 31 1 2026 for a month, or 31 3 2026 for a quarter" value={end} onChange={setEnd} error={errors.fields[FIELD_IDS.periodEnd!]} />
        </>
      )}
      {MONITORING_FIGURES.map((f) => (
        <TextInput
          key={f.key}
          id={FIELD_IDS[f.key]!}
          name={f.key}
          label={f.label.replace(' (%)', '')}
          hint={HINTS[f.key]}
          inputMode={f.key === 'staffTurnoverPercent' ? 'decimal' : 'numeric'}
          className="govuk-input--width-10"
          suffix={f.key === 'staffTurnoverPercent' ? '%' : undefined}
          value={figures[f.key]}
          onChange={(e) => setFigures((before) => ({ ...before, [f.key]: e.target.value }))}
          error={errors.fields[FIELD_IDS[f.key]!]}
        />
      ))}
      <div className="govuk-button-group">
        <button type="submit" name="action" value="submit" className="govuk-button" data-module="govuk-button" disabled={submit.isPending}>
          Submit
        </button>
        <button type="submit" name="action" value="draft" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={submit.isPending}>
          Save as draft
        </button>
        {editing && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
