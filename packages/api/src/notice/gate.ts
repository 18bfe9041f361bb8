import { contractEntryDecision, forbidden } from '@concord/domain';
import type { Tx } from '@concord/db';

/**
 * The Procurement Act 2023's standstill (s.51) where Concord records a contract: a contract cannot be entered into
 * (start) before the end of the eight working days beginning with the day its governing contract award notice (UK6,
 * the latest published) was published, nor before that notice where it chose no voluntary standstill (s.50, s.51(3)).
 * The rule is {@link contractEntryDecision}, which the register's warnings apply too. The UK6 is the call-off's for a
 * call-off contract, else the procurement's. Refused as FORBIDDEN with the reason in words; nothing is checked where
 * no UK6 was published (the 2015 rules, or before the notice).
 */
export async function assertStandstillOver(tx: Tx, contract: { procurementId?: string | null; callOffId?: string | null; startDate: string }): Promise<void> {
  if (!contract.procurementId && !contract.callOffId) return;
  const notice = await tx
    .selectFrom('procurement_notice')
    .select(['published_on', 'fields'])
    .where('notice_type', '=', 'UK6')
    .where('status', '=', 'published')
    .where((eb) =>
      contract.callOffId
        ? eb('call_off_id', '=', contract.callOffId)
        : eb.and([eb('procurement_id', '=', contract.procurementId!), eb('call_off_id', 'is', null), eb('contract_id', 'is', null)]),
    )
    .orderBy('published_on', 'desc')
    .executeTakeFirst();
  if (!notice?.published_on) return;
  const decision = contractEntryDecision(contract.startDate, { publishedOn: notice.published_on, fields: notice.fields as Record<string, string> | null });
  if (!decision.allowed) throw forbidden(decision.reason);
}
