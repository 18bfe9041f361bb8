import { NHS_BODY_KIND_LABELS, NHS_BODY_KINDS, type NhsBodyKind } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, clientErrors, hasErrors, NO_ERRORS, type ClientError, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { SubmitOrCancel } from '../../components/SubmitOrCancel.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { useFormKey } from '../../components/useFormKey.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { refreshAfterChange, trpc } from '../../trpc.ts';
import { BackToRegistry, REGION_OPTIONS, RegistryGate } from './shared.tsx';

const FIELD_IDS = { code: 'code', name: 'name', region: 'region', kind: 'kind' };

/** Register a council (by GSS code; its kind follows from the code) or an NHS body (ICB or trust, by ODS code). */
export function RegisterAuthorityPage({ nhs }: { nhs: boolean }) {
  return (
    <RegistryGate>
      <RegisterForm key={nhs ? 'nhs' : 'council'} nhs={nhs} />
    </RegistryGate>
  );
}

function RegisterForm({ nhs }: { nhs: boolean }) {
  const title = nhs ? 'Register an NHS body' : 'Register a council';
  const navigate = useNavigate();
  const form = useFormKey();
  const [kind, setKind] = useState<NhsBodyKind | ''>('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(title, hasErrors(errors));

  const done = async (id: string) => {
    await refreshAfterChange(trpc.registry.pathKey());
    navigate(`/authorities?search=${encodeURIComponent(id)}`, { state: { notice: `${name.trim()} (${id}) is registered` } });
  };
  const onError = (error: unknown) => setErrors(apiFormErrors(error, FIELD_IDS));
  const council = useMutation({ ...trpc.registry.registerCouncil.mutationOptions(), onSuccess: (r) => done(r.id), onError });
  const body = useMutation({ ...trpc.registry.registerNhsBody.mutationOptions(), onSuccess: (r) => done(r.id), onError });
  const pending = council.isPending || body.isPending;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const problems: ClientError[] = [];
    if (nhs && !kind) problems.push({ id: 'kind', text: 'Choose whether it is an ICB or a trust' });
    if (!code.trim()) problems.push({ id: 'code', text: nhs ? 'Enter the ODS code' : 'Enter the GSS code' });
    if (!name.trim()) problems.push({ id: 'name', text: 'Enter the name' });
    if (!region) problems.push({ id: 'region', text: 'Choose the region' });
    setErrors(clientErrors(problems));
    if (problems.length) return;
    if (nhs) body.mutate({ kind: kind as NhsBodyKind, code, name, region, idempotencyKey: form.key });
    else council.mutate({ code, name, region, idempotencyKey: form.key });
  };

  return (
    <>
      <BackToRegistry />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">{title}</h1>
      <form noValidate onSubmit={submit} data-testid="register-form">
        {nhs && (
          <Radios
            name="kind"
            legend="What kind of NHS body is it?"
            legendSize="s"
            options={NHS_BODY_KINDS.map((k) => ({ value: k, label: NHS_BODY_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => setKind(v as NhsBodyKind)}
            error={errors.fields.kind}
          />
        )}
        <TextInput
          id="code"
          name="code"
          label={nhs ? 'ODS code' : 'GSS code'}
          hint={
            nhs
              ? 'From the NHS Organisation Data Service: an ICB’s is Q and 2 letters or digits (QOP), a trust’s R or T and 2 (RBA)'
              : 'E06 (unitary), E08 (metropolitan district), E09 (London borough) or E10 (county) and 6 digits, for example E08000003. The kind follows from the code'
          }
          className="govuk-input--width-10"
          spellCheck={false}
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.fields.code}
        />
        <TextInput id="name" name="name" label="Name" hint={nhs ? 'For example NHS Greater Manchester Integrated Care Board' : 'For example Manchester City Council'} value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <Select id="region" name="region" label="Region" placeholder="Choose the region" options={REGION_OPTIONS} value={region} onChange={setRegion} error={errors.fields.region} />
        <SubmitOrCancel pending={pending} onCancel={() => navigate('/authorities')}>
          {nhs ? 'Register NHS body' : 'Register council'}
        </SubmitOrCancel>
      </form>
    </>
  );
}

/** The two forms as pages of their own, for the routes (loaded on first visit). */
export const RegisterCouncilPage = () => <RegisterAuthorityPage nhs={false} />;
export const RegisterNhsBodyPage = () => <RegisterAuthorityPage nhs />;
