import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DateInput, EMPTY_DATE, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { formatDate } from '../../format.ts';
import { trpc } from '../../trpc.ts';
import { dateOf } from './formFields.ts';
import { FormDetails } from './FormDetails.tsx';
import { refreshContracts, type Contract } from './shared.tsx';

/**
 * Ends an ongoing placement under the contract on a date (the placement stays, with its history, for spend and
 * returns); its cost stops counting from the day after.
 */
export function EndPlacementForm({ contract: c, onDone }: { contract: Contract; onDone: (notice: string) => void }) {
  const ongoing = c.placements.filter((p) => p.endDate === null);
  const [placementId, setPlacementId] = useState('');
  const [end, setEnd] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useMutation({
    ...trpc.placement.update.mutationOptions(),
    onSuccess: async (_, input) => {
      await refreshContracts();
      setErrors(NO_ERRORS);
      setPlacementId('');
      setEnd(EMPTY_DATE);
      onDone(`Placement ${c.placements.find((p) => p.id === input.placementId)?.reference ?? ''} ends on ${formatDate(input.endDate!)}.`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { placementId: 'end-placement', endDate: 'end-placement-date-day' })),
  });
  if (ongoing.length === 0) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const problems: ClientError[] = [];
    if (!placementId) problems.push({ id: 'end-placement', text: 'Choose the placement that ends' });
    const endDate = dateOf(end, 'end-placement-date-day', 'the date the placement ends', problems);
    if (problems.length) return setErrors(clientErrors(problems));
    setErrors(NO_ERRORS);
    // The placement as the page loaded it: if someone changed it meanwhile, the save is refused naming them.
    const version = ongoing.find((p) => p.id === placementId)!.rowVersion;
    update.mutate({ placementId, version, endDate: endDate! });
  };
  return (
    <FormDetails summary="End a placement" testId="end-placement-form" errors={errors} onSubmit={submit}>
      <Select
        id="end-placement"
        name="end-placement"
        label="Placement"
        hint="Ongoing placements under this contract"
        placeholder="Choose a placement"
        options={ongoing.map((p) => ({ value: p.id, label: `${p.reference}, from ${formatDate(p.startDate)}` }))}
        value={placementId}
        onChange={setPlacementId}
        error={errors.fields['end-placement']}
      />
      <DateInput id="end-placement-date" legend="Last day of the placement" legendSize="s" hint="Its cost counts up to and including this day" value={end} onChange={setEnd} error={errors.fields['end-placement-date-day']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={update.isPending}>
        End placement
      </button>
    </FormDetails>
  );
}
