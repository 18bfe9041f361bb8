import { describe, expect, it } from 'vitest';
import {
  CONTRACT_CHANGE_EXEMPTIONS,
  CONTRACT_CHANGE_EXEMPTION_LABELS,
  NOTICE_CATALOGUE,
  NOTICE_TYPES,
  contractChangeNotice,
  contractDetailsNoticeDeadline,
  contractTerminationNoticeDeadline,
  noticeLabel,
  noticesDue,
  pipelineNoticeDue,
  type NoticeDue,
  type ProcurementFacts,
} from '../src/procurement-act/index.ts';

const find = (notices: readonly NoticeDue[], type: string, subjectId: string | null = null) => {
  const found = notices.find((n) => n.type === type && n.subjectId === subjectId);
  if (!found) throw new Error(`no ${type} for ${subjectId}`);
  return found;
};

describe('the notice catalogue', () => {
  it('lists UK1 to UK7 and UK10 to UK16, each with a name, timing and section', () => {
    expect(NOTICE_TYPES).toEqual(['UK1', 'UK2', 'UK3', 'UK4', 'UK5', 'UK6', 'UK7', 'UK10', 'UK11', 'UK12', 'UK13', 'UK14', 'UK15', 'UK16']);
    for (const type of NOTICE_TYPES) {
      const info = NOTICE_CATALOGUE[type];
      expect(info.code).toBe(type);
      expect(info.name.length).toBeGreaterThan(5);
      expect(info.when.length).toBeGreaterThan(10);
      expect(info.provision).toMatch(/^Procurement Act 2023, ss?\.\d+/);
      expect(info.regimes).toEqual(['procurement_act_2023']);
    }
    expect(NOTICE_CATALOGUE.UK3.obligation).toBe('optional');
    expect(noticeLabel('UK7')).toBe('Contract details notice (UK7)');
  });
});

describe('contract notice deadlines', () => {
  it('UK7 for a light touch contract: within 120 days beginning with the day it is entered into', () => {
    const d = contractDetailsNoticeDeadline('2026-04-01', true);
    expect(d.dueBy).toBe('2026-07-29');
    expect(d.days).toBe(120);
    expect(d.rule).toContain('light touch');
  });

  it('UK7 for any other contract: within 30 days, the day of entry counted', () => {
    expect(contractDetailsNoticeDeadline('2026-04-01', false).dueBy).toBe('2026-04-30');
  });

  it('UK11: within 30 days beginning with the day the contract ended', () => {
    expect(contractTerminationNoticeDeadline('2026-03-31').dueBy).toBe('2026-04-29');
  });

  it('UK10: before the change, unless exempt, each exemption in words with its section', () => {
    expect(contractChangeNotice({ changeOn: '2026-09-01' })).toEqual({
      required: true,
      deadline: { dueBy: '2026-09-01', days: 0, rule: 'Before the change is made on 1 September 2026', provision: 'Procurement Act 2023, s.75(1)' },
    });
    const exempt = contractChangeNotice({ changeOn: '2026-09-01', exemption: 'term_within_10_percent' });
    expect(exempt).toEqual({ required: false, reason: CONTRACT_CHANGE_EXEMPTION_LABELS.term_within_10_percent.words, provision: 'Procurement Act 2023, s.75(2)(b)' });
    for (const e of CONTRACT_CHANGE_EXEMPTIONS) expect(CONTRACT_CHANGE_EXEMPTION_LABELS[e].provision).toMatch(/s\.75/);
  });

  it('UK10: a small change loses its exemption when it is a novation on restructuring or should have joined an earlier notified change', () => {
    const novation = contractChangeNotice({ changeOn: '2026-09-01', exemption: 'value_within_10_percent_goods_services', novationOnRestructuring: true });
    expect(novation.required).toBe(true);
    const split = contractChangeNotice({ changeOn: '2026-09-01', exemption: 'term_within_10_percent', couldHaveJoinedEarlierNotifiableChange: true });
    expect(split.required).toBe(true);
    // a light touch contract is outside s.75 altogether
    expect(contractChangeNotice({ changeOn: '2026-09-01', exemption: 'light_touch_contract', novationOnRestructuring: true }).required).toBe(false);
  });
});

describe('what is due on a procurement under the Act', () => {
  const base: ProcurementFacts = {
    regime: 'procurement_act_2023',
    lightTouch: true,
    route: 'competitive',
    marketEngagement: { tookPlace: true },
    plannedNoticeOn: '2026-03-02',
    published: [],
  };

  it('a new procurement after market engagement: UK2 due before the tender notice, UK3 optional, UK4 due', () => {
    const due = noticesDue(base, '2026-02-01');
    expect(due.applies).toBe(true);
    expect(find(due.notices, 'UK2')).toMatchObject({ state: 'due', dueBy: '2026-03-02' });
    expect(find(due.notices, 'UK3').state).toBe('not_required');
    expect(find(due.notices, 'UK4')).toMatchObject({ state: 'due', dueBy: '2026-03-02' });
    expect(due.notices.map((n) => n.type)).not.toContain('UK6');
  });

  it('a UK2 published after the UK4 is done but late; a reason in the UK4 makes it not required', () => {
    const late = noticesDue({ ...base, published: [{ type: 'UK4', publishedOn: '2026-03-02' }, { type: 'UK2', publishedOn: '2026-03-05' }] }, '2026-03-10');
    expect(find(late.notices, 'UK2')).toMatchObject({ state: 'done', late: true });
    const reasoned = noticesDue({ ...base, marketEngagement: { tookPlace: true, noNoticeReason: 'Engagement was with existing providers only' } }, '2026-02-01');
    expect(find(reasoned.notices, 'UK2').state).toBe('not_required');
    expect(find(reasoned.notices, 'UK2').reason).toContain('existing providers');
  });

  it('after the award: UK6 due in time for the standstill before the start, then its standstill, then UK7', () => {
    const contract = { id: 'c1', name: 'Home care – North', enteredOn: '2027-01-08' };
    const awarded = { ...base, award: { decidedOn: '2026-12-18' }, contracts: [contract], published: [{ type: 'UK4' as const, publishedOn: '2026-10-01' }] };
    const before = noticesDue(awarded, '2026-12-20');
    expect(find(before.notices, 'UK6')).toMatchObject({ state: 'due', dueBy: '2026-12-24' });

    const after = noticesDue({ ...awarded, published: [...awarded.published, { type: 'UK6', publishedOn: '2026-12-24' }] }, '2027-02-10');
    const uk6 = find(after.notices, 'UK6');
    expect(uk6.state).toBe('done');
    expect(uk6.standstill?.lastDay).toBe('2027-01-07');
    // light touch: 120 days beginning with 8 January 2027
    expect(find(after.notices, 'UK7', 'c1')).toMatchObject({ state: 'due', dueBy: '2027-05-07' });
    // not light touch: 30 days, so overdue on 10 February
    const notLightTouch = noticesDue({ ...awarded, lightTouch: false, published: [...awarded.published, { type: 'UK6', publishedOn: '2026-12-24' }] }, '2027-02-10');
    expect(find(notLightTouch.notices, 'UK7', 'c1')).toMatchObject({ state: 'overdue', dueBy: '2027-02-06' });
  });

  it('changes: none needed for a light touch contract; needed, then overdue, for another', () => {
    const changes = [{ id: 'ch1', changeOn: '2026-09-01' }];
    const lightTouch = noticesDue({ ...base, route: 'framework_call_off', contracts: [{ id: 'c1', name: 'C1', enteredOn: '2026-04-01', changes }] }, '2026-10-01');
    expect(find(lightTouch.notices, 'UK10', 'ch1')).toMatchObject({ state: 'not_required', provision: 'Procurement Act 2023, s.75(6)(b)' });
    const other = noticesDue({ ...base, lightTouch: false, route: 'framework_call_off', contracts: [{ id: 'c1', name: 'C1', enteredOn: '2026-04-01', changes }] }, '2026-10-01');
    expect(find(other.notices, 'UK10', 'ch1')).toMatchObject({ state: 'overdue', dueBy: '2026-09-01' });
  });

  it('a contract that ended: UK11 within 30 days, done when published with the contract as its subject', () => {
    const ended = { ...base, route: 'framework_call_off' as const, contracts: [{ id: 'c9', name: 'C9', endedOn: '2026-03-31' }] };
    expect(find(noticesDue(ended, '2026-04-10').notices, 'UK11', 'c9')).toMatchObject({ state: 'due', dueBy: '2026-04-29' });
    expect(find(noticesDue(ended, '2026-04-30').notices, 'UK11', 'c9').state).toBe('overdue');
    const done = noticesDue({ ...ended, published: [{ type: 'UK11', subjectId: 'c9', publishedOn: '2026-04-20' }] }, '2026-04-30');
    expect(find(done.notices, 'UK11', 'c9')).toMatchObject({ state: 'done', late: false, publishedOn: '2026-04-20' });
  });

  it('a dynamic market: UK13 before and UK14 on establishment, UK15 per modification, UK16 on cessation', () => {
    const market = noticesDue(
      { ...base, route: 'dynamic_market', dynamicMarket: { establishedOn: '2026-05-01', modifications: [{ id: 'm1', on: '2026-11-01' }], ceasedOn: '2029-04-30' } },
      '2026-04-01',
    );
    expect(market.notices.map((n) => n.type)).toEqual(['UK13', 'UK14', 'UK15', 'UK16']);
    expect(find(market.notices, 'UK15', 'm1').dueBy).toBe('2026-11-01');
  });

  it('a direct award needs a UK5 first; a user choice direct award needs no UK6; abandoning needs a UK12', () => {
    const direct = noticesDue({ ...base, route: 'direct', award: { decidedOn: '2026-05-01' } }, '2026-04-01');
    expect(find(direct.notices, 'UK5').dueBy).toBe('2026-05-01');
    expect(direct.notices.map((n) => n.type)).not.toContain('UK4');
    const userChoice = noticesDue({ ...base, route: 'direct', award: { decidedOn: '2026-05-01', userChoiceDirectAward: true } }, '2026-04-01');
    expect(find(userChoice.notices, 'UK6').state).toBe('not_required');
    const abandoned = noticesDue({ ...base, abandonedOn: '2026-06-01', published: [{ type: 'UK4', publishedOn: '2026-03-02' }] }, '2026-06-02');
    expect(find(abandoned.notices, 'UK12').state).toBe('due');
  });

  it('asks nothing of a procurement under the 2015 rules, and says why', () => {
    const old = noticesDue({ ...base, regime: 'pcr_2015_light_touch' }, '2026-02-01');
    expect(old).toMatchObject({ applies: false, notices: [] });
    expect(old.reason).toContain('does not follow the Procurement Act 2023');
  });
});

describe('the pipeline notice (UK1) of an authority', () => {
  it('is due within 56 days of 1 April when expected spend is over £100 million, and not required otherwise', () => {
    const big = pipelineNoticeDue({ financialYearStartsOn: '2026-04-01', expectedRelevantContractPaymentsPence: 150_000_000_00, published: [] }, '2026-05-01');
    expect(big).toMatchObject({ state: 'due', dueBy: '2026-05-26', subjectId: '2026-04-01' });
    expect(pipelineNoticeDue({ financialYearStartsOn: '2026-04-01', expectedRelevantContractPaymentsPence: 150_000_000_00, published: [] }, '2026-05-27').state).toBe('overdue');
    expect(pipelineNoticeDue({ financialYearStartsOn: '2026-04-01', expectedRelevantContractPaymentsPence: 100_000_000_00, published: [] }, '2026-05-27').state).toBe('not_required');
  });
});
