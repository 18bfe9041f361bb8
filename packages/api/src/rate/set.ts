import { anyText, dayInput, forbidden, hasAnyRole, recordVersion, requiredText, roleRefusal } from '@concord/domain';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { rateUnitInput, serviceTypeInput } from '../cost-model/fair-cost.ts';
import { setFromForm } from '../versioned-upsert.ts';
import { RATE_WRITERS } from './rates.ts';

type Ctx = Pick<TenantContext, 'tx' | 'roles'> & { session: { authorityId: string } };

export const setRateInput = z.object({
  serviceType: serviceTypeInput,
  band: requiredText('the band', 100),
  unit: rateUnitInput,
  ratePence: z.number({ error: 'Rate must be an amount in pence' }).int('Rate must be a whole number of pence').positive('Rate must be more than £0.00').max(10_000_000, 'Rate must not be more than £100,000.00'),
  effectiveFrom: dayInput('the date the rate applies from'),
  note: anyText(500).optional(),
  /**
   * The version of the rate entered for this service, band, unit and date that the form showed (MyRates.entered),
   * or null when it showed none: a stale one, or a rate recorded meanwhile, is refused (CONFLICT).
   */
  version: recordVersion.nullable(),
});

/**
 * Records a rate my authority pays where no contract holds it (a newer effective date supersedes; the same date
 * replaces, from the version the form saw).
 */
export async function setRate(ctx: Ctx, input: z.infer<typeof setRateInput>): Promise<{ id: string; rowVersion: number }> {
  if (!hasAnyRole(ctx.roles, RATE_WRITERS)) throw forbidden(roleRefusal(RATE_WRITERS, ctx.roles));
  const authorityId = ctx.session.authorityId;
  const values = { rate_pence: input.ratePence, note: input.note || null };
  const key = { service_type: input.serviceType, band: input.band, unit: input.unit, effective_from: input.effectiveFrom };
  const saved = await setFromForm(
    ctx.tx,
    // actual_rate is distributed on Citus: the lock names its authority, so it routes to one shard.
    { table: 'actual_rate', what: 'Rate', lead: 'A rate for this band from that date was recorded while you were entering yours', authorityId },
    input.version,
    {
      insert: () =>
        ctx.tx
          .insertInto('actual_rate')
          .values({ authority_id: authorityId, ...key, ...values })
          .onConflict((oc) => oc.columns(['authority_id', 'service_type', 'band', 'unit', 'effective_from']).doNothing())
          .returning(['id', 'row_version'])
          .executeTakeFirst(),
      existing: () =>
        ctx.tx
          .selectFrom('actual_rate')
          .select('id')
          .where('authority_id', '=', authorityId)
          .where('service_type', '=', key.service_type)
          .where('band', '=', key.band)
          .where('unit', '=', key.unit)
          .where('effective_from', '=', key.effective_from)
          .executeTakeFirstOrThrow(),
      update: (id) => ctx.tx.updateTable('actual_rate').set(values).where('authority_id', '=', authorityId).where('id', '=', id).returning(['id', 'row_version']).executeTakeFirstOrThrow(),
    },
  );
  return { id: saved.id, rowVersion: saved.row_version };
}
