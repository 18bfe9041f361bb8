import { PARTNERSHIP_ROLES, type PartnershipRole } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { DateInput, EMPTY_DATE, isoOf, todayIso, type DateParts } from '../../components/DateInput.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Radios } from '../../components/Radios.tsx';
import { Select } from '../../components/Select.tsx';
import { Table } from '../../components/Table.tsx';
import { formatDate } from '../../format.ts';
import { roleLabel } from '../../labels.ts';
import { errorCode, errorMessage, trpc } from '../../trpc.ts';
import { refreshSettings } from './SettingsLead.tsx';
import type { Report, Settings } from './SettingsPage.tsx';

/** Each member's sections of Partnership settings (issue 10, item 4): its people's roles, leaving, taking over the lead. */

export function PartnershipRoles({ settings: s, report }: { settings: Settings; report: Report }) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const failed = async (e: unknown) => {
    const found = apiFormErrors(e, { userId: 'roleUserId', role: 'role' });
    // Someone changed my authority's roles meanwhile: show the roles as they are now (and take their version), keeping the choice made.
    if (errorCode(e) === 'CONFLICT') await refreshSettings(s.id);
    setErrors(found);
    report.failed(found.summary[0]?.text ?? errorMessage(e));
  };
  const name = useMutation({
    ...trpc.partnership.nameRole.mutationOptions(),
    onSuccess: async (_r, input) => {
      await refreshSettings(s.id);
      setErrors(NO_ERRORS);
      setUserId('');
      setRole('');
      report.done(`${s.people.find((p) => p.id === input.userId)?.name ?? 'They'} is now ${roleLabel(input.role).toLowerCase()}.`);
    },
    onError: failed,
  });
  const remove = useMutation({
    ...trpc.partnership.removeRole.mutationOptions(),
    onSuccess: async () => {
      await refreshSettings(s.id);
      report.done('The role is removed.');
    },
    onError: failed,
  });
  // Lead commissioners are named by the lead authority only.
  const roles = PARTNERSHIP_ROLES.filter((r) => r === 'network_member' || s.me.isLead);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.isPending) name.mutate({ partnershipId: s.id, userId, role: role as PartnershipRole, version: s.rolesVersion });
  }
  return (
    <>
      {/* A heading, not only the table's caption, so the form's h3 below follows an h2 (axe heading-order). */}
      <h2 className="govuk-heading-m">Partnership roles</h2>
      {s.roles.length === 0 && <p className="govuk-body">No one has been named to a partnership role yet.</p>}
      {s.roles.length > 0 && (
      <Table
        caption="Partnership roles"
        captionHidden
        small
        rows={s.roles}
        rowKey={(r) => `${r.authority.id} ${r.person?.id ?? ''} ${r.role}`}
        rowTestId="partnership-role"
        columns={[
          { header: 'Role', rowHeader: true, cell: (r) => roleLabel(r.role) },
          { header: 'Authority', cell: (r) => r.authority.name },
          { header: 'Person', cell: (r) => r.person?.name ?? 'Someone of that authority' },
          {
            header: <span className="govuk-visually-hidden">Action</span>,
            cell: (r) =>
              r.person && s.me.canManage ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ partnershipId: s.id, userId: r.person!.id, role: r.role })}
                >
                  Remove<span className="govuk-visually-hidden"> {r.person.name} as {roleLabel(r.role).toLowerCase()}</span>
                </button>
              ) : null,
          },
        ]}
      />
      )}
      {s.me.canManage && (
        <form noValidate onSubmit={submit}>
          <h3 className="govuk-heading-s">Name someone of your authority</h3>
          <Select id="roleUserId" name="roleUserId" label="Person" placeholder="Choose a person" options={s.people.map((p) => ({ value: p.id, label: p.name }))} value={userId} onChange={setUserId} error={errors.fields.roleUserId} />
          <Radios name="role" legend="Partnership role" legendSize="s" small options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} value={role} onChange={setRole} error={errors.fields.role} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={name.isPending}>
            Name to the role
          </button>
        </form>
      )}
    </>
  );
}

export function Leave({ settings: s, report }: { settings: Settings; report: Report }) {
  const navigate = useNavigate();
  const [day, setDay] = useState<DateParts>(EMPTY_DATE);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const leave = useMutation({
    ...trpc.partnership.leave.mutationOptions(),
    onSuccess: async ({ leftOn }) => {
      setConfirming(null);
      if (leftOn <= todayIso()) {
        await refreshSettings(s.id).catch(() => undefined);
        navigate('/partnerships');
        return;
      }
      await refreshSettings(s.id);
      report.done(`Your authority leaves ${s.name} on ${formatDate(leftOn)}.`);
    },
    onError: (e) => {
      setConfirming(null);
      const found = apiFormErrors(e, { leaveOn: 'leaveOn-day' });
      setErrors(found);
      report.failed(found.summary[0]?.text ?? errorMessage(e));
    },
  });
  if (s.me.leftOn) {
    return (
      <p className="govuk-body govuk-!-margin-top-6" data-testid="leaving">
        Your authority leaves this partnership on {formatDate(s.me.leftOn)}.
      </p>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const iso = isoOf(day);
    if (iso === null || iso === 'invalid') {
      setErrors({ summary: [], fields: { 'leaveOn-day': 'Enter the day your authority leaves as a real date, for example 31 3 2027' } });
      return;
    }
    setErrors(NO_ERRORS);
    setConfirming(iso);
  }
  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="leave-heading">
      <h2 className="govuk-heading-m" id="leave-heading">
        Leave the partnership
      </h2>
      {confirming ? (
        <div className="govuk-warning-text">
          <p className="govuk-body">
            Leave {s.name} on {formatDate(confirming)}? From that day your authority sees nothing new of the partnership. Its figures up to then stay in the
            partnership’s benchmarks, named or anonymised as you chose; your own contracts stay yours.
          </p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--warning" disabled={leave.isPending} onClick={() => leave.mutate({ partnershipId: s.id, leaveOn: confirming })}>
              Yes, leave on {formatDate(confirming)}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(null)}>
              Go back
            </button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={submit}>
          <DateInput id="leaveOn" legend="The day your authority leaves" legendSize="s" hint={`Today or later, for example ${todayIso().split('-').reverse().map(Number).join(' ')}`} error={errors.fields['leaveOn-day']} value={day} onChange={setDay} />
          <button type="submit" className="govuk-button govuk-button--warning">
            Continue
          </button>
        </form>
      )}
    </section>
  );
}

export function AcceptLead({ settings: s, report }: { settings: Settings; report: Report }) {
  const accept = useMutation({
    ...trpc.partnership.acceptLead.mutationOptions(),
    onSuccess: async () => {
      await refreshSettings(s.id);
      report.done(`Your authority is now the lead authority of ${s.name}.`);
    },
    onError: (e) => report.failed(errorMessage(e)),
  });
  return (
    <div className="govuk-inset-text" data-testid="accept-lead">
      <p className="govuk-body">{s.lead.name} proposes that your authority becomes the lead authority of this partnership.</p>
      <button type="button" className="govuk-button" disabled={accept.isPending} onClick={() => accept.mutate({ partnershipId: s.id })}>
        Accept the lead
      </button>
    </div>
  );
}
