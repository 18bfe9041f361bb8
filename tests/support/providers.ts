import { createCaller, resolveSession } from '@concord/api';
import { inTenant, type Connection, type Database } from '@concord/db';
import type { Transaction } from 'kysely';
import { callerFor, config, contextFor, signIn, type Caller } from './api.ts';

/** The password of every provider person the tests register. */
export const PROVIDER_PASSWORD = 'harbour violet kestrel';

/** A provider organisation's registration form, numbered so each test file can register several that differ. */
export const registration = (n: number) => ({
  email: `bids${n}@homecare${n}.example`,
  displayName: `Bid Writer ${n}`,
  password: PROVIDER_PASSWORD,
  confirmPassword: PROVIDER_PASSWORD,
  legalName: `Wirral Homecare ${n} Ltd`,
  companiesHouseNumber: `09${String(n).padStart(6, '0')}`,
  cqcProviderId: `1-9${String(n).padStart(8, '0')}`,
  registeredAddress: '1 Dock Road, Birkenhead CH41 1AA',
  contactName: 'Sam Jones',
  contactEmail: `contracts@homecare${n}.example`,
  contactPhone: '0151 123 4567',
  isSme: true,
  isVcse: false,
});

export interface RegisteredProvider {
  caller: Caller;
  providerId: string;
  token: string;
  email: string;
}

/** Registers organisation `n` through the real procedure and returns a caller acting for it (its provider administrator). */
export async function registerProvider(connection: Connection, n: number, ip = `198.51.100.${n % 250}`): Promise<RegisteredProvider> {
  const ctx = contextFor(connection, null, { meta: { ip } });
  const form = registration(n);
  const { providerId } = await createCaller(ctx).organisation.register(form);
  const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
  if (!providerId) throw new Error(`organisation ${n} was not registered (a claim is pending)`);
  return { caller: callerFor(connection, session), providerId, token: ctx.jar.token!, email: form.email };
}

/** Registers organisation `n` and has the demo platform administrator verify it. */
export async function registerVerifiedProvider(connection: Connection, n: number): Promise<RegisteredProvider> {
  const provider = await registerProvider(connection, n);
  const admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
  await admin.organisation.verify({ providerId: provider.providerId });
  return provider;
}

/**
 * Runs SQL as the application role acting for a provider organisation (for tests that a policy holds in the database
 * itself), with the settings enterTenant gives it: whether it is verified is looked up, as for any transaction.
 */
export function asProvider<T>(connection: Connection, providerId: string, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return inTenant(connection.db, { providerId }, work);
}
