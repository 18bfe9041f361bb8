import type { Tx } from '@concord/db';
import { notFound, PROVIDER_USER_ROLE_LABELS, type ProviderUserRole } from '@concord/domain';

export interface OrganisationSummary {
  id: string;
  legalName: string;
  companiesHouseNumber: string | null;
  cqcProviderId: string | null;
  registeredAddress: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  isSme: boolean;
  isVcse: boolean;
  selfRegistered: boolean;
  verified: boolean;
  verifiedOn: string | null;
  /** Who verified it, in words: an authority's name or "the platform administrator". */
  verifiedBy: string | null;
  rowVersion: number;
}

/** One organisation of the register, as its own people or a platform administrator see it (RLS decides who may). */
export async function getOrganisation(tx: Tx, providerId: string): Promise<OrganisationSummary> {
  const row = await tx
    .selectFrom('provider as p')
    .leftJoin('authority as a', 'a.id', 'p.verified_by')
    .select([
      'p.id', 'p.legal_name', 'p.companies_house_number', 'p.cqc_provider_id', 'p.registered_address', 'p.contact_name', 'p.contact_email',
      'p.contact_phone', 'p.is_sme', 'p.is_vcse', 'p.self_registered', 'p.verified_at', 'p.verified_by', 'p.row_version', 'a.name as verifier_name',
    ])
    .where('p.id', '=', providerId)
    .executeTakeFirst();
  if (!row) throw notFound('Organisation');
  return {
    id: row.id,
    legalName: row.legal_name,
    companiesHouseNumber: row.companies_house_number,
    cqcProviderId: row.cqc_provider_id,
    registeredAddress: row.registered_address,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    isSme: row.is_sme,
    isVcse: row.is_vcse,
    selfRegistered: row.self_registered,
    verified: row.verified_at !== null,
    verifiedOn: row.verified_at ? row.verified_at.toISOString().slice(0, 10) : null,
    verifiedBy: row.verified_by === null ? null : row.verified_by === 'platform' ? 'the platform administrator' : (row.verifier_name ?? row.verified_by),
    rowVersion: row.row_version,
  };
}

export interface OrganisationPerson {
  userId: string;
  displayName: string;
  email: string;
  roles: { role: ProviderUserRole; label: string }[];
}

/** The people of the organisation the transaction acts for, with their roles in words. */
export async function listOrganisationPeople(tx: Tx, providerId: string): Promise<OrganisationPerson[]> {
  const rows = await tx
    .selectFrom('provider_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'm.role'])
    .where('m.provider_id', '=', providerId)
    .orderBy('u.display_name')
    .orderBy('m.role')
    .limit(500)
    .execute();
  const people = new Map<string, OrganisationPerson>();
  for (const row of rows) {
    const person = people.get(row.id) ?? { userId: row.id, displayName: row.display_name, email: row.email, roles: [] };
    person.roles.push({ role: row.role, label: PROVIDER_USER_ROLE_LABELS[row.role] });
    people.set(row.id, person);
  }
  return [...people.values()];
}

/** Self-registered organisations not yet verified, oldest first, paged (for the platform administrator). */
export async function listAwaitingVerification(tx: Tx, page: { limit: number; offset: number }) {
  const base = tx.selectFrom('provider').where('self_registered', '=', true).where('verified_at', 'is', null);
  const rows = await base
    .select(['id', 'legal_name', 'companies_house_number', 'cqc_provider_id', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    organisations: rows.map((r) => ({
      id: r.id,
      legalName: r.legal_name,
      companiesHouseNumber: r.companies_house_number,
      cqcProviderId: r.cqc_provider_id,
      registeredOn: r.created_at.toISOString().slice(0, 10),
    })),
    total: Number(count.n),
  };
}
