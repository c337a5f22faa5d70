import type { AlertMetric } from './alerts-rules.js';
import type { PeriodAggregate } from './alerts-series.js';
import { npsScore, total } from './nps.js';

/** A metric's value in one period and how many verbatims it rests on. */
export interface MetricValue {
  readonly value: number;
  readonly n: number;
}

/**
 * The metric of one period's aggregate, or null when nothing measures it (no scored
 * answer for NPS, no star for a rating, no verbatim in scope for a share).
 *
 * @example metricOf('share', { count: 5, commented: 50, … }) // { value: 0.1, n: 5 }
 */
export function metricOf(metric: AlertMetric, aggregate: PeriodAggregate): MetricValue | null {
  switch (metric) {
    case 'volume':
      return { value: aggregate.count, n: aggregate.count };
    case 'share':
      return aggregate.commented === 0 ? null : { value: aggregate.count / aggregate.commented, n: aggregate.count };
    case 'sentiment':
      return aggregate.sentiment === null ? null : { value: aggregate.sentiment, n: aggregate.sentimentN };
    case 'nps': {
      const score = npsScore(aggregate);
      return score === null ? null : { value: score, n: total(aggregate) };
    }
    case 'rating':
      return aggregate.rating === null ? null : { value: aggregate.rating, n: aggregate.rated };
  }
}

/**
 * The smallest standard deviation a baseline is given: the sampling noise of the
 * metric. A perfectly flat baseline (sd 0) would otherwise make any wobble an
 * infinite z-score; counts are Poisson (sd √mean), a share binomial.
 */
export function noiseFloor(metric: AlertMetric, baselineMean: number, currentBase: number): number {
  switch (metric) {
    case 'volume':
      return Math.sqrt(Math.max(baselineMean, 1));
    case 'share':
      return Math.sqrt(Math.max(baselineMean * (1 - baselineMean), 0.0025) / Math.max(currentBase, 1));
    case 'sentiment':
      return 0.05;
    case 'nps':
      return 5;
    case 'rating':
      return 0.1;
  }
}

export interface BaselineTest {
  readonly mean: number;
  readonly sd: number;
  readonly z: number;
  /** Baseline periods with data. */
  readonly periods: number;
}

/** Fewer baseline periods with data than this: no verdict (a new installation is not a spike). */
export const MIN_BASELINE_PERIODS = 3;

/**
 * z-score of `current` against the baseline values (sample sd, never below `floor(mean)`);
 * null with fewer than `MIN_BASELINE_PERIODS` values.
 *
 * @example baselineTest(30, [10, 10, 11, 9, 10, 10], Math.sqrt)?.z // 6.3
 */
export function baselineTest(current: number, baseline: readonly number[], floor: (mean: number) => number): BaselineTest | null {
  if (baseline.length < MIN_BASELINE_PERIODS) return null;
  const mean = baseline.reduce((sum, value) => sum + value, 0) / baseline.length;
  const variance = baseline.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (baseline.length - 1);
  const sd = Math.max(Math.sqrt(variance), floor(mean));
  return { mean, sd, z: (current - mean) / sd, periods: baseline.length };
}
