import { addDays } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import type { Regime } from '../procurement/labels.ts';
import { assertIsoDate } from '../procurement/dates.ts';
import { contractChangeNotice, contractDetailsNoticeDeadline, contractTerminationNoticeDeadline, type ContractChangeFacts } from './notice-deadlines.ts';
import { NOTICE_CATALOGUE, type NoticeType } from './notices.ts';
import { PIPELINE_NOTICE_RULES } from './pipeline.ts';
import { latestAwardNoticeFor, standstillPeriod, type StandstillPeriod } from './standstill.ts';

/**
 * What the Procurement Act 2023 requires next of one procurement and its contracts: every notice that is due,
 * overdue, done or not required (with the reason), from the facts Concord holds. Pure: the caller reads the facts
 * and what has been published from the database and passes `today`.
 */
export const NOTICE_STATES = ['due', 'overdue', 'done', 'not_required'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = { due: 'Due', overdue: 'Overdue', done: 'Published', not_required: 'Not required' };

/**
 * How the procurement awards: a competitive tendering procedure (open or competitive flexible, a framework's
 * included), a direct award, establishing a dynamic market, or a call-off from a framework or dynamic market.
 */
export const PROCUREMENT_ROUTES = ['competitive', 'direct', 'dynamic_market', 'framework_call_off', 'dynamic_market_call_off'] as const;
export type ProcurementRoute = (typeof PROCUREMENT_ROUTES)[number];

/** A notice already published on the Central Digital Platform. `subjectId` names the contract, change or dynamic market event it is for. */
export interface PublishedNotice {
  readonly type: NoticeType;
  readonly subjectId?: string | null | undefined;
  readonly publishedOn: string;
}

export interface ContractFacts {
  readonly id: string;
  /** How people know it, for the reasons (e.g. its reference). */
  readonly name: string;
  /** Defaults to the procurement's. */
  readonly lightTouch?: boolean | undefined;
  /** The day it was (or is to be) entered into. */
  readonly enteredOn?: string | null | undefined;
  readonly changes?: readonly (ContractChangeFacts & { readonly id: string })[] | undefined;
  /** The day it ended or is to end, however (expiry included: s.80(3)). Leave out while it runs on. */
  readonly endedOn?: string | null | undefined;
}

export interface DynamicMarketFacts {
  /** The day it is (to be) established. */
  readonly establishedOn?: string | null | undefined;
  readonly modifications?: readonly { readonly id: string; readonly on: string }[] | undefined;
  readonly ceasedOn?: string | null | undefined;
}

export interface ProcurementFacts {
  readonly regime: Regime;
  readonly lightTouch: boolean;
  readonly route: ProcurementRoute;
  /** Preliminary market engagement: whether it took place, and the reason the tender notice gives for no UK2. */
  readonly marketEngagement?: { readonly tookPlace: boolean; readonly noNoticeReason?: string | null | undefined } | undefined;
  /** The day the tender (or transparency) notice is planned for, when not yet published. */
  readonly plannedNoticeOn?: string | null | undefined;
  /** The award decision (after which the UK6 is due). A user choice direct award needs no UK6 (s.50(6)(b)). */
  readonly award?: { readonly decidedOn: string; readonly userChoiceDirectAward?: boolean | undefined } | null | undefined;
  /** The day the authority decided not to award (UK12). */
  readonly abandonedOn?: string | null | undefined;
  /** For the route 'dynamic_market': its establishment, modifications and cessation (UK13–UK16). */
  readonly dynamicMarket?: DynamicMarketFacts | null | undefined;
  readonly contracts?: readonly ContractFacts[] | undefined;
  readonly published: readonly PublishedNotice[];
}

export interface NoticeDue {
  readonly type: NoticeType;
  readonly name: string;
  /** The contract, change or event it is for (null for the procurement itself). */
  readonly subjectId: string | null;
  readonly state: NoticeState;
  /** The last day to publish it, when the Act gives one. */
  readonly dueBy: string | null;
  /** Why it is due, done or not required, and by when, in words. */
  readonly reason: string;
  readonly provision: string;
  readonly publishedOn: string | null;
  /** Published, but after the day it was due. */
  readonly late: boolean;
  /** For a published UK6: the standstill it began. */
  readonly standstill?: StandstillPeriod;
}

export interface NoticesDue {
  /** False when the procurement is not under the Act: then no notice of the Act applies. */
  readonly applies: boolean;
  readonly reason: string;
  readonly notices: readonly NoticeDue[];
}

interface Draft {
  readonly type: NoticeType;
  readonly subjectId?: string | null;
  readonly dueBy: string | null;
  readonly reason: string;
  readonly provision?: string;
  readonly notRequired?: boolean;
}

function settle(draft: Draft, published: readonly PublishedNotice[], today: string): NoticeDue {
  const subjectId = draft.subjectId ?? null;
  const info = NOTICE_CATALOGUE[draft.type];
  const provision = draft.provision ?? info.provision;
  const found = published.filter((p) => p.type === draft.type && (p.subjectId ?? null) === subjectId).sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : 1))[0];
  const base = { type: draft.type, name: info.name, subjectId, dueBy: draft.dueBy, provision };
  if (found) {
    const late = draft.dueBy !== null && found.publishedOn > draft.dueBy;
    const reason = `Published on ${longDate(found.publishedOn)}${late ? `, after the day it was due (${longDate(draft.dueBy!)})` : ''}`;
    const standstill = draft.type === 'UK6' ? { standstill: standstillPeriod(found.publishedOn) } : {};
    return { ...base, state: 'done', reason, publishedOn: found.publishedOn, late, ...standstill };
  }
  if (draft.notRequired) return { ...base, state: 'not_required', dueBy: null, reason: draft.reason, publishedOn: null, late: false };
  const overdue = draft.dueBy !== null && today > draft.dueBy;
  return { ...base, state: overdue ? 'overdue' : 'due', reason: draft.reason, publishedOn: null, late: false };
}

const publishedOn = (published: readonly PublishedNotice[], type: NoticeType, subjectId: string | null = null) =>
  published.find((p) => p.type === type && (p.subjectId ?? null) === subjectId)?.publishedOn ?? null;

function procurementDrafts(facts: ProcurementFacts): Draft[] {
  const drafts: Draft[] = [];
  const competitive = facts.route === 'competitive';
  const tenderNoticeOn = publishedOn(facts.published, 'UK4');
  const firstEntry = (facts.contracts ?? []).map((c) => c.enteredOn).filter((d): d is string => !!d).sort()[0] ?? null;

  if (competitive) {
    const engagement = facts.marketEngagement;
    if (!engagement?.tookPlace) drafts.push({ type: 'UK2', dueBy: null, reason: 'No preliminary market engagement took place', notRequired: true });
    else if (engagement.noNoticeReason) drafts.push({ type: 'UK2', dueBy: null, reason: `The tender notice gives the reason for not publishing one: ${engagement.noNoticeReason}`, notRequired: true });
    else {
      const by = tenderNoticeOn ?? facts.plannedNoticeOn ?? null;
      drafts.push({ type: 'UK2', dueBy: by, reason: `Preliminary market engagement took place: publish this before the tender notice${by ? ` (${longDate(by)})` : ''}, or give the reason in the tender notice` });
    }
    drafts.push({ type: 'UK3', dueBy: null, reason: 'Optional: published 40 days to 12 months before the tender notice, it shortens the minimum tendering period to 10 days', notRequired: true });
    drafts.push({ type: 'UK4', dueBy: facts.plannedNoticeOn ?? null, reason: 'The tender notice begins the competitive tendering procedure' });
  }
  if (facts.route === 'direct') {
    const by = facts.award?.decidedOn ?? null;
    drafts.push({ type: 'UK5', dueBy: by, reason: `Publish before the contract is awarded directly${by ? ` (decided on ${longDate(by)})` : ''}` });
  }
  if (facts.award) {
    if (facts.award.userChoiceDirectAward) drafts.push({ type: 'UK6', dueBy: null, reason: 'A direct award for user choice needs no contract award notice', provision: 'Procurement Act 2023, s.50(6)(b)', notRequired: true });
    else {
      const by = firstEntry ? latestAwardNoticeFor(firstEntry) : null;
      const start = firstEntry ? ` Publish by ${longDate(by!)} for the standstill to end before the contract starts on ${longDate(firstEntry)}.` : '';
      drafts.push({
        type: 'UK6',
        dueBy: by,
        reason: `Award decided on ${longDate(facts.award.decidedOn)}: publish before entering into the contract, after assessment summaries to each supplier; the standstill of eight working days begins with the day it is published.${start}`,
      });
    }
  }
  if (facts.abandonedOn) {
    drafts.push({ type: 'UK12', dueBy: null, reason: `The authority decided on ${longDate(facts.abandonedOn)} not to award: publish as soon as reasonably practicable` });
  }
  return drafts;
}

function dynamicMarketDrafts(market: DynamicMarketFacts): Draft[] {
  const drafts: Draft[] = [];
  const on = market.establishedOn ?? null;
  drafts.push({ type: 'UK13', dueBy: on, reason: `Publish before establishing the dynamic market${on ? ` (${longDate(on)})` : ''}` });
  if (on) drafts.push({ type: 'UK14', dueBy: on, reason: `Publish on establishing the dynamic market on ${longDate(on)}` });
  for (const m of market.modifications ?? []) drafts.push({ type: 'UK15', subjectId: m.id, dueBy: m.on, reason: `Publish on modifying the dynamic market on ${longDate(m.on)}` });
  if (market.ceasedOn) drafts.push({ type: 'UK16', dueBy: market.ceasedOn, reason: `Publish on ceasing to operate the dynamic market on ${longDate(market.ceasedOn)}` });
  return drafts;
}

function contractDrafts(contract: ContractFacts, procurementLightTouch: boolean): Draft[] {
  const drafts: Draft[] = [];
  const lightTouch = contract.lightTouch ?? procurementLightTouch;
  if (contract.enteredOn) {
    const d = contractDetailsNoticeDeadline(contract.enteredOn, lightTouch);
    drafts.push({ type: 'UK7', subjectId: contract.id, dueBy: d.dueBy, reason: `${contract.name}: ${d.rule}`, provision: d.provision });
  }
  for (const change of contract.changes ?? []) {
    const notice = contractChangeNotice(lightTouch && !change.exemption ? { ...change, exemption: 'light_touch_contract' } : change);
    if (notice.required) drafts.push({ type: 'UK10', subjectId: change.id, dueBy: notice.deadline.dueBy, reason: `${contract.name}: ${notice.deadline.rule}`, provision: notice.deadline.provision });
    else drafts.push({ type: 'UK10', subjectId: change.id, dueBy: null, reason: `${contract.name}: ${notice.reason}`, provision: notice.provision, notRequired: true });
  }
  if (contract.endedOn) {
    const d = contractTerminationNoticeDeadline(contract.endedOn);
    drafts.push({ type: 'UK11', subjectId: contract.id, dueBy: d.dueBy, reason: `${contract.name}: ${d.rule}`, provision: d.provision });
  }
  return drafts;
}

/**
 * Every notice the Act asks of this procurement and its contracts, with its state on `today`. A procurement
 * under the 2015 rules or the Provider Selection Regime gets none (`applies` false, with the reason).
 */
export function noticesDue(facts: ProcurementFacts, today: string): NoticesDue {
  assertIsoDate(today, 'today');
  if (facts.regime !== 'procurement_act_2023') {
    return { applies: false, reason: 'This procurement does not follow the Procurement Act 2023, so none of its notices apply.', notices: [] };
  }
  const drafts = [
    ...procurementDrafts(facts),
    ...(facts.route === 'dynamic_market' ? dynamicMarketDrafts(facts.dynamicMarket ?? {}) : []),
    ...(facts.contracts ?? []).flatMap((c) => contractDrafts(c, facts.lightTouch)),
  ];
  return { applies: true, reason: 'The procurement follows the Procurement Act 2023.', notices: drafts.map((d) => settle(d, facts.published, today)) };
}

/** Expected payments under relevant contracts above which an authority must publish pipeline notices (UK1): more than £100 million (s.93). */
export const PIPELINE_NOTICE_SPEND_PENCE = PIPELINE_NOTICE_RULES[0]!.spendThresholdPence;
/** Days from the first day of the financial year (1 April) to publish the UK1 in: by 26 May (s.93). */
export const PIPELINE_NOTICE_DAYS = PIPELINE_NOTICE_RULES[0]!.days;

/**
 * The UK1 of an authority for the financial year beginning `financialYearStartsOn` (1 April for councils): due
 * within 56 days beginning with that day when it expects to pay more than £100 million under relevant contracts
 * (goods, services or works, below-threshold ones included) in the year; otherwise not required (it may still
 * publish one).
 */
export function pipelineNoticeDue(
  facts: { readonly financialYearStartsOn: string; readonly expectedRelevantContractPaymentsPence: number; readonly published: readonly PublishedNotice[] },
  today: string,
): NoticeDue {
  assertIsoDate(facts.financialYearStartsOn, 'the first day of the financial year');
  assertIsoDate(today, 'today');
  const year = facts.financialYearStartsOn;
  const yearPublished = facts.published.filter((p) => p.type === 'UK1' && (p.subjectId ?? null) === year);
  if (facts.expectedRelevantContractPaymentsPence <= PIPELINE_NOTICE_SPEND_PENCE) {
    return settle({ type: 'UK1', subjectId: year, dueBy: null, reason: 'Expected payments under relevant contracts in the year are £100 million or less', notRequired: true }, yearPublished, today);
  }
  const dueBy = addDays(year, PIPELINE_NOTICE_DAYS - 1);
  return settle({ type: 'UK1', subjectId: year, dueBy, reason: `Expected payments under relevant contracts are more than £100 million: publish within 56 days beginning with ${longDate(year)}, for each planned contract of more than £2 million` }, yearPublished, today);
}
