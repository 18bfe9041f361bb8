import { badRequest } from '../errors.ts';
import { ALWAYS_OPEN_ROUTES, PROCUREMENT_STATUS_LABELS, ROUTE_LABELS, type ApprovedListStatus, type ProcurementStatus, type Route, type ServiceType } from './labels.ts';

/**
 * A joint procurement as an Open Contracting Data Standard 1.1.5 release package.
 *
 * Shape of the package:
 * - One ocid per procurement: `${ocidPrefix}-${id}`. The prefix is the publisher's, registered with the Open
 *   Contracting Partnership ('ocds-' + 6 characters); EXAMPLE_OCID_PREFIX is the one the OCDS documentation
 *   uses for examples, fine for tests and demos, never for real publication.
 * - Releases are point-in-time and never change once published, so each stage has its own release with a
 *   stable id, and a later change is a new release rather than an edit (consumers merge them by date):
 *     planning            always (a procurement starts in planning; tender.status 'planning')
 *     tender              once published (tender.status 'active')
 *     tenderUpdate        when the tender process completes (status 'complete'): at go-live, or for a
 *                         PDPS / DPS / dynamic market at closing, since those stay open to applicants while live
 *     tenderCancellation  when cancelled (status 'cancelled')
 *     award               one per approved-list entry, status 'active' (a suspended provider is still on the
 *                         list; OCDS has no "suspended" award status), with relatedLots from the lots extension
 *     awardCancellation   when an entry is removed, or the procurement cancelled after admissions; the award
 *                         is merged to status 'cancelled'
 * - Parties: the lead authority is the procuringEntity (and a buyer if it also calls off); each member
 *   authority allowed to call off is a 'buyer'; each admitted provider a 'supplier'. OCDS 1.1 has a single
 *   release.buyer, so it names the lead when the lead is a buyer (else the first buyer); the others appear
 *   as parties with the 'buyer' role.
 * - Party ids: 'GB-GSS-<code>' for authorities. GSS is not an org-id.guide register, so authorities carry no
 *   `identifier`; companies get identifier { scheme 'GB-COH' } (Companies House, which is on org-id.guide).
 *   A provider without a company number is 'concord-provider-<uuid>'.
 * - Money: pence → pounds as a number with 2 dp, GBP.
 */

export const OCID_PREFIX_PATTERN = /^ocds-[a-z0-9]{6}$/;
/** The prefix the OCDS documentation uses in its examples. For tests and demonstrations only. */
export const EXAMPLE_OCID_PREFIX = 'ocds-213czf';
export const OCDS_VERSION = '1.1';
export const LOTS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json';

export interface OcdsProcurement {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  serviceType: ServiceType;
  route: Route;
  status: ProcurementStatus;
  estimatedValuePence: number | null;
  /** ISO datetime. */
  createdAt: string;
  /** GSS code + name: the procuringEntity. */
  lead: { id: string; name: string };
  /** Member authorities allowed to call off: each a 'buyer' party. */
  buyers: { id: string; name: string }[];
  lots: { id: string; number: number; name: string; description: string | null }[];
  decisions: { toStatus: ProcurementStatus; decidedAt: string; decisionReference: string; decisionLink: string | null }[];
  admissions: {
    entryId: string;
    lotId: string;
    provider: { id: string; name: string; companiesHouseNumber: string | null };
    admittedOn: string;
    status: ApprovedListStatus;
    /** When a removed entry was removed; without it the package's publishedDate is used. */
    removedOn?: string | null;
  }[];
}

export interface OcdsOptions {
  ocidPrefix: string;
  publisherName: string;
  /** ISO datetime (or date) the package was generated. */
  publishedDate: string;
  /** Where this package can be fetched; defaults to a `urn:ocid:` URI that names it but cannot be fetched. */
  uri?: string;
  /** Licence URL for the data, e.g. the Open Government Licence. */
  license?: string;
}

type Json = Record<string, unknown>;

/** OCDS tender status for a stage of ours: what a consumer sees once all releases are merged. */
export function ocdsTenderStatus(route: Route, status: ProcurementStatus): 'planning' | 'active' | 'complete' | 'cancelled' {
  switch (status) {
    case 'draft':
    case 'market_engagement':
      return 'planning';
    case 'published':
    case 'evaluation':
    case 'award_approval':
      return 'active';
    case 'live':
      return ALWAYS_OPEN_ROUTES.includes(route) ? 'active' : 'complete';
    case 'closed':
      return 'complete';
    case 'cancelled':
      return 'cancelled';
  }
}

/** method.csv: an approved list or framework admits only providers that qualify ('selective'); an open tender and a block contract let anyone bid ('open'). */
export const OCDS_PROCUREMENT_METHOD: Record<Route, 'open' | 'selective'> = {
  pdps: 'selective',
  dps: 'selective',
  dynamic_market: 'selective',
  framework: 'selective',
  framework_closed: 'selective',
  block_contract: 'open',
  open_tender: 'open',
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** OCDS dates are RFC 3339 date-times with a zone; a date alone is taken as midnight UTC that day. */
function dateTime(value: string, field: string): string {
  const parsed = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime())) throw badRequest(`${field} must be a date and time, got "${value}"`, field);
  return parsed.toISOString();
}

function pounds(pence: number): number {
  if (!Number.isSafeInteger(pence)) throw badRequest('An estimated value must be a whole number of pence', 'estimatedValuePence');
  return Math.round(pence) / 100;
}

/** Companies House numbers are 8 characters: 8 digits, or 2 letters and 6 digits (SC, NI, …). Leading zeros are often dropped. */
export function companiesHouseNumber(raw: string | null): string | null {
  if (!raw) return null;
  const cleaned = raw.replace(/\s/g, '').toUpperCase();
  const padded = /^\d{1,8}$/.test(cleaned) ? cleaned.padStart(8, '0') : cleaned;
  return /^(\d{8}|[A-Z]{2}\d{6})$/.test(padded) ? padded : null;
}

const authorityPartyId = (gss: string) => `GB-GSS-${gss}`;

function supplierParty(provider: OcdsProcurement['admissions'][number]['provider']): Json {
  const coh = companiesHouseNumber(provider.companiesHouseNumber);
  return coh
    ? { id: `GB-COH-${coh}`, name: provider.name, identifier: { scheme: 'GB-COH', id: coh, legalName: provider.name }, roles: ['supplier'] }
    : { id: `concord-provider-${provider.id}`, name: provider.name, roles: ['supplier'] };
}

export function procurementReleasePackage(p: OcdsProcurement, options: OcdsOptions): Record<string, unknown> {
  if (!OCID_PREFIX_PATTERN.test(options.ocidPrefix))
    throw badRequest(`The OCID prefix must be "ocds-" and 6 lower-case letters or digits, as registered with the Open Contracting Partnership (for tests, ${EXAMPLE_OCID_PREFIX})`, 'ocidPrefix');
  if (!options.publisherName.trim()) throw badRequest('Enter the publisher name', 'publisherName');
  if (options.uri !== undefined && !URL.canParse(options.uri)) throw badRequest('Enter the full web address the package is published at', 'uri');
  const ocid = `${options.ocidPrefix}-${p.id}`;
  const publishedDate = dateTime(options.publishedDate, 'publishedDate');

  // Authorities: the lead first, each buyer once.
  const buyers = [...new Map(p.buyers.map((b) => [b.id, b])).values()];
  const leadIsBuyer = buyers.some((b) => b.id === p.lead.id);
  const authorities: Json[] = [
    { id: authorityPartyId(p.lead.id), name: p.lead.name, roles: leadIsBuyer ? ['procuringEntity', 'buyer'] : ['procuringEntity'] },
    ...buyers.filter((b) => b.id !== p.lead.id).map((b) => ({ id: authorityPartyId(b.id), name: b.name, roles: ['buyer'] })),
  ];
  const releaseBuyer = leadIsBuyer ? p.lead : buyers[0];

  const decisionOn = (status: ProcurementStatus) => {
    const decision = p.decisions.filter((d) => d.toStatus === status).at(-1);
    return decision ? dateTime(decision.decidedAt, 'decidedAt') : null;
  };
  const created = dateTime(p.createdAt, 'createdAt');
  const order: ProcurementStatus[] = ['draft', 'market_engagement', 'published', 'evaluation', 'award_approval', 'live', 'closed'];
  // A cancelled procurement got as far as its recorded decisions show.
  const reached = (stage: ProcurementStatus) => decisionOn(stage) !== null || (p.status !== 'cancelled' && order.indexOf(p.status) >= order.indexOf(stage));

  // Decisions with a public link travel with the tender as documents; each release carries those made by its date.
  const decisionDocuments = (upTo: string): Json[] =>
    p.decisions
      .filter((d) => d.decisionLink && dateTime(d.decidedAt, 'decidedAt') <= upTo)
      .map((d) => ({
        id: `decision-${d.toStatus}`,
        ...(d.toStatus === 'cancelled' ? { documentType: 'cancellationDetails' } : {}),
        title: `Decision to move to ${PROCUREMENT_STATUS_LABELS[d.toStatus]} (${d.decisionReference})`,
        url: d.decisionLink,
        datePublished: dateTime(d.decidedAt, 'decidedAt'),
      }));

  const lots = [...p.lots]
    .sort((a, b) => a.number - b.number)
    .map((l) => ({ id: l.id, title: `Lot ${l.number}: ${l.name}`, ...(l.description ? { description: l.description } : {}) }));
  const lotById = new Map(p.lots.map((l) => [l.id, l]));

  const tender = (status: string, date: string, extra: Json = {}): Json => {
    const documents = decisionDocuments(date);
    return {
      id: p.reference,
      title: p.title,
      ...(p.description ? { description: p.description } : {}),
      status,
      procuringEntity: { id: authorityPartyId(p.lead.id), name: p.lead.name },
      ...(p.estimatedValuePence === null ? {} : { value: { amount: pounds(p.estimatedValuePence), currency: 'GBP' } }),
      procurementMethod: OCDS_PROCUREMENT_METHOD[p.route],
      procurementMethodDetails: ROUTE_LABELS[p.route],
      mainProcurementCategory: 'services',
      ...(lots.length ? { lots } : {}),
      ...(documents.length ? { documents } : {}),
      ...extra,
    };
  };

  const release = (id: string, date: string, tag: string[], body: Json, suppliers: Json[] = []): Json => ({
    ocid,
    id: `${ocid}-${id}`,
    date,
    tag,
    initiationType: 'tender',
    language: 'en',
    parties: [...authorities, ...suppliers],
    ...(releaseBuyer ? { buyer: { id: authorityPartyId(releaseBuyer.id), name: releaseBuyer.name } } : {}),
    ...body,
  });

  const releases: Json[] = [release('planning', created, ['planning'], { tender: tender('planning', created) })];

  if (reached('published')) {
    const published = decisionOn('published') ?? created;
    releases.push(release('tender', published, ['tender'], { tender: tender('active', published, { tenderPeriod: { startDate: published } }) }));
  }

  // When the tender process is over: at go-live, or at closing for the lists that stay open while live.
  const completesAt: ProcurementStatus = ALWAYS_OPEN_ROUTES.includes(p.route) ? 'closed' : 'live';
  if (p.status !== 'cancelled' && reached(completesAt)) {
    const date = decisionOn(completesAt) ?? publishedDate;
    releases.push(release('tender-complete', date, ['tenderUpdate'], { tender: tender('complete', date) }));
  }

  const cancelledAt = p.status === 'cancelled' ? (decisionOn('cancelled') ?? publishedDate) : null;
  if (cancelledAt) releases.push(release('tender-cancelled', cancelledAt, ['tenderCancellation'], { tender: tender('cancelled', cancelledAt) }));

  for (const a of p.admissions) {
    const lot = lotById.get(a.lotId);
    if (!lot) throw badRequest(`${a.provider.name} is admitted to a lot that is not part of this procurement`, 'admissions');
    const supplier = supplierParty(a.provider);
    const supplierRef = { id: supplier.id, name: supplier.name };
    const admitted = dateTime(a.admittedOn, 'admittedOn');
    const awardTitle = `${a.provider.name}: Lot ${lot.number}, ${lot.name}`;
    releases.push(
      release(`award-${a.entryId}`, admitted, ['award'], {
        awards: [{ id: a.entryId, title: awardTitle, status: 'active', date: admitted, suppliers: [supplierRef], relatedLots: [a.lotId] }],
      }, [supplier]),
    );
    const endedAt = a.status === 'removed' ? dateTime(a.removedOn ?? publishedDate, 'removedOn') : cancelledAt;
    if (endedAt) {
      releases.push(
        release(`award-${a.entryId}-cancelled`, endedAt, ['awardCancellation'], {
          awards: [{ id: a.entryId, title: awardTitle, status: 'cancelled', date: admitted, suppliers: [supplierRef], relatedLots: [a.lotId] }],
        }, [supplier]),
      );
    }
  }

  releases.sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id)));

  return {
    uri: options.uri ?? `urn:ocid:${ocid}`,
    version: OCDS_VERSION,
    ...(lots.length ? { extensions: [LOTS_EXTENSION] } : {}),
    publishedDate,
    publisher: { name: options.publisherName.trim() },
    ...(options.license ? { license: options.license } : {}),
    releases,
  };
}

/** The helpers other OCDS exports (call-offs) share, so every package names parties and money the same way. */
export { authorityPartyId as ocdsAuthorityPartyId, dateTime as ocdsDateTime, pounds as ocdsAmount, supplierParty as ocdsSupplierParty };
