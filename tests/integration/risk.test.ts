import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseDigest, PLYMOUTH_COMMISSIONER, PLYMOUTH_VIEWER, seededPlymouthCase } from '../support/business-case.ts';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { failure, seededTripartite, SEFTON_COMMISSIONER } from '../support/procurement.ts';

let connection: Connection;
let plymouth: ReturnType<typeof callerFor>;
beforeAll(async () => {
  connection = await openSeededDatabase();
  plymouth = callerFor(connection, (await signIn(connection, PLYMOUTH_COMMISSIONER)).session);
});
afterAll(() => connection.close());

describe('risk register through the API', () => {
  it("scores Plymouth's five risks, bands them, and flags the one its mitigation raises (2×3=6 → 3×4=12)", async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const r = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    expect(r.risks.map((x) => [x.before.score, x.before.rag, x.after.score, x.after.rag])).toEqual([
      [15, 'red', 6, 'amber'],
      [10, 'amber', 3, 'green'],
      [12, 'amber', 6, 'amber'],
      [6, 'amber', 12, 'amber'],
      [9, 'amber', 4, 'green'],
    ]);
    const raised = r.risks.filter((x) => x.mitigationRaisesScore);
    expect(raised.map((x) => x.description)).toEqual(['Developing the service in isolation and not drawing on best practice']);
    expect(r.raisedByMitigation).toEqual([raised[0]!.id]);
    // Shown as recorded, not corrected.
    expect(raised[0]!.after).toMatchObject({ likelihood: 3, impact: 4, score: 12 });
    // Heat map [likelihood − 1][impact − 1]: before, 3×5, 2×5, 3×4, 2×3, 3×3.
    expect(r.heatMap.before[2]![4]).toBe(1);
    expect(r.heatMap.before[1]![2]).toBe(1);
    expect(r.heatMap.before.flat().reduce((a, b) => a + b, 0)).toBe(5);
    expect(r.heatMap.after[1]![2]).toBe(2);
    expect(r.ragCounts).toEqual({ before: { green: 0, amber: 4, red: 1 }, after: { green: 2, amber: 3, red: 0 } });
  });

  it('a configurable RAG matrix changes the bands', async () => {
    const { id } = await seededPlymouthCase(connection.db);
    await plymouth.risk.setMatrix({ amberFrom: 4, redFrom: 10, version: (await plymouth.risk.matrix()).rowVersion });
    const r = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    expect(r.risks.map((x) => x.before.rag)).toEqual(['red', 'red', 'red', 'amber', 'amber']);
    expect(r.risks.map((x) => x.after.rag)).toEqual(['amber', 'green', 'amber', 'red', 'amber']);
    await plymouth.risk.setMatrix({ amberFrom: 5, redFrom: 15, version: (await plymouth.risk.matrix()).rowVersion });
    expect((await plymouth.risk.matrix()).matrix[2]![4]).toBe('red');
  });

  it('adds, changes and removes a risk on a business case, and a risk of my own on a joint procurement', async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const created = await plymouth.risk.create({ idempotencyKey: randomUUID(), subjectKind: 'business_case', subjectId: id, description: 'Host recruitment slower than planned', owner: 'Commissioning lead', before: { likelihood: 4, impact: 4 }, mitigation: 'Joint marketing with Devon and Cornwall', after: { likelihood: 3, impact: 3 } });
    let r = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    expect(r.risks.at(-1)).toMatchObject({ id: created.id, before: { score: 16, rag: 'red' }, after: { score: 9, rag: 'amber' } });
    expect(r.owners[created.id]).toBe('Commissioning lead');
    await plymouth.risk.update({ riskId: created.id, version: r.versions[created.id]!, after: { likelihood: 1, impact: 2 } });
    r = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    expect(r.risks.at(-1)!.after).toMatchObject({ score: 2, rag: 'green' });
    await plymouth.risk.delete({ riskId: created.id });
    expect((await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id })).risks).toHaveLength(5);

    const sefton = callerFor(connection, (await signIn(connection, SEFTON_COMMISSIONER)).session);
    const tripartite = await seededTripartite(connection.db);
    await sefton.risk.create({ idempotencyKey: randomUUID(), subjectKind: 'procurement', subjectId: tripartite.id, description: 'Too few providers for Sefton schemes', before: { likelihood: 3, impact: 4 }, after: { likelihood: 2, impact: 4 } });
    expect((await sefton.risk.list({ subjectKind: 'procurement', subjectId: tripartite.id })).risks).toHaveLength(1);
    // Plymouth is not in the Tripartite: it cannot tell the procurement exists.
    expect((await failure(plymouth.risk.list({ subjectKind: 'procurement', subjectId: tripartite.id }))).code).toBe('NOT_FOUND');
    // Sefton's risk is Sefton's own, even on a shared procurement: Liverpool (the lead) does not see it.
    const liverpool = callerFor(connection, (await signIn(connection, 'commissioner.liverpool@concord.example')).session);
    expect((await liverpool.risk.list({ subjectKind: 'procurement', subjectId: tripartite.id })).risks).toHaveLength(0);
  });

  it('likelihood or impact outside 1–5 is BAD_REQUEST naming the field, and nothing is written', async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const register = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    const [first] = register.risks;
    const before = await businessCaseDigest(connection.db);
    const base = { subjectKind: 'business_case' as const, subjectId: id, description: 'Bad input', before: { likelihood: 3, impact: 3 }, after: { likelihood: 2, impact: 2 } };
    // Thunks, not promises: each call starts only when awaited, so none can reject unobserved.
    const cases: [() => Promise<unknown>, string][] = [
      [() => plymouth.risk.create({ idempotencyKey: randomUUID(), ...base, before: { likelihood: 6, impact: 3 } }), 'before.likelihood'],
      [() => plymouth.risk.create({ idempotencyKey: randomUUID(), ...base, before: { likelihood: 3, impact: 0 } }), 'before.impact'],
      [() => plymouth.risk.create({ idempotencyKey: randomUUID(), ...base, after: { likelihood: 2.5, impact: 2 } }), 'after.likelihood'],
      [() => plymouth.risk.update({ riskId: first!.id, version: register.versions[first!.id]!, after: { likelihood: 1, impact: 9 } }), 'after.impact'],
    ];
    for (const [call, field] of cases) {
      const f = await failure(call());
      expect(f).toMatchObject({ code: 'BAD_REQUEST', field });
      expect(f.message).toContain('from 1 to 5');
    }
    expect(await businessCaseDigest(connection.db)).toBe(before);
  });

  it('a viewer reads the register and changes nothing', async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const viewer = callerFor(connection, (await signIn(connection, PLYMOUTH_VIEWER)).session);
    const r = await viewer.risk.list({ subjectKind: 'business_case', subjectId: id });
    expect(r.canEdit).toBe(false);
    expect((await failure(viewer.risk.delete({ riskId: r.risks[0]!.id }))).code).toBe('FORBIDDEN');
  });
});
