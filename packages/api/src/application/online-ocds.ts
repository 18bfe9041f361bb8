import type { OcdsSubmission } from '@concord/domain';
import type { Tx } from '@concord/db';

/**
 * The applications providers submitted online to a procurement, for its OCDS package (issue 11, item 3). Read under
 * the caller's row-level security: the lead authority reads them; a partner reads none (applications are the lead's).
 */
export async function ocdsSubmissions(tx: Tx, procurementId: string): Promise<OcdsSubmission[]> {
  const rows = await tx
    .selectFrom('application as a')
    .innerJoin('provider as p', 'p.id', 'a.provider_id')
    .select(['a.id', 'a.status', 'a.submitted_at', 'p.id as provider_id', 'p.legal_name', 'p.companies_house_number'])
    .where('a.procurement_id', '=', procurementId)
    .where('a.submitted_at', 'is not', null)
    .orderBy('a.submitted_at')
    .execute();
  if (rows.length === 0) return [];
  const lots = await tx.selectFrom('application_lot').select(['application_id', 'lot_id']).where('application_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    applicationId: r.id,
    provider: { id: r.provider_id, name: r.legal_name, companiesHouseNumber: r.companies_house_number },
    submittedAt: new Date(r.submitted_at!).toISOString(),
    status: r.status,
    lotIds: lots.filter((l) => l.application_id === r.id).map((l) => l.lot_id),
  }));
}
