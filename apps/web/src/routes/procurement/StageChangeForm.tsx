import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../components/DateInput.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { trpc } from '../../trpc.ts';
import { refreshProcurements, stageLabel, type Procurement } from './shared.tsx';

const FIELD_IDS = { to: 'to', decisionReference: 'decisionReference', decisionLink: 'decisionLink', note: 'note', decidedOn: 'decidedOn-day' };

const STAGE_HINTS: Record<string, string> = {
  market_engagement: 'Talk to providers before publishing.',
  published: 'Open for applications. The specification version, lots, criteria and buyers are fixed from then on.',
  evaluation: 'Applications are scored and moderated.',
  award_approval: 'The award is approved; providers are admitted to the approved list.',
  live: 'Buyers can call off from the approved list.',
  closed: 'The arrangement ends. This is final.',
  cancelled: 'The procurement stops. This is final.',
};

const actionText = (to: string) => (to === 'cancelled' ? 'Cancel the procurement' : to === 'closed' ? 'Close the procurement' : `Move to ${stageLabel(to)}`);

/**
 * Moves the procurement on, recording the decision that allowed it. Only the stages the state machine
 * allows from here are offered (the API says which).
 */
export function StageChangeForm({ p }: { p: Procurement }) {
  const navigate = useNavigate();
  const [to, setTo] = useState(p.nextStages.find((s) => s !== 'cancelled') ?? p.nextStages[0] ?? '');
  const [reference, setReference] = useState('');
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const [decidedOn, setDecidedOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const transition = useMutation({
    ...trpc.procurement.transition.mutationOptions(),
    onSuccess: async (result) => {
      await refreshProcurements();
      setReference('');
      setLink('');
      setNote('');
      setDecidedOn(EMPTY_DATE);
      navigate(`/procurements/${p.id}/timeline`, { state: { notice: `The procurement moved to ${stageLabel(result.status)}. The decision is on the timeline.` } });
    },
    // With one stage on offer there is no choice to mark: a refusal about it (not ready yet) goes in the summary.
    onError: (error) => setErrors(apiFormErrors(error, p.nextStages.length === 1 ? { ...FIELD_IDS, to: '' } : FIELD_IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (transition.isPending) return;
    const date = isoOf(decidedOn);
    if (date === 'invalid') return setErrors(clientErrors([{ id: 'decidedOn-day', text: 'Enter the date of the decision as a real date, for example 8 3 2018' }]));
    setErrors(NO_ERRORS);
    transition.mutate({
      procurementId: p.id,
      to: to as Procurement['status'],
      decisionReference: reference,
      ...(link.trim() && { decisionLink: link.trim() }),
      ...(note.trim() && { note }),
      ...(date && { decidedOn: date }),
    });
  }

  const only = p.nextStages.length === 1;
  // Closing or cancelling is final: the form stays folded away until asked for.
  const finalOnly = p.nextStages.every((s) => s === 'closed' || s === 'cancelled');
  const form = (
    <>
      <p className="govuk-body">Every change of stage is a recorded decision: give the reference of the cabinet, delegated or officer decision that allows it.</p>
      {finalOnly && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>This is final: the procurement can no longer change afterwards.
          </strong>
        </div>
      )}
      <div className="govuk-grid-row">
        <form noValidate onSubmit={submit} className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          {!only && (
            <Radios
              name="to"
              legend="Next stage"
              legendSize="s"
              options={p.nextStages.map((s) => ({ value: s, label: stageLabel(s), hint: STAGE_HINTS[s] }))}
              value={to}
              onChange={setTo}
              error={errors.fields.to}
            />
          )}
          <TextInput
            id="decisionReference"
            name="decisionReference"
            label="Decision reference"
            hint="For example, Cabinet, 8 March 2018, item 7; or a delegated decision number."
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={errors.fields.decisionReference}
          />
          <TextInput
            id="decisionLink"
            name="decisionLink"
            label="Link to the decision (optional)"
            hint="The web address of the published decision or report, starting https://"
            type="url"
            spellCheck={false}
            value={link}
            onChange={(e) => setLink(e.target.value)}
            error={errors.fields.decisionLink}
          />
          <DateInput
            id="decidedOn"
            legend="Date of the decision (optional)"
            legendSize="s"
            hint="Leave blank for today. For example, 8 3 2018"
            value={decidedOn}
            onChange={setDecidedOn}
            error={errors.fields['decidedOn-day']}
          />
          <Textarea id="note" name="note" label="Note (optional)" rows={3} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields.note} />
          <button
            type="submit"
            className={`govuk-button${to === 'cancelled' || to === 'closed' ? ' govuk-button--warning' : ''}`}
            data-module="govuk-button"
            disabled={transition.isPending}
            data-testid="move-stage"
          >
            {actionText(to)}
          </button>
        </form>
      </div>
    </>
  );
  if (finalOnly) {
    return (
      <section aria-label="Stage" className="govuk-!-margin-top-8" data-testid="stage-change">
        <details className="govuk-details" open={hasErrors(errors)}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{only ? actionText(p.nextStages[0]!) : 'Close or cancel the procurement'}</span>
          </summary>
          <div className="govuk-details__text">{form}</div>
        </details>
      </section>
    );
  }
  return (
    <section aria-labelledby="stage-heading" className="govuk-!-margin-top-8" data-testid="stage-change">
      <h2 className="govuk-heading-m" id="stage-heading">
        {only ? actionText(p.nextStages[0]!) : 'Move to the next stage'}
      </h2>
      {form}
    </section>
  );
}
