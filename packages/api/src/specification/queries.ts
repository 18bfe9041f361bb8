import { badRequest, notFound } from '@concord/domain';
import type { SpecificationSection, Tx } from '@concord/db';
import { isLeadCommissioner } from '../procurement/access.ts';
import type { TenantContext } from '../context.ts';
import { diffSections, type SectionDiff } from './diff.ts';

export interface SpecificationVersionSummary {
  id: string;
  version: number;
  status: 'draft' | 'published';
  changeNote: string | null;
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface SpecificationSummary {
  id: string;
  partnershipId: string;
  partnershipName: string;
  title: string;
  serviceType: string;
  latestVersion: number;
  latestPublishedVersion: number | null;
  hasDraft: boolean;
}

/** The overarching specifications of my partnerships (all members read them). */
export async function listSpecifications(tx: Tx, partnershipId?: string): Promise<SpecificationSummary[]> {
  let query = tx
    .selectFrom('specification as s')
    .innerJoin('partnership as p', 'p.id', 's.partnership_id')
    .select(['s.id', 's.partnership_id', 'p.name as partnership_name', 's.title', 's.service_type'])
    .orderBy('p.name')
    .orderBy('s.title');
  if (partnershipId) query = query.where('s.partnership_id', '=', partnershipId);
  const specs = await query.execute();
  if (specs.length === 0) return [];
  const versions = await tx
    .selectFrom('specification_version')
    .select(['specification_id', 'version', 'status'])
    .where(
      'specification_id',
      'in',
      specs.map((s) => s.id),
    )
    .execute();
  return specs.map((s) => {
    const mine = versions.filter((v) => v.specification_id === s.id);
    const published = mine.filter((v) => v.status === 'published').map((v) => v.version);
    return {
      id: s.id,
      partnershipId: s.partnership_id,
      partnershipName: s.partnership_name,
      title: s.title,
      serviceType: s.service_type,
      latestVersion: Math.max(0, ...mine.map((v) => v.version)),
      latestPublishedVersion: published.length ? Math.max(...published) : null,
      hasDraft: mine.some((v) => v.status === 'draft'),
    };
  });
}

export interface SpecificationDetail {
  id: string;
  partnershipId: string;
  partnershipName: string;
  leadAuthorityId: string;
  title: string;
  serviceType: string;
  versions: SpecificationVersionSummary[];
  /** The version asked for, or the latest. */
  current: SpecificationVersionSummary & { sections: SpecificationSection[]; rowVersion: number };
  /** The procurements that were published with a version of this specification. */
  usedBy: { procurementId: string; reference: string; title: string; version: number }[];
  canEdit: boolean;
}

type Ctx = Pick<TenantContext, 'tx' | 'roles' | 'session'>;

export async function findSpecification(tx: Tx, specificationId: string) {
  const spec = await tx
    .selectFrom('specification as s')
    .innerJoin('partnership as p', 'p.id', 's.partnership_id')
    .select(['s.id', 's.authority_id', 's.partnership_id', 'p.name as partnership_name', 'p.lead_authority_id', 's.title', 's.service_type'])
    .where('s.id', '=', specificationId)
    .executeTakeFirst();
  if (!spec) throw notFound('Specification');
  return spec;
}

export async function getSpecification(ctx: Ctx, specificationId: string, version?: number): Promise<SpecificationDetail> {
  const spec = await findSpecification(ctx.tx, specificationId);
  const rows = await ctx.tx
    .selectFrom('specification_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.published_by')
    .select(['v.id', 'v.version', 'v.status', 'v.change_note', 'v.created_at', 'v.published_at', 'v.sections', 'v.row_version', 'u.display_name'])
    .where('v.specification_id', '=', specificationId)
    .orderBy('v.version')
    .execute();
  const versions = rows.map((v) => ({
    id: v.id,
    version: v.version,
    status: v.status,
    changeNote: v.change_note,
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at ? v.published_at.toISOString() : null,
    // Partners cannot see the lead's staff (app_user is per authority): they see "the lead authority".
    publishedBy: v.published_at ? (v.display_name ?? 'The lead authority') : null,
  }));
  const chosen = version === undefined ? rows[rows.length - 1] : rows.find((v) => v.version === version);
  if (!chosen) throw version === undefined ? notFound('Specification version') : badRequest(`There is no version ${version}`, 'version');
  const usedBy = await ctx.tx
    .selectFrom('procurement as pr')
    .innerJoin('specification_version as v', 'v.id', 'pr.specification_version_id')
    .select(['pr.id', 'pr.reference', 'pr.title', 'v.version'])
    .where('v.specification_id', '=', specificationId)
    .orderBy('pr.reference')
    .execute();
  return {
    id: spec.id,
    partnershipId: spec.partnership_id,
    partnershipName: spec.partnership_name,
    leadAuthorityId: spec.lead_authority_id,
    title: spec.title,
    serviceType: spec.service_type,
    versions,
    current: { ...versions.find((v) => v.id === chosen.id)!, sections: chosen.sections, rowVersion: chosen.row_version },
    usedBy: usedBy.map((u) => ({ procurementId: u.id, reference: u.reference, title: u.title, version: u.version })),
    canEdit: await isLeadCommissioner(ctx, { id: spec.partnership_id, leadAuthorityId: spec.lead_authority_id }),
  };
}

export interface SpecificationDiff {
  specificationId: string;
  from: { version: number; status: string };
  to: { version: number; status: string; changeNote: string | null };
  sections: SectionDiff[];
}

export async function diffSpecification(tx: Tx, specificationId: string, from: number, to: number): Promise<SpecificationDiff> {
  await findSpecification(tx, specificationId);
  const rows = await tx
    .selectFrom('specification_version')
    .select(['version', 'status', 'sections', 'change_note'])
    .where('specification_id', '=', specificationId)
    .where('version', 'in', [from, to])
    .execute();
  const earlier = rows.find((r) => r.version === from);
  const later = rows.find((r) => r.version === to);
  if (!earlier) throw badRequest(`There is no version ${from}`, 'from');
  if (!later) throw badRequest(`There is no version ${to}`, 'to');
  return {
    specificationId,
    from: { version: earlier.version, status: earlier.status },
    to: { version: later.version, status: later.status, changeNote: later.change_note },
    sections: diffSections(earlier.sections, later.sections),
  };
}
