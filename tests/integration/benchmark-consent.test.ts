import type { Connection } from '@concord/db';
import { inTenant } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousLabels, consentByAuthority, isNamedTo, setConsent } from '../../packages/api/src/benchmark/consent.ts';
import { GSS, openSeededDatabase } from '../support/api.ts';

let connection: Connection;
let peninsulaId: string;
const SOMERSET = 'E06000066';

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsulaId = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

describe('benchmark consent', () => {
  it('an authority records its own choice; members read it; outsiders see nothing', async () => {
    await inTenant(connection.db, { authorityId: SOMERSET }, (tx) => setConsent(tx, SOMERSET, peninsulaId, 'anonymised'));
    const asPlymouth = await inTenant(connection.db, { authorityId: GSS.plymouth }, (tx) => consentByAuthority(tx, peninsulaId));
    expect(asPlymouth.get(SOMERSET)).toBe('anonymised');
    expect(asPlymouth.get(GSS.devon)).toBe('named');
    expect(isNamedTo(asPlymouth, SOMERSET, GSS.plymouth)).toBe(false);
    expect(isNamedTo(asPlymouth, SOMERSET, SOMERSET)).toBe(true);
    const asKent = await inTenant(connection.db, { authorityId: GSS.kent }, (tx) => consentByAuthority(tx, peninsulaId));
    expect(asKent.size).toBe(0);
  });

  it('nobody records a choice for another authority', async () => {
    await expect(inTenant(connection.db, { authorityId: GSS.devon }, (tx) => setConsent(tx, SOMERSET, peninsulaId, 'named'))).rejects.toThrow();
    await expect(inTenant(connection.db, { authorityId: GSS.kent }, (tx) => setConsent(tx, GSS.kent, peninsulaId, 'named'))).rejects.toThrow();
  });

  it('labels anonymised members by letter, independent of name order', () => {
    const labels = anonymousLabels(peninsulaId, [SOMERSET, GSS.devon]);
    expect([...labels.values()].sort()).toEqual(['Authority A', 'Authority B']);
  });
});
