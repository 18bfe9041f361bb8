import { randomUUID } from 'node:crypto';
import type { Connection, Database } from '@concord/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerAt, GSS, openSeededDatabase, outcome, outcomeWithField } from '../support/api.ts';
import { SPEC } from '../support/call-offs.ts';
import { fixtureProcurement, fixtureProvider, KENT_COMMISSIONER, LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER, userIdOf } from '../support/procurement.ts';
import { describeBox, offPage, overlapping, pdfLayout, renderPdfPage } from '../support/pdf-layout.ts';
import { validateReleasePackage } from './ocds-schema.ts';

/**
 * The Procurement Act 2023's notices through the API (issue 16): every notice type drafted from procurements and
 * contracts under the Act, each release valid against OCDS 1.1.5; the standstill gate where a contract is recorded;
 * published, stale and other authorities' notices. The demo procurements predate 24 February 2025 (2015 rules), so
 * the Act's procurements are made here. The clock is 6 December 2026.
 */
const NOW = new Date('2026-12-06T12:00:00Z');
let connection: Connection;
let db: Kysely<Database>;
let liverpool: Caller;
let sefton: Caller;
let kent: Caller;
let seftonViewer: Caller;

const as = (email: string): Promise<Caller> => callerAt(connection, email, NOW);

beforeAll(async () => {
  connection = await openSeededDatabase();
  db = connection.db;
  const callers = await Promise.all([LIVERPOOL_COMMISSIONER, SEFTON_COMMISSIONER, KENT_COMMISSIONER, 'viewer.sefton@concord.example'].map(as));
  [liverpool, sefton, kent, seftonViewer] = [callers[0]!, callers[1]!, callers[2]!, callers[3]!];
});
afterAll(() => connection.close());

/** Decisions on a fixture procurement, recorded as the lead did them. */
async function decide(procurementId: string, partnershipId: string, steps: [string, string][]) {
  const by = await userIdOf(db, LIVERPOOL_COMMISSIONER);
  let from = 'draft';
  for (const [to, on] of steps) {
    await db
      .insertInto('procurement_decision')
      .values({ authority_id: GSS.liverpool, partnership_id: partnershipId, procurement_id: procurementId, from_status: from as never, to_status: to as never, decided_by: by, decided_on: on, decision_reference: `D-${to}` })
      .execute();
    from = to;
  }
  await db.updateTable('procurement').set({ status: from as never }).where('id', '=', procurementId).execute();
}

function expectValid(file: { json: unknown }, tag: string) {
  const { errors } = validateReleasePackage(file.json);
  expect(errors).toEqual([]);
  const release = (file.json as { releases: { tag: string[] }[] }).releases[0]!;
  expect(release.tag).toEqual([tag]);
  return release as unknown as Record<string, unknown>;
}

const types = (items: { type: string }[]) => items.map((i) => i.type);
const item = <T extends { type: string; subjectId: string | null }>(items: T[], type: string, subjectId: string | null = null) => items.find((i) => i.type === type && (subjectId === null || i.subjectId === subjectId))!;

describe('a competitive procurement under the Act', () => {
  let procurement: Awaited<ReturnType<typeof fixtureProcurement>>;
  let provider: string;

  beforeAll(async () => {
    procurement = await fixtureProcurement(db, { route: 'block_contract' });
    await decide(procurement.id, procurement.partnershipId, [
      ['market_engagement', '2026-01-12'],
      ['published', '2026-03-02'],
      ['evaluation', '2026-05-01'],
      ['award_approval', '2026-10-01'],
      ['live', '2026-11-20'],
    ]);
    provider = await fixtureProvider(db, 'Mersey Act Care Ltd');
    await db.updateTable('provider').set({ companies_house_number: '09876543' }).where('id', '=', provider).execute();
  });

  it('lists what is due: UK2 (engagement took place), UK3 optional, UK4 and UK6 after the award decision', async () => {
    const list = await liverpool.notice.forProcurement({ procurementId: procurement.id });
    expect(list.regime).toBe('procurement_act_2023');
    expect(types(list.items)).toEqual(['UK2', 'UK3', 'UK4', 'UK6']);
    expect(item(list.items, 'UK2').state).toBe('due');
    expect(item(list.items, 'UK3').state).toBe('not_required');
    expect(item(list.items, 'UK6').reason).toContain('Award decided on 20 November 2026');
    expect(list.items.every((i) => i.record === null)).toBe(true);
  });

  it('drafts UK2, UK3, UK4 and UK6, each a valid OCDS release tagged for the notice', async () => {
    for (const [type, tag] of [['UK2', 'planning'], ['UK3', 'planning'], ['UK4', 'tender'], ['UK6', 'award']] as const) {
      const record = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type, procurementId: procurement.id });
      expect(record.status).toBe('draft');
      const release = expectValid(await liverpool.notice.release({ id: record.id }), tag);
      expect((release.buyer as { id: string }).id).toBe(`GB-GSS-${GSS.liverpool}`);
    }
    const list = await liverpool.notice.forProcurement({ procurementId: procurement.id });
    expect(list.items.every((i) => i.record?.status === 'draft')).toBe(true);
  });

  it('a partner reads the lead’s notices but cannot change them; another authority cannot see them', async () => {
    const list = await sefton.notice.forProcurement({ procurementId: procurement.id });
    const uk4 = item(list.items, 'UK4').record!;
    expect(uk4.status).toBe('draft');
    expect(await outcome(sefton.notice.update({ id: uk4.id, rowVersion: uk4.rowVersion, fields: { description: 'Partner edit' } }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK5', procurementId: procurement.id }))).toBe('FORBIDDEN');
    expect(await outcome(kent.notice.forProcurement({ procurementId: procurement.id }))).toBe('NOT_FOUND');
    expect(await outcome(kent.notice.release({ id: uk4.id }))).toBe('NOT_FOUND');
    expect(await outcome(kent.notice.markPublished({ id: uk4.id, rowVersion: uk4.rowVersion, noticeIdentifier: '000001-2026', publishedOn: '2026-03-02' }))).toBe('NOT_FOUND');
  });

  it('edits the UK4, refuses a stale edit, and marks it published with its Find a Tender identifier', async () => {
    const uk4 = item((await liverpool.notice.forProcurement({ procurementId: procurement.id })).items, 'UK4').record!;
    const edited = await liverpool.notice.update({ id: uk4.id, rowVersion: uk4.rowVersion, fields: { description: 'Block contract for extra care in Bootle' } });
    expect(edited.fields.description).toBe('Block contract for extra care in Bootle');
    expect(await outcome(liverpool.notice.update({ id: uk4.id, rowVersion: uk4.rowVersion, fields: { description: 'Stale' } }))).toBe('CONFLICT');
    expect(await outcome(liverpool.notice.update({ id: uk4.id, rowVersion: edited.rowVersion, fields: { notAField: 'x' } }))).toBe('BAD_REQUEST');
    expect(await outcome(liverpool.notice.markPublished({ id: uk4.id, rowVersion: edited.rowVersion, noticeIdentifier: '12345-2026', publishedOn: '2026-03-02' }))).toBe('BAD_REQUEST');
    // The tender's closing date is a real day, and leaves the minimum period of s.54 (10 days: a light touch contract).
    expect(await outcomeWithField(liverpool.notice.update({ id: uk4.id, rowVersion: edited.rowVersion, fields: { tenderDeadline: '2026-02-30' } }))).toBe('BAD_REQUEST fields.tenderDeadline');
    const noDeadline = liverpool.notice.markPublished({ id: uk4.id, rowVersion: edited.rowVersion, noticeIdentifier: '004321-2026', publishedOn: '2026-03-02' });
    await expect(noDeadline).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Enter the day tenders must be received by' });
    const short = await liverpool.notice.update({ id: uk4.id, rowVersion: edited.rowVersion, fields: { tenderDeadline: '2026-03-11' } });
    const tooSoon = { id: uk4.id, rowVersion: short.rowVersion, noticeIdentifier: '004321-2026', publishedOn: '2026-03-02' };
    expect(await outcomeWithField(liverpool.notice.markPublished(tooSoon))).toBe('BAD_REQUEST fields.tenderDeadline');
    await expect(liverpool.notice.markPublished(tooSoon)).rejects.toMatchObject({
      message: '“Tenders must be received by” must be on or after 12 March 2026, not 11 March 2026: the minimum period is 10 days, counted from the day after the tender notice is published (2 March 2026): a light touch contract (Procurement Act 2023, s.54(4)).',
    });
    // Marked ready today (6 December 2026), it would be published today at the earliest.
    expect(await outcomeWithField(liverpool.notice.markReady({ id: uk4.id, rowVersion: short.rowVersion }))).toBe('BAD_REQUEST fields.tenderDeadline');
    await expect(liverpool.notice.markReady({ id: uk4.id, rowVersion: short.rowVersion })).rejects.toMatchObject({ message: expect.stringContaining('must be on or after 16 December 2026') });
    // Long enough, but market engagement took place and no UK2 was published, nor a reason given (s.17).
    const enough = await liverpool.notice.update({ id: uk4.id, rowVersion: short.rowVersion, fields: { tenderDeadline: '2026-03-12' } });
    const noUk2 = liverpool.notice.markPublished({ ...tooSoon, rowVersion: enough.rowVersion });
    await expect(noUk2).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('publish the preliminary market engagement notice (UK2) before the tender notice') });
    expect(await outcomeWithField(liverpool.notice.markPublished({ ...tooSoon, rowVersion: enough.rowVersion }))).toBe('BAD_REQUEST fields.noMarketEngagementNoticeReason');
    // Market engagement took place and no UK2 was published: the tender notice gives the reason, so the UK2 is not required.
    const reasoned = await liverpool.notice.update({ id: uk4.id, rowVersion: enough.rowVersion, fields: { noMarketEngagementNoticeReason: 'The engagement was a single open webinar' } });
    const uk2 = item((await liverpool.notice.forProcurement({ procurementId: procurement.id })).items, 'UK2');
    expect(uk2).toMatchObject({ state: 'not_required', reason: expect.stringContaining('The engagement was a single open webinar') });
    const published = await liverpool.notice.markPublished({ id: uk4.id, rowVersion: reasoned.rowVersion, noticeIdentifier: '004321-2026', publishedOn: '2026-03-02' });
    expect(published).toMatchObject({ status: 'published', noticeIdentifier: '004321-2026', publishedOn: '2026-03-02' });
    const release = expectValid(await liverpool.notice.release({ id: uk4.id }), 'tender');
    expect(JSON.stringify(release)).toContain('https://www.find-tender.service.gov.uk/Notice/004321-2026');
    expect((release.tender as { tenderPeriod: unknown }).tenderPeriod).toEqual({ startDate: '2026-03-02T00:00:00Z', endDate: '2026-03-12T23:59:59+00:00' });
    expect(item((await liverpool.notice.forProcurement({ procurementId: procurement.id })).items, 'UK4').state).toBe('done');
    expect(await outcome(liverpool.notice.update({ id: uk4.id, rowVersion: published.rowVersion, fields: { description: 'After' } }))).toBe('BAD_REQUEST');
  });

  it('refuses a contract start inside the standstill after the UK6 is published, and allows the day after it', async () => {
    const uk6 = item((await liverpool.notice.forProcurement({ procurementId: procurement.id })).items, 'UK6').record!;
    expect(uk6.editableFields.length).toBeGreaterThanOrEqual(0);
    // Monday 30 November 2026: eight working days are 30 November to 9 December.
    await liverpool.notice.markPublished({ id: uk6.id, rowVersion: uk6.rowVersion, noticeIdentifier: '004400-2026', publishedOn: '2026-11-30' });
    const contract = {
      reference: 'ACT-BLOCK-1',
      title: 'Extra care, Bootle',
      providerId: provider,
      serviceType: 'extra_care' as const,
      source: 'block_contract' as const,
      procurementId: procurement.id,
      termMonths: 36,
      annualValuePence: 50_000_000,
    };
    // The release says when the (voluntary) standstill ends.
    const award = expectValid(await liverpool.notice.release({ id: uk6.id }), 'award');
    expect((award.awards as { description: string }[])[0]?.description ?? JSON.stringify(award.tender)).toContain('ending at the end of 9 December 2026');
    expect((award.tender as { milestones: { dueDate: string }[] }).milestones[0]).toMatchObject({ id: 'standstill', dueDate: '2026-12-09T23:59:59+00:00' });
    const early = liverpool.contract.create({ idempotencyKey: randomUUID(), ...contract, startDate: '2026-12-09' });
    await expect(early).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('runs to the end of 9 December 2026') });
    const made = await liverpool.contract.create({ idempotencyKey: randomUUID(), ...contract, startDate: '2026-12-10' });
    const list = await liverpool.notice.forProcurement({ procurementId: procurement.id });
    const uk7 = item(list.items, 'UK7', made.id);
    // A light touch contract: 120 days beginning with 10 December 2026.
    expect(uk7).toMatchObject({ state: 'due', dueOn: '2027-04-08', subjectLabel: 'ACT-BLOCK-1' });
    const record = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type: 'UK7', contractId: made.id });
    const release = expectValid(await liverpool.notice.release({ id: record.id }), 'contract');
    expect(JSON.stringify(release.parties)).toContain('GB-COH-09876543');
    const forContract = await liverpool.notice.forContract({ contractId: made.id });
    expect(types(forContract.items)).toEqual(['UK7']);
  });

  it('shows on the lead’s What is due, soonest first', async () => {
    const page = await liverpool.notice.due({ limit: 50, offset: 0 });
    const mine = page.rows.filter((r) => r.procurement?.id === procurement.id);
    expect(mine.map((r) => r.type)).toEqual(expect.arrayContaining(['UK4', 'UK6', 'UK7']));
    expect(mine.map((r) => r.type)).not.toContain('UK2');
    const dated = page.rows.filter((r) => r.state !== 'done' && r.dueOn).map((r) => r.dueOn!);
    expect(dated).toEqual([...dated].sort());
    expect((await sefton.notice.due({ limit: 50, offset: 0 })).rows.some((r) => r.procurement?.id === procurement.id)).toBe(false);
  });

  it('a demo procurement under the 2015 rules has no notices and refuses a draft', async () => {
    const demo = await db.selectFrom('procurement').select('id').where('reference', '=', 'LCR-EC-2018').executeTakeFirstOrThrow();
    const list = await liverpool.notice.forProcurement({ procurementId: demo.id });
    expect(list).toMatchObject({ regime: 'pcr_2015_light_touch', items: [] });
    expect(await outcome(liverpool.notice.draft({ idempotencyKey: randomUUID(), type: 'UK4', procurementId: demo.id }))).toBe('BAD_REQUEST');
  });
});

describe('a light touch award without a voluntary standstill (s.51(3))', () => {
  it('lets the contract start the day after its award notice, and the release says no standstill is observed', async () => {
    const procurement = await fixtureProcurement(db, { route: 'block_contract' });
    await decide(procurement.id, procurement.partnershipId, [
      ['published', '2026-03-02'],
      ['evaluation', '2026-05-01'],
      ['award_approval', '2026-10-01'],
      ['live', '2026-11-20'],
    ]);
    const provider = await fixtureProvider(db, 'Wirral Act Care Ltd');
    const uk6 = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type: 'UK6', procurementId: procurement.id });
    expect(uk6.fields.voluntaryStandstill).toBe('yes');
    expect(uk6.editableFields[0]).toMatchObject({ name: 'voluntaryStandstill', radios: true });
    expect(await outcomeWithField(liverpool.notice.update({ id: uk6.id, rowVersion: uk6.rowVersion, fields: { voluntaryStandstill: 'maybe' } }))).toBe('BAD_REQUEST fields.voluntaryStandstill');
    const none = await liverpool.notice.update({ id: uk6.id, rowVersion: uk6.rowVersion, fields: { voluntaryStandstill: 'no' } });
    const contract = { reference: 'ACT-NOSTAND-1', title: 'Extra care, Wirral', providerId: provider, serviceType: 'extra_care' as const, source: 'block_contract' as const, procurementId: procurement.id, termMonths: 12, annualValuePence: 10_000_000 };
    // Recorded before the notice was published (nothing to check then): the register says it started too early.
    const early = await liverpool.contract.create({ idempotencyKey: randomUUID(), ...contract, reference: 'ACT-NOSTAND-0', startDate: '2026-11-20' });
    const published = await liverpool.notice.markPublished({ id: uk6.id, rowVersion: none.rowVersion, noticeIdentifier: '004500-2026', publishedOn: '2026-11-30' });
    // Fixed at publication.
    expect(await outcome(liverpool.notice.update({ id: uk6.id, rowVersion: published.rowVersion, fields: { voluntaryStandstill: 'yes' } }))).toBe('BAD_REQUEST');
    const release = expectValid(await liverpool.notice.release({ id: uk6.id }), 'award');
    expect(JSON.stringify(release)).toContain('No standstill period is observed');
    expect(JSON.stringify(release)).not.toContain('ending at the end of');
    // Still not before the notice itself (s.50).
    await expect(liverpool.contract.create({ idempotencyKey: randomUUID(), ...contract, startDate: '2026-11-29' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('only after its notice') });
    const made = await liverpool.contract.create({ idempotencyKey: randomUUID(), ...contract, startDate: '2026-12-01' });
    expect(made.reference).toBe('ACT-NOSTAND-1');
    const warnings = await liverpool.notice.registerWarnings({ contractIds: [made.id, early.id] });
    expect(warnings.find((w) => w.contractId === made.id)?.warnings.map((w) => w.kind) ?? []).not.toContain('inside_standstill');
    // The gate and the register apply one rule: with no standstill, only a start before the notice is wrong (s.50).
    const before = warnings.find((w) => w.contractId === early.id)!.warnings.find((w) => w.type === 'UK6')!;
    expect(before).toMatchObject({ kind: 'before_award_notice', text: expect.stringContaining('only after its notice') });
    expect(before.text).toContain('cannot be entered into on 20 November 2026');
  });
});

describe('a procurement abandoned after its tender notice', () => {
  it('gives a UK12, drafted with its reason, tagged tenderCancellation', async () => {
    const p = await fixtureProcurement(db, { route: 'open_tender' });
    await decide(p.id, p.partnershipId, [
      ['published', '2026-04-01'],
      ['cancelled', '2026-06-15'],
    ]);
    const list = await liverpool.notice.forProcurement({ procurementId: p.id });
    expect(item(list.items, 'UK12').reason).toContain('15 June 2026');
    const uk12 = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type: 'UK12', procurementId: p.id });
    expect(await outcome(liverpool.notice.markReady({ id: uk12.id, rowVersion: uk12.rowVersion }))).toBe('BAD_REQUEST');
    const filled = await liverpool.notice.update({ id: uk12.id, rowVersion: uk12.rowVersion, fields: { reason: 'No compliant tender was received' } });
    expect((await liverpool.notice.markReady({ id: uk12.id, rowVersion: filled.rowVersion })).status).toBe('ready');
    expectValid(await liverpool.notice.release({ id: uk12.id }), 'tenderCancellation');
  });
});

describe('a dynamic market under the Act (Tripartite-style)', () => {
  let market: Awaited<ReturnType<typeof fixtureProcurement>>;
  let provider: string;

  beforeAll(async () => {
    market = await fixtureProcurement(db, { route: 'dynamic_market' });
    await decide(market.id, market.partnershipId, [
      ['published', '2026-02-02'],
      ['evaluation', '2026-03-02'],
      ['award_approval', '2026-03-20'],
      ['live', '2026-04-01'],
    ]);
    provider = await fixtureProvider(db, 'Dynamic Homecare Ltd');
    await db
      .insertInto('approved_list_entry')
      .values({ authority_id: GSS.liverpool, partnership_id: market.partnershipId, procurement_id: market.id, lot_id: market.lotIds[0]!, provider_id: provider, admitted_on: '2026-04-01' })
      .execute();
  });

  it('gives UK13 and UK14 (and a UK15 for a modification the lead names), each valid', async () => {
    const list = await liverpool.notice.forProcurement({ procurementId: market.id });
    expect(types(list.items)).toEqual(['UK13', 'UK14']);
    expect(item(list.items, 'UK14').dueOn).toBe('2026-04-01');
    for (const [type, tag] of [['UK13', 'tender'], ['UK14', 'tenderUpdate']] as const) {
      const record = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type, procurementId: market.id });
      expectValid(await liverpool.notice.release({ id: record.id }), tag);
    }
    const uk15 = await liverpool.notice.draft({ idempotencyKey: randomUUID(), type: 'UK15', procurementId: market.id, subjectId: 'new-lot-2027' });
    expectValid(await liverpool.notice.release({ id: uk15.id }), 'tenderAmendment');
    expect(types((await liverpool.notice.forProcurement({ procurementId: market.id })).items)).toContain('UK15');
  });

  it('a call-off from it gives UK6 and UK7 to the calling-off authority, each valid', async () => {
    const made = await sefton.callOff.create({ idempotencyKey: randomUUID(), procurementId: market.id, lotId: market.lotIds[0]!, method: 'direct', priceUnit: 'hour', specification: { ...SPEC, startDate: '2027-01-04' } });
    const award = await sefton.callOff.awardDirect({
      callOffId: made.id,
      providerId: provider,
      justification: 'The only provider with capacity in Bootle',
      awardedOn: '2026-12-01',
      contract: { reference: 'SEF-ACT-CO-1', annualValuePence: 40_000_000 },
    });
    const list = await sefton.notice.forContract({ contractId: award.contractId });
    expect(list.regime).toBe('procurement_act_2023');
    expect(types(list.items)).toEqual(['UK6', 'UK7']);
    // For the standstill to end before the start on 4 January 2027: published on Friday 18 December, its eight working days
    // run to 31 December (25 and 28 December are bank holidays); a day later they would run to 4 January.
    expect(item(list.items, 'UK6').dueOn).toBe('2026-12-18');
    const uk6 = await sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK6', contractId: award.contractId });
    expect(uk6.editableFields.map((f) => f.name)).toEqual([`voluntaryStandstill`, `assessmentSummary.${provider}`]);
    expectValid(await sefton.notice.release({ id: uk6.id }), 'award');
    const uk7 = await sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK7', contractId: award.contractId });
    expectValid(await sefton.notice.release({ id: uk7.id }), 'contract');
    // Sefton's call-off notices are its own: the lead does not see them.
    expect(await outcome(liverpool.notice.release({ id: uk6.id }))).toBe('NOT_FOUND');
    expect(await outcome(seftonViewer.notice.update({ id: uk6.id, rowVersion: uk6.rowVersion, fields: {} }))).toBe('FORBIDDEN');
    const summary = `assessmentSummary.${provider}`;
    const long = 'Quality 4 of 5 against each criterion: the staffing plan met the outcomes in full. '.repeat(47);
    await sefton.notice.update({ id: uk6.id, rowVersion: uk6.rowVersion, fields: { [summary]: long } });
    const pdf = await sefton.notice.pdf({ id: uk6.id });
    const layout = await pdfLayout(pdf.base64);
    expect(layout.text).toContain('Contract award notice (UK6)');
    expect(layout.text).toContain('Assessment summary for Dynamic Homecare Ltd');
    if (process.env.NOTICE_PDF_PNG) await renderPdfPage(pdf.base64, 1, process.env.NOTICE_PDF_PNG);
    expect(layout.pages.length).toBeGreaterThan(1);
    expect(offPage(layout).map(describeBox)).toEqual([]);
    expect(overlapping(layout).map(([a, b]) => `${describeBox(a)} over ${describeBox(b)}`)).toEqual([]);
  });
});

describe('a call-off whose contract award notice is published before the award', () => {
  it('is refused a contract start inside the standstill, and awarded with a start after it', async () => {
    const market = await fixtureProcurement(db, { route: 'dynamic_market' });
    await decide(market.id, market.partnershipId, [['published', '2026-02-02'], ['live', '2026-04-01']]);
    const provider = await fixtureProvider(db);
    await db
      .insertInto('approved_list_entry')
      .values({ authority_id: GSS.liverpool, partnership_id: market.partnershipId, procurement_id: market.id, lot_id: market.lotIds[0]!, provider_id: provider, admitted_on: '2026-04-01' })
      .execute();
    const early = await sefton.callOff.create({ idempotencyKey: randomUUID(), procurementId: market.id, lotId: market.lotIds[0]!, method: 'direct', priceUnit: 'hour', specification: { ...SPEC, startDate: '2026-12-07' } });
    const uk6 = await sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK6', callOffId: early.id });
    // Tuesday 1 December 2026: the eight working days run to Thursday 10 December.
    await sefton.notice.markPublished({ id: uk6.id, rowVersion: uk6.rowVersion, noticeIdentifier: '004500-2026', publishedOn: '2026-12-01' });
    const award = { callOffId: early.id, providerId: provider, justification: 'Capacity', awardedOn: '2026-11-30', contract: { reference: 'SEF-ACT-CO-EARLY', annualValuePence: 10_000_000 } };
    await expect(sefton.callOff.awardDirect(award)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('The earliest day is 11 December 2026') });
    expect(await db.selectFrom('contract').select('id').where('reference', '=', 'SEF-ACT-CO-EARLY').executeTakeFirst()).toBeUndefined();
    expect(await outcome(kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK6', callOffId: early.id }))).toBe('NOT_FOUND');
  });
});

describe('Kent’s contract awarded directly under the Act, continued and ended', () => {
  let contractId: string;

  beforeAll(async () => {
    const provider = await fixtureProvider(db, 'Garden of England Care Ltd');
    const made = await kent.contract.directAward({
      idempotencyKey: randomUUID(),
      reference: 'KENT-ACT-DA-1',
      title: 'Supported living, Ashford',
      providerId: provider,
      serviceType: 'supported_living',
      startDate: '2026-07-01',
      termMonths: 12,
      annualValuePence: 30_000_000,
      justification: 'Continuity of care for the tenants',
      legalBasis: 'Procurement Act 2023, Schedule 5',
      decisionReference: 'KCC-DA-2026-1',
      decidedOn: '2026-06-01',
    });
    contractId = made.id;
  });

  it('gives UK5, UK6 and UK7, drafted with the reason for the direct award', async () => {
    const list = await kent.notice.forContract({ contractId });
    expect(types(list.items)).toEqual(['UK5', 'UK6', 'UK7']);
    const uk5 = await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK5', contractId });
    const filled = await kent.notice.update({ id: uk5.id, rowVersion: uk5.rowVersion, fields: { directAwardReason: 'Schedule 5, paragraph 13: urgency' } });
    const release = expectValid(await kent.notice.release({ id: filled.id }), 'tender');
    expect((release.tender as { procurementMethod: string; procurementMethodRationale: string })).toMatchObject({ procurementMethod: 'direct', procurementMethodRationale: 'Schedule 5, paragraph 13: urgency' });
    expectValid(await kent.notice.release({ id: (await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK6', contractId })).id }), 'award');
    expectValid(await kent.notice.release({ id: (await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK7', contractId })).id }), 'contract');
  });

  it('its continuation gives a UK10 (a light touch contract is exempt, in words), drafted as a contract amendment', async () => {
    await kent.contract.bulkContinue({ idempotencyKey: randomUUID(), contractIds: [contractId], commonEndDate: '2027-12-31', justification: 'Continuation while recommissioning', legalBasis: 'Procurement Act 2023, s.74', decisionReference: 'KCC-CONT-1', decidedOn: '2026-06-20' });
    const list = await kent.notice.forContract({ contractId });
    const uk10 = list.items.filter((i) => i.type === 'UK10');
    expect(uk10).toHaveLength(1);
    expect(uk10[0]).toMatchObject({ state: 'not_required', reason: expect.stringContaining('light touch') });
    const record = await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK10', contractId, subjectId: uk10[0]!.subjectId! });
    expect(record.fields.changeDescription).toBe('Continuation while recommissioning');
    const release = expectValid(await kent.notice.release({ id: record.id }), 'contractAmendment');
    expect(JSON.stringify(release.contracts)).toContain(uk10[0]!.subjectId!);
  });

  it('its termination gives a UK11 due within 30 days, drafted and published', async () => {
    const detail = await kent.contract.get({ contractId });
    await kent.contract.terminate({ contractId, version: detail.rowVersion, terminatedOn: '2026-11-30', justification: 'The provider left the market', legalBasis: 'Clause 30', decisionReference: 'KCC-T-1', decidedOn: '2026-11-01' });
    const uk11 = item((await kent.notice.forContract({ contractId })).items, 'UK11');
    expect(uk11).toMatchObject({ state: 'due', dueOn: '2026-12-29' });
    const record = await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK11', contractId });
    const published = await kent.notice.markPublished({ id: record.id, rowVersion: record.rowVersion, noticeIdentifier: '009999-2026', publishedOn: '2026-12-04' });
    expect(published.status).toBe('published');
    expectValid(await kent.notice.release({ id: record.id }), 'contractTermination');
    expect(item((await kent.notice.forContract({ contractId })).items, 'UK11').state).toBe('done');
    // Withdrawn with a reason; another authority cannot reach it.
    expect(await outcome(sefton.notice.withdraw({ id: record.id, rowVersion: published.rowVersion, reason: 'x' }))).toBe('NOT_FOUND');
    expect((await kent.notice.withdraw({ id: record.id, rowVersion: published.rowVersion, reason: 'Published against the wrong contract' })).status).toBe('withdrawn');
  });

  it('the register warns of a contract started before its award notice, and of each notice due', async () => {
    const uk6 = item((await kent.notice.forContract({ contractId })).items, 'UK6').record!;
    await kent.notice.markPublished({ id: uk6.id, rowVersion: uk6.rowVersion, noticeIdentifier: '009990-2026', publishedOn: '2026-12-01' });
    const warnings = (await kent.notice.registerWarnings({ contractIds: [contractId] })).find((w) => w.contractId === contractId)!;
    expect(warnings.reference).toBe('KENT-ACT-DA-1');
    expect(warnings.warnings.find((w) => w.kind === 'before_award_notice')!.text).toContain('cannot be entered into on 1 July 2026');
    expect(warnings.warnings.filter((w) => w.kind !== 'before_award_notice').map((w) => w.type).sort()).toEqual(['UK11', 'UK5', 'UK7']);
    expect((await sefton.notice.registerWarnings({ contractIds: [contractId] })).some((w) => w.contractId === contractId)).toBe(false);
  });

  it('a pipeline notice (UK1) for Kent’s year is valid too', async () => {
    const uk1 = await kent.notice.draft({ idempotencyKey: randomUUID(), type: 'UK1', subjectId: '2026-04-01' });
    expectValid(await kent.notice.release({ id: uk1.id }), 'planning');
  });
});
