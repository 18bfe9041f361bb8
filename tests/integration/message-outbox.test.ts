import { deliverOutbox } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase, recordingMail } from '../support/api.ts';
import { registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 11, item 6: with mail configured, every message is emailed once to its recipients (an organisation's contact
 * and people; an authority's commissioners and contract officers), one email each, after what it tells of committed.
 */
const ORIGIN = 'https://concord.council.example';

describe('the outbox', () => {
  let connection: Connection;
  let provider: RegisteredProvider;
  beforeAll(async () => {
    connection = await openSeededDatabase();
    provider = await registerVerifiedProvider(connection, 360); // verifying it leaves 'Your organisation is verified'
    await connection.db
      .insertInto('message')
      .values({ authority_id: GSS.sefton, from_provider_id: provider.providerId, kind: 'monitoring_return_submitted', subject: 'A return to review', body: 'Wirral Homecare submitted its return.', link: '/contracts' })
      .execute();
  });
  afterAll(() => connection.close());

  it('emails each message once, to each recipient separately, with its link made absolute', async () => {
    const recording = recordingMail();
    const first = await deliverOutbox(connection.db, recording.mail, { now: new Date(), origin: ORIGIN });
    expect(first).toEqual({ sent: 2, failed: 0 });
    const verified = recording.sent.filter((m) => m.subject === 'Your organisation is verified').map((m) => m.to).sort();
    expect(verified).toEqual(['bids360@homecare360.example', 'contracts@homecare360.example']);
    const toSefton = recording.sent.filter((m) => m.subject === 'A return to review');
    expect(toSefton.map((m) => m.to).sort()).toEqual(['commissioner.sefton@concord.example', 'officer.sefton@concord.example']);
    expect(toSefton[0]!.text).toContain(`${ORIGIN}/contracts`);
    // Nobody else is told: no viewer, no other authority.
    expect(recording.sent.some((m) => /viewer|plymouth|kent/.test(m.to))).toBe(false);

    const again = await deliverOutbox(connection.db, recording.mail, { now: new Date(), origin: ORIGIN });
    expect(again).toEqual({ sent: 0, failed: 0 });
    expect(recording.sent).toHaveLength(4);
  });

  it('a failed send is released and tried again; the application role cannot read the messages it claims', async () => {
    await connection.db.insertInto('message').values({ provider_id: provider.providerId, kind: 'matrix', subject: 'Try again', body: 'x' }).execute();
    const failing = { transport: { name: 'fail', version: '1', send: (_m: unknown, done: (e: Error | null) => void) => done(new Error('mail server down')) }, from: 'concord@council.example' };
    expect(await deliverOutbox(connection.db, failing, { now: new Date(), origin: ORIGIN })).toEqual({ sent: 0, failed: 1 });
    const recording = recordingMail();
    expect(await deliverOutbox(connection.db, recording.mail, { now: new Date(), origin: ORIGIN })).toEqual({ sent: 1, failed: 0 });
    expect(recording.sent.map((m) => m.subject)).toEqual(['Try again', 'Try again']);
  });
});
