import { createHash, randomUUID } from 'node:crypto';
import { createCaller, resolveSession, snapshotOfProfile } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, GSS, openSeededDatabase, outcome, outcomeWithField, signIn, type Caller } from '../support/api.ts';
import { fixtureContract } from '../support/contracts.ts';
import { docxFile, GIF_FILE, HTML_FILE, pdfFile, PNG_FILE, zipFile } from '../support/documents.ts';
import { asProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 11, item 2 ("tell us once"): a provider organisation keeps its documents and CQC locations in its profile.
 * Files are typed from their content, limited in size and quota, never changed (a new version supersedes the old),
 * and read only by the organisation and the authorities holding a contract with it. The snapshot a submission
 * stores names the documents it was made with, and they stay readable, unchanged, after the profile changes.
 */
const NOW = new Date('2026-12-06T12:00:00Z');
const b64 = (bytes: Buffer) => bytes.toString('base64');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A caller for the organisation on the test clock, with the installation's quota as given. */
async function providerCaller(connection: Connection, provider: RegisteredProvider, quotaBytes?: number): Promise<Caller> {
  const session = (await resolveSession(connection.db, provider.token, config.session, new Date()))!;
  const ctx = contextFor(connection, session, { now: () => NOW });
  return createCaller({ ...ctx, config: { ...config, ...(quotaBytes ? { providerDocumentQuotaBytes: quotaBytes } : {}) } });
}

describe('provider documents and the profile snapshot', () => {
  let connection: Connection;
  let a: RegisteredProvider;
  let b: RegisteredProvider;
  let asA: Caller;
  let asB: Caller;
  let sefton: Caller;
  let kent: Caller;
  const insurance = pdfFile('Public liability insurance 2026');
  beforeAll(async () => {
    connection = await openSeededDatabase();
    a = await registerVerifiedProvider(connection, 150);
    b = await registerVerifiedProvider(connection, 151);
    asA = await providerCaller(connection, a);
    asB = await providerCaller(connection, b);
    sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session, { now: () => NOW });
    kent = callerFor(connection, (await signIn(connection, 'commissioner.kent@concord.example')).session, { now: () => NOW });
  });
  afterAll(() => connection.close());

  it('takes a PDF certificate, typed from its content, with its size, SHA-256 and days to expiry counted from the request day', async () => {
    const uploaded = await asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'insurance_certificate', title: 'Public liability insurance', fileName: 'insurance.pdf', contentBase64: b64(insurance), expiresOn: '2026-12-20' });
    expect(uploaded).toMatchObject({ contentType: 'application/pdf', sizeBytes: insurance.length, sha256: sha(insurance) });
    const { documents, quota, expiring, today } = await asA.providerDocument.list();
    expect(today).toBe('2026-12-06');
    expect(documents).toEqual([
      expect.objectContaining({ id: uploaded.documentId, kindLabel: 'Insurance certificate', title: 'Public liability insurance', typeLabel: 'PDF', sizeBytes: insurance.length, expiresOn: '2026-12-20', daysLeft: 14, uploadedBy: 'Bid Writer 150', earlierVersions: 0 }),
    ]);
    expect(quota).toEqual({ usedBytes: insurance.length, quotaBytes: 100 * 1024 * 1024 });
    expect(expiring.map((e) => [e.title, e.daysLeft])).toEqual([['Public liability insurance', 14]]);
  });

  it('takes DOCX and PNG; refuses HTML named .pdf, a GIF, a bare ZIP, an empty file, one over 10 MB and a certificate without its expiry', async () => {
    const docx = await asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'safeguarding_policy', title: 'Safeguarding policy', fileName: 'safeguarding.docx', contentBase64: b64(await docxFile('Safeguarding')) });
    expect(docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'other', title: 'Logo', fileName: 'logo.png', contentBase64: b64(PNG_FILE) })).contentType).toBe('image/png');
    const refused = (bytes: Buffer, fileName: string) => outcomeWithField(asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'other', title: 'Refused', fileName, contentBase64: b64(bytes) }));
    expect(await refused(HTML_FILE, 'policy.pdf')).toBe('BAD_REQUEST file');
    expect(await refused(GIF_FILE, 'photo.png')).toBe('BAD_REQUEST file');
    expect(await refused(await zipFile(), 'plan.docx')).toBe('BAD_REQUEST file');
    expect(await refused(Buffer.alloc(0), 'empty.pdf')).toBe('BAD_REQUEST contentBase64');
    const huge = Buffer.concat([insurance, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await refused(huge, 'huge.pdf')).toBe('BAD_REQUEST contentBase64');
    expect(await outcomeWithField(asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'insurance_certificate', title: 'No expiry', fileName: 'i.pdf', contentBase64: b64(insurance) }))).toBe('BAD_REQUEST expiresOn');
    const titles = (await asA.providerDocument.list()).documents.map((d) => d.title);
    expect(titles.sort()).toEqual(['Logo', 'Public liability insurance', 'Safeguarding policy']);
  });

  it('keeps a stored snapshot true after the profile, locations and documents change: its documents still open, byte for byte', async () => {
    await asA.providerLocation.add({ idempotencyKey: randomUUID(), name: 'Birkenhead office', cqcLocationId: '1-915000001', locality: 'Wirral', rating: 'good', ratedOn: '2025-03-01' });
    const snapshot = await asProvider(connection, a.providerId, (tx) => snapshotOfProfile(tx, a.providerId, NOW));
    const stored = JSON.stringify(snapshot); // as a submission stores it (jsonb)
    expect(snapshot.organisation).toMatchObject({ legalName: 'Wirral Homecare 150 Ltd', contactPhone: '0151 123 4567', verified: true });
    expect(snapshot.locations.map((l) => l.name)).toEqual(['Birkenhead office']);
    const insuranceAtSubmission = snapshot.documents.find((d) => d.kind === 'insurance_certificate')!;
    expect(insuranceAtSubmission).toMatchObject({ title: 'Public liability insurance', sha256: sha(insurance), expiresOn: '2026-12-20' });

    // The profile changes: new details, a new location, the certificate renewed, the safeguarding policy withdrawn.
    const { organisation } = await asA.organisation.mine();
    await asA.organisation.update({
      legalName: organisation.legalName, companiesHouseNumber: organisation.companiesHouseNumber, cqcProviderId: organisation.cqcProviderId,
      registeredAddress: '2 New Street, Birkenhead CH41 2BB', contactName: 'Alex Smith', contactEmail: organisation.contactEmail!, contactPhone: '0151 999 0000',
      isSme: true, isVcse: false, rowVersion: organisation.rowVersion,
    });
    await asA.providerLocation.add({ idempotencyKey: randomUUID(), name: 'Wallasey office', locality: 'Wirral' });
    const renewal = pdfFile('Public liability insurance 2027');
    const replaced = await asA.providerDocument.replace({ documentId: insuranceAtSubmission.id, title: 'Public liability insurance 2027', fileName: 'insurance-2027.pdf', contentBase64: b64(renewal), expiresOn: '2027-12-20' });
    expect(replaced.replacedId).toBe(insuranceAtSubmission.id);
    const safeguarding = snapshot.documents.find((d) => d.kind === 'safeguarding_policy')!;
    await asA.providerDocument.withdraw({ documentId: safeguarding.id });

    // The stored snapshot is what it was, and every document it names still opens with the same bytes.
    expect(JSON.stringify(snapshot)).toBe(stored);
    for (const named of snapshot.documents) {
      const { rows } = await asProvider(connection, a.providerId, (tx) => sql<{ content: Uint8Array; sha256: string }>`SELECT content, sha256 FROM provider_document WHERE id = ${named.id}`.execute(tx));
      expect(rows[0]!.sha256).toBe(named.sha256);
      expect(sha(Buffer.from(rows[0]!.content))).toBe(named.sha256);
    }
    // A new snapshot has the new details, both locations and the renewed certificate, not the withdrawn policy.
    const now = await asProvider(connection, a.providerId, (tx) => snapshotOfProfile(tx, a.providerId, NOW));
    expect(now.organisation.contactPhone).toBe('0151 999 0000');
    expect(now.locations.map((l) => l.name)).toEqual(['Birkenhead office', 'Wallasey office']);
    expect(now.documents.map((d) => d.title).sort()).toEqual(['Logo', 'Public liability insurance 2027']);
    const list = await asA.providerDocument.list();
    expect(list.documents.find((d) => d.id === replaced.documentId)).toMatchObject({ earlierVersions: 1, daysLeft: 379 });
    expect(list.expiring).toEqual([]);
    // Replacing or withdrawing a version already superseded is refused.
    expect(await outcome(asA.providerDocument.withdraw({ documentId: insuranceAtSubmission.id }))).toBe('CONFLICT');
  });

  it('never changes or deletes a document, even with SQL as the application role or the owner', async () => {
    const [doc] = (await asA.providerDocument.list()).documents;
    const asApp = asProvider(connection, a.providerId, (tx) => sql`UPDATE provider_document SET title = 'Edited' WHERE id = ${doc!.id}`.execute(tx));
    await expect(asApp).rejects.toThrow();
    await expect(sql`UPDATE provider_document SET content = ${Buffer.from('x')} WHERE id = ${doc!.id}`.execute(connection.db)).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM provider_document WHERE id = ${doc!.id}`.execute(connection.db)).rejects.toThrow(/never deleted/);
  });

  it('holds each organisation to its quota of current documents; a replacement counts only the new version', async () => {
    const first = pdfFile('Business continuity plan v1');
    const small = await providerCaller(connection, b, first.length + 50);
    const up = await small.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'business_continuity_plan', title: 'Business continuity plan', fileName: 'bcp.pdf', contentBase64: b64(first) });
    expect(await outcomeWithField(small.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'other', title: 'More', fileName: 'more.pdf', contentBase64: b64(pdfFile('More')) }))).toBe('BAD_REQUEST file');
    expect(await outcome(small.providerDocument.replace({ documentId: up.documentId, title: 'Business continuity plan v2', fileName: 'bcp2.pdf', contentBase64: b64(pdfFile('Business continuity plan v2')) }))).toBe('ok');
  });

  it('shows an organisation nothing of another’s documents, through the API or SQL', async () => {
    const aDocs = (await asA.providerDocument.list()).documents;
    const bDocs = (await asB.providerDocument.list()).documents;
    expect(bDocs.map((d) => d.title)).toEqual(['Business continuity plan v2']);
    expect(await outcome(asB.providerDocument.replace({ documentId: aDocs[0]!.id, title: 'Hijack', fileName: 'x.pdf', contentBase64: b64(pdfFile('x')) }))).toBe('NOT_FOUND');
    expect(await outcome(asB.providerDocument.withdraw({ documentId: aDocs[0]!.id }))).toBe('NOT_FOUND');
    const seen = await asProvider(connection, b.providerId, (tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_document WHERE provider_id = ${a.providerId}`.execute(tx));
    expect(seen.rows[0]!.n).toBe(0);
    await expect(asProvider(connection, b.providerId, (tx) =>
      sql`INSERT INTO provider_document (provider_id, kind, title, file_name, content_type, size_bytes, sha256, content, uploaded_by)
          VALUES (${a.providerId}, 'other', 'Planted', 'p.pdf', 'application/pdf', 1, ${'0'.repeat(64)}, ${Buffer.from('x')}, (SELECT id FROM app_user WHERE email = ${b.email}))`.execute(tx),
    )).rejects.toThrow(/row-level security/);
  });

  it('shows an authority the documents and expiring certificates only of providers it holds a live contract with', async () => {
    // A certificate expiring in 10 days and one expired 5 days ago.
    await asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'insurance_certificate', title: 'Employers liability insurance', fileName: 'el.pdf', contentBase64: b64(pdfFile('EL')), expiresOn: '2026-12-16' });
    await asA.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'cqc_registration', title: 'CQC registration', fileName: 'cqc.pdf', contentBase64: b64(pdfFile('CQC')), expiresOn: '2026-12-01' });
    expect((await sefton.providerDocument.ofProvider({ providerId: a.providerId })).documents).toEqual([]);
    expect((await sefton.providerDocument.expiringForAuthority({})).expiring).toEqual([]);

    await fixtureContract(connection.db, GSS.sefton, { providerId: a.providerId });
    const ofA = await sefton.providerDocument.ofProvider({ providerId: a.providerId });
    expect(ofA.documents.map((d) => d.title).sort()).toEqual(['CQC registration', 'Employers liability insurance', 'Logo', 'Public liability insurance 2027']);
    const { expiring } = await sefton.providerDocument.expiringForAuthority({});
    expect(expiring.map((e) => [e.providerName, e.title, e.daysLeft])).toEqual([
      ['Wirral Homecare 150 Ltd', 'CQC registration', -5],
      ['Wirral Homecare 150 Ltd', 'Employers liability insurance', 10],
    ]);
    expect((await sefton.providerDocument.expiringForAuthority({ providerId: b.providerId })).expiring).toEqual([]);
    // Kent holds no contract with it: nothing, through the API or SQL as Kent.
    expect((await kent.providerDocument.ofProvider({ providerId: a.providerId })).documents).toEqual([]);
    expect((await kent.providerDocument.expiringForAuthority({})).expiring).toEqual([]);
    const kentSees = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true), set_config('app.authority_id', ${GSS.kent}, true)`.execute(tx);
      return sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_document`.execute(tx);
    });
    expect(kentSees.rows[0]!.n).toBe(0);
    // The organisation sees its own expiring certificates too.
    expect((await asA.providerDocument.list()).expiring.map((e) => [e.title, e.daysLeft])).toEqual([['CQC registration', -5], ['Employers liability insurance', 10]]);
    // Providers and authorities each use their own procedures.
    expect(await outcome(asA.providerDocument.expiringForAuthority({}))).toBe('FORBIDDEN');
    expect(await outcome(sefton.providerDocument.list())).toBe('FORBIDDEN');
  });

  it('lets the provider administrator keep the CQC locations: versions checked, IDs unique in the register, another organisation’s unseen', async () => {
    const [office] = (await asA.providerLocation.list()).filter((l) => l.name === 'Birkenhead office');
    const saved = await asA.providerLocation.update({ locationId: office!.id, rowVersion: office!.rowVersion, name: 'Birkenhead office', cqcLocationId: '1-915000001', locality: 'Wirral', rating: 'outstanding', ratedOn: '2026-06-01' });
    expect(saved.rowVersion).toBe(office!.rowVersion + 1);
    expect(await outcome(asA.providerLocation.update({ locationId: office!.id, rowVersion: office!.rowVersion, name: 'Stale', cqcLocationId: null }))).toBe('CONFLICT');
    expect((await asA.providerLocation.list()).find((l) => l.id === office!.id)).toMatchObject({ ratingLabel: 'Outstanding', name: 'Birkenhead office' });
    expect(await outcomeWithField(asB.providerLocation.add({ idempotencyKey: randomUUID(), name: 'Copy', cqcLocationId: '1-915000001' }))).toBe('CONFLICT cqcLocationId');
    expect(await outcome(asB.providerLocation.remove({ locationId: office!.id, rowVersion: saved.rowVersion }))).toBe('NOT_FOUND');
    const wallasey = (await asA.providerLocation.list()).find((l) => l.name === 'Wallasey office')!;
    await asA.providerLocation.remove({ locationId: wallasey.id, rowVersion: wallasey.rowVersion });
    expect((await asA.providerLocation.list()).map((l) => l.name)).toEqual(['Birkenhead office']);
  });
});
