import {
  CONTRACT_CHANGE_EXEMPTION_LABELS,
  CONTRACT_CHANGE_EXEMPTIONS,
  TENDER_DEADLINE_LABELS,
  TENDERING_PROCEDURE_LABELS,
  VOLUNTARY_STANDSTILL_CHOICES,
  VOLUNTARY_STANDSTILL_FIELD,
  type NoticeType,
} from '@concord/domain';
import type { Tx } from '@concord/db';
import type { Scope } from './facts.ts';
import type { EditableField } from './types.ts';

/**
 * The few fields of each notice only a person can supply; everything else is drafted from Concord's data. A UK6 has
 * one assessment summary per supplier assessed, named `assessmentSummary.<provider id>`.
 */
const FIXED: Partial<Record<NoticeType, EditableField[]>> = {
  UK1: [{ name: 'description', label: 'What the authority plans to procure this year', hint: 'Public contracts of more than £2 million, in words', multiline: true }],
  UK2: [{ name: 'engagementSummary', label: 'How the market was engaged', hint: 'Events, questionnaires or meetings, with their dates', multiline: true }],
  UK3: [{ name: 'description', label: 'What is planned', hint: null, multiline: true }],
  UK4: [
    { name: 'description', label: 'Description of the tender', hint: null, multiline: true },
    {
      name: 'procedure',
      label: 'Procedure',
      hint: null,
      multiline: false,
      radios: true,
      choices: [
        { value: 'open', label: TENDERING_PROCEDURE_LABELS.open },
        { value: 'competitive_flexible', label: `${TENDERING_PROCEDURE_LABELS.competitive_flexible} (it may begin with a participation stage)` },
      ],
    },
    { name: 'participationDeadline', label: TENDER_DEADLINE_LABELS.participationDeadline, hint: 'Only for a competitive flexible procedure with a participation stage', multiline: false, date: true },
    { name: 'tenderDeadline', label: TENDER_DEADLINE_LABELS.tenderDeadline, hint: null, multiline: false, date: true },
    { name: 'urgencyReason', label: 'Why urgency makes the normal time limits impractical', hint: 'Only in a state of urgency: it shortens the minimum participation period to 10 days', multiline: true },
    { name: 'noMarketEngagementNoticeReason', label: 'Reason for not publishing a preliminary market engagement notice', hint: 'Only where market engagement took place and no UK2 was published', multiline: true },
  ],
  UK5: [
    { name: 'directAwardReason', label: 'Reason for the direct award', hint: 'Which justification in Schedule 5 to the Act applies, and why', multiline: true },
  ],
  UK6: [],
  UK7: [{ name: 'description', label: 'Summary of the contract', hint: null, multiline: true }],
  UK10: [
    { name: 'changeDescription', label: 'Description of the change', hint: null, multiline: true },
    {
      name: 'exemption',
      label: 'Exemption relied on, if any',
      hint: 'Choose none when the change needs this notice',
      multiline: false,
      choices: [{ value: '', label: 'None: the change needs this notice' }, ...CONTRACT_CHANGE_EXEMPTIONS.map((e) => ({ value: e, label: `${CONTRACT_CHANGE_EXEMPTION_LABELS[e].words} (${CONTRACT_CHANGE_EXEMPTION_LABELS[e].provision})` }))],
    },
    { name: 'exemptionReason', label: 'Why the change is exempt', hint: 'Only for an exempt change', multiline: true },
  ],
  UK11: [{ name: 'terminationReason', label: 'Why the contract ended', hint: null, multiline: true }],
  UK12: [{ name: 'reason', label: 'Why the contract will not be awarded', hint: null, multiline: true }],
  UK13: [{ name: 'description', label: 'The dynamic market to be established', hint: null, multiline: true }],
  UK14: [{ name: 'description', label: 'The dynamic market established', hint: null, multiline: true }],
  UK15: [{ name: 'description', label: 'The modification', hint: null, multiline: true }],
  UK16: [{ name: 'reason', label: 'Why the dynamic market ceases', hint: null, multiline: true }],
};

/** Fields a notice must have filled before it is ready to publish. */
export const REQUIRED_FIELDS: Partial<Record<NoticeType, string[]>> = { UK5: ['directAwardReason'], UK12: ['reason'] };

export interface Supplier {
  id: string;
  name: string;
  companiesHouseNumber: string | null;
}

/** The suppliers a scope's award concerns: those admitted or invited, and those holding its contracts. */
export async function suppliersOf(tx: Tx, scope: Scope): Promise<Supplier[]> {
  const ids = new Set(scope.contracts.map((c) => c.providerId));
  if (scope.kind === 'procurement') {
    for (const e of await tx.selectFrom('approved_list_entry').select('provider_id').where('procurement_id', '=', scope.id).execute()) ids.add(e.provider_id);
  }
  if (scope.kind === 'callOff') {
    for (const i of await tx.selectFrom('call_off_invitation').select('provider_id').where('call_off_id', '=', scope.id).execute()) ids.add(i.provider_id);
    const c = await tx.selectFrom('call_off').select('awarded_provider_id').where('id', '=', scope.id).executeTakeFirst();
    if (c?.awarded_provider_id) ids.add(c.awarded_provider_id);
  }
  if (ids.size === 0) return [];
  const rows = await tx.selectFrom('provider').select(['id', 'legal_name', 'companies_house_number']).where('id', 'in', [...ids]).orderBy('legal_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.legal_name, companiesHouseNumber: r.companies_house_number }));
}

/** The UK6's choice of a voluntary standstill: the mandatory one does not apply to light touch contracts (s.51(3)). */
const STANDSTILL_CHOICE: EditableField = {
  name: VOLUNTARY_STANDSTILL_FIELD,
  label: 'Observe a voluntary standstill period',
  hint: 'The mandatory standstill does not apply to light touch contracts such as adult social care (Procurement Act 2023, s.51(3)). Fixed once the notice is published.',
  multiline: false,
  radios: true,
  choices: VOLUNTARY_STANDSTILL_CHOICES.map((c) => ({ value: c.value, label: c.label })),
};

export function editableFields(type: NoticeType, suppliers: readonly Supplier[]): EditableField[] {
  if (type !== 'UK6') return FIXED[type] ?? [];
  return [STANDSTILL_CHOICE, ...suppliers.map((s) => ({
    name: `assessmentSummary.${s.id}`,
    label: `Assessment summary for ${s.name}`,
    hint: 'Sent to the supplier before the notice is published: the scores and the reasons for them, against the award criteria',
    multiline: true,
  }))];
}
