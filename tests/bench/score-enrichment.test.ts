import { expect, it } from 'vitest';
import { scoreEnrichment, type GoldRecord, type PredictedRecord } from '../../bench/score-enrichment.js';

it('computes the score.py metrics by hand on a tiny set', () => {
  const gold: GoldRecord[] = [
    { id: '1', text: 'Frais trop chers', lang: 'fr', sentiment: 'negative', themes: [{ theme: 'fees_pricing', sentiment: 'negative' }], journey: 'billing_statements' },
    { id: '2', text: 'Great advisor but slow app', lang: 'en', sentiment: 'mixed', themes: [{ theme: 'advisor_quality', sentiment: 'positive' }, { theme: 'digital_app', sentiment: 'negative' }], journey: null },
    { id: '3', text: 'Muy bien', lang: 'es', sentiment: 'positive', themes: [], journey: null },
  ];
  const predictions = new Map<string, PredictedRecord>([
    ['1', { lang: 'fr', sentiment: 'negative', themes: [{ theme: 'fees_pricing', sentiment: 'negative' }], journey: 'billing_statements' }],
    ['2', { lang: 'en', sentiment: 'positive', themes: [{ theme: 'advisor_quality', sentiment: 'positive' }, { theme: 'product_offer', sentiment: 'neutral' }], journey: 'support_contact' }],
    ['3', { lang: 'pt', sentiment: 'positive', themes: [{ theme: 'fees_pricing' }] }],
  ]);
  const scores = scoreEnrichment(gold, predictions);
  expect(scores.lang_acc).toBeCloseTo(2 / 3);
  // under 20 characters: records 1 (right) and 3 (wrong)
  expect(scores.lang_acc_short).toBe(0.5);
  // negative F1 1, positive F1 2/3 (tp 1, fp 1), mixed 0, neutral 0 → macro 5/12
  expect(scores.sent_macro_f1).toBeCloseTo(5 / 12);
  // fr/en only: tp 2, fp 1, fn 1 → F1 2/3; both found pairs have the right sentiment
  expect(scores.theme_micro_f1).toBeCloseTo(2 / 3);
  expect(scores.theme_sent_acc).toBe(1);
  expect(scores.journey_acc).toBe(1);
  expect(scores.journey_null_as_step).toBe(1);
});
