import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { pdfFile } from './documents.ts';
import { seededTripartite } from './procurement.ts';
import type { RegisteredProvider } from './providers.ts';

/** Uploads a one-page PDF to the organisation's profile through the API; returns the document's id. */
export async function uploadDocument(p: RegisteredProvider, kind: 'insurance_certificate' | 'safeguarding_policy', content: Buffer = pdfFile(`${kind} ${p.email}`)): Promise<string> {
  const expiresOn = kind === 'insurance_certificate' ? '2027-12-31' : undefined;
  return (await p.caller.providerDocument.upload({ idempotencyKey: randomUUID(), kind, title: `${kind} ${p.email}`, fileName: `${kind}.pdf`, contentBase64: content.toString('base64'), expiresOn })).documentId;
}

/**
 * A complete online application to lot 1 of the seeded Tripartite PDPS through the API (every gateway and quality
 * question answered, a price), with the documents named from the profile; submitted (its application id returned)
 * unless `draft`.
 */
export async function applyToTripartite(connection: Connection, p: RegisteredProvider, documentIds: string[], options: { draft?: boolean } = {}): Promise<string | null> {
  const tripartite = await seededTripartite(connection.db);
  const detail = await p.caller.opportunity.get({ procurementId: tripartite.id });
  const { id } = await p.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: tripartite.id });
  const started = await p.caller.myApplication.get({ applicationId: id });
  const saved = await p.caller.myApplication.save({
    applicationId: id,
    rowVersion: started.rowVersion,
    lotIds: [tripartite.lotIds[0]!],
    gatewayAnswers: detail.gatewayQuestions.map((q) => ({ id: q.id, answer: 'Yes' })),
    qualityAnswers: detail.criteria.filter((c) => c.kind !== 'price').map((c) => ({ id: c.id, answer: `Our approach to ${c.name}` })),
    lotPrices: [{ lotId: tripartite.lotIds[0]!, pricePence: 2_250 }],
    documentIds,
  });
  if (options.draft) return null;
  return (await p.caller.myApplication.submit({ applicationId: id, rowVersion: saved.rowVersion })).applicationId;
}
