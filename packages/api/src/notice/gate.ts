import { forbidden, longDate, mayEnterContract, observesStandstill, standstillPeriod } from '@concord/domain';
import type { Tx } from '@concord/db';

/**
 * The Procurement Act 2023's standstill (s.51) where Concord records a contract: a contract cannot be entered into
 * (start) before the end of the eight working days beginning with the day its contract award notice (UK6) was
 * published. The UK6 is the call-off's for a call-off contract, else the procurement's. Refused as FORBIDDEN with the
 * reason in words; nothing is checked where no UK6 was published (the 2015 rules, or before the notice), nor where the
 * UK6 chose no voluntary standstill (the mandatory one does not apply to light touch contracts, s.51(3)).
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
  if (!observesStandstill(notice.fields as Record<string, string> | null)) {
    // No standstill: only the notice itself comes first (s.50(1)).
    if (contract.startDate < notice.published_on)
      throw forbidden(`The contract cannot be entered into on ${longDate(contract.startDate)}: its contract award notice was published on ${longDate(notice.published_on)}, and a contract is entered into only after its notice (Procurement Act 2023, s.50).`);
    return;
  }
  const decision = mayEnterContract(contract.startDate, standstillPeriod(notice.published_on));
  if (!decision.allowed) throw forbidden(decision.reason);
}
