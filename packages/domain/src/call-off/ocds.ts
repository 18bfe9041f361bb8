import { badRequest } from '../errors.ts';
import type { ContractStatus } from '../contract/labels.ts';
import {
  EXAMPLE_OCID_PREFIX,
  OCDS_VERSION,
  OCID_PREFIX_PATTERN,
  ocdsAmount,
  ocdsAuthorityPartyId,
  ocdsDateTime,
  ocdsSupplierParty,
  type OcdsOptions,
} from '../procurement/ocds.ts';
import type { CallOffMethod, CallOffStatus } from './specification.ts';

/**
 * A call-off as an Open Contracting Data Standard 1.1.5 release package.
 *
 * A call-off is its own contracting process (its own ocid, `${ocidPrefix}-${callOffId}`), linked to the joint
 * procurement it calls off by `relatedProcesses` with relationship 'framework' and the procurement's ocid.
 *     tender              the call-off: procurementMethod 'limited' for a direct call-off (the authority picks
 *                         the provider from the approved list), 'selective' for a mini-competition (only
 *                         providers on the list are invited); tender.procuringEntity is the buying authority
 *     award               once awarded, to the chosen provider (a 'supplier' party)
 *     contract            the contract the award made
 *     contractAmendment   one per variation of that contract, each adding an entry to contract.amendments
 *     tenderCancellation  once cancelled before award: tender.status 'cancelled', the reason as a tender
 *                         amendment dated the day it was cancelled
 */

export interface OcdsCallOff {
  id: string;
  reference: string;
  method: CallOffMethod;
  status: CallOffStatus;
  /** A title for the call-off, e.g. the scheme it is for. */
  title: string;
  /** ISO datetime the call-off was recorded; its tender release is dated then, or at its award if that is earlier. */
  createdAt: string;
  /** The buying authority: GSS code + name. */
  buyer: { id: string; name: string };
  /** The joint procurement called off, with its ocid. */
  procurement: { ocid: string; title: string };
  award: { awardedOn: string; provider: { id: string; name: string; companiesHouseNumber: string | null } } | null;
  contract: {
    id: string;
    reference: string;
    title: string;
    status: ContractStatus;
    startDate: string;
    endDate: string;
    totalValuePence: number;
  } | null;
  variations: { id: string; decidedOn: string; effectiveOn: string; justification: string; description: string }[];
  /** Cancelled before award: when, why, and whether its invitations had gone out. */
  cancellation?: { cancelledOn: string; reason: string; invited: boolean } | null;
}

type Json = Record<string, unknown>;

/** method.csv: a direct call-off is the authority's choice among qualified providers; a mini-competition invites only those on the list. */
export const OCDS_CALL_OFF_METHOD: Record<CallOffMethod, 'limited' | 'selective'> = { direct: 'limited', mini_competition: 'selective' };

/** contractStatus.csv: a draft is not yet in force; an extended contract is still in force; an expired one has come to a close. */
export function ocdsContractStatus(status: ContractStatus): 'pending' | 'active' | 'terminated' {
  switch (status) {
    case 'draft':
      return 'pending';
    case 'active':
    case 'extended':
      return 'active';
    case 'expired':
    case 'terminated':
      return 'terminated';
  }
}

export function callOffReleasePackage(c: OcdsCallOff, options: OcdsOptions): Record<string, unknown> {
  if (!OCID_PREFIX_PATTERN.test(options.ocidPrefix))
    throw badRequest(`The OCID prefix must be "ocds-" and 6 lower-case letters or digits, as registered with the Open Contracting Partnership (for tests, ${EXAMPLE_OCID_PREFIX})`, 'ocidPrefix');
  if (!options.publisherName.trim()) throw badRequest('Enter the publisher name', 'publisherName');
  if (options.uri !== undefined && !URL.canParse(options.uri)) throw badRequest('Enter the full web address the package is published at', 'uri');
  const ocid = `${options.ocidPrefix}-${c.id}`;
  const publishedDate = ocdsDateTime(options.publishedDate, 'publishedDate');
  const buyerRef = { id: ocdsAuthorityPartyId(c.buyer.id), name: c.buyer.name };
  const buyerParty = { ...buyerRef, roles: ['buyer', 'procuringEntity'] };
  const supplier = c.award ? ocdsSupplierParty(c.award.provider) : null;
  const supplierRef = supplier ? { id: supplier.id, name: supplier.name } : null;

  const release = (id: string, date: string, tag: string[], body: Json): Json => ({
    ocid,
    id: `${ocid}-${id}`,
    date,
    tag,
    initiationType: 'tender',
    language: 'en',
    parties: supplier ? [buyerParty, supplier] : [buyerParty],
    buyer: buyerRef,
    relatedProcesses: [{ id: 'framework', relationship: ['framework'], scheme: 'ocid', identifier: c.procurement.ocid, title: c.procurement.title }],
    ...body,
  });

  // A call-off recorded after the event (the seeded history) cannot have started after it was awarded.
  const recorded = ocdsDateTime(c.createdAt, 'createdAt');
  const awardedAt = c.award ? ocdsDateTime(c.award.awardedOn, 'awardedOn') : null;
  const created = awardedAt && awardedAt < recorded ? awardedAt : recorded;
  const cancellation = c.status === 'cancelled' ? (c.cancellation ?? null) : null;
  // A cancelled call-off's first release shows it as it stood before the cancellation.
  const tenderStatus =
    c.status === 'awarded' ? 'complete' : cancellation ? (cancellation.invited ? 'active' : 'planning') : c.status === 'cancelled' ? 'cancelled' : c.status === 'draft' ? 'planning' : 'active';
  const tender = (status: string, extra: Json = {}): Json => ({
    id: c.reference,
    title: c.title,
    status,
    procuringEntity: buyerRef,
    procurementMethod: OCDS_CALL_OFF_METHOD[c.method],
    procurementMethodDetails: c.method === 'direct' ? 'Direct call-off from an approved list' : 'Mini-competition among providers on an approved list',
    mainProcurementCategory: 'services',
    ...extra,
  });
  const releases: Json[] = [release('tender', created, ['tender'], { tender: tender(tenderStatus) })];
  if (cancellation) {
    const cancelled = ocdsDateTime(cancellation.cancelledOn, 'cancelledOn');
    const id = `${ocid}-cancellation`;
    releases.push(
      release('cancellation', cancelled < created ? created : cancelled, ['tenderCancellation'], {
        tender: tender('cancelled', {
          amendments: [{ id: 'cancellation', date: cancelled, rationale: cancellation.reason, description: 'The call-off was cancelled before award', amendsReleaseID: `${ocid}-tender`, releaseID: id }],
        }),
      }),
    );
  }

  if (c.award && supplierRef) {
    const awarded = ocdsDateTime(c.award.awardedOn, 'awardedOn');
    releases.push(
      release('award', awarded, ['award'], {
        awards: [
          {
            id: c.id,
            title: `${c.reference}: ${c.award.provider.name}`,
            status: 'active',
            date: awarded,
            suppliers: [supplierRef],
            ...(c.contract ? { value: { amount: ocdsAmount(c.contract.totalValuePence), currency: 'GBP' } } : {}),
          },
        ],
      }),
    );

    if (c.contract) {
      const k = c.contract;
      const contractBody = (amendments: Json[]): Json => ({
        id: k.id,
        awardID: c.id,
        title: `${k.reference}: ${k.title}`,
        status: ocdsContractStatus(k.status),
        period: { startDate: ocdsDateTime(k.startDate, 'startDate'), endDate: ocdsDateTime(k.endDate, 'endDate') },
        value: { amount: ocdsAmount(k.totalValuePence), currency: 'GBP' },
        ...(amendments.length ? { amendments } : {}),
      });
      const contractReleaseId = `${ocid}-contract`;
      releases.push(release('contract', awarded, ['contract'], { contracts: [contractBody([])] }));
      const amendments: Json[] = [];
      let previous = contractReleaseId;
      const variations = [...c.variations].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.effectiveOn.localeCompare(b.effectiveOn) || a.id.localeCompare(b.id));
      for (const v of variations) {
        const id = `${ocid}-variation-${v.id}`;
        const date = ocdsDateTime(v.decidedOn, 'decidedOn');
        amendments.push({ id: v.id, date, rationale: v.justification, description: v.description, amendsReleaseID: previous, releaseID: id });
        previous = id;
        releases.push(release(`variation-${v.id}`, date, ['contractAmendment'], { contracts: [contractBody([...amendments])] }));
      }
    }
  }

  releases.sort((a, b) => String(a.date).localeCompare(String(b.date)));

  return {
    uri: options.uri ?? `urn:ocid:${ocid}`,
    version: OCDS_VERSION,
    publishedDate,
    publisher: { name: options.publisherName.trim() },
    ...(options.license ? { license: options.license } : {}),
    releases,
  };
}
