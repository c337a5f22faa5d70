import { describe, expect, it } from 'vitest';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { enrichedToPipeRecord, pipeRecordJson, pipeRecordToVerbatim } from '../../pipeline/pipe-record.js';

function enriched(input: Record<string, unknown>, overrides: Partial<EnrichedVerbatim['enrichment']> = {}): EnrichedVerbatim {
  return {
    ...pipeRecordToVerbatim(input, 1),
    enrichment: {
      lang: 'fr', langConfidence: 0.91234, sentimentSupported: true, sentiment: 'mixed', sentimentScore: -0.33349,
      themes: [
        { theme: 'fees_pricing', sentiment: 'negative', score: -0.8004, confidence: 0.9, evidence: 'frais "cachés"\n\u2028 😀' },
        { theme: 'advisor_quality', sentiment: 'positive', score: 0.5, confidence: 1 / 3, evidence: 'conseiller\\top' },
      ],
      journey: 'billing_statements', npsCategory: 'detractor', modelVersions: {},
      ...overrides,
    },
  };
}

describe('pipe output written directly', () => {
  it.each<[string, Record<string, unknown>, Partial<EnrichedVerbatim['enrichment']>]>([
    ['a plain record', { id: 'a', text: 'Frais cachés', nps: 3, branch: 'Lyon', nested: { deep: [1, null] } }, {}],
    ['an empty record', {}, {}],
    ['no themes, nulls', { id: 7, text: '' }, { themes: [], journey: null, npsCategory: null, sentimentSupported: false, lang: 'und' }],
    ['scores that round to minus zero', { id: 'z', text: 'x' }, { sentimentScore: -0.0001, langConfidence: 0 }],
    ['numeric keys first', { 2: 'two', id: 'n', 1: 'one', text: 't' }, {}],
    ['an input journey hint (its key keeps its place)', { id: 'j', journey: 'onboarding', text: 't' }, {}],
    ['an input that already has output fields', { lang: 'xx', id: 'l', themes: 'mine', nps_category: 1, text: 't' }, {}],
  ])('%s: the same bytes as stringifying the merged record', (_name, input, overrides) => {
    const record = enriched(input, overrides);
    expect(pipeRecordJson(input, record)).toBe(JSON.stringify(enrichedToPipeRecord(input, record)));
  });
});
