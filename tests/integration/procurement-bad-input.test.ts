import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, callersFor } from '../support/api.ts';
import {
  failure,
  fixtureApplication,
  fixtureProcurement,
  fixtureSpecification,
  LIVERPOOL_COMMISSIONER,
  partnershipIdOf,
  PLYMOUTH_COMMISSIONER,
  procurementRowCounts,
  procurementSnapshot,
  refusedUnchanged,
  seededTripartite,
  SEFTON_COMMISSIONER,
  userIdOf,
} from '../support/procurement.ts';
import { versionOf } from '../support/versions.ts';

/**
 * The bad-input list. Each refusal is a clear 4xx naming the problem (and the field, where there
 * is one), and nothing is written: every procurement table is byte-for-byte as it was.
 */

let connection: Connection;
let lead: ReturnType<typeof callerFor>;
let partner: ReturnType<typeof callerFor>;
let outsider: ReturnType<typeof callerFor>;

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ lead, partner, outsider } = await callersFor(connection, { lead: LIVERPOOL_COMMISSIONER, partner: SEFTON_COMMISSIONER, outsider: PLYMOUTH_COMMISSIONER }));
});
afterAll(() => connection.close());

/** Runs a call that must be refused and checks that no procurement table changed. */
const refusedWithoutWriting = (call: () => Promise<unknown>) =>
  refusedUnchanged(async () => [await procurementRowCounts(connection.db), await procurementSnapshot(connection.db)], call);

describe('weights that do not total 100%', () => {
  it('criteria.set is BAD_REQUEST naming the criteria and the total, and the old criteria stay', async () => {
    const p = await fixtureProcurement(connection.db);
    const result = await refusedWithoutWriting(() =>
      lead.criteria.set({
        procurementId: p.id, version: 1,
        criteria: [
          { kind: 'quality', name: 'Quality', weightPercent: 60 },
          { kind: 'price', name: 'Price', weightPercent: 30 },
          { kind: 'social_value', name: 'Social value', weightPercent: 5 },
        ],
      }),
    );
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'Weights must total 100%; they total 95%', field: 'criteria' });
    const after = await lead.procurement.get({ procurementId: p.id });
    expect(after.criteria.map((c) => c.weightPercent)).toEqual([60, 30, 10]);
  });

  it('over 100% too, and two price criteria', async () => {
    const p = await fixtureProcurement(connection.db);
    const over = await refusedWithoutWriting(() =>
      lead.criteria.set({ procurementId: p.id, version: 1, criteria: [{ kind: 'quality', name: 'Q', weightPercent: 70 }, { kind: 'price', name: 'P', weightPercent: 33.33 }] }),
    );
    expect(over).toMatchObject({ code: 'BAD_REQUEST', field: 'criteria', message: 'Weights must total 100%; they total 103.33%' });
    const twoPrices = await refusedWithoutWriting(() =>
      lead.criteria.set({
        procurementId: p.id, version: 1,
        criteria: [
          { kind: 'quality', name: 'Q', weightPercent: 50 },
          { kind: 'price', name: 'P1', weightPercent: 25 },
          { kind: 'price', name: 'P2', weightPercent: 25 },
        ],
      }),
    );
    expect(twoPrices).toMatchObject({ code: 'BAD_REQUEST', field: 'criteria' });
  });
});

describe('a score outside the scale', () => {
  it('application.score above the scale is BAD_REQUEST naming the score', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    const result = await refusedWithoutWriting(async () => lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 6, rationale: 'Excellent' }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'Score must be a whole number from 0 to 5', field: 'score' });
  });

  it('below zero, a fraction, and a moderation above the scale are refused too', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p, { scoredBy: await userIdOf(connection.db, LIVERPOOL_COMMISSIONER) });
    const base = { applicationId, version: 1, criterionId: p.criterionIds.quality, rationale: 'x' };
    expect(await refusedWithoutWriting(async () => lead.application.score({ ...base, score: -1 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'score' });
    expect(await refusedWithoutWriting(async () => lead.application.score({ ...base, score: 2.5 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'score' });
    expect(await refusedWithoutWriting(async () => lead.application.moderate({ ...base, score: 9 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'score' });
  });

  it('a narrower scale set by the procurement is the one checked', async () => {
    const p = await fixtureProcurement(connection.db);
    await lead.criteria.setScale({ procurementId: p.id, version: 1, scale: { scaleMax: 3, descriptors: [0, 1, 2, 3].map((score) => ({ score, descriptor: `${score}` })) } });
    await connection.db.updateTable('procurement').set({ status: 'evaluation' }).where('id', '=', p.id).execute();
    const applicationId = await fixtureApplication(connection.db, p);
    const result = await refusedWithoutWriting(async () => lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'x' }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'Score must be a whole number from 0 to 3', field: 'score' });
  });

  it('price is not scored by evaluators', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    const result = await refusedWithoutWriting(async () => lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.price, score: 3, rationale: 'x' }));
    expect(result).toMatchObject({ code: 'BAD_REQUEST', field: 'criterionId' });
  });
});

describe('a transition the state machine forbids', () => {
  it('draft → live is BAD_REQUEST naming the stage, and no decision is recorded', async () => {
    const p = await fixtureProcurement(connection.db);
    const result = await refusedWithoutWriting(() => lead.procurement.transition({ procurementId: p.id, to: 'live', decisionReference: 'Cabinet' }));
    expect(result).toEqual({
      code: 'BAD_REQUEST',
      message: 'A procurement cannot move from Draft to Live: from Draft it can move to Market engagement, Published (open for applications) or Cancelled',
      field: 'to',
    });
  });

  it('out of a final stage, and back from evaluation', async () => {
    const closed = await fixtureProcurement(connection.db, { status: 'closed' });
    expect(await refusedWithoutWriting(() => lead.procurement.transition({ procurementId: closed.id, to: 'live', decisionReference: 'x' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'to',
    });
    const evaluating = await fixtureProcurement(connection.db, { status: 'evaluation' });
    expect(await refusedWithoutWriting(() => lead.procurement.transition({ procurementId: evaluating.id, to: 'published', decisionReference: 'x' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'to',
    });
  });

  it('an allowed move whose preconditions are not met: publishing with no lots', async () => {
    const p = await fixtureProcurement(connection.db);
    for (const lotId of p.lotIds) await lead.lot.delete({ lotId });
    const result = await refusedWithoutWriting(() => lead.procurement.transition({ procurementId: p.id, to: 'published', decisionReference: 'Delegated decision' }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'The procurement cannot move to Published (open for applications): add at least one lot', field: 'to' });
  });

  it('a decision without a reference is refused by the input check', async () => {
    const p = await fixtureProcurement(connection.db);
    const result = await refusedWithoutWriting(() => lead.procurement.transition({ procurementId: p.id, to: 'market_engagement', decisionReference: '  ' }));
    expect(result).toMatchObject({ code: 'BAD_REQUEST', field: 'decisionReference' });
  });
});

describe('editing a published specification version', () => {
  it('specification.updateDraft on a published version is BAD_REQUEST with the issue’s wording', async () => {
    const spec = await fixtureSpecification(connection.db);
    const result = await refusedWithoutWriting(() =>
      lead.specification.updateDraft({ versionId: spec.v1, version: 1, sections: [{ key: 'outcomes', heading: 'Outcomes', body: 'Rewritten' }] }),
    );
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'A published specification version cannot be changed; create a new version', field: 'versionId' });
  });

  it('publishing it again is refused the same way; and the database refuses a direct change too', async () => {
    const spec = await fixtureSpecification(connection.db);
    expect(await refusedWithoutWriting(() => lead.specification.publish({ versionId: spec.v1 }))).toMatchObject({ code: 'BAD_REQUEST', field: 'versionId' });
    await expect(connection.db.updateTable('specification_version').set({ change_note: 'sneaky' }).where('id', '=', spec.v1).execute()).rejects.toThrow(
      /A published specification version cannot be changed/,
    );
  });
});

describe('admitting to a closed framework outside a reopening', () => {
  /** A live framework with an application received in a reopening that has since closed, fully evaluated. */
  async function evaluatedFrameworkApplication(route: 'framework' | 'framework_closed') {
    const p = await fixtureProcurement(connection.db, { status: 'live', route });
    const reopening = await connection.db
      .insertInto('reopening')
      .values({ authority_id: GSS.liverpool, partnership_id: p.partnershipId, procurement_id: p.id, opens_on: '2024-03-01', closes_on: '2024-03-31', reason: 'Unmet demand' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const applicationId = await fixtureApplication(connection.db, p);
    await connection.db.updateTable('application').set({ reopening_id: reopening.id, received_on: '2024-03-10' }).where('id', '=', applicationId).execute();
    // Gateway passed, scores agreed: only the admission window stands in the way.
    await lead.application.recordGateway({ applicationId, version: await versionOf(connection.db, 'application', applicationId), answers: p.questionIds.map((questionId) => ({ questionId, passed: true })) });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 4, rationale: 'Good' });
    await lead.application.score({ applicationId, version: null, criterionId: p.criterionIds.socialValue, score: 3, rationale: 'Fair' });
    return applicationId;
  }

  it('a reopenable framework outside its reopening: BAD_REQUEST naming the provider, nothing on the list', async () => {
    const applicationId = await evaluatedFrameworkApplication('framework');
    const result = await refusedWithoutWriting(() => lead.application.decide({ applicationId, outcome: 'admitted' }));
    expect(result).toEqual({
      code: 'BAD_REQUEST',
      message: 'The framework takes new providers only while it is reopened, and no reopening is planned',
      field: 'provider',
    });
  });

  it('a closed framework, once live, never takes a newcomer', async () => {
    const applicationId = await evaluatedFrameworkApplication('framework_closed');
    const result = await refusedWithoutWriting(() => lead.application.decide({ applicationId, outcome: 'admitted' }));
    expect(result).toMatchObject({ code: 'BAD_REQUEST', field: 'provider' });
    expect(result.message).toMatch(/does not take new providers once it is live/);
  });

  it('nor does it accept an application outside a reopening', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'live', route: 'framework' });
    const providerId = (await connection.db.selectFrom('provider').select('id').where('legal_name', '=', 'Northway Domiciliary Care Ltd').executeTakeFirstOrThrow()).id;
    const result = await refusedWithoutWriting(() => lead.application.create({ idempotencyKey: randomUUID(), procurementId: p.id, providerId, lotIds: [p.lotIds[0]!] }));
    expect(result).toMatchObject({ code: 'BAD_REQUEST', field: 'receivedOn' });
    expect(result.message).toMatch(/outside a reopening/);
  });
});

describe('a partner trying to edit: FORBIDDEN, nothing written', () => {
  it('Sefton’s commissioner cannot change the Tripartite procurement, its lots, criteria, specification or list', async () => {
    const seeded = await seededTripartite(connection.db);
    const p = await fixtureProcurement(connection.db);
    const spec = await fixtureSpecification(connection.db, { draft: true });
    const attempts: [string, () => Promise<unknown>][] = [
      ['procurement.update', () => partner.procurement.update({ procurementId: p.id, version: 1, title: 'Sefton’s title' })],
      ['procurement.transition', () => partner.procurement.transition({ procurementId: p.id, to: 'cancelled', decisionReference: 'Sefton' })],
      ['procurement.setBuyers', () => partner.procurement.setBuyers({ procurementId: p.id, version: 1, buyerAuthorityIds: [GSS.sefton] })],
      ['lot.create', () => partner.lot.create({ idempotencyKey: randomUUID(), procurementId: p.id, name: 'Sefton only', basis: 'geography' })],
      ['lot.delete', () => partner.lot.delete({ lotId: p.lotIds[0]! })],
      ['criteria.set', () => partner.criteria.set({ procurementId: p.id, version: 1, criteria: [{ kind: 'quality', name: 'Q', weightPercent: 100 }] })],
      ['specification.updateDraft', () => partner.specification.updateDraft({ versionId: spec.v2!, version: 1, changeNote: 'Sefton' })],
      ['specification.publish', () => partner.specification.publish({ versionId: spec.v2! })],
      ['approvedList.change', () => partner.approvedList.change({ entryId: seeded.entryIds[0]!, action: 'suspend', reason: 'Sefton', effectiveOn: '2024-01-01' })],
      [
        'procurement.create',
        async () =>
          partner.procurement.create({
            idempotencyKey: randomUUID(),
            partnershipId: await partnershipIdOf(connection.db),
            title: 'Sefton’s own',
            serviceType: 'extra_care',
            route: 'pdps',
            regime: 'procurement_act_2023',
            buyerAuthorityIds: [GSS.sefton],
          }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const result = await refusedWithoutWriting(attempt);
      expect({ what, code: result.code }).toEqual({ what, code: 'FORBIDDEN' });
      expect(result.message).toMatch(/lead commissioner/);
    }
  });
});

describe('an outsider trying to read: NOT_FOUND, nothing written', () => {
  it('Plymouth’s commissioner cannot tell the Tripartite procurement exists', async () => {
    const seeded = await seededTripartite(connection.db);
    const spec = await fixtureSpecification(connection.db);
    for (const read of [
      () => outsider.procurement.get({ procurementId: seeded.id }),
      () => outsider.procurement.ocds({ procurementId: seeded.id }),
      () => outsider.approvedList.get({ procurementId: seeded.id }),
      () => outsider.specification.get({ specificationId: spec.id }),
      () => outsider.application.list({ procurementId: seeded.id }),
    ]) {
      const result = await refusedWithoutWriting(read);
      expect(result.code).toBe('NOT_FOUND');
    }
    // …and the same answer as for an id that does not exist at all.
    const missing = await failure(outsider.procurement.get({ procurementId: '00000000-0000-4000-8000-000000000000' }));
    expect(missing).toEqual(await failure(outsider.procurement.get({ procurementId: seeded.id })));
    expect((await outsider.procurement.list()).map((p) => p.reference)).toEqual([]);
  });
});
