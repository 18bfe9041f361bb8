import type { Tx } from '@concord/db';
import type { ProviderDocumentKind } from '@concord/domain/provider-documents';
import { getOrganisation } from './queries.ts';

/**
 * What a provider organisation's profile held when it submitted something (issue 11, item 2, "tell us once"): its
 * details, its CQC locations and its current documents. An application or a mini-competition response stores this
 * JSON with the submission, so the submission keeps saying what it was made with after the profile changes. The
 * documents are named by id and SHA-256: a document is never changed or deleted (migration 0030), only superseded,
 * so every id in a snapshot still opens the very file that was submitted.
 */
export interface ProfileSnapshot {
  /** Bumped if the shape ever changes, so a stored snapshot can be read by the shape it was written in. */
  version: 1;
  takenAt: string;
  organisation: {
    id: string;
    legalName: string;
    companiesHouseNumber: string | null;
    cqcProviderId: string | null;
    registeredAddress: string | null;
    contactName: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
    isSme: boolean;
    isVcse: boolean;
    verified: boolean;
    rowVersion: number;
  };
  locations: { id: string; cqcLocationId: string | null; name: string; locality: string | null; rating: string | null; ratedOn: string | null }[];
  documents: {
    id: string;
    kind: ProviderDocumentKind;
    title: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    expiresOn: string | null;
    uploadedAt: string;
  }[];
}

/**
 * The frozen profile of `providerId`, read inside the caller's transaction (as the organisation itself, when it
 * submits; row-level security decides what it may read). Only JSON values: store it as it is in a jsonb column.
 */
export async function snapshotOfProfile(tx: Tx, providerId: string, now: Date = new Date()): Promise<ProfileSnapshot> {
  // The organisation as its own page reads it (one mapping of the register's columns), frozen in the snapshot's shape.
  const { id, legalName, companiesHouseNumber, cqcProviderId, registeredAddress, contactName, contactEmail, contactPhone, isSme, isVcse, verified, rowVersion } =
    await getOrganisation(tx, providerId);
  const locations = await tx
    .selectFrom('provider_location')
    .select(['id', 'cqc_location_id', 'name', 'locality', 'rating', 'rated_on'])
    .where('provider_id', '=', providerId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const documents = await tx
    .selectFrom('provider_document')
    .select(['id', 'kind', 'title', 'file_name', 'content_type', 'size_bytes', 'sha256', 'expires_on', 'uploaded_at'])
    .where('provider_id', '=', providerId)
    .where('superseded_at', 'is', null)
    .orderBy('kind')
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return {
    version: 1,
    takenAt: now.toISOString(),
    organisation: { id, legalName, companiesHouseNumber, cqcProviderId, registeredAddress, contactName, contactEmail, contactPhone, isSme, isVcse, verified, rowVersion },
    locations: locations.map((l) => ({ id: l.id, cqcLocationId: l.cqc_location_id, name: l.name, locality: l.locality, rating: l.rating, ratedOn: l.rated_on })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      fileName: d.file_name,
      contentType: d.content_type,
      sizeBytes: d.size_bytes,
      sha256: d.sha256,
      expiresOn: d.expires_on,
      uploadedAt: new Date(d.uploaded_at).toISOString(),
    })),
  };
}
