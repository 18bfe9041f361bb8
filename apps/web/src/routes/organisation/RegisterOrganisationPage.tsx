import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { apiFormErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { TextInput } from '../../components/TextInput.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { ORGANISATION_HOME } from '../../session.tsx';
import { forgetSession, queryClient, trpc } from '../../trpc.ts';
import { EMPTY_ORGANISATION, ORGANISATION_FIELD_IDS, OrganisationFields, organisationInput } from './OrganisationFields.tsx';

export { REGISTER_ORGANISATION_PATH } from './paths.ts';

const PERSON_FIELD_IDS = { displayName: 'displayName', email: 'email', password: 'password', confirmPassword: 'confirmPassword' };

/**
 * A care provider registers its organisation (issue 11, item 1): the person who registers becomes its provider
 * administrator and is signed in on the organisation's home, where it waits to be verified.
 */
export function RegisterOrganisationPage() {
  const navigate = useNavigate();
  const [person, setPerson] = useState({ displayName: '', email: '', password: '', confirmPassword: '' });
  const [organisation, setOrganisation] = useState(EMPTY_ORGANISATION);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Register your care organisation', hasErrors(errors));

  const register = useMutation({
    ...trpc.organisation.register.mutationOptions(),
    onSuccess: async (result) => {
      forgetSession(null);
      queryClient.clear();
      await queryClient.fetchQuery(trpc.auth.me.queryOptions());
      // Numbers a council already listed: a claim on that entry, waiting for a council to confirm.
      if (result.claimPending) navigate('/claim', { replace: true });
      else navigate(ORGANISATION_HOME, { replace: true, state: { notice: 'Your organisation is registered' } });
    },
    onError: (error) => {
      setErrors(apiFormErrors(error, { ...PERSON_FIELD_IDS, ...ORGANISATION_FIELD_IDS }));
      setPerson((p) => ({ ...p, password: '', confirmPassword: '' }));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) return;
    register.mutate({ ...person, ...organisationInput(organisation) });
  };
  const setField = (key: keyof typeof person) => (e: React.ChangeEvent<HTMLInputElement>) => setPerson({ ...person, [key]: e.target.value });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/sign-in">
          Back to sign in
        </Link>
        <ErrorSummary errors={errors.summary} />
        <h1 className="govuk-heading-l">Register your care organisation</h1>
        <p className="govuk-body">
          Register once to apply to councils’ procurements, respond to invitations and send monitoring returns on Concord. You become your organisation’s
          provider administrator and can invite your colleagues.
        </p>
        <p className="govuk-body">
          If a council already lists your organisation, register with the same Companies House number or CQC provider ID and a council will confirm that it
          is yours.
        </p>
        <form noValidate onSubmit={submit} data-testid="register-organisation-form">
          <h2 className="govuk-heading-m">About you</h2>
          <TextInput id="displayName" name="displayName" label="Your full name" autoComplete="name" value={person.displayName} onChange={setField('displayName')} error={errors.fields.displayName} />
          <TextInput
            id="email"
            name="email"
            label="Your email address"
            hint="You sign in with this."
            type="email"
            spellCheck={false}
            autoComplete="email"
            value={person.email}
            onChange={setField('email')}
            error={errors.fields.email}
          />
          <TextInput
            id="password"
            name="password"
            label="Create a password"
            hint="At least 12 characters. Three or more random words are easy to remember and hard to guess."
            type="password"
            autoComplete="new-password"
            className="govuk-!-width-two-thirds"
            value={person.password}
            onChange={setField('password')}
            error={errors.fields.password}
          />
          <TextInput
            id="confirmPassword"
            name="confirmPassword"
            label="Confirm the password"
            type="password"
            autoComplete="new-password"
            className="govuk-!-width-two-thirds"
            value={person.confirmPassword}
            onChange={setField('confirmPassword')}
            error={errors.fields.confirmPassword}
          />
          <h2 className="govuk-heading-m">Your organisation</h2>
          <OrganisationFields form={organisation} onChange={setOrganisation} errors={errors.fields} />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={register.isPending}>
            Register organisation
          </button>
        </form>
      </div>
    </div>
  );
}
