import { describe, expect, it } from 'vitest';
import { applicationProblems, foreignParts, type OnlineApplicationDraft, type OnlineApplicationRequirements } from '../../src/procurement/online-application.ts';

const req: OnlineApplicationRequirements = {
  lots: [
    { id: 'lot-2', number: 2 },
    { id: 'lot-1', number: 1 },
  ],
  gatewayQuestions: [{ id: 'q1', question: 'Employers’ liability insurance of £5 million?' }],
  criteria: [
    { id: 'c-quality', kind: 'quality', name: 'Safeguarding' },
    { id: 'c-price', kind: 'price', name: 'Hourly rate' },
    { id: 'c-social', kind: 'social_value', name: 'Local jobs' },
  ],
  documentIds: ['doc-1'],
};

const complete: OnlineApplicationDraft = {
  lotIds: ['lot-1'],
  gatewayAnswers: [{ id: 'q1', answer: 'Yes, £10 million' }],
  qualityAnswers: [
    { id: 'c-quality', answer: 'Our policy…' },
    { id: 'c-social', answer: 'We recruit locally' },
  ],
  lotPrices: [{ lotId: 'lot-1', pricePence: 2_150 }],
  documentIds: ['doc-1'],
};

describe('an online application before submission', () => {
  it('has no problems when every part the procurement asks for is there', () => {
    expect(applicationProblems(req, complete)).toEqual({});
  });

  it('names each missing part by field, in the order of the form', () => {
    const problems = applicationProblems(req, { lotIds: [], gatewayAnswers: [{ id: 'q1', answer: '  ' }], qualityAnswers: [], lotPrices: [], documentIds: [] });
    expect(Object.entries(problems)).toEqual([
      ['lotIds', ['Choose at least one lot to apply to']],
      ['gatewayAnswers.q1', ['Answer the gateway question: Employers’ liability insurance of £5 million?']],
      ['qualityAnswers.c-quality', ['Answer the criterion: Safeguarding']],
      ['qualityAnswers.c-social', ['Answer the criterion: Local jobs']],
    ]);
  });

  it('asks a price for each lot applied to when price is a criterion, and refuses a price for a lot not applied to', () => {
    const problems = applicationProblems(req, { ...complete, lotIds: ['lot-1', 'lot-2'], lotPrices: [] });
    expect(problems).toEqual({ 'lotPrices.lot-1': ['Give your price for lot 1'], 'lotPrices.lot-2': ['Give your price for lot 2'] });
    expect(applicationProblems(req, { ...complete, lotPrices: [...complete.lotPrices, { lotId: 'lot-2', pricePence: 1 }] })).toEqual({
      'lotPrices.lot-2': ['Remove the price for lot 2, which you are not applying to'],
    });
  });

  it('refuses prices where the procurement scores none', () => {
    const noPrice = { ...req, criteria: req.criteria.filter((c) => c.kind !== 'price') };
    expect(applicationProblems(noPrice, complete)).toEqual({ 'lotPrices.lot-1': ['This procurement does not score a price: remove the prices'] });
    expect(applicationProblems(noPrice, { ...complete, lotPrices: [] })).toEqual({});
  });

  it('finds parts of another procurement, and documents not in the profile', () => {
    expect(
      foreignParts(req, { lotIds: ['lot-9'], gatewayAnswers: [{ id: 'q9', answer: 'x' }], qualityAnswers: [{ id: 'c-price', answer: 'x' }], documentIds: ['doc-2'] }),
    ).toEqual({
      'lotIds.0': ['Choose lots of this procurement'],
      'gatewayAnswers.0.id': ['Answer the gateway questions of this procurement'],
      'qualityAnswers.0.id': ['Answer the quality criteria of this procurement'],
      'documentIds.0': ['Choose documents from your organisation’s profile'],
    });
  });
});
