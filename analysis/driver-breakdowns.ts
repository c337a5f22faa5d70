import { floorNps } from './anonymity-floor.js';
import { driverImpact } from './driver-impact.js';
import { npsOf, round, type NpsSummary } from './nps.js';
import { dimensionKey, type Dimension, type DimensionKind, type GroupAggregate, type GroupThemeAggregate } from './breakdown-queries.js';

/** A theme's driver figures inside one group (impact against the group's own NPS). */
export interface GroupDriver {
  readonly theme: string;
  readonly count: number;
  /** Share of the group's commented verbatims. */
  readonly share: number;
  readonly sentiment_score: number;
  readonly nps_with: number | null;
  readonly nps_without: number | null;
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly significant: boolean;
}

export interface BreakdownGroup {
  readonly value: string;
  /** Verbatims in the group, scored or not. */
  readonly n: number;
  readonly commented: number;
  readonly nps: NpsSummary;
  readonly drivers: readonly GroupDriver[];
}

/** Drivers computed again within each value of one dimension. */
export interface Breakdown {
  readonly dimension: string;
  readonly kind: DimensionKind;
  readonly groups: readonly BreakdownGroup[];
  /** Groups left out beyond `maxGroups` (the smallest). */
  readonly omitted_groups: number;
}

export interface BreakdownOptions {
  /** Least verbatims with a theme in a group for the theme to be listed there. */
  readonly minCount: number;
  /** Most groups a dimension (the largest; periods are all kept, in time order). */
  readonly maxGroups: number;
  /** Anonymity floor of an employee report: a group, or a driver side, with fewer answers shows no score. */
  readonly minGroup?: number;
}

/**
 * Turns the grouped aggregates into one `Breakdown` a dimension: NPS of each group
 * and, within it, each theme's impact = NPS(group) − NPS(group without the theme).
 */
export function buildBreakdowns(
  dimensions: readonly Dimension[],
  aggregates: { readonly groups: readonly GroupAggregate[]; readonly themes: readonly GroupThemeAggregate[] },
  options: BreakdownOptions,
): Breakdown[] {
  return dimensions.map((dimension) => {
    const key = dimensionKey(dimension);
    const all = aggregates.groups.filter((group) => group.dimension === key);
    const ordered =
      dimension.kind === 'period'
        ? [...all].sort((a, b) => a.value.localeCompare(b.value))
        : [...all].sort((a, b) => b.n - a.n || a.value.localeCompare(b.value)).slice(0, options.maxGroups);
    const groups = ordered.map((group) => ({
      value: group.value,
      n: group.n,
      commented: group.commented,
      nps: floorNps(npsOf(group), options.minGroup),
      drivers: aggregates.themes
        .filter((row) => row.dimension === key && row.value === group.value && row.count >= options.minCount)
        .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme))
        .map((row) => ({
          theme: row.theme,
          count: row.count,
          share: group.commented === 0 ? 0 : round(row.count / group.commented, 4),
          sentiment_score: round(row.sentimentScore, 3),
          ...driverImpact(group, row, options.minGroup),
        })),
    }));
    return { dimension: dimension.name, kind: dimension.kind, groups, omitted_groups: all.length - ordered.length };
  });
}
