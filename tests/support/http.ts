import type { AddressInfo } from 'node:net';
import { createConcordServer } from '@concord/api-server/server';
import type { Connection, StatementObserver } from '@concord/db';
import { expect } from 'vitest';
import { config, DEMO_PASSWORD, demoTwoStepCode, openSeededDatabase } from './api.ts';

/** A real HTTP server on the seeded database, with the given demo users signed in by cookie. */
export interface HttpApp {
  connection: Connection;
  base: string;
  /** Each signed-in user's session cookie, by the name the test gave it. */
  cookies: Record<string, string>;
  /** A seeded partnership's id, by its name. */
  partnershipId(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHttpApp(emails: Record<string, string>, options: { observe?: StatementObserver } = {}): Promise<HttpApp> {
  const connection = await openSeededDatabase(options.observe);
  const server = createConcordServer({ db: connection.db, databaseKind: connection.kind, api: config, webDist: '/nonexistent', log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = (procedure: string, body: unknown) =>
    fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' }, body: JSON.stringify(body) });
  async function signInOverHttp(email: string): Promise<string> {
    let response = await post('auth.signIn', { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    // The demo platform administrator must use two-step verification: the second step with the demo key's code.
    const first = (await response.json()) as { result: { data: { twoStepRequired?: true; challenge?: string } } };
    if (first.result.data.twoStepRequired) {
      response = await post('auth.verifyTwoStep', { challenge: first.result.data.challenge, code: await demoTwoStepCode(connection, email, new Date()) });
      expect(response.status).toBe(200);
    }
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  const cookies: Record<string, string> = {};
  for (const [who, email] of Object.entries(emails)) cookies[who] = await signInOverHttp(email);
  return {
    connection,
    base,
    cookies,
    partnershipId: async (name) => (await connection.db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
    },
  };
}
