import { DomainError, notFound } from '@concord/domain';
import type { OrganisationDetails } from '@concord/domain/password';
import type { Tx } from '@concord/db';
import { lockForEdit } from '../versions.ts';
import { notify } from '../message/notify.ts';

/** The organisation a provider administrator corrects: its details, refused when stale (row version). */
export async function updateOrganisation(tx: Tx, providerId: string, details: OrganisationDetails, seenVersion: number): Promise<{ rowVersion: number }> {
  await lockForEdit(tx, 'provider', providerId, seenVersion, 'Organisation');
  const updated = await tx
    .updateTable('provider')
    .set({
      legal_name: details.legalName,
      companies_house_number: details.companiesHouseNumber ?? null,
      cqc_provider_id: details.cqcProviderId ?? null,
      registered_address: details.registeredAddress,
      contact_name: details.contactName,
      contact_email: details.contactEmail,
      contact_phone: details.contactPhone,
      is_sme: details.isSme,
      is_vcse: details.isVcse,
    })
    .where('id', '=', providerId)
    .returning('row_version')
    .executeTakeFirst();
  if (!updated) throw notFound('Organisation');
  return { rowVersion: updated.row_version };
}

/**
 * Verifies a self-registered organisation: by a platform administrator ('platform') or by an authority (its id),
 * e.g. the lead of a procurement it applied to. Verifying twice is refused (CONFLICT). The organisation is told.
 */
export async function verifyOrganisation(tx: Tx, providerId: string, verifier: { authorityId: string | null }, now: Date): Promise<{ verifiedOn: string }> {
  const current = await tx.selectFrom('provider').select(['verified_at', 'self_registered']).where('id', '=', providerId).forUpdate().executeTakeFirst();
  if (!current) throw notFound('Organisation');
  if (current.verified_at) throw new DomainError('CONFLICT', 'This organisation is already verified', 'providerId');
  await tx
    .updateTable('provider')
    .set({ verified_at: now, verified_by: verifier.authorityId ?? 'platform' })
    .where('id', '=', providerId)
    .execute();
  await notify(tx, {
    to: { providerId },
    from: verifier.authorityId ? { authorityId: verifier.authorityId } : null,
    kind: 'organisation_verified',
    subject: 'Your organisation is verified',
    body: 'Your organisation has been verified on Concord. You can now respond to invitations and see your contracts.',
    link: '/organisation',
  });
  return { verifiedOn: now.toISOString().slice(0, 10) };
}
