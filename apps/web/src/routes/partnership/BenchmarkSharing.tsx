import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { useMyRoles } from '../procurement/shared.tsx';

type Mode = 'named' | 'anonymised';
const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: 'named', label: 'Named', hint: 'Other members see our figures under our name.' },
  { value: 'anonymised', label: 'Anonymised', hint: 'Other members see our figures as “Authority A”, “Authority B”…, without our numerators, denominators or population. We always see our own under our name.' },
];

/**
 * How my authority's benchmark figures are shown to the partnership's other members. Every member reads it;
 * a commissioner changes it (the API refuses anyone else). Small numbers are suppressed either way.
 */
export function BenchmarkSharing({ partnershipId }: { partnershipId: string }) {
  const consent = useQuery(trpc.benchmark.consent.queryOptions());
  const canChange = useMyRoles().includes('commissioner');
  const current = consent.data?.find((c) => c.partnershipId === partnershipId)?.mode;
  const [mode, setMode] = useState<Mode | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.benchmark.setConsent.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        setMode(null);
        await refreshAfterChange(trpc.benchmark.pathKey(), trpc.return.pathKey());
      },
      onError: (error) => setErrors(apiFormErrors(error, { mode: 'mode', partnershipId: 'mode' })),
    }),
  );
  if (!current) return null;
  const chosen = mode ?? current;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setErrors(NO_ERRORS);
    save.mutate({ partnershipId, mode: chosen });
  };
  return (
    <section aria-labelledby="sharing-heading" data-testid="benchmark-sharing">
      <h2 className="govuk-heading-m" id="sharing-heading">
        How our benchmark figures are shown
      </h2>
      <p className="govuk-body" data-testid="sharing-mode">
        Other members see our figures <strong>{current === 'named' ? 'under our name' : 'anonymised'}</strong>. Counts of fewer than 5 people, and anything that would give one away, are
        suppressed either way.
      </p>
      {saved ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          Saved.
        </p>
      ) : null}
      {canChange ? (
        <form noValidate onSubmit={submit}>
          {hasErrors(errors) ? <ErrorSummary errors={errors.summary} /> : null}
          <Radios name="mode" legend="Show our figures to other members" legendSize="s" value={chosen} onChange={(v) => setMode(v as Mode)} options={MODES} error={errors.fields.mode} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={save.isPending || chosen === current}>
            Save how our figures are shown
          </button>
        </form>
      ) : (
        <p className="govuk-body">A commissioner of your authority can change this.</p>
      )}
    </section>
  );
}
