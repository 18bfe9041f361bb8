import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';
import { failure, LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER, seededTripartite } from '../support/procurement.ts';
import { asProvider, registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { validateReleasePackage } from './ocds-schema.ts';
import { versionOf } from '../support/versions.ts';

/**
 * Issue 11, item 3 ("Find and apply") and item 4 (outcome): a provider organisation finds the Tripartite PDPS among
 * the procurements open for applications, drafts and submits its application online; Liverpool (the lead) reads the
 * answers, verifies the organisation and admits it; the provider sees its own outcome and scores, and nobody else's.
 * Row-level security holds the same lines in SQL as the application role. The steps share state, in order.
 */
let connection: Connection;
let applicant: RegisteredProvider;
let other: RegisteredProvider;
let lead: Caller;
let sefton: Caller;
let tripartite: { id: string; lotIds: string[] };
const state = { draftId: '', applicationId: '', rowVersion: 0, otherDraftId: '' };

beforeAll(async () => {
  connection = await openSeededDatabase();
  applicant = await registerProvider(connection, 200);
  other = await registerProvider(connection, 201);
  lead = callerFor(connection, (await signIn(connection, LIVERPOOL_COMMISSIONER)).session);
  sefton = callerFor(connection, (await signIn(connection, SEFTON_COMMISSIONER)).session);
  tripartite = await seededTripartite(connection.db);
});
afterAll(() => connection.close());

describe('a provider finds procurements open for applications', () => {
  it('lists every open procurement across partnerships, and none that is not open', async () => {
    const { items, total } = await applicant.caller.opportunity.list({ limit: 100, offset: 0 });
    const references = items.map((o) => o.reference);
    expect(references).toContain('LCR-EC-2018');
    expect(total).toBe(items.length);
    const open = await connection.db.selectFrom('procurement').select(['reference', 'status', 'route']).execute();
    for (const p of open) {
      const shouldShow = p.status === 'published' || (p.status === 'live' && ['pdps', 'dps', 'dynamic_market'].includes(p.route));
      if (p.route !== 'framework') expect(references.includes(p.reference), p.reference).toBe(shouldShow);
    }
    const pdps = items.find((o) => o.reference === 'LCR-EC-2018')!;
    expect(pdps).toMatchObject({ partnership: { name: 'LCR Tripartite' }, lead: { name: 'Liverpool City Council' }, lotCount: 3, open: true, window: 'Pseudo dynamic purchasing system (PDPS) accepts applications whenever it is open' });
    const paged = await applicant.caller.opportunity.list({ limit: 1, offset: 0 });
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(total);
  });

  it('reads an open procurement: lots, gateway questions, criteria and the published specification only', async () => {
    const detail = await applicant.caller.opportunity.get({ procurementId: tripartite.id });
    expect(detail.lots.map((l) => l.name)).toEqual(['Sefton', 'Knowsley', 'Liverpool']);
    expect(detail.gatewayQuestions.length).toBeGreaterThan(0);
    expect(detail.criteria.map((c) => c.weightPercent).reduce((a, b) => a + b, 0)).toBe(100);
    expect(detail.asksForPrices).toBe(true);
    expect(detail.specification).toMatchObject({ version: 1 });
    expect(detail.buyers.map((b) => b.name)).toEqual(['Knowsley Council', 'Liverpool City Council', 'Sefton Council']);
  });

  it('cannot see a procurement that is not open, in the API or in SQL', async () => {
    const closed = await connection.db.selectFrom('procurement').select('id').where('reference', '=', 'LCC-HTLAH-2016').executeTakeFirstOrThrow();
    expect(await outcome(applicant.caller.opportunity.get({ procurementId: closed.id }))).toBe('NOT_FOUND');
    expect(await outcome(applicant.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: closed.id }))).toBe('NOT_FOUND');
    const seen = await asProvider(connection, applicant.providerId, async (tx) => {
      const { rows } = await sql<Record<string, number>>`SELECT
          (SELECT count(*)::int FROM procurement WHERE id = ${closed.id}) AS closed,
          (SELECT count(*)::int FROM lot WHERE procurement_id = ${closed.id}) AS closed_lots,
          (SELECT count(*)::int FROM application) AS applications,
          (SELECT count(*)::int FROM evaluation_score) AS scores,
          (SELECT count(*)::int FROM procurement_decision) AS decisions,
          (SELECT count(*)::int FROM approved_list_entry) AS entries,
          (SELECT count(*)::int FROM specification_version WHERE status = 'draft') AS draft_specifications,
          (SELECT count(*)::int FROM procurement WHERE id = ${tripartite.id}) AS open`.execute(tx);
      return rows[0];
    });
    expect(seen).toEqual({ closed: 0, closed_lots: 0, applications: 0, scores: 0, decisions: 0, entries: 0, draft_specifications: 0, open: 1 });
  });
});

describe('a provider applies online', () => {
  it('starts a draft (starting again returns the same one) and saves it part by part', async () => {
    const { id } = await applicant.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: tripartite.id });
    expect((await applicant.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: tripartite.id })).id).toBe(id);
    state.draftId = id;
    const draft = await applicant.caller.myApplication.get({ applicationId: id });
    expect(draft).toMatchObject({ status: 'draft', statusLabel: 'Draft', submittedAt: null, outcome: null });
    const saved = await applicant.caller.myApplication.save({ applicationId: id, rowVersion: draft.rowVersion, lotIds: [tripartite.lotIds[0]!] });
    expect(saved.rowVersion).toBe(draft.rowVersion + 1);
    state.rowVersion = saved.rowVersion;
    expect(await outcome(applicant.caller.myApplication.save({ applicationId: id, rowVersion: draft.rowVersion, lotIds: [] }))).toBe('CONFLICT');
  });

  it('refuses answers to another procurement’s questions', async () => {
    const leicestershire = await connection.db.selectFrom('lot as l').innerJoin('procurement as p', 'p.id', 'l.procurement_id').select('l.id').where('p.reference', '=', 'LCC-HTLAH-2016').executeTakeFirstOrThrow();
    const refused = await failure(applicant.caller.myApplication.save({ applicationId: state.draftId, rowVersion: state.rowVersion, lotIds: [leicestershire.id] }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: 'Choose lots of this procurement' });
  });

  it('refuses to submit while parts are missing, naming each', async () => {
    const refused = await failure(applicant.caller.myApplication.submit({ applicationId: state.draftId, rowVersion: state.rowVersion }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/^Answer the gateway question: /);
    expect((await applicant.caller.myApplication.get({ applicationId: state.draftId })).status).toBe('draft');
  });

  it('submits: the lead receives an application submitted online, dated today, each lot at its own price', async () => {
    const detail = await applicant.caller.opportunity.get({ procurementId: tripartite.id });
    const saved = await applicant.caller.myApplication.save({
      applicationId: state.draftId,
      rowVersion: state.rowVersion,
      lotIds: [tripartite.lotIds[0]!, tripartite.lotIds[2]!],
      gatewayAnswers: detail.gatewayQuestions.map((q) => ({ id: q.id, answer: `Yes: ${q.question.slice(0, 20)}` })),
      qualityAnswers: detail.criteria.filter((c) => c.kind !== 'price').map((c) => ({ id: c.id, answer: `Our approach to ${c.name}` })),
      lotPrices: [
        { lotId: tripartite.lotIds[0]!, pricePence: 2_150 },
        { lotId: tripartite.lotIds[2]!, pricePence: 2_050 },
      ],
    });
    const submitted = await applicant.caller.myApplication.submit({ applicationId: state.draftId, rowVersion: saved.rowVersion });
    state.applicationId = submitted.applicationId;
    const mine = await applicant.caller.myApplication.get({ applicationId: state.draftId });
    expect(mine).toMatchObject({ status: 'received', statusLabel: 'Submitted: being evaluated', submittedAt: submitted.submittedAt });
    expect(mine.lots.map((l) => l.number)).toEqual([1, 3]);
    expect(mine.snapshot).toMatchObject({ organisation: { legalName: 'Wirral Homecare 200 Ltd', contactPhone: '0151 123 4567', verified: false } });

    const listed = (await lead.application.list({ procurementId: tripartite.id })).find((a) => a.id === submitted.applicationId)!;
    expect(listed).toMatchObject({ provider: { legalName: 'Wirral Homecare 200 Ltd' }, status: 'received', bidPricePence: 2_050, submittedAt: submitted.submittedAt, providerVerified: false });
    const read = await lead.application.get({ applicationId: submitted.applicationId });
    expect(read.online!.lotPrices.map((p) => [p.lotNumber, p.pricePence])).toEqual([
      [1, 2_150],
      [3, 2_050],
    ]);
    expect(read.online!.qualityAnswers.length).toBe(detail.criteria.filter((c) => c.kind !== 'price').length);
    const lots = await connection.db.selectFrom('application_lot').select(['lot_id', 'bid_price_pence']).where('application_id', '=', submitted.applicationId).orderBy('bid_price_pence').execute();
    expect(lots.map((l) => l.bid_price_pence)).toEqual([2_050, 2_150]);
    const inbox = await lead.message.list({});
    expect(JSON.stringify(inbox)).toContain('Application received online');
  });

  it('is immutable once submitted: no save, no second submission, and not even the lead can change what it said', async () => {
    expect(await outcome(applicant.caller.myApplication.save({ applicationId: state.draftId, rowVersion: state.rowVersion + 1, lotIds: [] }))).toBe('CONFLICT');
    expect(await outcome(applicant.caller.myApplication.discard({ applicationId: state.draftId }))).toBe('CONFLICT');
    await expect(
      connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', 'E08000012', true)`.execute(tx);
        await sql`UPDATE application SET bid_price_pence = 1 WHERE id = ${state.applicationId}`.execute(tx);
      }),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      asProvider(connection, applicant.providerId, (tx) => sql`UPDATE provider_application SET lot_ids = '{}' WHERE id = ${state.draftId}`.execute(tx)).then((r) => Number(r.numAffectedRows)),
    ).resolves.toBe(0);
  });

  it('keeps the profile it was submitted with when the profile later changes (tell us once)', async () => {
    const { organisation } = await applicant.caller.organisation.mine();
    await applicant.caller.organisation.update({
      legalName: organisation.legalName,
      companiesHouseNumber: organisation.companiesHouseNumber,
      cqcProviderId: organisation.cqcProviderId,
      registeredAddress: organisation.registeredAddress!,
      contactName: organisation.contactName!,
      contactEmail: organisation.contactEmail!,
      contactPhone: '0151 999 0000',
      isSme: organisation.isSme,
      isVcse: organisation.isVcse,
      rowVersion: organisation.rowVersion,
    });
    expect((await applicant.caller.myApplication.get({ applicationId: state.draftId })).snapshot).toMatchObject({ organisation: { contactPhone: '0151 123 4567' } });
    expect((await lead.application.get({ applicationId: state.applicationId })).online!.snapshot).toMatchObject({ organisation: { contactPhone: '0151 123 4567' } });
  });

  it('another provider sees none of it, in the API or in SQL; a partner council sees no answers', async () => {
    expect(await outcome(other.caller.myApplication.get({ applicationId: state.draftId }))).toBe('NOT_FOUND');
    expect(await other.caller.myApplication.list()).toEqual([]);
    const seen = await asProvider(connection, other.providerId, async (tx) => {
      const { rows } = await sql<Record<string, number>>`SELECT
          (SELECT count(*)::int FROM provider_application) AS drafts,
          (SELECT count(*)::int FROM application) AS applications,
          (SELECT count(*)::int FROM application_lot) AS lots`.execute(tx);
      return rows[0];
    });
    expect(seen).toEqual({ drafts: 0, applications: 0, lots: 0 });
    expect(await outcome(sefton.application.get({ applicationId: state.applicationId }))).toBe('NOT_FOUND');
    const partner = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', 'E08000014', true)`.execute(tx);
      return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_application`.execute(tx)).rows[0]!.n;
    });
    expect(partner).toBe(0);
  });
});

describe('the lead evaluates, verifies and decides; the provider sees its own outcome', () => {
  it('refuses to admit an organisation not yet verified; the lead verifies it from the application', async () => {
    const read = await lead.application.get({ applicationId: state.applicationId });
    await lead.application.recordGateway({ applicationId: state.applicationId, version: await versionOf(connection.db, 'application', state.applicationId), answers: read.gateway.map((g) => ({ questionId: g.questionId, passed: true })) });
    for (const c of read.criteria.filter((x) => x.kind !== 'price')) {
      await lead.application.score({ applicationId: state.applicationId, version: null, criterionId: c.criterionId, score: 4, rationale: `Clear and well evidenced: ${c.name}` });
    }
    const refused = await failure(lead.application.decide({ applicationId: state.applicationId, outcome: 'admitted' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: 'Wirral Homecare 200 Ltd is not yet verified: verify the organisation before admitting it' });
    expect(await outcome(sefton.application.verifyProvider({ applicationId: state.applicationId }))).toBe('NOT_FOUND');
    await lead.application.verifyProvider({ applicationId: state.applicationId });
    expect((await applicant.caller.organisation.mine()).organisation).toMatchObject({ verified: true, verifiedBy: 'Liverpool City Council' });
    const decided = await lead.application.decide({ applicationId: state.applicationId, outcome: 'admitted', reason: 'Admitted to lots 1 and 3' });
    expect(decided.entries).toHaveLength(2);
  });

  it('the provider sees its outcome, its own scores and feedback, and is told by message; another provider sees none', async () => {
    const mine = await applicant.caller.myApplication.get({ applicationId: state.draftId });
    expect(mine.status).toBe('admitted');
    expect(mine.outcome).toMatchObject({ label: 'Admitted', reason: 'Admitted to lots 1 and 3', scaleMax: 5 });
    expect(mine.outcome!.scores.every((s) => s.score === 4 && s.feedback[0]!.startsWith('Clear and well evidenced'))).toBe(true);
    expect(mine.outcome!.gateway.every((g) => g.passed)).toBe(true);
    const inbox = JSON.stringify(await applicant.caller.message.list({}));
    expect(inbox).toContain('Your application was successful');
    const seen = await asProvider(connection, other.providerId, async (tx) => {
      const { rows } = await sql<Record<string, number>>`SELECT
          (SELECT count(*)::int FROM evaluation_score) AS scores, (SELECT count(*)::int FROM moderated_score) AS moderated,
          (SELECT count(*)::int FROM gateway_answer) AS gateway`.execute(tx);
      return rows[0];
    });
    expect(seen).toEqual({ scores: 0, moderated: 0, gateway: 0 });
    const own = await asProvider(connection, applicant.providerId, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM evaluation_score`.execute(tx)).rows[0]!.n);
    expect(own).toBe(mine.outcome!.scores.length);
  });
});

describe('OCDS names the providers’ submissions', () => {
  it('the lead’s release package has a bid and a tenderer for the decided online application, and stays valid', async () => {
    const pkg = (await lead.procurement.ocds({ procurementId: tripartite.id })) as { extensions: string[]; releases: { id: string; tag: string[]; parties: { id: string; roles: string[] }[]; tender?: { tenderers?: { name: string }[] }; bids?: { details: { id: string; status: string; relatedLots: string[] }[] } }[] };
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(pkg.extensions).toContain('https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json');
    const bid = pkg.releases.find((r) => r.bids)!;
    expect(bid.tag).toEqual(['tenderUpdate']);
    expect(bid.tender!.tenderers!.map((t) => t.name)).toEqual(['Wirral Homecare 200 Ltd']);
    expect(bid.bids!.details).toEqual([{ id: state.applicationId, date: expect.any(String), status: 'valid', tenderers: [expect.objectContaining({ name: 'Wirral Homecare 200 Ltd' })], relatedLots: expect.arrayContaining([tripartite.lotIds[0], tripartite.lotIds[2]]) }]);
    expect(bid.parties.find((p) => p.id === 'GB-COH-09000200')!.roles).toEqual(['tenderer', 'supplier']);
    const partner = JSON.stringify(await sefton.procurement.ocds({ procurementId: tripartite.id }));
    expect(partner).not.toContain('"bids"');
  });
});

describe('clarifications during the window', () => {
  it('a provider asks; only it and the lead see the question, and the lead sees who asked', async () => {
    await other.caller.opportunity.ask({ idempotencyKey: randomUUID(), procurementId: tripartite.id, question: 'Is TUPE expected to apply on lot 2?' });
    const { questions } = await lead.clarification.list({ procurementId: tripartite.id });
    expect(questions.map((q) => [q.question, q.askedBy])).toEqual([['Is TUPE expected to apply on lot 2?', 'Wirral Homecare 201 Ltd']]);
    expect((await other.caller.opportunity.get({ procurementId: tripartite.id })).myQuestions.map((q) => q.question)).toEqual(['Is TUPE expected to apply on lot 2?']);
    expect((await applicant.caller.opportunity.get({ procurementId: tripartite.id })).myQuestions).toEqual([]);
    const seen = await asProvider(connection, applicant.providerId, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM clarification_question`.execute(tx)).rows[0]!.n);
    expect(seen).toBe(0);
    expect(await outcome(sefton.clarification.list({ procurementId: tripartite.id }))).toBe('FORBIDDEN');
  });

  it('the lead publishes the answer to every applicant without the asker; each is told', async () => {
    const { questions } = await lead.clarification.list({ procurementId: tripartite.id });
    expect(await outcome(sefton.clarification.publish({ idempotencyKey: randomUUID(), procurementId: tripartite.id, questionIds: [], question: 'x', answer: 'y' }))).toBe('FORBIDDEN');
    const published = await lead.clarification.publish({
      idempotencyKey: randomUUID(),
      procurementId: tripartite.id,
      questionIds: [questions[0]!.id],
      question: 'Will TUPE apply to staff on any lot?',
      answer: 'TUPE may apply on lot 2: staffing information is published with the specification.',
    });
    expect(published.notified).toBe(2);
    const forApplicant = await applicant.caller.opportunity.get({ procurementId: tripartite.id });
    expect(forApplicant.clarifications.map((c) => c.question)).toEqual(['Will TUPE apply to staff on any lot?']);
    expect(JSON.stringify(forApplicant.clarifications)).not.toContain('201');
    expect(JSON.stringify(await applicant.caller.message.list({}))).toContain('Clarification published');
    expect((await other.caller.opportunity.get({ procurementId: tripartite.id })).myQuestions[0]!.answeredBy).toBe(published.id);
    const partner = await sefton.procurement.get({ procurementId: tripartite.id });
    expect(partner.id).toBe(tripartite.id);
  });
});
