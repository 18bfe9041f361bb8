import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CQC_RATING_LABELS, CQC_RATINGS, longDate } from '@concord/domain';
import { DateInput, EMPTY_DATE, isoOf, type DateParts } from '../../../components/DateInput.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../../components/formErrors.ts';
import { NotificationBanner } from '../../../components/NotificationBanner.tsx';
import { Radios } from '../../../components/Radios.tsx';
import { RecordStatus } from '../../../components/RecordGate.tsx';
import { Table } from '../../../components/Table.tsx';
import { TextInput } from '../../../components/TextInput.tsx';
import { useFormKey } from '../../../components/useFormKey.ts';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { trpc, type RouterOutputs } from '../../../trpc.ts';

type Location = RouterOutputs['providerLocation']['list'][number];

/**
 * The organisation's CQC locations (issue 11, item 2): every application uses them. The provider administrator adds
 * and removes them; other people of the organisation see them.
 */
export function LocationsPage() {
  usePageTitle('CQC locations');
  const queryClient = useQueryClient();
  const locations = useQuery(trpc.providerLocation.list.queryOptions());
  const mine = useQuery(trpc.organisation.mine.queryOptions());
  const remove = useMutation(trpc.providerLocation.remove.mutationOptions());
  const [notice, setNotice] = useState<string | null>(null);
  if (!locations.isSuccess || !mine.isSuccess) return <RecordStatus query={locations.isSuccess ? mine : locations} />;
  const isAdmin = mine.data.myRoles.includes('provider_admin');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.providerLocation.list.queryKey() });
  const columns = [
    { header: 'Location', rowHeader: true, cell: (l: Location) => l.name },
    { header: 'CQC location ID', cell: (l: Location) => l.cqcLocationId ?? 'None' },
    { header: 'Area', cell: (l: Location) => l.locality ?? '' },
    { header: 'CQC rating', cell: (l: Location) => (l.ratingLabel ? `${l.ratingLabel}${l.ratedOn ? `, ${longDate(l.ratedOn)}` : ''}` : 'Not given') },
    ...(isAdmin
      ? [
          {
            header: <span className="govuk-visually-hidden">Actions</span>,
            cell: (l: Location) => (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                data-module="govuk-button"
                disabled={remove.isPending}
                onClick={async () => {
                  await remove.mutateAsync({ locationId: l.id, rowVersion: l.rowVersion });
                  setNotice(`${l.name} removed`);
                  await refresh();
                }}
              >
                Remove<span className="govuk-visually-hidden"> {l.name}</span>
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">Your organisation</span>
      <h1 className="govuk-heading-l">CQC locations</h1>
      {locations.data.length === 0 ? (
        <p className="govuk-body">No locations yet.</p>
      ) : (
        <Table caption="Your locations" captionHidden columns={columns} rows={locations.data} rowKey={(l) => l.id} rowTestId="location-row" small />
      )}
      {isAdmin ? (
        <AddLocation
          onAdded={async (name) => {
            setNotice(`${name} added`);
            await refresh();
          }}
        />
      ) : (
        <p className="govuk-body">Your organisation’s provider administrator adds and removes locations.</p>
      )}
    </>
  );
}

function AddLocation({ onAdded }: { onAdded: (name: string) => Promise<void> }) {
  const formKey = useFormKey();
  const add = useMutation(trpc.providerLocation.add.mutationOptions());
  const [name, setName] = useState('');
  const [cqcLocationId, setCqcLocationId] = useState('');
  const [locality, setLocality] = useState('');
  const [rating, setRating] = useState('');
  const [ratedOn, setRatedOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const rated = isoOf(ratedOn);
    const problems: ClientError[] = [];
    if (!name.trim()) problems.push({ id: 'name', text: 'Enter the location’s name' });
    if (rated === 'invalid') problems.push({ id: 'ratedOn-day', text: 'Enter the date of the rating as a real date' });
    if (problems.length > 0 || rated === 'invalid') return setErrors(clientErrors(problems));
    try {
      await add.mutateAsync({
        name,
        cqcLocationId: cqcLocationId.trim() || null,
        locality: locality.trim() || null,
        rating: (rating || null) as (typeof CQC_RATINGS)[number] | null,
        ratedOn: rated,
        idempotencyKey: formKey.key,
      });
    } catch (error) {
      return setErrors(apiFormErrors(error, { name: 'name', cqcLocationId: 'cqcLocationId', locality: 'locality', rating: 'rating', ratedOn: 'ratedOn-day' }));
    }
    setErrors(NO_ERRORS);
    formKey.renew();
    const added = name.trim();
    setName('');
    setCqcLocationId('');
    setLocality('');
    setRating('');
    setRatedOn(EMPTY_DATE);
    await onAdded(added);
  }

  return (
    <form noValidate onSubmit={submit} data-testid="add-location">
      <h2 className="govuk-heading-m">Add a location</h2>
      <ErrorSummary errors={errors.summary} />
      <TextInput id="name" name="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
      <TextInput id="cqcLocationId" name="cqcLocationId" label="CQC location ID (optional)" hint="For example, 1-123456789" className="govuk-input--width-10" value={cqcLocationId} onChange={(e) => setCqcLocationId(e.target.value)} error={errors.fields.cqcLocationId} />
      <TextInput id="locality" name="locality" label="Town or area (optional)" value={locality} onChange={(e) => setLocality(e.target.value)} error={errors.fields.locality} />
      <Radios
        name="rating"
        legend="CQC rating (optional)"
        legendSize="s"
        small
        value={rating}
        onChange={setRating}
        error={errors.fields.rating}
        options={CQC_RATINGS.map((r) => ({ value: r, label: CQC_RATING_LABELS[r] }))}
      />
      <DateInput id="ratedOn" legend="Date of the rating (optional)" legendSize="s" value={ratedOn} onChange={setRatedOn} error={errors.fields['ratedOn-day']} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={add.isPending}>
        Add location
      </button>
    </form>
  );
}
