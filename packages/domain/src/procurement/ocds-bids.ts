import { ocdsDateTime, ocdsSupplierParty } from './ocds.ts';

/**
 * Providers' submissions in a procurement's OCDS package (issue 11, item 3): each application submitted online and
 * decided becomes a `tenderUpdate` release at its submission naming the provider in `tender.tenderers` (OCDS merges
 * organisation references by id, so the compiled release lists every tenderer) and in the bid extension's
 * `bids.details` (status valid, disqualified or withdrawn; the lots it applied to). Applications still being evaluated
 * are left out: a bid is published once decided. The provider's party carries the 'tenderer' role, and 'supplier'
 * as well where it was admitted.
 */
export const BIDS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';

export interface OcdsSubmission {
  applicationId: string;
  provider: { id: string; name: string; companiesHouseNumber: string | null };
  submittedAt: string;
  status: 'received' | 'admitted' | 'rejected' | 'withdrawn';
  lotIds: string[];
}

const BID_STATUS = { admitted: 'valid', rejected: 'disqualified', withdrawn: 'withdrawn' } as const;

type Json = Record<string, unknown>;

/** The package with the decided online submissions added (a new object; the input is not changed). */
export function withOcdsBids(pkg: Record<string, unknown>, submissions: OcdsSubmission[]): Record<string, unknown> {
  const decided = submissions.filter((s): s is OcdsSubmission & { status: keyof typeof BID_STATUS } => s.status !== 'received');
  if (decided.length === 0) return pkg;
  const releases = pkg.releases as Json[];
  const base = releases.find((r) => (r.tag as string[]).includes('tender')) ?? releases[0]!;
  const suppliers = new Set(decided.filter((s) => s.status === 'admitted').map((s) => s.provider.id));
  const party = (provider: OcdsSubmission['provider']): Json & { id: string; name: string } => ({ ...(ocdsSupplierParty(provider) as { id: string; name: string }), roles: suppliers.has(provider.id) ? ['tenderer', 'supplier'] : ['tenderer'] });
  // Award releases name the same organisations: give them both roles there too, so merging keeps 'tenderer'.
  const tenderers = new Map(decided.map((s) => [String(party(s.provider).id), party(s.provider)]));
  const withRoles = releases.map((r): Json => ({
    ...r,
    parties: (r.parties as Json[]).map((p) => tenderers.get(String(p.id)) ?? p),
  }));
  const authorities = (base.parties as Json[]).filter((p) => !tenderers.has(String(p.id)) && !(p.roles as string[]).includes('supplier'));
  const bids = decided.map((s) => {
    const organisation = party(s.provider);
    const ref = { id: organisation.id, name: organisation.name };
    const date = ocdsDateTime(s.submittedAt, 'submittedAt');
    const tender = base.tender as Json;
    const release: Json = {
      ocid: base.ocid,
      id: `${String(base.ocid)}-bid-${s.applicationId}`,
      date,
      tag: ['tenderUpdate'],
      initiationType: 'tender',
      language: base.language,
      parties: [...authorities, organisation],
      ...(base.buyer ? { buyer: base.buyer } : {}),
      tender: { id: tender.id, title: tender.title, status: tender.status, tenderers: [ref] },
      bids: { details: [{ id: s.applicationId, date, status: BID_STATUS[s.status], tenderers: [ref], relatedLots: s.lotIds }] },
    };
    return release;
  });
  const all = [...withRoles, ...bids].sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id)));
  const extensions = [...((pkg.extensions as string[] | undefined) ?? []), BIDS_EXTENSION];
  return { ...pkg, extensions, releases: all };
}
