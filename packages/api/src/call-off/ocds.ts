import { callOffReleasePackage, notFound, VARIATION_KIND_LABELS, type OcdsCallOff } from '@concord/domain';
import { CALL_OFF_COLUMNS } from '@concord/db';
import type { TenantContext } from '../context.ts';
import { ocidPrefix } from '../procurement/ocds.ts';

type Ctx = Pick<TenantContext, 'tx' | 'now'>;

const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Everything a call-off's OCDS export needs, read under the caller's row-level security (the buying authority only). */
export async function loadOcdsCallOff(ctx: Pick<TenantContext, 'tx'>, callOffId: string): Promise<OcdsCallOff> {
  const tx = ctx.tx;
  const c = await tx.selectFrom('call_off').select(CALL_OFF_COLUMNS).where('id', '=', callOffId).executeTakeFirst();
  if (!c) throw notFound('Call-off');
  const buyer = await tx.selectFrom('authority').select(['id', 'name']).where('id', '=', c.authority_id).executeTakeFirstOrThrow();
  const procurement = await tx.selectFrom('procurement').select(['id', 'title']).where('id', '=', c.procurement_id).executeTakeFirstOrThrow();
  const provider = c.awarded_provider_id
    ? await tx.selectFrom('provider').select(['id', 'legal_name', 'companies_house_number']).where('id', '=', c.awarded_provider_id).executeTakeFirst()
    : undefined;
  const contract = await tx
    .selectFrom('contract')
    .select(['id', 'reference', 'title', 'status', 'start_date', 'end_date', 'total_value_pence'])
    .where('call_off_id', '=', c.id)
    .executeTakeFirst();
  const variations = contract
    ? await tx.selectFrom('contract_variation').selectAll().where('contract_id', '=', contract.id).orderBy('decided_on').orderBy('recorded_at').execute()
    : [];
  return {
    id: c.id,
    reference: c.reference,
    method: c.method,
    status: c.status,
    title: `Call-off for ${c.scheme_name}`,
    createdAt: c.created_at.toISOString(),
    buyer: { id: buyer.id, name: buyer.name },
    procurement: { ocid: `${ocidPrefix()}-${procurement.id}`, title: procurement.title },
    award: provider && c.awarded_on ? { awardedOn: c.awarded_on, provider: { id: provider.id, name: provider.legal_name, companiesHouseNumber: provider.companies_house_number } } : null,
    contract: contract
      ? {
          id: contract.id,
          reference: contract.reference,
          title: contract.title,
          status: contract.status,
          startDate: contract.start_date,
          endDate: contract.end_date,
          totalValuePence: contract.total_value_pence,
        }
      : null,
    variations: variations.map((v) => {
      const changes = [
        v.new_end_date && v.new_end_date !== v.previous_end_date ? `end date ${v.previous_end_date ?? 'unset'} to ${v.new_end_date}` : null,
        v.new_annual_value_pence !== null && v.new_annual_value_pence !== v.previous_annual_value_pence ? `annual value to ${pounds(v.new_annual_value_pence)}` : null,
        v.value_change_pence ? `total value ${v.value_change_pence > 0 ? 'up' : 'down'} ${pounds(Math.abs(v.value_change_pence))}` : null,
      ].filter((x): x is string => x !== null);
      return {
        id: v.id,
        decidedOn: v.decided_on,
        effectiveOn: v.effective_on,
        justification: v.justification,
        description: `${VARIATION_KIND_LABELS[v.kind]} from ${v.effective_on} (${v.decision_reference})${changes.length ? `: ${changes.join('; ')}` : ''}`,
      };
    }),
    cancellation: c.cancelled_on ? { cancelledOn: c.cancelled_on, reason: c.cancellation_reason ?? '', invited: c.response_deadline !== null } : null,
  };
}

/** The call-off as an OCDS 1.1.5 release package, published by the buying authority. Private to that authority. */
export async function exportCallOffOcds(ctx: Ctx, callOffId: string): Promise<Record<string, unknown>> {
  const callOff = await loadOcdsCallOff(ctx, callOffId);
  return callOffReleasePackage(callOff, {
    ocidPrefix: ocidPrefix(),
    publisherName: callOff.buyer.name,
    publishedDate: ctx.now().toISOString(),
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  });
}
