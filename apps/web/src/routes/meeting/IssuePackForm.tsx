import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { TextInput } from '../../components/TextInput.tsx';
import { refreshAfterChange, trpc } from '../../trpc.ts';

const FIELD_IDS = { kpiCodes: 'pack-kpis', periodsEndedBy: 'pack-periods-day', title: 'pack-title' };

/**
 * The lead commissioner issues the meeting's benchmark pack: the chosen KPIs of the partnership's library,
 * each compared for its latest period ended by a date (or its latest with any return), frozen when issued.
 */
export function IssuePackForm({ meetingId, partnershipId, onIssued }: { meetingId: string; partnershipId: string; onIssued: (notice: string) => void }) {
  const library = useQuery(trpc.kpi.list.queryOptions({ partnershipId }));
  const kpis = library.data?.partnerships[0]?.kpis ?? [];
  const [codes, setCodes] = useState<string[]>([]);
  const [endedBy, setEndedBy] = useState<DateParts>(EMPTY_DATE);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // Issuing freezes the pack for good: the button asks first (issue 13, item 4).
  const [confirming, setConfirming] = useState<Parameters<typeof issue.mutate>[0] | null>(null);
  const issue = useMutation(
    trpc.meeting.issuePack.mutationOptions({
      onSuccess: async () => {
        setErrors(NO_ERRORS);
        onIssued('The pack is issued and frozen: later returns and corrections do not change it.');
        await refreshAfterChange(trpc.meeting.pathKey());
      },
      onError: (error) => {
        setConfirming(null);
        setErrors(apiFormErrors(error, FIELD_IDS));
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const periodsEndedBy = isoOf(endedBy);
    const problems: ClientError[] = [
      ...(codes.length ? [] : [{ id: FIELD_IDS.kpiCodes, text: 'Choose at least one KPI' }]),
      ...(periodsEndedBy === 'invalid' ? [{ id: FIELD_IDS.periodsEndedBy, text: 'Enter the date as a real date, for example 30 9 2026' }] : []),
    ];
    const found = clientErrors(problems);
    if (hasErrors(found)) return setErrors(found);
    setErrors(NO_ERRORS);
    setConfirming({ meetingId, kpiCodes: codes, periodsEndedBy: periodsEndedBy as string | null, title: title.trim() || null });
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="issue-pack">
      <h3 className="govuk-heading-s">Issue the pack</h3>
      <p className="govuk-body">Once issued, the pack is frozen: later returns and corrections do not change it.</p>
      {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
      <Checkboxes
        name={FIELD_IDS.kpiCodes}
        legend="KPIs in the pack"
        legendSize="s"
        small
        options={kpis.map((k) => ({ value: k.code, label: `${k.code} ${k.name}` }))}
        values={codes}
        onChange={setCodes}
        error={errors.fields[FIELD_IDS.kpiCodes]}
      />
      <DateInput
        id="pack-periods"
        legend="Compare the periods ended by (optional)"
        legendSize="s"
        hint="For example, 30 9 2026: each KPI’s latest period ended by then. Leave it empty to compare each KPI’s latest period anyone has returned."
        value={endedBy}
        onChange={setEndedBy}
        error={errors.fields[FIELD_IDS.periodsEndedBy]}
      />
      <TextInput id={FIELD_IDS.title} name="title" label="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields[FIELD_IDS.title]} />
      {confirming ? (
        <ConfirmStep
          question={`Issue the pack with ${confirming.kpiCodes.length === 1 ? '1 KPI' : `${confirming.kpiCodes.length} KPIs`}?`}
          consequence="Issuing cannot be undone: the pack is frozen as it is now, and every member of the partnership sees it."
          confirmLabel="Yes, issue the pack"
          pending={issue.isPending}
          onConfirm={() => issue.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <button type="submit" className="govuk-button" disabled={issue.isPending}>
          Issue pack
        </button>
      )}
    </form>
  );
}
