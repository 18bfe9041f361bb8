import { PROCUREMENT_COLUMNS } from '@concord/db';
import { EXAMPLE_OCID_PREFIX, OCID_PREFIX_PATTERN, procurementReleasePackage, withOcdsBids, type OcdsProcurement, type ServiceType } from '@concord/domain';
import { ocdsSubmissions } from '../application/online-ocds.ts';
import type { TenantContext } from '../context.ts';
import { findProcurement } from './access.ts';

type Ctx = Pick<TenantContext, 'tx' | 'now'>;

/**
 * The OCID prefix this installation publishes under: CONCORD_OCID_PREFIX, as registered with the Open
 * Contracting Partnership ('ocds-' and 6 lower-case letters or digits). Without it, the example prefix
 * from the OCDS documentation, which is fine for demonstrations and never for real publication.
 */
export function ocidPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.CONCORD_OCID_PREFIX?.trim() || EXAMPLE_OCID_PREFIX;
  if (!OCID_PREFIX_PATTERN.test(prefix)) throw new Error(`CONCORD_OCID_PREFIX must be "ocds-" and 6 lower-case letters or digits, got "${prefix}"`);
  return prefix;
}

/** Everything the OCDS export needs, read under the caller's row-level security (members only). */
export async function loadOcdsProcurement(ctx: Pick<TenantContext, 'tx'>, procurementId: string): Promise<OcdsProcurement> {
  const ref = await findProcurement(ctx.tx, procurementId);
  const tx = ctx.tx;
  const p = await tx.selectFrom('procurement').select(PROCUREMENT_COLUMNS).where('id', '=', ref.id).executeTakeFirstOrThrow();
  const lead = await tx.selectFrom('authority').select(['id', 'name']).where('id', '=', ref.leadAuthorityId).executeTakeFirstOrThrow();
  const buyers = await tx
    .selectFrom('procurement_buyer as b')
    .innerJoin('authority as a', 'a.id', 'b.buyer_authority_id')
    .select(['a.id', 'a.name'])
    .where('b.procurement_id', '=', ref.id)
    .orderBy('a.name')
    .execute();
  const lots = await tx.selectFrom('lot').select(['id', 'number', 'name', 'description']).where('procurement_id', '=', ref.id).orderBy('number').execute();
  const decisions = await tx
    .selectFrom('procurement_decision')
    .select(['to_status', 'decided_on', 'decision_reference', 'decision_link'])
    .where('procurement_id', '=', ref.id)
    .orderBy('decided_on')
    .orderBy('recorded_at')
    .execute();
  const entries = await tx
    .selectFrom('approved_list_entry as e')
    .innerJoin('provider as pv', 'pv.id', 'e.provider_id')
    .select((eb) => [
      'e.id',
      'e.lot_id',
      'e.status',
      'e.admitted_on',
      'pv.id as provider_id',
      'pv.legal_name',
      'pv.companies_house_number',
      eb
        .selectFrom('approved_list_event as v')
        .select((inner) => inner.fn.max('v.effective_on').as('d'))
        .whereRef('v.entry_id', '=', 'e.id')
        .where('v.action', '=', 'removed')
        .as('removed_on'),
    ])
    .where('e.procurement_id', '=', ref.id)
    .orderBy('e.admitted_on')
    .orderBy('pv.legal_name')
    .execute();
  return {
    id: p.id,
    reference: p.reference,
    title: p.title,
    description: p.description,
    serviceType: p.service_type as ServiceType,
    route: p.route,
    status: p.status,
    estimatedValuePence: p.estimated_value_pence,
    createdAt: p.created_at.toISOString(),
    lead: { id: lead.id, name: lead.name },
    buyers: buyers.map((b) => ({ id: b.id, name: b.name })),
    lots: lots.map((l) => ({ id: l.id, number: l.number, name: l.name, description: l.description })),
    decisions: decisions.map((d) => ({ toStatus: d.to_status, decidedAt: d.decided_on, decisionReference: d.decision_reference, decisionLink: d.decision_link })),
    admissions: entries.map((e) => ({
      entryId: e.id,
      lotId: e.lot_id,
      provider: { id: e.provider_id, name: e.legal_name, companiesHouseNumber: e.companies_house_number },
      admittedOn: e.admitted_on,
      status: e.status,
      removedOn: (e.removed_on as string | null) ?? null,
    })),
  };
}

/** The procurement as an OCDS 1.1.5 release package, published by its lead authority. Any member may export it. */
export async function exportOcds(ctx: Ctx, procurementId: string): Promise<Record<string, unknown>> {
  const procurement = await loadOcdsProcurement(ctx, procurementId);
  const pkg = procurementReleasePackage(procurement, {
    ocidPrefix: ocidPrefix(),
    publisherName: procurement.lead.name,
    publishedDate: ctx.now().toISOString(),
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  });
  // Providers' online submissions, once decided (issue 11): only the lead's transaction can read applications.
  return withOcdsBids(pkg, await ocdsSubmissions(ctx.tx, procurement.id));
}
