import { badRequest, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { notify } from '../message/notify.ts';
import { verifyOrganisation } from '../organisation/commands.ts';
import type { ProcurementRef } from '../procurement/access.ts';

/**
 * The lead's side of an application made online (issue 11, items 3 and 4): an organisation that registered itself is
 * verified before it is admitted (by the lead, from the application), and it is told the outcome by message.
 */

/** An organisation that registered itself and is not yet verified cannot be admitted. */
export async function assertProviderVerified(tx: Tx, providerId: string): Promise<void> {
  const provider = await tx.selectFrom('provider').select(['self_registered', 'verified_at', 'legal_name']).where('id', '=', providerId).executeTakeFirst();
  if (!provider) throw notFound('Provider');
  if (provider.self_registered && provider.verified_at === null) {
    throw badRequest(`${provider.legal_name} is not yet verified: verify the organisation before admitting it`, 'outcome');
  }
}

/** The lead verifies the organisation behind an application to its procurement (as its authority). */
export async function verifyApplicant(tx: Tx, authorityId: string, providerId: string, now: Date): Promise<{ verifiedOn: string }> {
  return verifyOrganisation(tx, providerId, { authorityId }, now);
}

/** An applicant that applied online is told the decision, and where to read its scores and feedback. */
export async function tellApplicant(
  tx: Tx,
  application: { id: string; provider_id: string; submitted_at: Date | null },
  procurement: ProcurementRef,
  outcome: 'admitted' | 'rejected',
  reason: string,
): Promise<void> {
  if (!application.submitted_at) return;
  const online = await tx.selectFrom('provider_application').select('id').where('application_id', '=', application.id).executeTakeFirst();
  const title = (await tx.selectFrom('procurement').select('title').where('id', '=', procurement.id).executeTakeFirstOrThrow()).title;
  await notify(tx, {
    to: { providerId: application.provider_id },
    from: { authorityId: procurement.authorityId },
    kind: 'application_outcome',
    subject: outcome === 'admitted' ? `Your application was successful: ${title}` : `Your application was not successful: ${title}`,
    body: `${outcome === 'admitted' ? 'You have been admitted to the approved list.' : 'You have not been admitted.'} ${reason}\n\nYour scores and feedback are on the application's page.`,
    link: online ? `/organisation/applications/${online.id}` : '/organisation/applications',
  });
}
