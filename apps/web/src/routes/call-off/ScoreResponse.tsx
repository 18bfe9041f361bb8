import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';

type CallOff = RouterOutputs['callOff']['get'];

/** After the deadline: the panel's score (and reasons) for each quality criterion of a provider's online response. */
export function ScoreResponse({ callOff, onDone }: { callOff: CallOff; onDone: (n: string) => void }) {
  const responded = callOff.invitations.filter((i) => i.response);
  const quality = callOff.criteria.filter((c) => c.kind !== 'price');
  const [providerId, setProviderId] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const score = useMutation({
    ...trpc.callOff.scoreResponse.mutationOptions(),
    onSuccess: async () => {
      await refreshAfterChange(trpc.callOff.pathKey());
      const name = responded.find((r) => r.providerId === providerId)?.providerName ?? 'the provider';
      setProviderId('');
      setScores({});
      setReasons({});
      onDone(`Scores saved for ${name}.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { providerId: 'scoreProvider', scores: 'panel-score-0' })),
  });
  if (responded.length === 0 || quality.length === 0) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: ClientError[] = [];
    if (!providerId) problems.push({ id: 'scoreProvider', text: 'Choose the provider whose response you are scoring' });
    quality.forEach((c, i) => {
      if (!/^\d{1,3}$/.test((scores[c.id] ?? '').trim())) problems.push({ id: `panel-score-${i}`, text: `Enter the score for ${c.name} as a whole number` });
    });
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    score.mutate({
      callOffId: callOff.id,
      version: callOff.rowVersion,
      providerId,
      scores: quality.map((c) => ({ criterionId: c.id, score: Number(scores[c.id]!.trim()), ...(reasons[c.id]?.trim() ? { rationale: reasons[c.id]!.trim() } : {}) })),
    });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="score-form">
      <h3 className="govuk-heading-s">Score a response</h3>
      <ErrorSummary errors={errors.summary} />
      <Select
        id="scoreProvider"
        name="scoreProvider"
        label="Provider"
        placeholder="Choose a provider"
        options={responded.map((i) => ({ value: i.providerId, label: i.providerName }))}
        value={providerId}
        onChange={setProviderId}
        error={errors.fields.scoreProvider}
      />
      {quality.map((c, i) => (
        <div key={c.id}>
          <TextInput
            id={`panel-score-${i}`}
            name={`panel-score-${c.id}`}
            label={`Score: ${c.name}`}
            inputMode="numeric"
            className="govuk-input--width-3"
            value={scores[c.id] ?? ''}
            onChange={(e) => setScores((s) => ({ ...s, [c.id]: e.target.value }))}
            error={errors.fields[`panel-score-${i}`]}
          />
          <Textarea id={`panel-reason-${i}`} name={`panel-reason-${c.id}`} label={`Reasons for the score: ${c.name} (optional)`} rows={2} value={reasons[c.id] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [c.id]: e.target.value }))} />
        </div>
      ))}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={score.isPending}>
        Save scores
      </button>
    </form>
  );
}
