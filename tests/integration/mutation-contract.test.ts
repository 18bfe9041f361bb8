import { appRouter } from '@concord/api';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

/**
 * Issue 12, item 4, made impossible to forget: every mutation of the app router is classified here, and its
 * input schema is held to its class.
 *
 * - `create`: makes a record from a form; must REQUIRE an `idempotencyKey` (the web sends one per form), so a
 *   double submit or a retry after a lost answer creates one row.
 * - `edit`: changes a record someone loaded in a form; must REQUIRE its `version` (or `rowVersion`), so a stale
 *   edit is refused with CONFLICT instead of overwriting another person's change.
 * - `both`: makes a record that changes another one loaded in a form (a contract's variation): both.
 * - `action`: neither, with the reason it is safe to repeat or to run from a stale page.
 *
 * A new mutation fails this test until it is classified; "required" is checked on the schema itself: a call
 * without the field must fail on that field.
 */
type Kind = 'create' | 'edit' | 'both';
type Rule = Kind | { action: string };

const MUTATIONS: Record<string, Rule> = {
  'apiToken.create': 'create',
  'apiToken.revoke': { action: 'a revoke by id is idempotent by nature: only a token not yet revoked is revoked, once' },

  'application.create': 'create',
  'application.decide': { action: 'a state transition (received → admitted or rejected) checked in the UPDATE that makes it' },
  'application.moderate': 'edit',
  'application.recordGateway': 'edit',
  'application.score': 'edit',
  'application.verifyProvider': { action: 'a state transition (unverified → verified), a repeat changes nothing' },
  'application.withdraw': { action: 'a state transition (received → withdrawn) checked in the statement that changes it' },

  'appraisal.create': 'create',
  'appraisal.update': 'edit',
  'approvedList.change': { action: 'a state transition of a list entry (active → suspended → active, → removed) checked against its state' },

  'auth.confirmTwoStep': { action: 'sign-in step: confirms a two-step set-up with a one-time code' },
  'auth.forgotPassword': { action: 'sign-in step: asks for a reset link; issues at most one live link per account' },
  'auth.regenerateRecoveryCodes': { action: 'my own two-step recovery codes, replaced whole after a fresh code' },
  'auth.revokeSession': { action: 'ends a session by id: idempotent by nature' },
  'auth.setAdminPassword': { action: 'redeems a single-use link: a second use is refused' },
  'auth.setup': { action: 'redeems the single-use setup link: a second use is refused' },
  'auth.signIn': { action: 'sign-in' },
  'auth.signOut': { action: 'sign-out' },
  'auth.startTwoStep': { action: 'starts my own two-step set-up, replacing an unconfirmed one' },
  'auth.turnOffTwoStep': { action: 'my own two-step, turned off with a fresh code: idempotent by nature' },
  'auth.verifyTwoStep': { action: 'sign-in step: the second factor' },

  'benchmark.setConsent': { action: 'one yes/no setting of my authority, set whole; a repeat writes the same' },

  'budget.addBlockPayment': 'create',
  'budget.set': 'edit',

  'businessCase.approve': { action: 'a state transition (submitted → approved) checked against the state in the statement that changes it' },
  'businessCase.create': 'create',
  'businessCase.submit': { action: 'a state transition (draft → submitted) checked against the state in the statement that changes it' },
  'businessCase.update': 'edit',

  'callOff.award': { action: 'a state transition of a call-off (open → awarded), under the call-off row’s lock' },
  'callOff.awardDirect': { action: 'a state transition of a call-off (open → awarded), under the call-off row’s lock' },
  'callOff.cancel': { action: 'a state transition of a call-off (→ cancelled), under the call-off row’s lock' },
  'callOff.create': 'create',
  'callOff.recordResponse': { action: 'one provider’s response to a call-off, one per provider (upsert), under the call-off’s lock' },
  'callOff.respond': { action: 'my organisation’s response to a call-off, one per provider (upsert), under the call-off’s lock' },
  'callOff.scoreResponse': 'edit',
  'callOff.startMiniCompetition': { action: 'a state transition of a call-off (→ mini-competition), under the call-off row’s lock' },

  'clarification.publish': 'create',

  'contract.addVariation': 'both',
  'contract.bulkContinue': 'create',
  'contract.create': 'create',
  'contract.decideExtension': 'edit',
  'contract.directAward': 'create',
  'contract.recordEndDecision': 'edit',
  'contract.setRates': 'edit',
  'contract.terminate': 'edit',
  'contract.update': 'edit',
  'contractReturn.accept': 'edit',
  'contractReturn.query': 'edit',

  'costModel.create': 'create',
  'costModel.createDraft': { action: 'starts the next draft version: refused while a draft exists, so a repeat makes no second one' },
  'costModel.publish': { action: 'a state transition of the draft version (draft → published) checked against its state' },
  'costModel.updateDraft': 'edit',

  'criteria.set': 'edit',
  'criteria.setGatewayQuestions': 'edit',
  'criteria.setScale': 'edit',

  'demand.create': 'create',
  'demand.update': 'edit',

  'fairCost.create': 'create',
  'kpi.save': 'create',

  'lot.create': 'create',
  'lot.delete': { action: 'a delete by id: idempotent by nature' },
  'lot.update': 'edit',

  'meeting.addAction': 'create',
  'meeting.create': 'create',
  'meeting.issuePack': { action: 'issues the meeting’s pack from the figures as they are: a state transition of the meeting' },
  'meeting.setActionStatus': 'edit',

  'message.markRead': { action: 'a mark-as-read: idempotent by nature' },

  'myApplication.discard': { action: 'a delete of my own draft by id: idempotent by nature' },
  'myApplication.save': 'edit',
  'myApplication.start': 'create',
  'myApplication.submit': 'edit',

  'notice.declinePipeline': 'create',
  'notice.draft': 'create',
  'notice.markPublished': 'edit',
  'notice.markReady': 'edit',
  'notice.update': 'edit',
  'notice.withdraw': 'edit',

  'opportunity.ask': 'create',

  'organisation.acceptInvitation': { action: 'redeems a single-use invitation link: a second use is refused' },
  'organisation.cancelInvitation': { action: 'cancels an invitation by id: idempotent by nature' },
  'organisation.invite': { action: 'an invitation of one email: at most one open per organisation and email (a unique index, migration 0050)' },
  'organisation.register': { action: 'sign-up: a second registration with the same email or numbers is refused' },
  'organisation.removeRole': { action: 'removes one role from one person: idempotent by nature' },
  'organisation.update': 'edit',
  'organisation.verify': { action: 'a state transition (unverified → verified) under the organisation row’s lock' },

  'partnership.acceptInvitation': { action: 'a state transition of an invitation (pending → accepted) checked against its state' },
  'partnership.acceptLead': { action: 'a state transition of a lead proposal (pending → accepted) checked against its state' },
  'partnership.declineInvitation': { action: 'a state transition of an invitation (pending → declined) checked against its state' },
  'partnership.invite': { action: 'an invitation of one authority: at most one pending per authority and partnership (a unique index)' },
  'partnership.leave': { action: 'a state transition of my membership (→ left): idempotent by nature' },
  'partnership.nameRole': 'edit',
  'partnership.propose': 'create',
  'partnership.proposeLead': { action: 'proposes a new lead: at most one pending proposal per partnership' },
  'partnership.removeRole': { action: 'removes one role holder: idempotent by nature' },
  'partnership.setKpiSet': 'edit',
  'partnership.withdrawInvitation': { action: 'a state transition of an invitation (pending → withdrawn) checked against its state' },

  'people.acceptInvitation': { action: 'redeems a single-use invitation link: a second use is refused' },
  'people.cancelInvitation': { action: 'cancels an invitation by id: idempotent by nature' },
  'people.invite': { action: 'an invitation of one email: at most one open per authority and email (a unique index, migration 0050)' },
  'people.inviteAdministrator': { action: 'an invitation of one email: at most one open per authority and email (a unique index, migration 0050)' },
  'people.issueReset': { action: 'issues a password reset link, replacing any earlier one' },
  'people.resetPassword': { action: 'redeems a single-use reset link: a second use is refused' },
  'people.setActive': { action: 'one yes/no setting of one person, set whole; a repeat writes the same' },
  'people.setRoles': 'edit',
  'people.setTwoStepRequired': 'edit',

  'placement.create': 'create',
  'placement.importCsv': { action: 'an upload: placements are keyed by their unique reference, so a repeat adds none twice' },
  'placement.update': 'edit',

  'population.import': { action: 'an upload of ONS estimates, one per authority and year (upsert): a repeat writes the same' },

  'procurement.create': 'create',
  'procurement.setBuyers': 'edit',
  'procurement.setMilestones': 'edit',
  'procurement.transition': { action: 'a state transition checked in the UPDATE that makes it (only from the stage it was read at)' },
  'procurement.update': 'edit',

  'provider.create': 'create',
  'provider.decideClaim': { action: 'a state transition of a claim (pending → confirmed or refused) checked against its state' },

  'providerDocument.replace': { action: 'replaces one current document by id (the old one is kept as superseded), under the organisation’s lock' },
  'providerDocument.upload': 'create',
  'providerDocument.withdraw': { action: 'withdraws a document by id: idempotent by nature' },
  'providerLocation.add': 'create',
  'providerLocation.remove': 'edit',
  'providerLocation.update': 'edit',

  'providerReturn.submit': 'edit',
  'providerReturn.upload': { action: 'an upload of a contract’s monitoring returns, one per period (upsert)' },

  'rate.set': 'edit',
  'rate.share': { action: 'shares my rates for one year with the partnership: a yes/no setting, idempotent by nature' },
  'rate.withdraw': { action: 'withdraws my shared rates: idempotent by nature' },

  'registry.confirmImport': { action: 'an import confirmed by the fingerprint of the file previewed, under a lock on the registry: a repeat changes nothing' },
  'registry.previewImport': { action: 'writes nothing: previews what an import would change' },
  'registry.registerCouncil': 'create',
  'registry.registerNhsBody': 'create',
  'registry.rename': 'edit',
  'registry.setActive': 'edit',

  'reopening.create': 'create',

  'return.review': { action: 'a state transition of a member’s return (submitted → accepted or queried) checked against its state' },
  'return.submit': 'edit',
  'return.submitDerived': 'edit',
  'return.upload': { action: 'an upload of KPI returns, one per KPI and period (upsert)' },

  'risk.create': 'create',
  'risk.delete': { action: 'a delete by id: idempotent by nature' },
  'risk.setMatrix': 'edit',
  'risk.update': 'edit',

  'specification.create': 'create',
  'specification.createDraft': { action: 'starts the next draft version: refused while a draft exists, so a repeat makes no second one' },
  'specification.publish': { action: 'a state transition of the draft version (draft → published) checked against its state' },
  'specification.updateDraft': 'edit',
};

type Procedure = { _def: { type: string; inputs: z.ZodType[] } };
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures;
const mutations = Object.keys(procedures)
  .filter((name) => procedures[name]!._def.type === 'mutation')
  .sort();

/** The fields a call without any field is refused on, by every input schema of the procedure. */
function requiredFields(name: string): Set<string> {
  const fields = new Set<string>();
  for (const schema of procedures[name]!._def.inputs) {
    const parsed = schema.safeParse({});
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) if (issue.path.length > 0) fields.add(String(issue.path[0]));
  }
  return fields;
}

const FORM_KEY = ['idempotencyKey'];
const VERSION = ['version', 'rowVersion'];

describe('every mutation is a create with a form key, an edit with a version, or an action with a reason', () => {
  it('every mutation of the app router is classified here, and every name here is a mutation', () => {
    expect(mutations.filter((name) => !(name in MUTATIONS))).toEqual([]);
    expect(Object.keys(MUTATIONS).filter((name) => !mutations.includes(name))).toEqual([]);
    for (const [name, rule] of Object.entries(MUTATIONS)) if (typeof rule === 'object') expect(rule.action.trim(), name).not.toBe('');
  });

  const held = (kind: Kind) => Object.keys(MUTATIONS).filter((name) => MUTATIONS[name] === kind || (MUTATIONS[name] === 'both' && kind !== 'both'));

  it.each(held('create'))('%s requires a form key (idempotencyKey)', (name) => {
    expect([...requiredFields(name)].filter((f) => FORM_KEY.includes(f))).toEqual(FORM_KEY);
  });

  it.each(held('edit'))('%s requires the version of the record it changes', (name) => {
    expect([...requiredFields(name)].filter((f) => VERSION.includes(f))).toHaveLength(1);
  });

  it('the check can fail: a schema whose key or version is optional is not counted as requiring it', async () => {
    const { z: zod } = await import('zod');
    const optional = zod.object({ title: zod.string(), idempotencyKey: zod.uuid().optional(), version: zod.number().nullish() }).safeParse({});
    const fields = optional.success ? [] : optional.error.issues.map((i) => String(i.path[0]));
    expect(fields).toEqual(['title']);
  });
});
