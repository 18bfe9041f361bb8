import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase, callersFor, type Caller } from '../support/api.ts';
import {
  failure,
  fixtureApplication,
  fixtureEntry,
  fixtureProcurement,
  fixtureProvider,
  fixtureSpecification,
  LIVERPOOL_COMMISSIONER,
  LIVERPOOL_OFFICER,
  LIVERPOOL_VIEWER,
  partnershipIdOf,
  seededTripartite,
  SEFTON_COMMISSIONER,
  userIdOf,
} from '../support/procurement.ts';
import { versionOf } from '../support/versions.ts';

/** The procurement rules beyond who may call what: the demo data, stages, specifications, evaluation and the list. */

let connection: Connection;
let lead: Caller;
let officer: Caller;
let viewer: Caller;
let partner: Caller;

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ lead, officer, viewer, partner } = await callersFor(connection, { lead: LIVERPOOL_COMMISSIONER, officer: LIVERPOOL_OFFICER, viewer: LIVERPOOL_VIEWER, partner: SEFTON_COMMISSIONER }));
});
afterAll(() => connection.close());

const today = () => new Date().toISOString().slice(0, 10);

describe('the demo Tripartite Extra Care PDPS, as a partner sees it', () => {
  it('is live, led by Liverpool for Liverpool, Sefton and Knowsley, a 10-year system used for at least 5', async () => {
    const p = await partner.procurement.get({ procurementId: (await seededTripartite(connection.db)).id });
    expect(p).toMatchObject({
      reference: 'LCR-EC-2018',
      route: 'pdps',
      regime: 'pcr_2015_light_touch',
      status: 'live',
      systemTermMonths: 120,
      minimumUseMonths: 60,
      lead: { id: GSS.liverpool },
      canEdit: false,
      canEvaluate: false,
      nextStages: [],
      acceptsApplications: true,
    });
    expect(p.buyers.map((b) => b.id).sort()).toEqual([GSS.knowsley, GSS.liverpool, GSS.sefton].sort());
  });

  it('has lots by authority area totalling the 632 units of the twelve schemes, Sefton’s 94 among them', async () => {
    const p = await partner.procurement.get({ procurementId: (await seededTripartite(connection.db)).id });
    expect(p.lots.map((l) => [l.name, l.estimatedVolume, l.volumeUnit])).toEqual([
      ['Sefton', 94, 'units'],
      ['Knowsley', 152, 'units'],
      ['Liverpool', 386, 'units'],
    ]);
    expect(p.lots.reduce((sum, l) => sum + (l.estimatedVolume ?? 0), 0)).toBe(632);
    expect(p.approvedList.activeProviders).toBe(6);
  });

  it('records a decision for every stage, and the seed paper’s timeline with planned = actual', async () => {
    const p = await partner.procurement.get({ procurementId: (await seededTripartite(connection.db)).id });
    expect(p.decisions.map((d) => [d.from, d.to, d.decidedOn])).toEqual([
      ['draft', 'market_engagement', '2018-03-08'],
      ['market_engagement', 'published', '2018-04-03'],
      ['published', 'evaluation', '2018-05-01'],
      ['evaluation', 'award_approval', '2018-06-01'],
      ['award_approval', 'live', '2018-09-01'],
    ]);
    expect(p.decisions[0]!.decisionReference).toMatch(/Sefton Council Cabinet, 8 March 2018/);
    // Partners do not see the lead's staff.
    expect(p.decisions.every((d) => d.recordedBy === null)).toBe(true);
    expect(p.milestones.map((m) => [m.name, m.plannedStart, m.plannedEnd])).toEqual([
      ['Procurement launched', '2018-04-03', '2018-04-03'],
      ['Evaluation', '2018-05-01', '2018-05-31'],
      ['Report and delegated approval to award', '2018-06-01', '2018-06-29'],
      ['Contract award', '2018-07-02', '2018-07-02'],
      ['PDPS in place', '2018-09-01', '2018-09-01'],
    ]);
    expect(p.milestones.every((m) => m.actualStart === m.plannedStart && m.actualEnd === m.plannedEnd)).toBe(true);
  });

  it('was published with version 1 of the overarching specification; version 2 is a draft', async () => {
    const p = await partner.procurement.get({ procurementId: (await seededTripartite(connection.db)).id });
    expect(p.specification).toMatchObject({ publishedWith: { version: 1 }, latestVersion: 2 });
    const spec = await partner.specification.get({ specificationId: p.specification!.id });
    expect(spec.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect(spec.usedBy.map((u) => u.reference)).toEqual(['LCR-EC-2018']);
    const v1 = await partner.specification.get({ specificationId: p.specification!.id, version: 1 });
    expect(v1.current.sections.map((s) => s.key)).toEqual(['outcomes', 'service_requirements', 'quality', 'workforce', 'monitoring']);
  });

  it('has criteria totalling 100% and the usual gateway questions', async () => {
    const p = await partner.procurement.get({ procurementId: (await seededTripartite(connection.db)).id });
    expect(p.criteriaTotalPercent).toBe(100);
    expect(p.criteria.map((c) => c.kind)).toEqual(['quality', 'quality', 'quality', 'quality', 'price', 'social_value']);
    expect(p.gatewayQuestions.length).toBeGreaterThan(0);
    expect(p.scale.max).toBe(5);
  });

  it('the approved list shows each admission, and the Sandstone suspension and reinstatement', async () => {
    const list = await partner.approvedList.get({ procurementId: (await seededTripartite(connection.db)).id });
    const sefton = list.lots.find((l) => l.lot.name === 'Sefton')!;
    const sandstone = sefton.entries.find((e) => e.provider.legalName === 'Sandstone Housing Care Ltd')!;
    expect(sandstone.status).toBe('active');
    expect(sandstone.events.map((e) => [e.action, e.effectiveOn])).toEqual([
      ['admitted', '2018-07-02'],
      ['suspended', '2021-03-15'],
      ['reinstated', '2021-09-01'],
    ]);
  });
});

describe('the demo evaluation, as the lead sees it', () => {
  it('ranks every admitted provider on each lot, with the rejected one failed at the gateway', async () => {
    const lots = await lead.application.evaluation({ procurementId: (await seededTripartite(connection.db)).id });
    const liverpool = lots.find((l) => l.lot.name === 'Liverpool')!;
    expect(liverpool.results.filter((r) => r.applicationStatus === 'admitted').every((r) => r.status === 'ranked' && r.rank !== null)).toBe(true);
    expect(liverpool.results.find((r) => r.providerName === 'Northway Domiciliary Care Ltd')).toMatchObject({ status: 'gateway_failed', rank: null });
    expect(liverpool.results[0]!.rank).toBe(1);
  });

  it('lists applications for the lead’s evaluators, with the seven received', async () => {
    const applications = await officer.application.list({ procurementId: (await seededTripartite(connection.db)).id });
    expect(applications).toHaveLength(7);
    expect(applications.filter((a) => a.status === 'admitted')).toHaveLength(6);
  });
});

describe('creating and changing a procurement', () => {
  it('gives a reference from the partnership and year when none is given, and refuses a taken one', async () => {
    const partnershipId = await partnershipIdOf(connection.db);
    const input = {
      partnershipId,
      title: 'Referenced',
      serviceType: 'extra_care' as const,
      route: 'pdps' as const,
      regime: 'procurement_act_2023' as const,
      buyerAuthorityIds: [GSS.liverpool as string],
    };
    const first = await lead.procurement.create({ ...input, idempotencyKey: randomUUID() });
    const second = await lead.procurement.create({ ...input, idempotencyKey: randomUUID() });
    const year = new Date().getFullYear();
    expect(first.reference).toMatch(new RegExp(`^LCR-${year}-\\d{3}$`));
    expect(Number(second.reference.slice(-3))).toBe(Number(first.reference.slice(-3)) + 1);
    expect(await failure(lead.procurement.create({ idempotencyKey: randomUUID(), ...input, reference: 'LCR-EC-2018' }))).toMatchObject({ code: 'CONFLICT', field: 'reference' });
    // New procurements start with the default scale and gateway questions.
    const created = await lead.procurement.get({ procurementId: first.id });
    // Left out, the regime is the one in force today: the Procurement Act 2023 (issue 16); given, it is kept.
    const { regime: _given, ...withoutRegime } = input;
    const defaulted = await lead.procurement.create({ idempotencyKey: randomUUID(), ...withoutRegime, title: 'Regime left out' });
    expect((await lead.procurement.get({ procurementId: defaulted.id })).regime).toBe('procurement_act_2023');
    const kept = await lead.procurement.create({ idempotencyKey: randomUUID(), ...withoutRegime, title: 'Regime given', regime: 'pcr_2015_light_touch' });
    expect((await lead.procurement.get({ procurementId: kept.id })).regime).toBe('pcr_2015_light_touch');
    expect(created.scale.descriptors).toHaveLength(6);
    expect(created.gatewayQuestions.length).toBeGreaterThan(0);
  });

  it('refuses a buyer outside the partnership, naming the field', async () => {
    const result = await failure(
      lead.procurement.create({
        idempotencyKey: randomUUID(),
        partnershipId: await partnershipIdOf(connection.db),
        title: 'With Kent',
        serviceType: 'extra_care',
        route: 'pdps',
        regime: 'procurement_act_2023',
        buyerAuthorityIds: [GSS.liverpool, GSS.kent],
      }),
    );
    expect(result).toMatchObject({ code: 'BAD_REQUEST', field: 'buyerAuthorityIds' });
  });

  it('fixes the commercial terms, lots and criteria at publication; the title can still change', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'published' });
    expect(await failure(lead.procurement.update({ procurementId: p.id, version: 1, systemTermMonths: 24 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'systemTermMonths' });
    expect(await failure(lead.lot.delete({ lotId: p.lotIds[0]! }))).toMatchObject({ code: 'BAD_REQUEST', field: 'lotId' });
    expect(await failure(lead.lot.create({ idempotencyKey: randomUUID(), procurementId: p.id, name: 'Late', basis: 'scheme' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure(lead.criteria.set({ procurementId: p.id, version: 1, criteria: [{ kind: 'quality', name: 'Q', weightPercent: 100 }] }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'criteria',
    });
    await lead.procurement.update({ procurementId: p.id, version: 1, title: 'Retitled' });
    await lead.lot.update({ lotId: p.lotIds[0]!, version: 1, expectedProviders: 7 });
    const after = await lead.procurement.get({ procurementId: p.id });
    expect(after.title).toBe('Retitled');
    expect(after.lots[0]!.expectedProviders).toBe(7);
  });

  it('a viewer of the lead authority reads it but cannot change it', async () => {
    const p = await fixtureProcurement(connection.db);
    expect((await viewer.procurement.get({ procurementId: p.id })).canEdit).toBe(false);
    expect(await failure(viewer.procurement.update({ procurementId: p.id, version: 1, title: 'Viewer' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('stages and their preconditions', () => {
  it('publishing needs a published specification version, and records the version it was published with', async () => {
    const p = await fixtureProcurement(connection.db);
    const draftOnly = await lead.specification.create({ idempotencyKey: randomUUID(), partnershipId: p.partnershipId, title: 'Unpublished', serviceType: 'extra_care' });
    const chosen = await lead.procurement.update({ procurementId: p.id, version: 1, specificationId: draftOnly.id });
    expect(await failure(lead.procurement.transition({ procurementId: p.id, to: 'published', decisionReference: 'DD-1' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'to',
      message: expect.stringMatching(/publish a version of the overarching specification first/),
    });
    await lead.procurement.update({ procurementId: p.id, version: chosen.rowVersion, specificationId: p.specificationId });
    await lead.procurement.transition({ procurementId: p.id, to: 'published', decisionReference: 'DD-1', decidedOn: '2024-01-10', decisionLink: 'https://example.org/dd-1' });
    const after = await lead.procurement.get({ procurementId: p.id });
    expect(after.specification!.publishedWith!.versionId).toBe(p.publishedVersionId);
    expect(after.decisions.at(-1)).toMatchObject({ from: 'draft', to: 'published', decidedOn: '2024-01-10', decisionLink: 'https://example.org/dd-1' });
  });

  it('evaluation needs an application; award approval a finished evaluation; live an admitted provider', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'published' });
    const move = (to: 'evaluation' | 'award_approval' | 'live') => lead.procurement.transition({ procurementId: p.id, to, decisionReference: `To ${to}` });
    expect(await failure(move('evaluation'))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/no application has been received/) });
    const providerId = await fixtureProvider(connection.db, 'Stagecoach Care Ltd');
    const { id: applicationId } = await lead.application.create({ idempotencyKey: randomUUID(), procurementId: p.id, providerId, lotIds: [p.lotIds[0]!], bidPricePence: 1800 });
    await move('evaluation');
    expect(await failure(move('award_approval'))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/evaluation is not finished for Stagecoach Care Ltd/) });
    await lead.application.recordGateway({ applicationId, version: await versionOf(connection.db, 'application', applicationId), answers: p.questionIds.map((questionId) => ({ questionId, passed: true })) });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Good' });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: 4, rationale: 'Good' });
    await move('award_approval');
    expect(await failure(move('live'))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/admit at least one provider/) });
    await lead.application.decide({ applicationId, outcome: 'admitted' });
    await move('live');
    expect((await lead.procurement.get({ procurementId: p.id })).status).toBe('live');
  });

  it('a decision cannot be dated in the future, nor before the previous decision', async () => {
    const p = await fixtureProcurement(connection.db);
    expect(await failure(lead.procurement.transition({ procurementId: p.id, to: 'cancelled', decisionReference: 'x', decidedOn: '2999-01-01' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'decidedOn',
    });
    await lead.procurement.transition({ procurementId: p.id, to: 'market_engagement', decisionReference: 'Cabinet', decidedOn: '2024-03-01' });
    expect(await failure(lead.procurement.transition({ procurementId: p.id, to: 'published', decisionReference: 'x', decidedOn: '2024-02-28' }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'A decision cannot be dated before the previous one (1 March 2024)',
      field: 'decidedOn',
    });
  });

  it('an application cannot be received before publication, nor decided before it was received', async () => {
    const p = await fixtureProcurement(connection.db);
    await lead.procurement.transition({ procurementId: p.id, to: 'published', decisionReference: 'Launched', decidedOn: '2024-04-03' });
    const providerId = await fixtureProvider(connection.db);
    expect(await failure(lead.application.create({ idempotencyKey: randomUUID(), procurementId: p.id, providerId, lotIds: [p.lotIds[0]!], receivedOn: '2024-04-02' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'receivedOn',
    });
    const { id: applicationId } = await lead.application.create({ idempotencyKey: randomUUID(), procurementId: p.id, providerId, lotIds: [p.lotIds[0]!], receivedOn: '2024-04-10' });
    expect(await failure(lead.application.decide({ applicationId, outcome: 'rejected', reason: 'Late', decidedOn: '2024-04-09' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'decidedOn',
    });
  });
});

describe('specification versions', () => {
  it('a new version copies the latest, records what changed, and only one draft is open at a time', async () => {
    const spec = await fixtureSpecification(connection.db);
    const draft = await lead.specification.createDraft({ specificationId: spec.id, changeNote: 'Tighter outcomes' });
    expect(draft.version).toBe(2);
    const got = await lead.specification.get({ specificationId: spec.id });
    expect(got.current).toMatchObject({ version: 2, status: 'draft', changeNote: 'Tighter outcomes', sections: [{ key: 'outcomes', body: 'One\nTwo' }] });
    expect(await failure(lead.specification.createDraft({ specificationId: spec.id, changeNote: 'Another' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'specificationId' });
    await lead.specification.updateDraft({ versionId: draft.id, version: got.current.rowVersion, sections: [{ key: 'outcomes', heading: 'Outcomes', body: 'One\nThree' }] });
    await lead.specification.publish({ versionId: draft.id });
    expect(await failure(lead.specification.updateDraft({ versionId: draft.id, version: got.current.rowVersion + 1, changeNote: 'Too late' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'A published specification version cannot be changed; create a new version',
    });
  });

  it('publishing needs text in every section', async () => {
    const created = await lead.specification.create({ idempotencyKey: randomUUID(), partnershipId: await partnershipIdOf(connection.db), title: 'Empty', serviceType: 'home_care' });
    expect(await failure(lead.specification.publish({ versionId: created.versionId }))).toMatchObject({ code: 'BAD_REQUEST', field: 'sections' });
  });

  it('the diff gives each section added, removed or changed with the text of both sides', async () => {
    const spec = await fixtureSpecification(connection.db, { draft: true });
    const diff = await partner.specification.diff({ specificationId: spec.id, from: 1, to: 2 });
    expect(diff.sections.map((s) => [s.key, s.change])).toEqual([
      ['outcomes', 'changed'],
      ['workforce', 'added'],
    ]);
    const outcomes = diff.sections[0]!;
    expect(outcomes.before!.body).toBe('One\nTwo');
    expect(outcomes.after!.body).toBe('One\nTwo and a half');
    expect(outcomes.lines).toEqual([
      { op: 'equal', text: 'One' },
      { op: 'removed', text: 'Two' },
      { op: 'added', text: 'Two and a half' },
    ]);
    const back = await partner.specification.diff({ specificationId: spec.id, from: 2, to: 1 });
    expect(back.sections.find((s) => s.key === 'workforce')).toMatchObject({ change: 'removed', after: null, before: { body: 'Trained staff.' } });
    expect(await failure(partner.specification.diff({ specificationId: spec.id, from: 1, to: 9 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'to' });
  });
});

describe('evaluation', () => {
  it('a failed gateway question rejects the application at once, with the question as the reason', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    const result = await officer.application.recordGateway({
      applicationId,
      version: 1,
      answers: [
        { questionId: p.questionIds[0]!, passed: true },
        { questionId: p.questionIds[1]!, passed: false, note: 'Certificate expired' },
      ],
    });
    expect(result.status).toBe('rejected');
    const got = await lead.application.get({ applicationId });
    expect(got).toMatchObject({ status: 'rejected', outcomeReason: 'Failed the gateway: Insured' });
    expect(await failure(lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 3, rationale: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('evaluators score independently: another’s scores stay hidden until I have scored; the moderator sees all', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 5, rationale: 'Outstanding evidence' });
    let mine = (await officer.application.get({ applicationId })).criteria.find((c) => c.criterionId === p.criterionIds.quality)!;
    expect(mine).toMatchObject({ myScore: null, otherScores: null, otherScoresHidden: 1 });
    await officer.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 3, rationale: 'Adequate' });
    mine = (await officer.application.get({ applicationId })).criteria.find((c) => c.criterionId === p.criterionIds.quality)!;
    expect(mine.myScore).toEqual({ score: 3, rationale: 'Adequate', rowVersion: 1 });
    expect(mine.otherScores!.map((s) => s.score)).toEqual([5]);
    // Re-scoring replaces only my own score.
    await officer.application.score({ applicationId, version: mine.myScore!.rowVersion, criterionId: p.criterionIds.quality, score: 4, rationale: 'On reflection, good' });
    const both = await connection.db.selectFrom('evaluation_score').select(['evaluator_id', 'score']).where('application_id', '=', applicationId).execute();
    expect(both.map((s) => s.score).sort()).toEqual([4, 5]);
    // The scores differ, so the evaluation waits for moderation; the lead commissioner moderates.
    const waiting = await lead.application.evaluation({ procurementId: p.id });
    expect(waiting[0]!.results[0]!.status).toBe('awaiting_scores'); // gateway and social value still to do
    expect(await failure(officer.application.moderate({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Agreed' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    await lead.application.moderate({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Panel agreed 4' });
    const detail = await lead.application.get({ applicationId });
    expect(detail.criteria.find((c) => c.criterionId === p.criterionIds.quality)!.moderated).toMatchObject({ score: 4, rationale: 'Panel agreed 4' });
  });

  it('ranks per lot with the domain’s maths: price by formula from the lowest bid', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const scoreAll = async (applicationId: string, quality: number, social: number) => {
      await lead.application.recordGateway({ applicationId, version: await versionOf(connection.db, 'application', applicationId), answers: p.questionIds.map((questionId) => ({ questionId, passed: true })) });
      await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: quality, rationale: 'q' });
      await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: social, rationale: 's' });
    };
    const cheap = await fixtureApplication(connection.db, p, { providerId: await fixtureProvider(connection.db, 'Alder Test Care Ltd'), bidPricePence: 1800 });
    const dear = await fixtureApplication(connection.db, p, { providerId: await fixtureProvider(connection.db, 'Birch Test Care Ltd'), bidPricePence: 2000 });
    await scoreAll(cheap, 3, 3); // 36 + 6 + 30 = 72.00
    await scoreAll(dear, 5, 5); // 60 + 10 + 18/20×30 = 27 → 97.00
    const [lot1] = await lead.application.evaluation({ procurementId: p.id });
    expect(lot1!.results.map((r) => [r.providerName, r.totalPoints, r.rank])).toEqual([
      ['Birch Test Care Ltd', 97, 1],
      ['Alder Test Care Ltd', 72, 2],
    ]);
  });
});

describe('admission and the approved list', () => {
  it('a live PDPS takes a new provider at any time: application, evaluation, admission', async () => {
    const { id: procurementId, lotIds } = await seededTripartite(connection.db);
    const providerId = await fixtureProvider(connection.db, 'Newcomer Extra Care Ltd');
    const { id: applicationId } = await lead.application.create({ idempotencyKey: randomUUID(), procurementId, providerId, lotIds: [lotIds[0]!], bidPricePence: 1700 });
    const p = await lead.procurement.get({ procurementId });
    await officer.application.recordGateway({ applicationId, version: await versionOf(connection.db, 'application', applicationId), answers: p.gatewayQuestions.map((q) => ({ questionId: q.id, passed: true })) });
    for (const c of p.criteria.filter((c) => c.kind !== 'price')) {
      await lead.application.score({ applicationId, version: null, criterionId: c.id, score: 4, rationale: 'Good' });
      await officer.application.score({ applicationId, version: null, criterionId: c.id, score: 4, rationale: 'Good' });
    }
    const decided = await lead.application.decide({ applicationId, outcome: 'admitted' });
    expect(decided.entries).toHaveLength(1);
    const list = await partner.approvedList.get({ procurementId });
    const entry = list.lots[0]!.entries.find((e) => e.provider.legalName === 'Newcomer Extra Care Ltd')!;
    expect(entry).toMatchObject({ status: 'active', admittedOn: today() });
    expect(entry.events.map((e) => e.action)).toEqual(['admitted']);
  });

  it('a framework admits within its reopening', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live', route: 'framework' });
    const opensOn = today();
    await lead.reopening.create({ idempotencyKey: randomUUID(), procurementId: p.id, opensOn, closesOn: '2099-12-31', reason: 'Unmet demand' });
    expect(await failure(lead.reopening.create({ idempotencyKey: randomUUID(), procurementId: p.id, opensOn: '2099-01-01', closesOn: '2099-01-31', reason: 'Overlap' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'opensOn',
    });
    const { id: applicationId } = await lead.application.create({
      idempotencyKey: randomUUID(),
      procurementId: p.id,
      providerId: await fixtureProvider(connection.db),
      lotIds: [p.lotIds[1]!],
      bidPricePence: 1750,
    });
    expect((await lead.application.get({ applicationId })).reopeningId).not.toBeNull();
    await lead.application.recordGateway({ applicationId, version: await versionOf(connection.db, 'application', applicationId), answers: p.questionIds.map((questionId) => ({ questionId, passed: true })) });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Good' });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: 4, rationale: 'Good' });
    expect((await lead.application.decide({ applicationId, outcome: 'admitted' })).status).toBe('admitted');
  });

  it('only frameworks reopen', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live', route: 'pdps' });
    expect(await failure(lead.reopening.create({ idempotencyKey: randomUUID(), procurementId: p.id, opensOn: '2030-01-01', closesOn: '2030-01-31', reason: 'x' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'procurementId',
    });
  });

  it('suspend, reinstate and remove, each with reason and date; removal is final', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live' });
    const entryId = await fixtureEntry(connection.db, p, await userIdOf(connection.db, LIVERPOOL_COMMISSIONER));
    const change = (action: 'suspend' | 'reinstate' | 'remove', reason: string) => lead.approvedList.change({ entryId, action, reason, effectiveOn: today() });
    expect((await change('suspend', 'Safeguarding enquiry')).status).toBe('suspended');
    expect((await change('reinstate', 'Enquiry closed')).status).toBe('active');
    expect((await change('remove', 'Contract terminated')).status).toBe('removed');
    expect(await failure(change('reinstate', 'Again'))).toMatchObject({ code: 'BAD_REQUEST', field: 'action' });
    expect(await failure(lead.approvedList.change({ entryId, action: 'suspend', reason: 'x', effectiveOn: '2999-01-01' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'effectiveOn',
    });
    const list = await partner.approvedList.get({ procurementId: p.id });
    expect(list.lots[0]!.entries[0]!.events.map((e) => [e.action, e.reason])).toEqual([
      ['admitted', 'Fixture'],
      ['suspended', 'Safeguarding enquiry'],
      ['reinstated', 'Enquiry closed'],
      ['removed', 'Contract terminated'],
    ]);
  });
});

describe('providers register', () => {
  it('registers a provider with its CQC locations; a taken Companies House number is a CONFLICT naming the field', async () => {
    const created = await partner.provider.create({
      idempotencyKey: randomUUID(),
      legalName: 'Register Test Care Ltd',
      companiesHouseNumber: 'zz123456',
      cqcProviderId: '1-900123456789',
      isSme: true,
      locations: [
        { name: 'Register Test: Bootle', cqcLocationId: '1-911123456789', locality: 'Sefton', rating: 'good', ratedOn: '2024-02-01' },
        { name: 'Register Test: Crosby', locality: 'Sefton', rating: 'requires_improvement', ratedOn: '2024-03-01' },
        { name: 'Register Test: Maghull', locality: 'Sefton', rating: 'good', ratedOn: '2024-04-01' },
        { name: 'Register Test: Formby', locality: 'Sefton' },
      ],
    });
    const got = await lead.provider.get({ providerId: created.id });
    expect(got).toMatchObject({ companiesHouseNumber: 'ZZ123456', isSme: true, isVcse: false, locations: [{ rating: 'good', locality: 'Sefton' }, { rating: 'requires_improvement' }, { rating: null }, { rating: 'good' }] });
    expect(await failure(lead.provider.create({ idempotencyKey: randomUUID(), legalName: 'Copy Ltd', companiesHouseNumber: 'ZZ123456' }))).toMatchObject({ code: 'CONFLICT', field: 'companiesHouseNumber' });
    expect(await failure(lead.provider.create({ idempotencyKey: randomUUID(), legalName: 'Bad Ltd', companiesHouseNumber: '123' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'companiesHouseNumber' });
    expect(await failure(lead.provider.create({ idempotencyKey: randomUUID(), legalName: 'Bad Ltd', cqcProviderId: '12345' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'cqcProviderId' });
    // The register's row counts the locations and their ratings, best first (an unrated location is not a rating).
    expect((await partner.provider.list({ search: 'register test' })).providers).toEqual([
      expect.objectContaining({
        legalName: 'Register Test Care Ltd',
        locationCount: 4,
        ratings: [
          { rating: 'good', locations: 2 },
          { rating: 'requires_improvement', locations: 1 },
        ],
      }),
    ]);
  });

  it('the providers register comes a page at a time, by name, with the total over all pages', async () => {
    const inDatabase = Number((await connection.db.selectFrom('provider').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const whole = await partner.provider.list({ limit: 500 });
    expect(whole.total).toBe(inDatabase);
    const paged = [];
    for (let offset = 0; offset < whole.total; offset += 7) {
      const page = await partner.provider.list({ limit: 7, offset });
      expect(page.total).toBe(inDatabase);
      paged.push(...page.providers.map((p) => p.id));
    }
    expect(paged).toEqual(whole.providers.map((p) => p.id));
    expect((await partner.provider.list()).providers.length).toBe(Math.min(100, inDatabase));
    expect(await partner.provider.list({ offset: inDatabase })).toEqual({ providers: [], total: inDatabase });
  });
});
