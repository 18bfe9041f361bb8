import { INVITATION_STATUS_LABELS } from '@concord/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Checkboxes } from '../../components/Checkboxes.tsx';
import { apiFormErrors, NO_ERRORS, type FormErrors } from '../../components/formErrors.ts';
import { Select } from '../../components/Select.tsx';
import { Table } from '../../components/Table.tsx';
import { formatDate } from '../../format.ts';
import { errorMessage, refreshAfterChange, trpc } from '../../trpc.ts';
import type { Report, Settings } from './SettingsPage.tsx';

/** The lead authority's sections of Partnership settings (issue 10, item 4): invitations, KPI set, handing over the lead. */

export const refreshSettings = (partnershipId: string) =>
  Promise.all([refreshAfterChange(trpc.partnership.settings.queryKey({ partnershipId })), refreshAfterChange(trpc.authority.mine.queryKey())]);

export function InvitationsTable({ settings: s, report }: { settings: Settings; report: Report }) {
  const withdraw = useMutation({
    ...trpc.partnership.withdrawInvitation.mutationOptions(),
    onSuccess: async () => {
      await refreshSettings(s.id);
      report.done('The invitation is withdrawn.');
    },
    onError: (e) => report.failed(errorMessage(e)),
  });
  if (s.invitations.length === 0) return null;
  return (
    <Table
      caption="Invitations"
      captionSize="m"
      small
      rows={s.invitations}
      rowKey={(i) => i.id}
      rowTestId="settings-invitation"
      columns={[
        { header: 'Authority', rowHeader: true, cell: (i) => i.authority.name },
        { header: 'Invited', cell: (i) => formatDate(i.invitedAt) },
        { header: 'Status', cell: (i) => INVITATION_STATUS_LABELS[i.status] + (i.respondedAt ? ` on ${formatDate(i.respondedAt)}` : '') },
        {
          header: <span className="govuk-visually-hidden">Action</span>,
          cell: (i) =>
            i.status === 'invited' && s.me.canManage ? (
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ invitationId: i.id })}>
                Withdraw<span className="govuk-visually-hidden"> the invitation to {i.authority.name}</span>
              </button>
            ) : null,
        },
      ]}
    />
  );
}

export function InviteAuthority({ settings: s, report }: { settings: Settings; report: Report }) {
  const [authorityId, setAuthorityId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const invite = useMutation({
    ...trpc.partnership.invite.mutationOptions(),
    onSuccess: async () => {
      const name = s.candidates.find((c) => c.id === authorityId)?.name ?? authorityId;
      await refreshSettings(s.id);
      setAuthorityId('');
      setErrors(NO_ERRORS);
      report.done(`You invited ${name}. Nothing of the partnership is shared with it until it accepts.`);
    },
    onError: (e) => {
      const found = apiFormErrors(e, { authorityId: 'authorityId' });
      setErrors(found);
      report.failed(found.summary[0]?.text ?? errorMessage(e));
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invite.isPending) invite.mutate({ partnershipId: s.id, authorityId });
  }
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m">Invite an authority</h2>
      <Select
        id="authorityId"
        name="authorityId"
        label="Authority"
        hint="Councils and NHS bodies in the registry that are not members or already invited"
        placeholder="Choose an authority"
        options={s.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))}
        value={authorityId}
        onChange={setAuthorityId}
        error={errors.fields.authorityId}
      />
      <button type="submit" className="govuk-button" disabled={invite.isPending}>
        Send invitation
      </button>
    </form>
  );
}

export function KpiSet({ settings: s, report }: { settings: Settings; report: Report }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const save = useMutation({
    ...trpc.partnership.setKpiSet.mutationOptions(),
    onSuccess: async () => {
      await refreshSettings(s.id);
      setCodes(null);
      report.done('The KPI set is saved.');
    },
    onError: (e) => report.failed(errorMessage(e)),
  });
  const current = s.kpis.map((k) => k.code);
  if (!(s.me.isLead && s.me.canManage)) {
    return (
      <>
        <h2 className="govuk-heading-m govuk-!-margin-top-6">KPI set</h2>
        <ul className="govuk-list govuk-list--bullet" data-testid="kpi-set">
          {s.kpis.map((k) => (
            <li key={k.code}>{k.name}</li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <form noValidate className="govuk-!-margin-top-6" onSubmit={(e) => (e.preventDefault(), save.mutate({ partnershipId: s.id, kpiCodes: codes ?? current, version: s.rowVersion }))}>
      <Checkboxes
        name="kpiCodes"
        legend="KPI set"
        legendSize="m"
        hint="From the standard library. A KPI taken out keeps its history and the figures already returned."
        small
        options={s.library.map((k) => ({ value: k.code, label: k.name }))}
        values={codes ?? current}
        onChange={setCodes}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={save.isPending}>
        Save the KPI set
      </button>
    </form>
  );
}

export function HandOver({ settings: s, report }: { settings: Settings; report: Report }) {
  const [to, setTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const propose = useMutation({
    ...trpc.partnership.proposeLead.mutationOptions(),
    onSuccess: async (_r, input) => {
      await refreshSettings(s.id);
      setConfirming(false);
      setTo('');
      report.done(input.authorityId ? 'The handover is proposed: the lead passes once the other member accepts.' : 'The handover is withdrawn.');
    },
    onError: (e) => {
      setConfirming(false);
      const found = apiFormErrors(e, { authorityId: 'leadAuthorityId' });
      setErrors(found);
      report.failed(found.summary[0]?.text ?? errorMessage(e));
    },
  });
  const others = s.members.filter((m) => !m.isLead && !m.leftOn);
  const chosen = others.find((m) => m.id === to);
  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="hand-over">
      <h2 className="govuk-heading-m" id="hand-over">
        Hand over the lead
      </h2>
      {s.proposedLead ? (
        <>
          <p className="govuk-body">You proposed {s.proposedLead.name} as lead authority. It becomes lead when its administrator or a commissioner accepts.</p>
          <button type="button" className="govuk-button govuk-button--secondary" disabled={propose.isPending} onClick={() => propose.mutate({ partnershipId: s.id, authorityId: null })}>
            Withdraw the handover
          </button>
        </>
      ) : others.length === 0 ? (
        <p className="govuk-body">The lead can be handed to another member once one has joined.</p>
      ) : confirming && chosen ? (
        <div className="govuk-warning-text">
          <p className="govuk-body">
            Propose {chosen.name} as lead authority? Once it accepts, your authority is no longer lead: only the new lead invites authorities, names lead commissioners and changes the KPI set.
          </p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--warning" disabled={propose.isPending} onClick={() => propose.mutate({ partnershipId: s.id, authorityId: chosen.id })}>
              Yes, propose {chosen.name}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={(e) => (e.preventDefault(), to ? setConfirming(true) : setErrors({ summary: [], fields: { leadAuthorityId: 'Choose the member to hand the lead to' } }))}>
          <Select id="leadAuthorityId" name="leadAuthorityId" label="New lead authority" placeholder="Choose a member" options={others.map((m) => ({ value: m.id, label: m.name }))} value={to} onChange={setTo} error={errors.fields.leadAuthorityId} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Continue
          </button>
        </form>
      )}
    </section>
  );
}
