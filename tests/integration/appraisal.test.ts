import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { PLYMOUTH_SHARED_LIVES_APPRAISAL } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseDigest, DEVON_COMMISSIONER, PLYMOUTH_COMMISSIONER, PLYMOUTH_VIEWER, seededPlymouthCase } from '../support/business-case.ts';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { failure, partnershipIdOf } from '../support/procurement.ts';

let connection: Connection;
let plymouth: ReturnType<typeof callerFor>;
beforeAll(async () => {
  connection = await openSeededDatabase();
  plymouth = callerFor(connection, (await signIn(connection, PLYMOUTH_COMMISSIONER)).session);
});
afterAll(() => connection.close());

describe('options appraisal through the API', () => {
  it("reproduces Plymouth's seeded appraisal: 6 / 9 / 15 / 21, option 4 ranked first and recommended", async () => {
    const { appraisalId } = await seededPlymouthCase(connection.db);
    const a = await plymouth.appraisal.get({ appraisalId });
    expect(a.missing).toBe(0);
    expect(a.result!.options.map((o) => [o.name, o.total, o.rank])).toEqual([
      ['Do nothing', 6, 4],
      ['Seek a new provider', 9, 3],
      ['Join up a peninsula offer', 15, 2],
      ['Extend existing arrangements with current provider', 21, 1],
    ]);
    expect(a.result!.ranking).toEqual(['extend-existing', 'peninsula-offer', 'seek-new-provider', 'do-nothing']);
    expect(a.result!.recommended).toEqual({ optionId: 'extend-existing', basis: 'top_score' });
    expect(a.result!.maxPossible).toBe(27);
    expect(a.options.find((o) => o.id === 'do-nothing')!.pros).toBe('None identified.');
  });

  it('builds an appraisal step by step: no totals while cells are missing, then totals, weights and ranking', async () => {
    const { id } = await plymouth.appraisal.create({ idempotencyKey: randomUUID(), title: 'Built in the test' });
    await plymouth.appraisal.update({ appraisalId: id, version: 1, options: PLYMOUTH_SHARED_LIVES_APPRAISAL.options.map((o) => ({ ...o })), criteria: PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria });
    const half = PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.slice(0, 18);
    await plymouth.appraisal.update({ appraisalId: id, version: 2, scores: half.map((s) => ({ ...s, rationale: 'Agreed at the options workshop' })) });
    let a = await plymouth.appraisal.get({ appraisalId: id });
    expect(a.result).toBeNull();
    expect(a.missing).toBe(18);
    await plymouth.appraisal.update({ appraisalId: id, version: a.rowVersion, scores: PLYMOUTH_SHARED_LIVES_APPRAISAL.scores });
    a = await plymouth.appraisal.get({ appraisalId: id });
    expect(a.result!.options.map((o) => o.total)).toEqual([6, 9, 15, 21]);
    // Weight "timescale" × 5: do nothing (3 on timescale) gains 12 → weighted 18; extend existing gains 8 → 29.
    await plymouth.appraisal.update({ appraisalId: id, version: a.rowVersion, criteria: PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria.map((c) => (c.id === 'timescale' ? { ...c, weight: 5 } : c)) });
    a = await plymouth.appraisal.get({ appraisalId: id });
    expect(a.result!.options.map((o) => o.weightedTotal)).toEqual([18, 9, 19, 29]);
    expect(a.result!.options.map((o) => o.total)).toEqual([6, 9, 15, 21]);
  });

  it('an override with a reason recommends another option', async () => {
    const { id } = await plymouth.appraisal.create({ idempotencyKey: randomUUID(), title: 'Override', ...PLYMOUTH_SHARED_LIVES_APPRAISAL, options: PLYMOUTH_SHARED_LIVES_APPRAISAL.options.map((o) => ({ ...o })) });
    await plymouth.appraisal.update({ appraisalId: id, version: 1, override: { optionId: 'peninsula-offer', reason: 'Peninsula ready to mobilise' } });
    const a = await plymouth.appraisal.get({ appraisalId: id });
    expect(a.result!.recommended).toEqual({ optionId: 'peninsula-offer', basis: 'override', reason: 'Peninsula ready to mobilise' });
  });

  it('a score outside the scale is BAD_REQUEST naming the cell, and nothing is written', async () => {
    const { appraisalId } = await seededPlymouthCase(connection.db);
    const before = await businessCaseDigest(connection.db);
    const scores = PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.map((s, i) => (i === 5 ? { ...s, score: 4 } : s));
    const { rowVersion: version } = await plymouth.appraisal.get({ appraisalId });
    const f = await failure(plymouth.appraisal.update({ appraisalId, version, scores }));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', field: 'scores[5].score' });
    expect(f.message).toContain('from 0 to 3');
    expect((await failure(plymouth.appraisal.update({ appraisalId, version, scores: scores.map((s, i) => (i === 0 ? { ...s, score: -1 } : s)) }))).field).toBe('scores[0].score');
    expect((await failure(plymouth.appraisal.update({ appraisalId, version, scores: scores.map((s, i) => (i === 0 ? { ...s, score: 1.5 } : s)) }))).field).toBe('scores[0].score');
    expect(await businessCaseDigest(connection.db)).toBe(before);
  });

  it('an override without a reason is BAD_REQUEST naming override.reason, and nothing is written', async () => {
    const { appraisalId } = await seededPlymouthCase(connection.db);
    const before = await businessCaseDigest(connection.db);
    const { rowVersion: version } = await plymouth.appraisal.get({ appraisalId });
    const f = await failure(plymouth.appraisal.update({ appraisalId, version, override: { optionId: 'do-nothing', reason: '   ' } }));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', field: 'override.reason' });
    expect(f.message).toMatch(/reason/i);
    expect((await failure(plymouth.appraisal.create({ idempotencyKey: randomUUID(), title: 'x', ...PLYMOUTH_SHARED_LIVES_APPRAISAL, override: { optionId: 'do-nothing', reason: '' } }))).field).toBe('override.reason');
    expect(await businessCaseDigest(connection.db)).toBe(before);
  });

  it('a viewer reads but cannot change; a partnership appraisal is only for the lead commissioner', async () => {
    const { appraisalId } = await seededPlymouthCase(connection.db);
    const viewer = callerFor(connection, (await signIn(connection, PLYMOUTH_VIEWER)).session);
    expect((await viewer.appraisal.get({ appraisalId })).canEdit).toBe(false);
    expect((await failure(viewer.appraisal.update({ appraisalId, version: 1, title: 'Viewer edit' }))).code).toBe('FORBIDDEN');
    const peninsula = await partnershipIdOf(connection.db, 'South West Peninsula');
    expect((await failure(plymouth.appraisal.create({ idempotencyKey: randomUUID(), title: 'Peninsula appraisal', partnershipId: peninsula }))).code).toBe('FORBIDDEN');
    const devon = callerFor(connection, (await signIn(connection, DEVON_COMMISSIONER)).session);
    const { id } = await devon.appraisal.create({ idempotencyKey: randomUUID(), title: 'Peninsula Shared Lives offer', partnershipId: peninsula });
    expect((await devon.appraisal.get({ appraisalId: id })).partnershipId).toBe(peninsula);
    // Owned by Devon, the lead: private to it (partners read the exported paper).
    expect((await failure(plymouth.appraisal.get({ appraisalId: id }))).code).toBe('NOT_FOUND');
  });
});
