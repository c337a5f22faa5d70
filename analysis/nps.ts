import { npsScoreInterval } from './nps-interval.js';

/** Counts of NPS answers by category. */
export interface NpsCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

export interface NpsSummary extends NpsCounts {
  /** −100..100, or null when nobody answered. */
  readonly score: number | null;
  readonly n: number;
  /** 95 % interval, or null when n = 0. */
  readonly ci95: readonly [number, number] | null;
  /** Set when the score is withheld (an employee group below the anonymity floor): what to show instead. */
  readonly withheld?: string;
}

export function total(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/**
 * NPS = %promoters − %detractors, with its 95 % score interval (`npsScoreInterval`,
 * Rocks 2016), which stays open on small or one-category groups.
 *
 * @example npsOf({ promoters: 5, passives: 3, detractors: 2 }).score // 30
 */
export function npsOf(counts: NpsCounts): NpsSummary {
  const n = total(counts);
  const interval = npsScoreInterval(counts);
  if (n === 0 || interval === null) return { ...counts, n, score: null, ci95: null };
  return { ...counts, n, score: round(npsScore(counts) as number), ci95: [round(100 * interval[0]), round(100 * interval[1])] };
}

/** The point estimate alone, null when n = 0. */
export function npsScore(counts: NpsCounts): number | null {
  const n = total(counts);
  return n === 0 ? null : ((counts.promoters - counts.detractors) / n) * 100;
}

export function subtract(a: NpsCounts, b: NpsCounts): NpsCounts {
  return { promoters: a.promoters - b.promoters, passives: a.passives - b.passives, detractors: a.detractors - b.detractors };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
