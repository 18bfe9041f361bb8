import { companiesHouseNumber, noticeLabel, observesStandstill, OCDS_VERSION, procedureOf, standstillPeriod, standstillStatement, TENDER_DEADLINE_LABELS, TENDERING_PROCEDURE_LABELS, type NoticeType } from '@concord/domain';
import { endOfLondonDay } from './checks.ts';
import type { Scope } from './facts.ts';
import type { Supplier } from './fields.ts';

/**
 * A notice as an OCDS 1.1.5 release package of one release, as the Central Digital Platform publishes each notice:
 * the release's tag fits the notice (planning, tender, award, contract, contractAmendment, contractTermination,
 * tenderCancellation…), its ocid is the procurement's (or the call-off's, or the contract's) as Concord's other
 * exports give it, and its parties are identified as those exports identify them: authorities by GSS code
 * (GB-GSS-…, no org-id register), suppliers by Companies House number (GB-COH) where held. Concord holds no PPON
 * (the platform's Public Procurement Organisation Number) for anyone yet; when it does, it belongs in
 * `identifier` with the scheme GB-PPON.
 */
type Json = Record<string, unknown>;

export interface ReleaseInput {
  notice: { id: string; type: NoticeType; fields: Record<string, string>; subjectId: string; contractId: string | null; noticeIdentifier: string | null };
  /** The day the release is dated: the publication day, or today for a draft. */
  date: string;
  scope: Scope | null;
  authority: { id: string; name: string };
  suppliers: readonly Supplier[];
  ocidPrefix: string;
  /** UK1: the financial year's first day and the contracts it lists. */
  pipeline?: { year: string; contracts: { id: string; reference: string; title: string; totalValuePence: number }[] };
}

const TAGS: Record<NoticeType, string> = {
  UK1: 'planning',
  UK2: 'planning',
  UK3: 'planning',
  UK4: 'tender',
  UK5: 'tender',
  UK6: 'award',
  UK7: 'contract',
  UK10: 'contractAmendment',
  UK11: 'contractTermination',
  UK12: 'tenderCancellation',
  UK13: 'tender',
  UK14: 'tenderUpdate',
  UK15: 'tenderAmendment',
  UK16: 'tenderUpdate',
};

const TENDER_STATUS: Partial<Record<NoticeType, string>> = {
  UK1: 'planned',
  UK2: 'planning',
  UK3: 'planned',
  UK4: 'active',
  UK5: 'active',
  UK6: 'complete',
  UK12: 'cancelled',
  UK13: 'planned',
  UK14: 'active',
  UK15: 'active',
  UK16: 'complete',
};

const DOCUMENT_TYPE: Partial<Record<NoticeType, string>> = { UK3: 'plannedProcurementNotice', UK4: 'tenderNotice', UK5: 'tenderNotice', UK6: 'awardNotice', UK7: 'contractNotice', UK13: 'tenderNotice', UK14: 'tenderNotice' };

const at = (day: string) => `${day}T00:00:00Z`;
const money = (pence: number) => ({ amount: Math.round(pence) / 100, currency: 'GBP' });
const text = (fields: Record<string, string>, name: string) => fields[name]?.trim() || undefined;

function supplierParty(s: Supplier): Json {
  const coh = companiesHouseNumber(s.companiesHouseNumber);
  return coh ? { id: `GB-COH-${coh}`, name: s.name, identifier: { scheme: 'GB-COH', id: coh, legalName: s.name }, roles: ['supplier'] } : { id: `concord-provider-${s.id}`, name: s.name, roles: ['supplier'] };
}
const ref = (party: Json) => ({ id: party.id, name: party.name });

export function noticeReleasePackage(input: ReleaseInput): Json {
  const { notice, scope, authority } = input;
  const type = notice.type;
  const ocid = scope ? `${input.ocidPrefix}-${scope.id}` : `${input.ocidPrefix}-pipeline-${authority.id}-${input.pipeline?.year ?? notice.subjectId}`;
  const date = at(input.date);
  /** The day the notice is published, once it is (the release is dated with it); null for a draft. */
  const publishedOn = notice.noticeIdentifier ? input.date : null;
  const buyer = { id: `GB-GSS-${authority.id}`, name: authority.name };
  const fields = notice.fields;
  const document = (title: string): Json[] => {
    const documentType = DOCUMENT_TYPE[type];
    return [
      {
        id: notice.noticeIdentifier ?? `draft-${notice.id}`,
        ...(documentType ? { documentType } : {}),
        title: `${noticeLabel(type)}${notice.noticeIdentifier ? ` ${notice.noticeIdentifier}` : ' (draft)'}: ${title}`,
        ...(notice.noticeIdentifier ? { url: `https://www.find-tender.service.gov.uk/Notice/${notice.noticeIdentifier}`, datePublished: date } : {}),
        language: 'en',
      },
    ];
  };

  const bySupplier = new Map(input.suppliers.map((s) => [s.id, supplierParty(s)]));
  const contractsOfNotice = (scope?.contracts ?? []).filter((c) => !notice.contractId || c.id === notice.contractId);
  const supplierParties = [...new Set(contractsOfNotice.map((c) => c.providerId))].map((id) => bySupplier.get(id)).filter((p): p is Json => !!p);
  const awardOf = (c: (typeof contractsOfNotice)[number], status: string): Json => ({
    id: `award-${c.id}`,
    title: c.title,
    status,
    date: at(c.startDate),
    value: money(c.totalValuePence),
    ...(bySupplier.get(c.providerId) ? { suppliers: [ref(bySupplier.get(c.providerId)!)] } : {}),
    contractPeriod: { startDate: at(c.startDate), endDate: at(c.endDate) },
  });
  const contractOf = (c: (typeof contractsOfNotice)[number], status: string, extra: Json = {}): Json => ({
    id: c.id,
    awardID: `award-${c.id}`,
    title: `${c.reference}: ${c.title}`,
    status,
    period: { startDate: at(c.startDate), endDate: at(c.endDate) },
    value: money(c.totalValuePence),
    ...extra,
  });

  const tender = (): Json => {
    const status = TENDER_STATUS[type] ?? 'complete';
    const p = scope?.procurement;
    const dynamic = type === 'UK13' || type === 'UK14' || type === 'UK15' || type === 'UK16';
    return {
      id: scope?.reference ?? `pipeline-${input.pipeline?.year ?? notice.subjectId}`,
      title: scope?.name ?? `Pipeline of ${authority.name} for the year from ${input.pipeline?.year ?? notice.subjectId}`,
      ...(text(fields, 'description') ? { description: text(fields, 'description') } : {}),
      status,
      procuringEntity: buyer,
      ...(p?.estimatedValuePence != null && scope?.kind === 'procurement' ? { value: money(p.estimatedValuePence) } : {}),
      ...(type === 'UK5' || scope?.facts.route === 'direct'
        ? { procurementMethod: 'direct', ...(text(fields, 'directAwardReason') ? { procurementMethodRationale: text(fields, 'directAwardReason') } : {}) }
        : scope
          ? { procurementMethod: scope.kind === 'procurement' && !dynamic ? 'open' : 'selective' }
          : {}),
      ...(dynamic ? { procurementMethodDetails: 'Dynamic market (Procurement Act 2023, s.34)' } : {}),
      ...(type === 'UK4' ? tenderTerms(fields, date) : {}),
      ...(type === 'UK6' ? { milestones: [standstillMilestone(fields, publishedOn)] } : {}),
      mainProcurementCategory: 'services',
      ...(type === 'UK15' ? { amendments: [{ id: notice.subjectId || notice.id, date, description: text(fields, 'description') ?? 'Modification of the dynamic market' }] } : {}),
      ...(type === 'UK12' || type === 'UK16'
        ? { documents: [{ id: `reason-${notice.id}`, documentType: 'cancellationDetails', title: noticeLabel(type), ...(text(fields, 'reason') ? { description: text(fields, 'reason') } : {}), language: 'en' }] }
        : { documents: document(scope?.name ?? 'pipeline') }),
    };
  };

  let body: Json;
  let suppliers: Json[] = [];
  switch (type) {
    case 'UK1':
      body = {
        planning: { rationale: text(fields, 'description') ?? 'Public contracts of more than £2 million planned for the year' },
        tender: { ...tender(), ...(input.pipeline?.contracts.length ? { items: input.pipeline.contracts.map((c) => ({ id: c.id, description: `${c.reference}: ${c.title} (about £${Math.round(c.totalValuePence / 100).toLocaleString('en-GB')})` })) } : {}) },
      };
      break;
    case 'UK2':
      body = { planning: { rationale: text(fields, 'engagementSummary') ?? 'Preliminary market engagement' }, tender: tender() };
      break;
    case 'UK6':
      suppliers = supplierParties;
      body = { tender: tender(), awards: contractsOfNotice.map((c) => ({ ...awardOf(c, 'pending'), description: standstillStatement(publishedOn, observesStandstill(fields)), documents: document(c.reference) })) };
      break;
    case 'UK7':
      suppliers = supplierParties;
      body = { awards: contractsOfNotice.map((c) => awardOf(c, 'active')), contracts: contractsOfNotice.map((c) => contractOf(c, 'active', { dateSigned: at(c.startDate), documents: document(c.reference) })) };
      break;
    case 'UK10': {
      suppliers = supplierParties;
      body = {
        awards: contractsOfNotice.map((c) => awardOf(c, 'active')),
        contracts: contractsOfNotice.map((c) => {
          const v = c.variations.find((x) => x.id === notice.subjectId);
          const description = text(fields, 'changeDescription') ?? (v ? `${v.kind} from ${v.effectiveOn} (${v.decisionReference})` : 'Contract change');
          return contractOf(c, 'active', { amendments: [{ id: notice.subjectId || notice.id, date: at(v?.effectiveOn ?? input.date), rationale: v?.justification ?? description, description }] });
        }),
      };
      break;
    }
    case 'UK11':
      suppliers = supplierParties;
      body = {
        awards: contractsOfNotice.map((c) => awardOf(c, 'active')),
        contracts: contractsOfNotice.map((c) => contractOf(c, 'terminated', text(fields, 'terminationReason') ? { description: text(fields, 'terminationReason') } : {})),
      };
      break;
    default:
      body = { tender: tender() };
  }

  const release: Json = {
    ocid,
    id: `${ocid}-${type.toLowerCase()}-${notice.id}`,
    date,
    tag: [TAGS[type]],
    initiationType: 'tender',
    language: 'en',
    parties: [{ ...buyer, roles: ['buyer', 'procuringEntity'] }, ...suppliers],
    buyer,
    ...body,
  };
  return {
    uri: `urn:ocid:${ocid}`,
    version: OCDS_VERSION,
    publishedDate: date,
    publisher: { name: authority.name },
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    releases: [release],
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A tender notice's procedure and closing dates: `tenderPeriod` from the release's day to the end (London) of the day
 * tenders must be received by; a participation stage's closing day as a tender milestone (OCDS 1.1.5 has no field of
 * its own for it).
 */
function tenderTerms(fields: Record<string, string>, date: string): Json {
  const procedure = procedureOf(fields);
  const tenderBy = fields.tenderDeadline?.trim();
  const participationBy = fields.participationDeadline?.trim();
  return {
    ...(procedure === 'competitive_flexible' ? { procurementMethod: 'selective', procurementMethodDetails: `${TENDERING_PROCEDURE_LABELS.competitive_flexible} (Procurement Act 2023, s.20(2)(b))` } : {}),
    submissionMethod: ['electronicSubmission'],
    ...(tenderBy && DAY.test(tenderBy) ? { tenderPeriod: { startDate: date, endDate: endOfLondonDay(tenderBy) } } : {}),
    ...(procedure === 'competitive_flexible' && participationBy && DAY.test(participationBy)
      ? { milestones: [{ id: 'participation-deadline', title: TENDER_DEADLINE_LABELS.participationDeadline, type: 'engagement', dueDate: endOfLondonDay(participationBy), status: 'scheduled', description: 'The participation stage: requests to participate close at the end of this day.' }] }
      : {}),
  };
}

/** A contract award notice's standstill as a tender milestone: its end when one is observed, else that none is. */
function standstillMilestone(fields: Record<string, string>, publishedOn: string | null): Json {
  const observed = observesStandstill(fields);
  let lastDay: string | null = null;
  try {
    lastDay = observed && publishedOn ? standstillPeriod(publishedOn).lastDay : null;
  } catch {
    lastDay = null; // a year whose bank holidays are not held yet: said in words only
  }
  return {
    id: 'standstill',
    title: observed ? 'End of the voluntary standstill period' : 'No standstill period',
    type: 'approval',
    description: standstillStatement(publishedOn, observed),
    ...(lastDay ? { dueDate: endOfLondonDay(lastDay), status: 'scheduled' } : {}),
  };
}
