import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, outcomeWithField, signIn, type Caller } from '../support/api.ts';

/**
 * Issue 11, item 1: the register never holds the same provider twice. Numbers were unique already; an entry with
 * neither number is refused when one of the same normalised legal name exists (case, punctuation, "Limited"/"Ltd"),
 * and the placement import links to an entry only by a number or by a name that only one entry has.
 */
describe('the register refuses duplicates by name and the import never guesses', () => {
  let connection: Connection;
  let plymouth: Caller;
  let devon: Caller;
  beforeAll(async () => {
    connection = await openSeededDatabase();
    plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session);
    devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session);
  });
  afterAll(() => connection.close());

  const entries = (name: string) => connection.db.selectFrom('provider').select(['id', 'companies_house_number']).where('legal_name', 'ilike', `%${name}%`).execute();

  it('a second council entering the same name with no number is refused against the legal name; a number tells them apart', async () => {
    await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Tamar Valley Care Ltd' });
    expect(await outcomeWithField(devon.provider.create({ idempotencyKey: randomUUID(), legalName: 'TAMAR VALLEY CARE LIMITED' }))).toBe('CONFLICT legalName');
    expect(await outcomeWithField(devon.provider.create({ idempotencyKey: randomUUID(), legalName: 'Tamar Valley Care, Ltd.' }))).toBe('CONFLICT legalName');
    expect(await entries('tamar valley')).toHaveLength(1);
    // With its Companies House number it is a register entry of its own (the number is what tells providers apart).
    await devon.provider.create({ idempotencyKey: randomUUID(), legalName: 'Tamar Valley Care Limited', companiesHouseNumber: '09123456' });
    expect(await entries('tamar valley')).toHaveLength(2);
    // A different name is no duplicate.
    await devon.provider.create({ idempotencyKey: randomUUID(), legalName: 'Tamar Valley Care Services Ltd' });
  });

  it('the placement import links by number or by a name only one entry has, never by a name two entries share', async () => {
    await plymouth.provider.create({ idempotencyKey: randomUUID(), legalName: 'Plym Homecare Ltd' });
    const header = 'reference,provider,service_type,in_area,funding_route,start_date,weekly_cost';
    const row = (ref: string, provider: string) => `${ref},"${provider}",home_care,yes,council_commissioned,2026-09-21,245.00`;

    const ambiguous = await plymouth.placement.importCsv({ csv: [header, row('PLY-HC-0901', 'Tamar Valley Care Limited')].join('\n'), dryRun: true }).catch((e: unknown) => e);
    expect(JSON.stringify(ambiguous)).toContain('More than one provider in the register is called');

    const done = await plymouth.placement.importCsv({ csv: [header, row('PLY-HC-0902', '09123456'), row('PLY-HC-0903', 'PLYM HOMECARE LIMITED')].join('\n'), dryRun: false });
    expect(done.imported).toBe(2);
    const numbered = (await entries('tamar valley')).find((e) => e.companies_house_number === '09123456')!;
    const plym = (await entries('plym homecare'))[0]!;
    const placed = await connection.db.selectFrom('placement').select(['reference', 'provider_id']).where('reference', 'in', ['PLY-HC-0902', 'PLY-HC-0903']).orderBy('reference').execute();
    expect(placed).toEqual([
      { reference: 'PLY-HC-0902', provider_id: numbered.id },
      { reference: 'PLY-HC-0903', provider_id: plym.id },
    ]);
  });
});
