import type { Regime } from '../procurement/labels.ts';

/**
 * The notices of the Procurement Act 2023, as the Central Digital Platform (Find a Tender) numbers them. UK8
 * (payments compliance) and UK9 (contract performance) are outside issue 16 and not listed here.
 *
 * `provision` is the section that requires the notice; `verified` says whether the timing in `when` was checked
 * in the session that wrote this, against the Act's text (ss.15, 50, 51, 75, 80) or the government's guidance
 * (UK1: s.93 as the Welsh Government's notice sequencing guidance and practitioners state it; UK2: s.17 likewise).
 * The rest is as recalled of the Act and the Cabinet Office guidance.
 *
 * Issue 16 checked the unverified timings against the stored copies of the Cabinet Office's Procurement Act
 * guidance: only the openings of its pages were reachable, which hold none of the figures below still marked
 * `verified: false`, so those stay unverified (see each entry's note).
 */
export const NOTICE_TYPES = ['UK1', 'UK2', 'UK3', 'UK4', 'UK5', 'UK6', 'UK7', 'UK10', 'UK11', 'UK12', 'UK13', 'UK14', 'UK15', 'UK16'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** What a notice is about: the authority's year, a procurement, one contract, a change, or a dynamic market. */
export type NoticeSubject = 'authority' | 'procurement' | 'contract' | 'contract_change' | 'dynamic_market';

/** Whether the Act requires the notice: always when its event happens, only in some cases, or never (optional). */
export type NoticeObligation = 'required' | 'conditional' | 'optional';

export interface NoticeTypeInfo {
  readonly code: NoticeType;
  readonly name: string;
  readonly subject: NoticeSubject;
  readonly obligation: NoticeObligation;
  /** When it is required, in words. */
  readonly when: string;
  readonly provision: string;
  readonly verified: boolean;
  /** The regimes it belongs to: only the Act's. */
  readonly regimes: readonly Regime[];
}

const ACT: readonly Regime[] = ['procurement_act_2023'];

export const NOTICE_CATALOGUE: Readonly<Record<NoticeType, NoticeTypeInfo>> = {
  UK1: {
    code: 'UK1',
    name: 'Pipeline notice',
    subject: 'authority',
    obligation: 'conditional',
    when: 'For an authority expecting to pay more than £100 million under relevant contracts (goods, services or works, below threshold included) in the coming financial year: within 56 days beginning with 1 April (by 26 May), for each planned contract of more than £2 million.',
    provision: 'Procurement Act 2023, s.93',
    verified: true,
    regimes: ACT,
  },
  UK2: {
    code: 'UK2',
    name: 'Preliminary market engagement notice',
    subject: 'procurement',
    obligation: 'conditional',
    when: 'Where preliminary market engagement took place: before the tender notice, unless the tender notice gives the reason for not publishing one.',
    provision: 'Procurement Act 2023, ss.16 and 17',
    verified: true,
    regimes: ACT,
  },
  UK3: {
    code: 'UK3',
    name: 'Planned procurement notice',
    subject: 'procurement',
    obligation: 'optional',
    when: 'Optional. Published at least 40 days and at most 12 months before the tender notice, it shortens the minimum tendering period to 10 days.',
    provision: 'Procurement Act 2023, s.15',
    verified: true,
    regimes: ACT,
  },
  UK4: {
    code: 'UK4',
    name: 'Tender notice',
    subject: 'procurement',
    obligation: 'required',
    when: 'To begin a competitive tendering procedure (open or competitive flexible), including one that establishes a framework.',
    provision: 'Procurement Act 2023, s.21',
    verified: false,
    regimes: ACT,
  },
  UK5: {
    code: 'UK5',
    name: 'Transparency notice',
    subject: 'procurement',
    obligation: 'required',
    when: 'Before a contract is awarded directly (without a competitive tendering procedure).',
    provision: 'Procurement Act 2023, s.44',
    verified: false,
    regimes: ACT,
  },
  // Eight working days beginning with the day the UK6 is published: Cabinet Office, "Guidance: Contract Award
  // Notices and Standstill", paragraphs 2 and 4 (https://www.gov.uk/government/publications/procurement-act-2023-
  // guidance-documents-procure-phase/guidance-contract-award-notices-and-standstill-html).
  UK6: {
    code: 'UK6',
    name: 'Contract award notice',
    subject: 'procurement',
    obligation: 'required',
    when: 'Before entering into the contract, after assessment summaries to every supplier whose tender was assessed. The standstill of eight working days begins with the day it is published.',
    provision: 'Procurement Act 2023, ss.50 and 51',
    verified: true,
    regimes: ACT,
  },
  // 30 days, and 120 for a light touch contract: stated by a practitioners' summary (Ward Hadaway, "Procurement in a
  // Nutshell: Procurement Act 2023 – Light Touch Contracts", citing s.53(1)); the official guidance on contract
  // details notices (procurementpathway.civilservice.gov.uk) gives no figure in the part reachable, so unverified.
  UK7: {
    code: 'UK7',
    name: 'Contract details notice',
    subject: 'contract',
    obligation: 'required',
    when: 'Within 30 days beginning with the day the contract is entered into (120 days for a light touch contract).',
    provision: 'Procurement Act 2023, s.53',
    verified: false,
    regimes: ACT,
  },
  UK10: {
    code: 'UK10',
    name: 'Contract change notice',
    subject: 'contract_change',
    obligation: 'conditional',
    when: 'Before modifying a public contract, unless the change is exempt (small changes of value or term, light touch contracts and others: the exemption must be named).',
    provision: 'Procurement Act 2023, s.75',
    verified: true,
    regimes: ACT,
  },
  UK11: {
    code: 'UK11',
    name: 'Contract termination notice',
    subject: 'contract',
    obligation: 'required',
    when: 'Within 30 days beginning with the day the contract ends, however it ends (expiry, termination by a party, discharge, rescission or a court order).',
    provision: 'Procurement Act 2023, s.80',
    verified: true,
    regimes: ACT,
  },
  UK12: {
    code: 'UK12',
    name: 'Procurement termination notice',
    subject: 'procurement',
    obligation: 'required',
    when: 'As soon as reasonably practicable after deciding not to award the contract after a tender or transparency notice.',
    provision: 'Procurement Act 2023, s.55',
    verified: false,
    regimes: ACT,
  },
  UK13: {
    code: 'UK13',
    name: 'Dynamic market notice: intention to establish',
    subject: 'dynamic_market',
    obligation: 'required',
    when: 'Before establishing a dynamic market.',
    provision: 'Procurement Act 2023, s.39',
    verified: false,
    regimes: ACT,
  },
  UK14: {
    code: 'UK14',
    name: 'Dynamic market notice: establishment',
    subject: 'dynamic_market',
    obligation: 'required',
    when: 'On establishing a dynamic market.',
    provision: 'Procurement Act 2023, s.39',
    verified: false,
    regimes: ACT,
  },
  UK15: {
    code: 'UK15',
    name: 'Dynamic market notice: modification',
    subject: 'dynamic_market',
    obligation: 'required',
    when: 'On modifying a dynamic market.',
    provision: 'Procurement Act 2023, s.39',
    verified: false,
    regimes: ACT,
  },
  UK16: {
    code: 'UK16',
    name: 'Dynamic market notice: cessation',
    subject: 'dynamic_market',
    obligation: 'required',
    when: 'On ceasing to operate a dynamic market.',
    provision: 'Procurement Act 2023, s.39',
    verified: false,
    regimes: ACT,
  },
};

/** 'Contract details notice (UK7)': the notice as people read it. */
export const noticeLabel = (type: NoticeType): string => `${NOTICE_CATALOGUE[type].name} (${type})`;
