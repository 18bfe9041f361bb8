import { formatPence, parsePounds } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { SummaryList } from '../../components/SummaryList.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import type { Invitation } from './InvitationPage.tsx';

/**
 * My response (issue 11, item 4): the price and an answer to each criterion, checked on a second step before it is
 * sent. Sending again replaces it (the earlier version is kept; the latest counts) until the deadline.
 */
export function ResponseForm({ invitation, onSent }: { invitation: Invitation; onSent: (notice: string) => void }) {
  const latest = invitation.responses.find((r) => r.latest);
  const hasPrice = invitation.criteria.some((c) => c.kind === 'price');
  const asked = invitation.criteria.filter((c) => c.kind !== 'price');
  const unit = invitation.priceUnit === 'week' ? 'per week' : 'per hour';
  const [step, setStep] = useState<'closed' | 'edit' | 'check'>(latest ? 'closed' : 'edit');
  const [price, setPrice] = useState(latest?.pricePence ? (latest.pricePence / 100).toFixed(2) : '');
  const [answers, setAnswers] = useState<Record<string, string>>(Object.fromEntries((latest?.answers ?? []).map((a) => [a.criterionId, a.answer])));
  const [pricePence, setPricePence] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const send = useMutation({
    ...trpc.callOff.respond.mutationOptions(),
    onSuccess: async (result) => {
      await refreshAfterChange(trpc.callOff.pathKey());
      setStep('closed');
      onSent(`Your response was sent (version ${result.version}). You may replace it until ${invitation.deadlineText}.`);
    },
    onError: (error) => {
      setErrors(apiFormErrors(error, { pricePence: 'price', answers: 'answer-0' }));
      setStep('edit');
    },
  });
  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    let pence: number | null = null;
    if (hasPrice) {
      try {
        pence = parsePounds(price);
        if (pence <= 0) problems.push({ id: 'price', text: 'The price must be more than zero' });
      } catch {
        problems.push({ id: 'price', text: `Enter your price ${unit} in pounds, like 21.50` });
      }
    }
    asked.forEach((c, i) => {
      if (!(answers[c.id] ?? '').trim()) problems.push({ id: `answer-${i}`, text: `Answer ${c.name}` });
    });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    setPricePence(pence);
    setStep('check');
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send.mutate({
      callOffId: invitation.callOffId,
      ...(pricePence !== null ? { pricePence } : {}),
      answers: asked.map((c) => ({ criterionId: c.id, answer: answers[c.id]!.trim() })),
    });
  };
  if (step === 'closed') {
    return (
      <p className="govuk-body">
        <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => setStep('edit')} data-testid="replace-response">
          Replace your response
        </button>
      </p>
    );
  }
  if (step === 'check') {
    return (
      <form noValidate onSubmit={submit} data-testid="check-response">
        <h2 className="govuk-heading-m">Check your response before sending it</h2>
        <SummaryList
          rows={[
            ...(pricePence !== null ? [{ key: `Price ${unit}`, value: formatPence(pricePence), testId: 'check-price' }] : []),
            ...asked.map((c) => ({ key: c.name, value: <span style={{ whiteSpace: 'pre-line' }}>{answers[c.id]}</span> })),
          ]}
        />
        <p className="govuk-body">
          Nobody at {invitation.authority} can read it before the deadline, {invitation.deadlineText}. {latest ? 'It replaces your earlier response; the earlier one is kept but no longer counts.' : 'You may replace it until then.'}
        </p>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={send.isPending}>
            Send response
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => setStep('edit')}>
            Change your response
          </button>
        </div>
      </form>
    );
  }
  return (
    <form noValidate onSubmit={check} data-testid="response-form">
      <h2 className="govuk-heading-m">{latest ? 'Replace your response' : 'Your response'}</h2>
      <ErrorSummary errors={errors.summary} />
      {hasPrice && (
        <TextInput id="price" name="price" label={`Your price ${unit}`} prefix="£" inputMode="decimal" className="govuk-input--width-10" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.fields.price} />
      )}
      {asked.map((c, i) => (
        <Textarea
          key={c.id}
          id={`answer-${i}`}
          name={`answer-${c.id}`}
          label={c.name}
          hint={`Worth ${c.weightPercent}% of the score.`}
          rows={6}
          value={answers[c.id] ?? ''}
          onChange={(e) => setAnswers((a) => ({ ...a, [c.id]: e.target.value }))}
          error={errors.fields[`answer-${i}`]}
        />
      ))}
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Continue
      </button>
    </form>
  );
}
