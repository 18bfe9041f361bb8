import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { failure, LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, partnershipIdOf, PLYMOUTH_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import { validateReleasePackage } from '../integration/ocds-schema.ts';
import { versionOf } from '../support/versions.ts';

/**
 * Issue 3, end to end through the API: Liverpool's lead commissioner runs the LCR Tripartite Extra Care
 * PDPS from draft to live (seed 002's timeline), a contract officer scores alongside, and then Sefton's
 * commissioner sees the admitted provider on the approved list but may change nothing, while Plymouth's
 * cannot tell the procurement exists. The steps share state, in order.
 */

let connection: Connection;
type Caller = ReturnType<typeof callerFor>;
let lead: Caller;
let officer: Caller;
let sefton: Caller;
let plymouth: Caller;

const state = {
  partnershipId: '',
  specificationId: '',
  versionId: '',
  procurementId: '',
  lots: {} as Record<string, string>,
  criteria: [] as { id: string; kind: string; name: string }[],
  questions: [] as string[],
  good: { providerId: '', applicationId: '' },
  uninsured: { providerId: '', applicationId: '' },
};

beforeAll(async () => {
  connection = await openSeededDatabase();
  lead = callerFor(connection, (await signIn(connection, LIVERPOOL_COMMISSIONER)).session);
  officer = callerFor(connection, (await signIn(connection, LIVERPOOL_OFFICER)).session);
  sefton = callerFor(connection, (await signIn(connection, SEFTON_COMMISSIONER)).session);
  plymouth = callerFor(connection, (await signIn(connection, PLYMOUTH_COMMISSIONER)).session);
  state.partnershipId = await partnershipIdOf(connection.db);
});
afterAll(() => connection.close());

describe('Liverpool runs the Tripartite Extra Care PDPS from draft to live', () => {
  it('writes and publishes the overarching specification', async () => {
    const spec = await lead.specification.create({
      idempotencyKey: randomUUID(),
      partnershipId: state.partnershipId,
      title: 'Care and support in Extra Care housing (acceptance)',
      serviceType: 'extra_care',
      sections: [
        { key: 'outcomes', heading: 'Outcomes', body: 'Older people live independently, with their own front door, for longer.' },
        { key: 'service_requirements', heading: 'Service requirements', body: 'Personal care, help with meals and medication, and support with daily living.' },
        { key: 'quality', heading: 'Quality', body: 'CQC registered; rated Good or better.' },
        { key: 'workforce', heading: 'Workforce', body: 'Safely recruited, trained and supervised staff.' },
        { key: 'monitoring', heading: 'Monitoring', body: 'Standard quarterly returns to all three authorities.' },
      ],
    });
    state.specificationId = spec.id;
    state.versionId = spec.versionId;
    expect((await lead.specification.publish({ versionId: spec.versionId })).version).toBe(1);
  });

  it('creates the procurement for Liverpool, Sefton and Knowsley: a PDPS of 10 years, used for at least 5', async () => {
    const created = await lead.procurement.create({
      idempotencyKey: randomUUID(),
      partnershipId: state.partnershipId,
      reference: 'LCR-EC-ACCEPT',
      title: 'Care and support in Extra Care housing',
      serviceType: 'extra_care',
      route: 'pdps',
      regime: 'pcr_2015_light_touch',
      systemTermMonths: 120,
      minimumUseMonths: 60,
      buyerAuthorityIds: [GSS.liverpool, GSS.sefton, GSS.knowsley],
    });
    state.procurementId = created.id;
    expect(created.reference).toBe('LCR-EC-ACCEPT');
    await lead.procurement.update({ procurementId: created.id, version: 1, specificationId: state.specificationId, estimatedValuePence: 1_000_000_000 });
  });

  it('adds lots by authority area, 632 units in all', async () => {
    for (const [name, units, providers] of [
      ['Sefton', 94, 3],
      ['Knowsley', 152, 3],
      ['Liverpool', 386, 5],
    ] as const) {
      const lot = await lead.lot.create({ idempotencyKey: randomUUID(), procurementId: state.procurementId, name, basis: 'geography', estimatedVolume: units, volumeUnit: 'units', expectedProviders: providers });
      state.lots[name] = lot.id;
    }
    const p = await lead.procurement.get({ procurementId: state.procurementId });
    expect(p.lots.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(p.lots.reduce((sum, l) => sum + (l.estimatedVolume ?? 0), 0)).toBe(632);
  });

  it('sets the criteria (weights total 100%), the 0–5 scale with a 60% quality threshold, and the gateway', async () => {
    // Each change sends the procurement's version it was made from, as the web's forms do.
    const set = await lead.criteria.set({
      procurementId: state.procurementId,
      version: (await lead.procurement.get({ procurementId: state.procurementId })).rowVersion,
      criteria: [
        { kind: 'quality', name: 'Person-centred outcomes', weightPercent: 35 },
        { kind: 'quality', name: 'Workforce', weightPercent: 25 },
        { kind: 'price', name: 'Hourly rate', weightPercent: 30 },
        { kind: 'social_value', name: 'Social value', weightPercent: 10 },
      ],
    });
    const current = await lead.procurement.get({ procurementId: state.procurementId });
    const scaled = await lead.criteria.setScale({
      procurementId: state.procurementId,
      version: set.rowVersion,
      scale: { scaleMax: 5, descriptors: current.scale.descriptors },
      qualityThresholdPercent: 60,
    });
    await lead.criteria.setGatewayQuestions({
      procurementId: state.procurementId,
      version: scaled.rowVersion,
      questions: [{ question: 'Registered with the CQC for personal care' }, { question: 'Employers’ liability insurance of at least £5 million' }],
    });
    const p = await lead.procurement.get({ procurementId: state.procurementId });
    expect(p.criteriaTotalPercent).toBe(100);
    expect(p.qualityThresholdPercent).toBe(60);
    state.criteria = p.criteria;
    state.questions = p.gatewayQuestions.map((q) => q.id);
    expect(state.questions).toHaveLength(2);
  });

  it('records the timeline, planned and actual', async () => {
    await lead.procurement.setMilestones({
      procurementId: state.procurementId,
      version: (await lead.procurement.get({ procurementId: state.procurementId })).rowVersion,
      milestones: [
        { name: 'Procurement launched', plannedStart: '2018-04-03', actualStart: '2018-04-03' },
        { name: 'Evaluation', plannedStart: '2018-05-01', plannedEnd: '2018-05-31', actualStart: '2018-05-01', actualEnd: '2018-05-31' },
        { name: 'Approval to award', plannedStart: '2018-06-01', plannedEnd: '2018-06-29', actualStart: '2018-06-01', actualEnd: '2018-06-29' },
        { name: 'Contract award', plannedStart: '2018-07-02', actualStart: '2018-07-02' },
        { name: 'PDPS in place', plannedStart: '2018-09-01', actualStart: '2018-09-01' },
      ],
    });
    expect((await lead.procurement.get({ procurementId: state.procurementId })).milestones).toHaveLength(5);
  });

  it('moves through market engagement to published, each move a recorded decision', async () => {
    await lead.procurement.transition({
      procurementId: state.procurementId,
      to: 'market_engagement',
      decisionReference: 'Sefton Council Cabinet, 8 March 2018: approval to commence',
      decidedOn: '2018-03-08',
    });
    await lead.procurement.transition({ procurementId: state.procurementId, to: 'published', decisionReference: 'Procurement launched', decidedOn: '2018-04-03' });
    const p = await lead.procurement.get({ procurementId: state.procurementId });
    expect(p.status).toBe('published');
    expect(p.acceptsApplications).toBe(true);
    expect(p.specification!.publishedWith).toEqual({ versionId: state.versionId, version: 1 });
    expect(p.decisions.map((d) => d.to)).toEqual(['market_engagement', 'published']);
  });

  it('receives two applications, entered by the lead’s officers', async () => {
    state.good.providerId = (await officer.provider.create({ idempotencyKey: randomUUID(), legalName: 'Acceptance Extra Care Ltd', companiesHouseNumber: 'ZZ777001', isSme: true })).id;
    state.uninsured.providerId = (await officer.provider.create({ idempotencyKey: randomUUID(), legalName: 'Uninsured Care Ltd', companiesHouseNumber: 'ZZ777002' })).id;
    state.good.applicationId = (
      await officer.application.create({
        idempotencyKey: randomUUID(),
        procurementId: state.procurementId,
        providerId: state.good.providerId,
        lotIds: [state.lots.Sefton!, state.lots.Liverpool!],
        receivedOn: '2018-04-20',
        bidPricePence: 1_700,
      })
    ).id;
    state.uninsured.applicationId = (
      await officer.application.create({
        idempotencyKey: randomUUID(),
        procurementId: state.procurementId,
        providerId: state.uninsured.providerId,
        lotIds: [state.lots.Knowsley!],
        receivedOn: '2018-04-27',
        bidPricePence: 1_550,
      })
    ).id;
    await lead.procurement.transition({ procurementId: state.procurementId, to: 'evaluation', decisionReference: 'Evaluation, 1 to 31 May 2018', decidedOn: '2018-05-01' });
  });

  it('checks the gateway: the uninsured provider fails and is rejected', async () => {
    await officer.application.recordGateway({ applicationId: state.good.applicationId, version: await versionOf(connection.db, 'application', state.good.applicationId), answers: state.questions.map((questionId) => ({ questionId, passed: true })) });
    const failed = await officer.application.recordGateway({
      applicationId: state.uninsured.applicationId,
      version: await versionOf(connection.db, 'application', state.uninsured.applicationId),
      answers: [
        { questionId: state.questions[0]!, passed: true },
        { questionId: state.questions[1]!, passed: false, note: 'Cover is £2 million' },
      ],
    });
    expect(failed.status).toBe('rejected');
  });

  it('two evaluators score independently with rationales; the lead moderates where they differ', async () => {
    const scored = state.criteria.filter((c) => c.kind !== 'price');
    for (const [i, c] of scored.entries()) {
      await lead.application.score({ applicationId: state.good.applicationId, version: null, criterionId: c.id, score: 4, rationale: `Lead: strong evidence on ${c.name}` });
      await officer.application.score({ applicationId: state.good.applicationId, version: null, criterionId: c.id, score: i === 0 ? 3 : 4, rationale: `Officer: ${c.name}` });
    }
    let [sefton] = await lead.application.evaluation({ procurementId: state.procurementId });
    expect(sefton!.results[0]).toMatchObject({ providerName: 'Acceptance Extra Care Ltd', status: 'awaiting_moderation' });
    await lead.application.moderate({ applicationId: state.good.applicationId, version: null, criterionId: scored[0]!.id, score: 4, rationale: 'Panel agreed 4: the case studies are specific' });
    [sefton] = await lead.application.evaluation({ procurementId: state.procurementId });
    // 4/5 × 35 + 4/5 × 25 + 4/5 × 10 + price 1700/1700 × 30 = 28 + 20 + 8 + 30.
    expect(sefton!.results[0]).toMatchObject({ status: 'ranked', rank: 1, totalPoints: 86, qualityPercent: 80 });
  });

  it('seeks approval to award, admits the provider to both lots it applied for, and goes live', async () => {
    await lead.procurement.transition({
      procurementId: state.procurementId,
      to: 'award_approval',
      decisionReference: 'Report and delegated approval to award, June 2018',
      decidedOn: '2018-06-01',
    });
    const decided = await lead.application.decide({ applicationId: state.good.applicationId, outcome: 'admitted', decidedOn: '2018-07-02', reason: 'Contract award, 2 July 2018' });
    expect(decided.entries).toHaveLength(2);
    await lead.procurement.transition({
      procurementId: state.procurementId,
      to: 'live',
      decisionReference: 'Liverpool City Council delegated decision: award; PDPS in place',
      decidedOn: '2018-09-01',
    });
    const p = await lead.procurement.get({ procurementId: state.procurementId });
    expect(p.status).toBe('live');
    expect(p.decisions.map((d) => [d.to, d.decidedOn])).toEqual([
      ['market_engagement', '2018-03-08'],
      ['published', '2018-04-03'],
      ['evaluation', '2018-05-01'],
      ['award_approval', '2018-06-01'],
      ['live', '2018-09-01'],
    ]);
    // A PDPS stays open to applications while live.
    expect(p.acceptsApplications).toBe(true);
  });

  it('the OCDS export validates, with the admitted provider as a supplier', async () => {
    const pkg = (await lead.procurement.ocds({ procurementId: state.procurementId })) as { releases: { parties: { name: string; roles: string[] }[] }[] };
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const suppliers = pkg.releases.flatMap((r) => r.parties).filter((p) => p.roles.includes('supplier'));
    expect(new Set(suppliers.map((s) => s.name))).toEqual(new Set(['Acceptance Extra Care Ltd']));
  });
});

describe('then Sefton sees the result, and Plymouth sees nothing', () => {
  it('Sefton’s commissioner sees the provider on the approved list of the Sefton lot', async () => {
    const p = await sefton.procurement.get({ procurementId: state.procurementId });
    expect(p).toMatchObject({ status: 'live', canEdit: false, canEvaluate: false });
    const list = await sefton.approvedList.get({ procurementId: state.procurementId });
    const seftonLot = list.lots.find((l) => l.lot.name === 'Sefton')!;
    expect(seftonLot.entries.map((e) => [e.provider.legalName, e.status, e.admittedOn])).toEqual([['Acceptance Extra Care Ltd', 'active', '2018-07-02']]);
    expect(list.lots.find((l) => l.lot.name === 'Knowsley')!.entries).toEqual([]);
    expect((await sefton.procurement.list()).some((x) => x.id === state.procurementId)).toBe(true);
  });

  it('but gets FORBIDDEN on any change, and sees none of the evaluation', async () => {
    const list = await sefton.approvedList.get({ procurementId: state.procurementId });
    const entryId = list.lots.find((l) => l.lot.name === 'Sefton')!.entries[0]!.id;
    const changes = [
      () => sefton.approvedList.change({ entryId, action: 'suspend', reason: 'Sefton would like to', effectiveOn: '2024-01-01' }),
      () => sefton.procurement.update({ procurementId: state.procurementId, version: 1, title: 'Sefton’s version' }),
      () => sefton.procurement.transition({ procurementId: state.procurementId, to: 'closed', decisionReference: 'Sefton' }),
      () => sefton.lot.update({ lotId: state.lots.Sefton!, version: 1, expectedProviders: 9 }),
      () => sefton.procurement.setMilestones({ procurementId: state.procurementId, version: 1, milestones: [] }),
      () => sefton.specification.createDraft({ specificationId: state.specificationId, changeNote: 'Sefton edits' }),
      () => sefton.application.list({ procurementId: state.procurementId }),
      () => sefton.application.evaluation({ procurementId: state.procurementId }),
    ];
    for (const change of changes) expect((await failure(change())).code).toBe('FORBIDDEN');
    // An application is not even visible to a partner.
    expect((await failure(sefton.application.get({ applicationId: state.good.applicationId }))).code).toBe('NOT_FOUND');
    // …and the list is unchanged.
    const after = await sefton.approvedList.get({ procurementId: state.procurementId });
    expect(after.lots.find((l) => l.lot.name === 'Sefton')!.entries[0]!.status).toBe('active');
  });

  it('Plymouth’s commissioner gets NOT_FOUND for the procurement, its list and its specification', async () => {
    for (const read of [
      () => plymouth.procurement.get({ procurementId: state.procurementId }),
      () => plymouth.approvedList.get({ procurementId: state.procurementId }),
      () => plymouth.specification.get({ specificationId: state.specificationId }),
      async () => plymouth.approvedList.change({
        entryId: (await lead.approvedList.get({ procurementId: state.procurementId })).lots[0]!.entries[0]!.id,
        action: 'suspend',
        reason: 'x',
        effectiveOn: '2024-01-01',
      }),
    ]) {
      expect((await failure(read())).code).toBe('NOT_FOUND');
    }
    expect((await plymouth.procurement.list()).some((x) => x.id === state.procurementId)).toBe(false);
  });
});
