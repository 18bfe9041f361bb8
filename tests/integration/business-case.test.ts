import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { PLYMOUTH_SHARED_LIVES_APPRAISAL } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCaseDigest, docxText, pdfText, PLYMOUTH_COMMISSIONER, PLYMOUTH_VIEWER, seededPlymouthCase } from '../support/business-case.ts';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { failure } from '../support/procurement.ts';

let connection: Connection;
let plymouth: ReturnType<typeof callerFor>;
beforeAll(async () => {
  connection = await openSeededDatabase();
  plymouth = callerFor(connection, (await signIn(connection, PLYMOUTH_COMMISSIONER)).session);
});
afterAll(() => connection.close());

/** A fresh case with its own appraisal (a copy of Plymouth's) and one risk, submitted. */
async function submittedCase() {
  const appraisal = await plymouth.appraisal.create({ idempotencyKey: randomUUID(), title: 'Copy', ...PLYMOUTH_SHARED_LIVES_APPRAISAL, options: PLYMOUTH_SHARED_LIVES_APPRAISAL.options.map((o) => ({ ...o })) });
  const bc = await plymouth.businessCase.create({
    idempotencyKey: randomUUID(),
    title: 'Frozen case',
    appraisalId: appraisal.id,
    financial: { budgetYear: '2023/24', budgetPence: 40_358_900, contractTermYears: 2, contractValuePence: 80_717_800 },
    milestones: [{ activity: 'Contract go live', date: '2023-10-01' }],
  });
  await plymouth.risk.create({ idempotencyKey: randomUUID(), subjectKind: 'business_case', subjectId: bc.id, description: 'Demand over budget', before: { likelihood: 3, impact: 5 }, after: { likelihood: 2, impact: 3 } });
  await plymouth.businessCase.submit({ businessCaseId: bc.id });
  return { id: bc.id, appraisalId: appraisal.id };
}

const totals = (v: Awaited<ReturnType<typeof plymouth.businessCase.get>>) => v.figures.appraisal!.result!.options.map((o) => o.total);

describe('business case document', () => {
  it("the seeded Plymouth case is submitted, with the seed's figures", async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const v = await plymouth.businessCase.get({ businessCaseId: id });
    expect(v.status).toBe('submitted');
    expect(totals(v)).toEqual([6, 9, 15, 21]);
    expect(v.figures.recommended).toMatchObject({ optionId: 'extend-existing', total: 21, maxPossible: 27 });
    expect(v.figures.financial).toMatchObject({ budgetPence: 40_358_900, contractValuePence: 80_717_800 });
    expect(v.figures.financial.upliftImpact!.restOfYear.totalPence).toBe(1_130_051);
    expect(v.figures.milestones.map((m) => m.date)).toEqual(['2023-09-04', '2023-09-14', '2023-09-15', '2023-09-20', '2023-10-01']);
    expect(v.figures.risks.risks).toHaveLength(5);
    // Read live from Plymouth's own register (issue 4's contracts, placements and budget).
    expect(v.figures.liveService).toMatchObject({ serviceType: 'shared_lives', asAt: '2023-08-31', placements: { count: 13, averageWeeklyPence: 24_500 }, budget: { financialYear: 2023, amountPence: 40_358_900 } });
    expect(v.figures.liveService!.contracts.map((c) => c.totalValuePence)).toContain(80_717_800);
    const text = v.document.blocks.map((b) => ('text' in b ? b.text : [...b.header, ...b.rows.flat()].join(' '))).join('\n');
    expect(text).toContain('Option 4: Extend existing arrangements with current provider is progressed');
    expect(text).toContain('£807,178');
    expect(text).toContain('4 September 2023');
  });

  it('a draft moves with its data; an approved case is frozen: its figures stay as approved when the data changes', async () => {
    const { id, appraisalId } = await submittedCase();
    // Submitted (not yet approved): live.
    await plymouth.appraisal.update({ appraisalId, version: (await plymouth.appraisal.get({ appraisalId })).rowVersion, scores: PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.map((s) => (s.optionId === 'do-nothing' && s.criterionId === 'risk' ? { ...s, score: 1 } : s)) });
    expect(totals(await plymouth.businessCase.get({ businessCaseId: id }))).toEqual([7, 9, 15, 21]);

    await plymouth.businessCase.approve({ businessCaseId: id, decisionMaker: 'People Reporting Group', approvedOn: '2023-09-04', decisionReference: 'PRG-2023-09-04' });
    const approved = await plymouth.businessCase.get({ businessCaseId: id });
    expect(approved).toMatchObject({ status: 'approved', frozen: true, canEdit: false, decision: { decisionMaker: 'People Reporting Group', approvedOn: '2023-09-04', reference: 'PRG-2023-09-04' } });
    expect(approved.decision!.recordedBy).toBeTruthy();

    // Change what lies underneath: an appraisal score, a risk, the authority's RAG matrix.
    await plymouth.appraisal.update({ appraisalId, version: (await plymouth.appraisal.get({ appraisalId })).rowVersion, scores: PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.map((s) => (s.optionId === 'extend-existing' ? { ...s, score: 0 } : s)) });
    const register = await plymouth.risk.list({ subjectKind: 'business_case', subjectId: id });
    const [risk] = register.risks;
    await plymouth.risk.update({ riskId: risk!.id, version: register.versions[risk!.id]!, before: { likelihood: 5, impact: 5 } });
    await plymouth.risk.setMatrix({ amberFrom: 2, redFrom: 3, version: (await plymouth.risk.matrix()).rowVersion });
    expect((await plymouth.appraisal.get({ appraisalId })).result!.options.map((o) => o.total)).toEqual([6, 9, 15, 0]);

    const after = await plymouth.businessCase.get({ businessCaseId: id });
    expect(totals(after)).toEqual([7, 9, 15, 21]);
    expect(after.figures.recommended!.optionId).toBe('extend-existing');
    expect(after.figures.risks.risks[0]!.before).toEqual({ likelihood: 3, impact: 5, score: 15, rag: 'red' });
    expect(after.figures).toEqual(approved.figures);
    expect(after.document).toEqual(approved.document);
    await plymouth.risk.setMatrix({ amberFrom: 5, redFrom: 15, version: (await plymouth.risk.matrix()).rowVersion });
  });

  it('live placement figures move a draft, never an approved case', async () => {
    const draft = await submittedCase();
    const approved = await submittedCase();
    const financial = { serviceType: 'shared_lives', liveAsAt: '2023-08-31', financialYear: 2023 };
    const versionOf = async (businessCaseId: string) => (await plymouth.businessCase.get({ businessCaseId })).rowVersion;
    await plymouth.businessCase.update({ businessCaseId: draft.id, version: await versionOf(draft.id), financial });
    await plymouth.businessCase.update({ businessCaseId: approved.id, version: await versionOf(approved.id), financial });
    await plymouth.businessCase.approve({ businessCaseId: approved.id, decisionMaker: 'People Reporting Group', approvedOn: '2023-09-04', decisionReference: 'PRG-LIVE' });
    const before = (await plymouth.businessCase.get({ businessCaseId: approved.id })).figures.liveService!;
    expect(before.placements).toMatchObject({ count: 13, averageWeeklyPence: 24_500 });

    // A placement's weekly cost changes, and the budget record is revised.
    const placement = await connection.db.selectFrom('placement').select(['id', 'weekly_cost_pence']).where('authority_id', '=', 'E06000026').where('service_type', '=', 'shared_lives').executeTakeFirstOrThrow();
    await connection.db.updateTable('placement').set({ weekly_cost_pence: placement.weekly_cost_pence + 13_000 }).where('id', '=', placement.id).execute();
    await connection.db.updateTable('budget').set({ amount_pence: 50_000_000 }).where('authority_id', '=', 'E06000026').where('service_type', '=', 'shared_lives').execute();

    const moved = (await plymouth.businessCase.get({ businessCaseId: draft.id })).figures.liveService!;
    expect(moved.placements.averageWeeklyPence).toBe(25_500);
    expect(moved.budget!.amountPence).toBe(50_000_000);
    const frozen = (await plymouth.businessCase.get({ businessCaseId: approved.id })).figures.liveService!;
    expect(frozen).toEqual(before);
    expect(frozen.budget!.amountPence).toBe(40_358_900);
    const word = await docxText((await plymouth.businessCase.export({ businessCaseId: approved.id, format: 'docx' })).base64);
    expect(word).toContain('£245');
    expect(word).not.toContain('£255');

    await connection.db.updateTable('placement').set({ weekly_cost_pence: placement.weekly_cost_pence }).where('id', '=', placement.id).execute();
    await connection.db.updateTable('budget').set({ amount_pence: 40_358_900 }).where('authority_id', '=', 'E06000026').where('service_type', '=', 'shared_lives').execute();
  });

  it('editing an approved case is BAD_REQUEST, and nothing is written', async () => {
    const { id } = await submittedCase();
    await plymouth.businessCase.approve({ businessCaseId: id, decisionMaker: 'Portfolio Holder', approvedOn: '2023-09-14', decisionReference: 'PH-1' });
    const before = await businessCaseDigest(connection.db);
    const { rowVersion: version } = await plymouth.businessCase.get({ businessCaseId: id });
    for (const call of [
      () => plymouth.businessCase.update({ businessCaseId: id, version, title: 'Changed after approval' }),
      () => plymouth.businessCase.update({ businessCaseId: id, version, sections: { executiveSummary: 'Rewritten' } }),
      () => plymouth.businessCase.submit({ businessCaseId: id }),
      () => plymouth.businessCase.approve({ businessCaseId: id, decisionMaker: 'Again', approvedOn: '2023-09-15', decisionReference: 'X' }),
    ]) {
      const f = await failure(call());
      expect(f).toMatchObject({ code: 'BAD_REQUEST', field: 'businessCaseId' });
      expect(f.message).toContain('approved');
    }
    expect(await businessCaseDigest(connection.db)).toBe(before);
  });

  it('the lifecycle refuses approving a draft, and submitting without a recommended option', async () => {
    const draft = await plymouth.businessCase.create({ idempotencyKey: randomUUID(), title: 'No appraisal yet' });
    expect(await failure(plymouth.businessCase.submit({ businessCaseId: draft.id }))).toMatchObject({ code: 'BAD_REQUEST', field: 'appraisalId' });
    expect(await failure(plymouth.businessCase.approve({ businessCaseId: draft.id, decisionMaker: 'Board', approvedOn: '2024-01-01', decisionReference: 'B-1' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'businessCaseId' });
    expect((await plymouth.businessCase.get({ businessCaseId: draft.id })).status).toBe('draft');
  });

  it('exports the seeded case as a PDF and a Word document that open and contain the totals, the recommendation and the contract cost', async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const pdf = await plymouth.businessCase.export({ businessCaseId: id, format: 'pdf' });
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.filename).toMatch(/\.pdf$/);
    const { text, pages } = await pdfText(pdf.base64);
    expect(pages).toBeGreaterThan(2);
    for (const expected of ['21', 'Extend existing arrangements', '£807,178', '£403,589', 'Do nothing', '4 September 2023', 'raised by mitigation']) expect(text).toContain(expected);
    expect(text).toMatch(/Score 6 9 15 21/);

    const docx = await plymouth.businessCase.export({ businessCaseId: id, format: 'docx' });
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.filename).toMatch(/\.docx$/);
    const word = await docxText(docx.base64);
    for (const expected of ['21', 'Extend existing arrangements', '£807,178', '£403,589', 'Options appraisal scoring outcome', '1 October 2023']) expect(word).toContain(expected);
    expect(word).toMatch(/Score\n6\n9\n15\n21/);

    // A viewer may export too (it is a read).
    const viewer = callerFor(connection, (await signIn(connection, PLYMOUTH_VIEWER)).session);
    expect((await viewer.businessCase.export({ businessCaseId: id, format: 'docx' })).base64.length).toBeGreaterThan(1000);
  });
});
