import { expect, it } from 'vitest';
import { byteOrder, NPS_CATEGORY_SPREAD, SENTIMENT_SPREAD, spreadCategories } from '../../analysis/replica-categories.js';
import type { ReplicaRow } from '../../analysis/replica-sql.js';

it('folds rows grouped on category columns back to one row a key, each category counted into its column', () => {
  const rows = [
    { theme: 'fees', nps_category: 'promoter', sentiment: 'positive', count: 3, score_micros: 1_500_000 },
    { theme: 'app', nps_category: 'detractor', sentiment: 'negative', count: 2, score_micros: -900_000 },
    { theme: 'fees', nps_category: 'detractor', sentiment: 'negative', count: 4, score_micros: -2_000_000 },
    { theme: 'fees', nps_category: null, sentiment: 'neutral', count: 1, score_micros: null },
    { theme: 'fees', nps_category: 'passive', sentiment: 'mixed', count: 5, score_micros: 250_000 },
  ];
  const folded = spreadCategories(rows, { keys: ['theme'], count: 'count', spreads: [NPS_CATEGORY_SPREAD, SENTIMENT_SPREAD], sums: ['score_micros'] });
  expect(folded).toEqual([
    { theme: 'fees', count: 13, score_micros: -250_000, promoters: 3, passives: 5, detractors: 4, positive: 3, negative: 4 },
    { theme: 'app', count: 2, score_micros: -900_000, promoters: 0, passives: 0, detractors: 2, positive: 0, negative: 2 },
  ]);
});

it('keys on several columns, dates and nulls among them', () => {
  const day = new Date('2026-03-01T00:00:00Z');
  const rows: ReplicaRow[] = [
    { journey: 'onboarding', respondent: 'customer', sentiment: 'positive', n: 2 },
    { journey: null, respondent: 'customer', sentiment: 'negative', n: 1 },
    { journey: 'onboarding', respondent: 'employee', sentiment: 'positive', n: 7 },
    { journey: 'onboarding', respondent: 'customer', sentiment: 'negative', n: 1 },
    { journey: null, respondent: 'customer', sentiment: 'positive', n: 6 },
    { period: day, journey: 'x', respondent: 'customer', sentiment: 'positive', n: 1 },
    { period: new Date(day), journey: 'x', respondent: 'customer', sentiment: 'positive', n: 1 },
  ];
  expect(spreadCategories(rows, { keys: ['journey', 'respondent'], count: 'n', spreads: [SENTIMENT_SPREAD] })).toEqual([
    { journey: 'onboarding', respondent: 'customer', n: 3, positive: 2, negative: 1 },
    { journey: null, respondent: 'customer', n: 7, positive: 6, negative: 1 },
    { journey: 'onboarding', respondent: 'employee', n: 7, positive: 7, negative: 0 },
    { journey: 'x', respondent: 'customer', n: 2, positive: 2, negative: 0 },
  ]);
  expect(spreadCategories(rows.slice(5), { keys: ['period'], count: 'n', spreads: [] })).toEqual([{ period: day, n: 2 }]);
});

it('orders texts by their UTF-8 bytes, not by UTF-16 code units', () => {
  const texts = ['😀', '\uE000', 'é', 'z', 'Z', 'a.b', 'a'];
  expect([...texts].sort(byteOrder)).toEqual(['Z', 'a', 'a.b', 'z', 'é', '\uE000', '😀']);
  expect([...texts].sort()).not.toEqual([...texts].sort(byteOrder)); // what a plain sort would get wrong
});
