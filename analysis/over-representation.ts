import type { GroupAggregate, GroupThemeAggregate } from './breakdown-queries.js';
import { contingencyTest } from './log-likelihood.js';
import { round } from './nps.js';

/** A group (journey step, segment value, source) where a theme is more frequent than elsewhere. */
export interface OverRepresentedGroup {
  readonly dimension: string;
  readonly value: string;
  /** The theme's verbatims in the group, and their share of all the theme's verbatims. */
  readonly theme_count: number;
  readonly theme_share: number;
  /** The share of the other commented verbatims that fall in the group. */
  readonly others_share: number;
  readonly ratio: number | null;
  readonly g2: number;
  readonly p_value: number;
  /** p below 0.05 after Bonferroni over the groups tested. */
  readonly significant: boolean;
}

/**
 * For every group of the given dimensions: is the share of the theme's verbatims
 * that fall in it higher than the share of the other commented verbatims? G² of the
 * 2×2 table (in group or not × theme or not). Only over-represented groups return,
 * most significant first.
 */
export function overRepresentedGroups(
  theme: string,
  themeTotal: number,
  commented: number,
  groups: readonly GroupAggregate[],
  themeRows: readonly GroupThemeAggregate[],
  alpha = 0.05,
): OverRepresentedGroup[] {
  const others = commented - themeTotal;
  const tested = groups.filter((group) => group.commented > 0);
  return tested
    .map((group) => {
      const inGroup = themeRows.find((row) => row.dimension === group.dimension && row.value === group.value && row.theme === theme)?.count ?? 0;
      const othersInGroup = Math.max(0, group.commented - inGroup);
      const test = contingencyTest(inGroup, themeTotal, Math.min(othersInGroup, others), others);
      const themeShare = themeTotal === 0 ? 0 : inGroup / themeTotal;
      const othersShare = others === 0 ? 0 : othersInGroup / others;
      return {
        dimension: group.dimension,
        value: group.value,
        theme_count: inGroup,
        theme_share: round(themeShare, 4),
        others_share: round(othersShare, 4),
        ratio: Number.isFinite(test.ratio) ? round(test.ratio, 2) : null,
        g2: round(test.g2, 2),
        p_value: test.p_value,
        significant: test.p_value < alpha / Math.max(1, tested.length),
        over: themeShare > othersShare,
      };
    })
    .filter((row) => row.over && row.theme_count > 0)
    .sort((a, b) => b.g2 - a.g2 || a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value))
    .map(({ over: _over, ...row }) => row);
}
