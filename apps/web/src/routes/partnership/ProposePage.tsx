import { PARTNERSHIP_KIND_LABELS, PARTNERSHIP_KINDS, type PartnershipKindCode } from '@concord/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Loading, ProblemPage } from '../../components/StatusPages.tsx';
import { Textarea } from '../../components/Textarea.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';

const KIND_OPTIONS = PARTNERSHIP_KINDS.map((k) => ({ value: k, label: PARTNERSHIP_KIND_LABELS[k] }));

/** Propose a partnership (issue 10, item 4): your authority leads it; its KPI set starts from the standard library. */
export function ProposePage() {
  const library = useQuery(trpc.partnership.kpiLibrary.queryOptions());
  const navigate = useNavigate();
  const form = useFormKey();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [purpose, setPurpose] = useState('');
  const [kpiCodes, setKpiCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const propose = useMutation({
    ...trpc.partnership.propose.mutationOptions(),
    onSuccess: async ({ id }) => {
      await refreshAfterChange(trpc.authority.mine.queryKey());
      navigate(`/partnerships/${id}/settings`);
    },
    onError: (error) => setErrors(apiFormErrors(error, { name: 'name', kind: 'kind', purpose: 'purpose', kpiCodes: 'kpiCodes' })),
  });
  usePageTitle('Propose a partnership', hasErrors(errors));
  if (library.isPending) return <Loading />;
  if (library.isError) return <ProblemPage error={library.error} />;
  const chosen = kpiCodes ?? library.data.map((k) => k.code);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (propose.isPending) return;
    setErrors(NO_ERRORS);
    propose.mutate({ name, kind: kind as PartnershipKindCode, purpose, kpiCodes: chosen, idempotencyKey: form.key });
  }

  return (
    <>
      <Link className="govuk-back-link" to="/partnerships">
        Back to partnerships
      </Link>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Propose a partnership</h1>
      <p className="govuk-body">Your authority will lead it. You can then invite other authorities from the registry; nothing is shared with them until they accept.</p>
      <form noValidate onSubmit={submit}>
        <TextInput id="name" name="name" label="Name of the partnership" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <Radios name="kind" legend="Kind of partnership" legendSize="s" options={KIND_OPTIONS} value={kind} onChange={setKind} error={errors.fields.kind} />
        <Textarea id="purpose" name="purpose" label="What the partnership is for" hint="For example, the services it commissions together" value={purpose} onChange={(e) => setPurpose(e.target.value)} error={errors.fields.purpose} />
        <Checkboxes
          name="kpiCodes"
          legend="KPIs the members will report"
          legendSize="s"
          hint="From the standard library. The lead can change them later."
          small
          options={library.data.map((k) => ({ value: k.code, label: k.name }))}
          values={chosen}
          onChange={setKpiCodes}
          error={errors.fields.kpiCodes}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={propose.isPending}>
          Propose the partnership
        </button>
      </form>
    </>
  );
}
