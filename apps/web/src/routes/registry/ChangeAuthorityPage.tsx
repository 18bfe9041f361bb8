import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Loading, NotFoundPage, ProblemPage } from '../../components/StatusPages.tsx';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { SummaryList } from '../../components/SummaryList.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { WarningText } from '../../components/WarningText.tsx';
import { refreshAfterChange, trpc, type RouterOutputs } from '../../trpc.ts';
import { InviteAdministrator } from './InviteAdministrator.tsx';
import { BackToRegistry, kindLabel, REGION_OPTIONS, RegistryGate } from './shared.tsx';

type Entry = RouterOutputs['registry']['list']['items'][number];

/**
 * An authority's page in the registry: invite its administrator, rename it (and correct its region), or mark it
 * inactive (with a confirmation) or active again.
 */
export function ChangeAuthorityPage() {
  return (
    <RegistryGate>
      <ChangeLoader />
    </RegistryGate>
  );
}

function ChangeLoader() {
  const { authorityId = '' } = useParams();
  const found = useQuery(trpc.registry.list.queryOptions({ search: authorityId, status: 'all', page: 1 }));
  if (found.isPending) return <Loading />;
  if (found.isError) return <ProblemPage error={found.error} />;
  const entry = found.data.items.find((a) => a.id === authorityId);
  if (!entry) return <NotFoundPage />;
  return <ChangeForms key={`${entry.id}-${entry.rowVersion}`} entry={entry} />;
}

function ChangeForms({ entry }: { entry: Entry }) {
  const navigate = useNavigate();
  const [name, setName] = useState(entry.name);
  const [region, setRegion] = useState(entry.region);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(confirming ? `Mark ${entry.name} inactive` : `Change ${entry.name}`, hasErrors(errors));
  const done = async (notice: string) => {
    await refreshAfterChange(trpc.registry.pathKey());
    navigate(`/authorities?search=${encodeURIComponent(entry.id)}`, { state: { notice } });
  };
  const onError = (error: unknown) => setErrors(apiFormErrors(error, { name: 'name', region: 'region', version: 'name' }));
  const rename = useMutation({ ...trpc.registry.rename.mutationOptions(), onSuccess: (r) => done(`${entry.id} is now called ${r.name}`), onError });
  const setActive = useMutation({
    ...trpc.registry.setActive.mutationOptions(),
    onSuccess: (r) => done(`${entry.name} is marked ${r.active ? 'active' : 'inactive'}`),
    onError,
  });

  const submitRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rename.isPending) return;
    if (!name.trim()) return setErrors(clientErrors([{ id: 'name', text: 'Enter the new name' }]));
    rename.mutate({ authorityId: entry.id, version: entry.rowVersion, name, region: region === 'Not recorded' ? undefined : region });
  };
  const submitActive = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setActive.isPending) return;
    setActive.mutate({ authorityId: entry.id, version: entry.rowVersion, active: !entry.active });
  };

  if (confirming) {
    return (
      <>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Mark {entry.name} inactive?</h1>
        <p className="govuk-body">
          It stays in the registry with all its records, people and history, and can be made active again. While inactive it cannot lead or join a partnership.
        </p>
        <form noValidate onSubmit={submitActive}>
          <SubmitOrCancel warning pending={setActive.isPending} onCancel={() => setConfirming(false)}>
            Mark inactive
          </SubmitOrCancel>
        </form>
      </>
    );
  }

  return (
    <>
      <BackToRegistry />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Change {entry.name}</h1>
      <SummaryList
        rows={[
          { key: 'Code', value: entry.id },
          { key: 'Kind', value: kindLabel(entry.kind, entry.nhsBodyKind) },
          { key: 'Status', value: entry.active ? 'Active' : 'Inactive' },
        ]}
      />
      {entry.active && <InviteAdministrator authorityId={entry.id} authorityName={entry.name} />}
      <form noValidate onSubmit={submitRename} data-testid="rename-form">
        <h2 className="govuk-heading-m">Name and region</h2>
        <TextInput id="name" name="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <Select id="region" name="region" label="Region" options={REGION_OPTIONS.some((o) => o.value === region) ? REGION_OPTIONS : [{ value: region, label: region }, ...REGION_OPTIONS]} value={region} onChange={setRegion} error={errors.fields.region} />
        <SubmitOrCancel pending={rename.isPending} onCancel={() => navigate('/authorities')}>
          Save changes
        </SubmitOrCancel>
      </form>
      <h2 className="govuk-heading-m">{entry.active ? 'Mark inactive' : 'Make active again'}</h2>
      {entry.active ? (
        <>
          <WarningText>An authority is never deleted. Mark it inactive when it stops using Concord: it keeps its records and cannot lead or join a partnership.</WarningText>
          <button type="button" className="govuk-button govuk-button--warning" data-module="govuk-button" onClick={() => setConfirming(true)}>
            Mark inactive
          </button>
        </>
      ) : (
        <form noValidate onSubmit={submitActive}>
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={setActive.isPending}>
            Make active again
          </button>
        </form>
      )}
    </>
  );
}
