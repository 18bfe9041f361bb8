import { DomainError, notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { notify } from '../message/notify.ts';

/**
 * Claims on register entries (issue 11, item 1): someone who registered with the numbers of an entry a council made
 * waits for a council to confirm it is theirs. The policies (migration 0029) show a claim to its claimant and to
 * the authorities that may decide it: one with a contract or placement with that provider, or any when none has.
 */
export interface ClaimSummary {
  id: string;
  status: 'pending' | 'confirmed' | 'refused';
  legalName: string;
  companiesHouseNumber: string | null;
  cqcProviderId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  claimantName: string;
  claimantEmail: string;
  claimedOn: string;
  decidedOn: string | null;
  reason: string | null;
}

const claimColumns = [
  'c.id', 'c.status', 'c.legal_name', 'c.companies_house_number', 'c.cqc_provider_id', 'c.contact_name', 'c.contact_email', 'c.contact_phone',
  'c.created_at', 'c.decided_at', 'c.reason', 'c.claimant_name', 'c.claimant_email',
] as const;

/** Claims on one entry the authority may decide, pending first. */
export async function listClaims(tx: Tx, providerId: string): Promise<ClaimSummary[]> {
  const rows = await tx
    .selectFrom('provider_claim as c')
    .select(claimColumns)
    .where('c.provider_id', '=', providerId)
    .orderBy('c.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    legalName: r.legal_name,
    companiesHouseNumber: r.companies_house_number,
    cqcProviderId: r.cqc_provider_id,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    claimantName: r.claimant_name,
    claimantEmail: r.claimant_email,
    claimedOn: r.created_at.toISOString().slice(0, 10),
    decidedOn: r.decided_at ? r.decided_at.toISOString().slice(0, 10) : null,
    reason: r.reason,
  }));
}

/** The signed-in person's own latest claim, if any (what they see while they wait). */
export async function myClaim(tx: Tx, userId: string): Promise<{ legalName: string; status: ClaimSummary['status']; claimedOn: string; decidedOn: string | null; reason: string | null } | null> {
  const row = await tx
    .selectFrom('provider_claim')
    .select(['legal_name', 'status', 'created_at', 'decided_at', 'reason'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  return {
    legalName: row.legal_name,
    status: row.status,
    claimedOn: row.created_at.toISOString().slice(0, 10),
    decidedOn: row.decided_at ? row.decided_at.toISOString().slice(0, 10) : null,
    reason: row.reason,
  };
}

/**
 * Confirms a claim (the claimant becomes the entry's provider administrator and the entry is verified by this
 * authority, if not yet) or refuses it with a reason. Decided once; NOT_FOUND for a claim this authority may not see.
 */
export async function decideClaim(
  tx: Tx,
  authorityId: string,
  input: { claimId: string; decision: 'confirm' | 'refuse'; reason: string | null },
  now: Date,
): Promise<{ status: 'confirmed' | 'refused' }> {
  const claim = await tx.selectFrom('provider_claim').select(['provider_id', 'user_id', 'status']).where('id', '=', input.claimId).executeTakeFirst();
  if (!claim) throw notFound('Claim');
  if (claim.status !== 'pending') throw new DomainError('CONFLICT', 'This claim has been decided already', 'claimId');
  if (input.decision === 'refuse' && !input.reason) throw new DomainError('BAD_REQUEST', 'Say why the claim is refused', 'reason');
  const status = input.decision === 'confirm' ? 'confirmed' : 'refused';
  await tx
    .updateTable('provider_claim')
    .set({ status, decided_by_authority_id: authorityId, decided_at: now, reason: input.reason })
    .where('id', '=', input.claimId)
    .execute();
  if (status === 'confirmed') {
    await tx.insertInto('provider_membership').values({ provider_id: claim.provider_id, user_id: claim.user_id, role: 'provider_admin' }).execute();
    const entry = await tx.selectFrom('provider').select('verified_at').where('id', '=', claim.provider_id).executeTakeFirstOrThrow();
    if (!entry.verified_at) {
      await tx.updateTable('provider').set({ verified_at: now, verified_by: authorityId }).where('id', '=', claim.provider_id).execute();
    }
    await notify(tx, {
      to: { providerId: claim.provider_id },
      from: { authorityId },
      kind: 'claim_confirmed',
      subject: 'Your organisation is linked to its register entry',
      body: 'A council confirmed that this register entry is your organisation. You are its provider administrator.',
      link: '/organisation',
    });
  }
  return { status };
}
