import { floorNps } from './anonymity-floor.js';
import { driverImpact } from './driver-impact.js';
import { npsOf, round, type NpsSummary } from './nps.js';
import type { GroupAggregate, GroupThemeAggregate } from './breakdown-queries.js';
import { PERIOD_YEARS, periodsBetween, type PeriodGranularity } from './periods.js';

export interface TrendPeriod {
  readonly period: string;
  readonly n: number;
  readonly commented: number;
  readonly nps: NpsSummary;
}

export interface ThemeTrendPoint {
  readonly period: string;
  readonly count: number;
  /** Share of the period's commented verbatims. */
  readonly share: number;
  /** Mean theme sentiment, null when the theme is absent that period. */
  readonly sentiment_score: number | null;
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
}

export interface ThemeTrend {
  readonly theme: string;
  readonly points: readonly ThemeTrendPoint[];
}

/** NPS, and each theme's volume, sentiment and impact, period by period. */
export interface Trends {
  readonly granularity: PeriodGranularity;
  readonly periods: readonly TrendPeriod[];
  readonly themes: readonly ThemeTrend[];
}

/**
 * Builds the trends from the `period` rows of `queryBreakdowns`: periods with no
 * verbatim between the first and the last are filled in (n 0, NPS null) so a gap shows
 * as a gap in "NPS over time", and every listed theme gets a point in every period
 * (count 0 when absent), so series line up. `minGroup` (employee reports): a period
 * or a theme's side with fewer answers shows no score (`floorNps`).
 */
export function buildTrends(
  granularity: PeriodGranularity,
  periodGroups: readonly GroupAggregate[],
  periodThemes: readonly GroupThemeAggregate[],
  themes: readonly string[],
  minGroup?: number,
): Trends {
  const sorted = [...periodGroups].sort((a, b) => a.value.localeCompare(b.value));
  const byValue = new Map(sorted.map((group) => [group.value, group]));
  // Gaps are filled between the first and last period of 1900–2100 only: a period
  // outside (a stray 9999-12-31) is kept as it is, never bridged to.
  const inRange = sorted.filter((group) => inPeriodYears(group.value));
  const [first, last] = [inRange[0], inRange.at(-1)];
  const filled = first === undefined || last === undefined ? [] : periodsBetween(first.value, last.value, granularity);
  const periods: GroupAggregate[] = [...new Set([...sorted.map((group) => group.value), ...filled])]
    .sort()
    .map((value) => byValue.get(value) ?? { dimension: 'period', value, n: 0, commented: 0, promoters: 0, passives: 0, detractors: 0 });
  return {
    granularity,
    periods: periods.map((group) => ({ period: group.value, n: group.n, commented: group.commented, nps: floorNps(npsOf(group), minGroup) })),
    themes: themes.map((theme) => ({
      theme,
      points: periods.map((group) => {
        const row = periodThemes.find((candidate) => candidate.value === group.value && candidate.theme === theme);
        if (row === undefined) return { period: group.value, count: 0, share: 0, sentiment_score: null, impact: null, ci95: null };
        const impact = driverImpact(group, row, minGroup);
        return {
          period: group.value,
          count: row.count,
          share: group.commented === 0 ? 0 : round(row.count / group.commented, 4),
          sentiment_score: round(row.sentimentScore, 3),
          impact: impact.impact,
          ci95: impact.ci95,
        };
      }),
    })),
  };
}

function inPeriodYears(label: string): boolean {
  const year = Number(label.slice(0, 4));
  return year >= PERIOD_YEARS.first && year <= PERIOD_YEARS.last;
}
