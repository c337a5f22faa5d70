import { describe, expect, it } from 'vitest';
import { keyDrivers } from '../../analysis/key-drivers.js';
import { chiSquare1PValue, contingencyTest } from '../../analysis/log-likelihood.js';
import { classifyMoment, sideValence, validateMomentThresholds, DEFAULT_MOMENT_THRESHOLDS } from '../../analysis/moment-matrix.js';
import { defaultGranularity, periodOf, periodsBetween } from '../../analysis/periods.js';
import { phrasesOf, wordTokens } from '../../core/text-phrases.js';

describe('contingencyTest (G²)', () => {
  it.each([
    // k1, n1, k2, n2, G² by hand (2 Σ O ln(O/E)), p on χ²(1)
    [30, 100, 10, 100, 12.9715, 0.000316],
    [3, 6, 0, 4, 3.8995, 0.0483],
    [5, 10, 5, 10, 0, 1],
  ])('%i/%i against %i/%i', (k1, n1, k2, n2, g2, p) => {
    const test = contingencyTest(k1, n1, k2, n2);
    expect(test.g2).toBeCloseTo(g2, 4);
    expect(test.p_value).toBeCloseTo(p, 4);
  });

  it('the 5 % critical value of χ²(1), 3.8415, gives p = 0.05', () => {
    expect(chiSquare1PValue(3.841459)).toBeCloseTo(0.05, 6);
  });

  it('rejects counts that cannot be', () => {
    expect(() => contingencyTest(4, 3, 0, 1)).toThrow('Expected `k1` and `n1` to be integers with 0 ≤ k1 ≤ n1, got 4 and 3');
  });
});

describe('keyDrivers on given moments', () => {
  it('two uncorrelated themes: each weight is its squared correlation with the outcome', () => {
    // 4 answers: (x1, x2, y) = (1,1,100) (1,0,0) (0,1,0) (0,0,−100) → r(x1,x2) = 0, r(x_j, y) = 1/√2
    const moments = {
      n: 4,
      sumY: 0,
      sumY2: 20_000,
      themes: new Map([
        ['a', { count: 2, sumY: 100 }],
        ['b', { count: 2, sumY: 100 }],
      ]),
      pairs: [{ a: 'a', b: 'b', count: 1 }],
    };
    const result = keyDrivers(moments);
    expect(result.r2).toBe(1);
    expect(result.themes.map((row) => [row.theme, row.relative_weight, row.importance, row.coefficient])).toEqual([
      ['a', 0.5, 0.5, 100],
      ['b', 0.5, 0.5, 100],
    ]);
    expect(result.intercept).toBe(-100);
  });

  it('no variation in the outcome: nothing to explain', () => {
    const result = keyDrivers({ n: 3, sumY: 300, sumY2: 30_000, themes: new Map([['a', { count: 1, sumY: 100 }]]), pairs: [] });
    expect(result).toMatchObject({ r2: null, themes: [], excluded: [{ theme: 'a', reason: 'every answer in the same NPS category' }] });
  });

  it('two themes always together share their weight', () => {
    const moments = {
      n: 4,
      sumY: 0,
      sumY2: 20_000,
      themes: new Map([
        ['a', { count: 2, sumY: 100 }],
        ['b', { count: 2, sumY: 100 }],
      ]),
      pairs: [{ a: 'a', b: 'b', count: 2 }],
    };
    // x1 = x2 = (1,1,0,0), y = (100, 0, 0, −100): r = 1/√2, R² = 0.5, split in two
    const result = keyDrivers(moments);
    expect(result.r2).toBe(0.5);
    expect(result.themes.map((row) => row.relative_weight)).toEqual([0.25, 0.25]);
  });
});

describe('moment matrix', () => {
  it.each([
    ['positive', 'positive', 'moment_formidable'],
    ['positive', 'none', 'coup_de_chance'],
    ['positive', 'neutral', 'coup_de_chance'],
    ['positive', 'negative', 'douleur'],
    ['negative', 'positive', 'mauvais_combat'],
    ['negative', 'none', 'cecite'],
    ['negative', 'negative', 'impasse'],
    ['neutral', 'negative', null],
    ['none', 'positive', null],
  ] as const)('customer %s × employee %s → %s', (customer, employee, moment) => {
    expect(classifyMoment(customer, employee)).toBe(moment);
  });

  it.each([
    // n, positive, negative → valence, signal (thresholds ±0.1, 5 answers)
    [10, 2, 1, 0.1, 'positive'],
    [10, 1, 2, -0.1, 'negative'],
    [10, 3, 3, 0, 'neutral'],
    [4, 4, 0, 1, 'none'],
    [0, 0, 0, null, 'none'],
  ] as const)('%i answers, %i positive, %i negative', (n, positive, negative, valence, signal) => {
    expect(sideValence(n, positive, negative, DEFAULT_MOMENT_THRESHOLDS)).toEqual({ n, positive, negative, valence, signal });
  });

  it('validates thresholds', () => {
    expect(() => validateMomentThresholds({ positive: 0 })).toThrow('Expected `positive` to be a number in (0, 1], got `0`');
    expect(() => validateMomentThresholds({ minAnswers: 0.5 })).toThrow('Expected `minAnswers` to be an integer from 1 and up, got `0.5`');
    expect(validateMomentThresholds({ negative: -0.2 })).toEqual({ positive: 0.1, negative: -0.2, minAnswers: 5 });
  });
});

describe('periods', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 'week', '2026-W01'],
    ['2027-01-01T00:00:00Z', 'week', '2026-W53'],
    ['2026-03-10T09:30:00Z', 'week', '2026-W11'],
    ['2026-03-10T09:30:00Z', 'month', '2026-03'],
  ] as const)('%s by %s is %s', (date, granularity, label) => {
    expect(periodOf(new Date(date), granularity)).toBe(label);
  });

  it.each([
    ['2026-W52', '2027-W02', 'week', ['2026-W52', '2026-W53', '2027-W01', '2027-W02']],
    ['2027-W52', '2028-W01', 'week', ['2027-W52', '2028-W01']], // 2027 has 52 weeks (1 Jan 2027 is a Friday)
    ['2026-11', '2027-02', 'month', ['2026-11', '2026-12', '2027-01', '2027-02']],
    ['2026-03', '2026-03', 'month', ['2026-03']],
  ] as const)('periods from %s to %s by %s', (first, last, granularity, labels) => {
    expect(periodsBetween(first, last, granularity)).toEqual(labels);
  });

  it('months beyond 26 weeks of data, else weeks', () => {
    expect(defaultGranularity(new Date('2026-01-01'), new Date('2026-12-31'))).toBe('month');
    expect(defaultGranularity(new Date('2026-01-01'), new Date('2026-03-01'))).toBe('week');
    expect(defaultGranularity(null, null)).toBe('month');
  });
});

describe('tokens and phrases', () => {
  it.each([
    ["Temps d'attente: 45 min!", ['temps', 'attente', '45', 'min']],
    ['Élève ÉTÉ très-long', ['élève', 'été', 'très', 'long']],
  ])('%s', (text, tokens) => {
    expect(wordTokens(text)).toEqual(tokens);
  });

  it('content words and two-word phrases, stop words out', () => {
    expect([...phrasesOf('les frais de tenue de compte')]).toEqual(['frais', 'tenue', 'compte']);
    expect([...phrasesOf('Hidden fees everywhere')]).toEqual(['hidden', 'hidden fees', 'fees', 'fees everywhere', 'everywhere']);
  });
});
