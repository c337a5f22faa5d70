import { describe, expect, it } from 'vitest';
import { decompose, type GroupMoments } from '../../analysis/period-compare-maths.js';
import { comparedPeriods, parseAgainst } from '../../analysis/period-compare-periods.js';
import { twoProportions } from '../../analysis/period-compare-proportions.js';
import { seededRandom } from '../../models/learned/hashing.js';

/** One answer: its score (−1, 0, +1) and its top-level themes. */
type Answer = readonly [y: number, themes: readonly string[]];

/** The moments `queryGroupMoments` reads in SQL, computed here in plain code (every theme shown). */
function moments(answers: readonly Answer[]): GroupMoments[] {
  const groups = new Map<string | null, GroupMoments>();
  for (const [y, themes] of answers) {
    const keys = themes.length === 0 ? [null] : themes;
    for (const key of keys) {
      const a = 1 / keys.length;
      const g = groups.get(key) ?? { key, sumA: 0, sumAY: 0, sumA2: 0, sumA2Y: 0, sumA2Y2: 0, sumAY2: 0 };
      groups.set(key, { key, sumA: g.sumA + a, sumAY: g.sumAY + a * y, sumA2: g.sumA2 + a * a, sumA2Y: g.sumA2Y + a * a * y, sumA2Y2: g.sumA2Y2 + a * a * y * y, sumAY2: g.sumAY2 + a * y * y });
    }
  }
  return [...groups.values()];
}

/** `n` answers: fees lowers the score, app raises it, `feesRate` sets how often fees comes up. */
function answers(n: number, feesRate: number, next: () => number): Answer[] {
  return Array.from({ length: n }, (): Answer => {
    const themes = [...(next() < feesRate ? ['fees'] : []), ...(next() < 0.3 ? ['app'] : []), ...(next() < 0.1 ? ['wait'] : [])];
    const lean = (themes.includes('fees') ? -0.4 : 0) + (themes.includes('app') ? 0.3 : 0);
    const u = next() + lean;
    return [u > 0.66 ? 1 : u < 0.33 ? -1 : 0, themes];
  });
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

describe('decompose', () => {
  const next = seededRandom(42);
  const a = answers(400, 0.2, next);
  const b = answers(400, 0.4, next);
  const result = decompose(moments(a), moments(b));

  it('the contributions add up to the change exactly, and volume + rate = total per theme', () => {
    expect(result).not.toBeNull();
    const change = 100 * (mean(b.map(([y]) => y)) - mean(a.map(([y]) => y)));
    expect(result?.change.value).toBeCloseTo(change, 9);
    expect(result?.contributions.reduce((s, c) => s + c.total.value, 0)).toBeCloseTo(change, 9);
    for (const c of result?.contributions ?? []) expect(c.volume.value + c.rate.value).toBeCloseTo(c.total.value, 9);
  });

  it('more fees mentions (a below-average theme) is a negative volume effect', () => {
    expect(result?.contributions.find((c) => c.key === 'fees')?.volume.value).toBeLessThan(0);
  });

  it('the delta-method standard errors agree with a seeded bootstrap over answers (within 20 %)', () => {
    const draw = seededRandom(7);
    const resample = (rows: readonly Answer[]): Answer[] => rows.map(() => rows[Math.floor(draw() * rows.length)] as Answer);
    const samples = Array.from({ length: 300 }, () => decompose(moments(resample(a)), moments(resample(b))));
    const sd = (pick: (d: NonNullable<typeof result>) => number): number => {
      const values = samples.map((d) => pick(d as NonNullable<typeof result>));
      const m = mean(values);
      return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
    };
    for (const key of ['fees', 'app', null]) {
      const row = result?.contributions.find((c) => c.key === key);
      const find = (d: NonNullable<typeof result>) => d.contributions.find((c) => c.key === key);
      for (const part of ['volume', 'rate', 'total'] as const) {
        const bootstrap = sd((d) => find(d)?.[part].value ?? 0);
        expect(row?.[part].se, `${String(key)} ${part}`).toBeGreaterThan(0.8 * bootstrap);
        expect(row?.[part].se, `${String(key)} ${part}`).toBeLessThan(1.2 * bootstrap);
      }
    }
  });

  it('a theme only in the current period: all volume, no rate', () => {
    const only = decompose(moments([[1, []], [-1, []]]), moments([[1, ['new']], [-1, []]]));
    const row = only?.contributions.find((c) => c.key === 'new');
    expect([row?.rate.value, row?.volume.value, row?.total.value]).toEqual([0, row?.total.value, 50]);
  });

  it('null when a period has no scored answer', () => {
    expect(decompose([], moments([[1, []]]))).toBeNull();
  });
});

describe('periods', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it.each([
    [{ from: '2026-03-01', to: '2026-04-01' }, 'previous', null, { from: '2026-01-29', to: '2026-03-01' }],
    [{ from: '2026-03-01', to: '2026-04-01' }, '2025-03-01..2025-04-01', null, { from: '2025-03-01', to: '2025-04-01' }],
    // no end: the day after the last verbatim (current 2026-05-02..2026-06-01, 30 days), then the 30 days before
    [{}, 'previous', new Date('2026-05-31T18:00:00Z'), { from: '2026-04-02', to: '2026-05-02' }],
  ] as const)('%j against %s', (scope, against, last, reference) => {
    expect(comparedPeriods(scope, parseAgainst(against), last, now).reference).toEqual(reference);
  });

  it.each(['last', '2026-02-01..', '2026-03-01..2026-02-01', '2026-02-30..2026-03-01'])('refuses %s', (text) => {
    expect(() => parseAgainst(text)).toThrow(/Expected/);
  });
});

describe('twoProportions', () => {
  it.each([
    // 10 of 100 → 25 of 100: pooled 0.175, se = √(0.175·0.825·0.02) = 0.0537, z = 2.79
    [10, 100, 25, 100, { change: 15, z: 2.79, significant: true, direction: 'up' }],
    [5, 10, 4, 10, { change: -10, significant: false, direction: null }],
    [0, 0, 4, 10, { change: null, significant: false }],
  ] as const)('%i/%i → %i/%i', (xA, nA, xB, nB, expected) => {
    expect(twoProportions(xA, nA, xB, nB)).toMatchObject(expected);
  });
});
