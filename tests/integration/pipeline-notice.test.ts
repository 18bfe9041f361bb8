import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerAt, GSS, openSeededDatabase, outcome, outcomeWithField } from '../support/api.ts';
import { KENT_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import { pdfLayout } from '../support/pdf-layout.ts';
import { validateReleasePackage } from './ocds-schema.ts';

/**
 * The authority's pipeline notice (UK1) on a page of its own (issue 16): notice.pipeline answers the item NoticeView
 * shows (the year's state, deadline and reason, with the record and the field a person supplies), and the UK1 goes
 * through the life every notice has: drafted, its description edited, marked ready, published with Find a Tender's
 * identifier, its release valid OCDS 1.1.5 and its PDF made; withdrawn, the year is due again. Another authority cannot
 * reach it; a viewer reads it and cannot change it. The clock is 6 December 2026: the year thought of is 2027 to 2028.
 */
const NOW = new Date('2026-12-06T12:00:00Z');
let connection: Connection;
let sefton: Caller;
let kent: Caller;
let seftonViewer: Caller;

const as = (email: string): Promise<Caller> => callerAt(connection, email, NOW);

beforeAll(async () => {
  connection = await openSeededDatabase();
  [sefton, kent, seftonViewer] = await Promise.all([SEFTON_COMMISSIONER, KENT_COMMISSIONER, 'viewer.sefton@concord.example'].map(as)) as [Caller, Caller, Caller];
});
afterAll(() => connection.close());

const DESCRIPTION = 'A new home care framework for Sefton (about £24 million over four years), and a supported living dynamic market';

describe('notice.pipeline: a UK1 on a page of its own', () => {
  let id = '';

  it('answers the drafted UK1 as a notice item: the year, its deadline and reason, the record and its one field', async () => {
    const draft = await sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK1', subjectId: '2027-04-01' });
    id = draft.id;
    const due = (await sefton.notice.due({ limit: 5, offset: 0 })).pipeline!;
    expect(due.record).toEqual({ id, status: 'draft' });
    const page = await sefton.notice.pipeline({ noticeId: id });
    expect(page).toMatchObject({ yearStartsOn: '2027-04-01', yearName: '2027 to 2028' });
    expect(page.item).toMatchObject({
      type: 'UK1',
      name: due.name,
      subjectId: '2027-04-01',
      subjectLabel: 'The financial year 2027 to 2028',
      state: 'due',
      dueOn: '2027-05-26',
      dueText: 'By 26 May 2027',
      reason: due.reason,
      record: { id, type: 'UK1', status: 'draft', statusLabel: 'Draft', rowVersion: 1, fields: {}, noticeIdentifier: null },
    });
    expect(page.item.record.editableFields.map((f) => f.name)).toEqual(['description']);
    // Every member of Sefton reads it; another authority cannot tell it exists; a notice that is not a UK1 is not one.
    expect((await seftonViewer.notice.pipeline({ noticeId: id })).item.record.id).toBe(id);
    expect(await outcome(kent.notice.pipeline({ noticeId: id }))).toBe('NOT_FOUND');
    expect(await outcome(kent.notice.release({ id }))).toBe('NOT_FOUND');
    expect(await outcome(kent.notice.update({ id, rowVersion: 1, fields: { description: 'Kent’s words' } }))).toBe('NOT_FOUND');
    expect(await outcome(sefton.notice.pipeline({ noticeId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    // A year beyond those Concord counts (to 2100 to 2101) is refused when drafted or declined, not left unshowable.
    expect(await outcomeWithField(sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK1', subjectId: '2101-04-01' }))).toBe('BAD_REQUEST subjectId');
    expect(await outcomeWithField(sefton.notice.declinePipeline({ idempotencyKey: randomUUID(), subjectId: '2101-04-01', reason: 'Too far ahead' }))).toBe('BAD_REQUEST subjectId');
  });

  it('a commissioner edits its description, marks it ready and published; the release and PDF carry it', async () => {
    expect(await outcome(seftonViewer.notice.update({ id, rowVersion: 1, fields: { description: 'A viewer’s words' } }))).toBe('FORBIDDEN');
    expect(await outcomeWithField(sefton.notice.update({ id, rowVersion: 1, fields: { title: 'No such field' } }))).toBe('BAD_REQUEST fields.title');
    const edited = await sefton.notice.update({ id, rowVersion: 1, fields: { description: `  ${DESCRIPTION}  ` } });
    expect(edited).toMatchObject({ rowVersion: 2, fields: { description: DESCRIPTION } });
    expect(await outcome(sefton.notice.markReady({ id, rowVersion: 1 }))).toBe('CONFLICT');
    const ready = await sefton.notice.markReady({ id, rowVersion: 2 });
    expect(ready).toMatchObject({ status: 'ready', statusLabel: 'Ready to publish', rowVersion: 3 });
    expect((await sefton.notice.pipeline({ noticeId: id })).item).toMatchObject({ state: 'due', record: { status: 'ready' } });

    expect(await outcomeWithField(sefton.notice.markPublished({ id, rowVersion: 3, noticeIdentifier: '1234-2026', publishedOn: '2026-12-04' }))).toBe('BAD_REQUEST noticeIdentifier');
    const published = await sefton.notice.markPublished({ id, rowVersion: 3, noticeIdentifier: '004242-2026', publishedOn: '2026-12-04' });
    expect(published).toMatchObject({ status: 'published', noticeIdentifier: '004242-2026', publishedOn: '2026-12-04' });
    const page = await sefton.notice.pipeline({ noticeId: id });
    expect(page.item).toMatchObject({ state: 'done', stateLabel: 'Published', reason: 'Published on 4 December 2026', record: { status: 'published', noticeIdentifier: '004242-2026' } });
    expect((await sefton.notice.due({ limit: 5, offset: 0 })).pipeline).toMatchObject({ state: 'done', record: { id, status: 'published' } });
    // Published: no more changes.
    expect(await outcome(sefton.notice.update({ id, rowVersion: published.rowVersion, fields: { description: 'Later' } }))).toBe('BAD_REQUEST');

    const file = await sefton.notice.release({ id });
    expect(validateReleasePackage(file.json).errors).toEqual([]);
    const release = (file.json as { releases: Record<string, unknown>[] }).releases[0]! as { tag: string[]; planning: { rationale: string }; ocid: string };
    expect(release.tag).toEqual(['planning']);
    expect(release.planning.rationale).toBe(DESCRIPTION);
    expect(release.ocid).toContain(`pipeline-${GSS.sefton}-2027-04-01`);
    expect(file.filename).toBe(`notice-UK1-${id.slice(0, 8)}.json`);

    const pdf = await seftonViewer.notice.pdf({ id });
    expect(pdf).toMatchObject({ filename: `notice-UK1-${id.slice(0, 8)}.pdf`, mimeType: 'application/pdf' });
    const text = (await pdfLayout(pdf.base64)).text.replace(/\s+/g, ' ');
    expect(text).toContain('004242-2026');
    expect(text).toContain(DESCRIPTION);
    expect(text).toContain('Published on 4 December 2026');
  });

  it('withdrawn, the record says why and the year is due again; a new UK1 may then be drafted', async () => {
    const current = (await sefton.notice.pipeline({ noticeId: id })).item.record;
    await sefton.notice.withdraw({ id, rowVersion: current.rowVersion, reason: 'Published for the wrong year' });
    const page = await sefton.notice.pipeline({ noticeId: id });
    expect(page.item).toMatchObject({ state: 'due', dueOn: '2027-05-26', record: { status: 'withdrawn', withdrawnReason: 'Published for the wrong year' } });
    expect((await sefton.notice.due({ limit: 5, offset: 0 })).pipeline).toMatchObject({ state: 'due', record: null });
    const again = await sefton.notice.draft({ idempotencyKey: randomUUID(), type: 'UK1', subjectId: '2027-04-01' });
    expect((await sefton.notice.pipeline({ noticeId: again.id })).item).toMatchObject({ state: 'due', record: { status: 'draft', fields: {} } });
  });
});
