import type { Kysely } from 'kysely';
import { parentTheme } from '../db/theme-hierarchy.js';
import type { Database } from '../db/schema.js';
import { npsOf, round, type NpsSummary } from './nps.js';
import { decompose, direction, interval95, type Contribution, type Estimate } from './period-compare-maths.js';
import { comparedPeriods, type Against, type PeriodBounds } from './period-compare-periods.js';
import { twoProportions, type ProportionChange } from './period-compare-proportions.js';
import { sourceCounts, type ReportCounts } from './report-counts.js';
import type { ReportFilters } from './report-filters.js';
import type { ThemeAggregate } from './report-queries.js';
import { inReportSnapshot } from './report-snapshot.js';
import { customerFilters, type ViewerScope } from './viewer-scope.js';

/** The residual row's theme id (CONTRACT.md "Comparison block"): untagged answers and themes below the minimum count. */
export const OTHER_THEME = 'other';

/** One theme's share of the NPS change (`period-compare-maths.ts` has the maths), in NPS points, one decimal. */
export interface CompareContribution {
  readonly theme: string;
  /** True on the `other` row: untagged answers, themes below the minimum count, and the rounding of the rows above. */
  readonly residual: boolean;
  /** Mix effect: more or fewer answers on the theme (its share change × how far its NPS is from the mean). */
  readonly volume_effect: number;
  /** Performance effect: the theme's own NPS change, at its mean share. */
  readonly rate_effect: number;
  /** volume_effect + rate_effect; the totals of all rows add up to `change`. */
  readonly total: number;
  /** 95 % delta-method interval of `total`. */
  readonly ci95: readonly [number, number];
  readonly volume_ci95: readonly [number, number];
  readonly rate_ci95: readonly [number, number];
  /** The interval of `total` excludes 0: ▲ up, ▼ down. */
  readonly significant: boolean;
  readonly direction: 'up' | 'down' | null;
  /** The theme's share of scored answers (an answer with k themes counts 1/k in each), 0..1. */
  readonly share_previous: number;
  readonly share_current: number;
  /** NPS of the theme's answers (weighted the same way); null when it had none. */
  readonly nps_previous: number | null;
  readonly nps_current: number | null;
}

/** A theme's volume share (of commented verbatims) and negative share (of its mentions) in both periods. */
export interface ThemeShift {
  readonly theme: string;
  readonly count_previous: number;
  readonly count_current: number;
  readonly volume_share: ProportionChange;
  readonly negative_share: ProportionChange;
}

/** A period and its NPS. */
export type PeriodNps = PeriodBounds & NpsSummary;

/** The "comparison" block of the report JSON (CONTRACT.md). */
export interface PeriodComparison {
  /** The reference period (A). */
  readonly previous: PeriodNps;
  /** The period compared (B). */
  readonly current: PeriodNps;
  /** NPS(current) − NPS(previous); null when a period has no scored answer. */
  readonly change: number | null;
  readonly change_ci95: readonly [number, number] | null;
  readonly change_direction: 'up' | 'down' | null;
  readonly method: string;
  /** Themes by |total|, then `other`; their totals add up to `change` exactly. */
  readonly contributions: readonly CompareContribution[];
  readonly themes: readonly ThemeShift[];
}

export interface CompareOptions {
  /** Themes with fewer verbatims in both periods go to `other` (default 5, as drivers). */
  readonly minCount?: number;
  /** Count on the DuckDB replica at this path (as `ReportOptions.replicaPath`); default the source. */
  readonly replicaPath?: string;
}

export const COMPARE_METHOD =
  'shift-share, midpoint form: volume = Δshare × (mean theme NPS − mean NPS), rate = mean share × Δtheme NPS; an answer with k themes counts 1/k in each; 95 % intervals by the delta method; shares by the two-proportion z-test';

/**
 * The NPS change of a viewer's scope against another period, split into theme
 * contributions, in one report snapshot. Null for employee answers (a theme's eNPS
 * in a period would describe groups below the anonymity floor).
 *
 * @example const comparison = await comparePeriods(db, { filters: { from: '2026-03-01', to: '2026-04-01' } }, 'previous', new Date())
 */
export async function comparePeriods(db: Kysely<Database>, scope: ViewerScope, against: Against, now: Date, options: CompareOptions = {}): Promise<PeriodComparison | null> {
  return inReportSnapshot(db, (snapshot) => compareInSnapshot(snapshot, customerFilters(scope), against, now, options));
}

/** `comparePeriods` on a handle that is already a report snapshot, on filters with the role scope in. */
export async function compareInSnapshot(db: Kysely<Database>, filters: ReportFilters, against: Against, now: Date, options: CompareOptions = {}): Promise<PeriodComparison | null> {
  const { replicaPath } = options;
  if (replicaPath === undefined) return compareWithCounts(sourceCounts(db), filters, against, now, options);
  // Loaded on use, as in `buildReport`: the default engine never loads DuckDB's native binding.
  const [{ withReplica }, { replicaCounts }] = await Promise.all([import('../db/analytics-replica.js'), import('./replica-counts.js')]);
  return withReplica(db, replicaPath, (replica) => compareWithCounts(replicaCounts(replica, sourceCounts(db)), filters, against, now, options));
}

async function compareWithCounts(counts: ReportCounts, filters: ReportFilters, against: Against, now: Date, options: CompareOptions): Promise<PeriodComparison | null> {
  if ((filters.respondent ?? 'customer') !== 'customer') return null;
  const minCount = options.minCount ?? 5;
  const lastDay = filters.to === undefined ? (await counts.dateRange(filters)).last : null;
  const periods = comparedPeriods(filters, against, lastDay, now);
  const [filtersA, filtersB] = [{ ...filters, ...periods.reference }, { ...filters, ...periods.current }];
  const [totalsA, totalsB, themesA, themesB] = await Promise.all([counts.totals(filtersA), counts.totals(filtersB), counts.themes(filtersA), counts.themes(filtersB)]);
  const shown = shownThemes(themesA, themesB, minCount);
  const [momentsA, momentsB] = await Promise.all([counts.groupMoments(filtersA, shown), counts.groupMoments(filtersB, shown)]);
  const decomposition = decompose(momentsA, momentsB);
  const change = decomposition === null ? null : decomposition.change;
  return {
    previous: { ...periods.reference, ...npsOf(totalsA) },
    current: { ...periods.current, ...npsOf(totalsB) },
    change: change === null ? null : tenths(change.value) / 10,
    change_ci95: change === null ? null : roundInterval(change),
    change_direction: change === null ? null : direction(change),
    method: COMPARE_METHOD,
    contributions: decomposition === null ? [] : roundedContributions(decomposition.change, decomposition.contributions),
    themes: shown.map((theme) => themeShift(theme, themesA, themesB, totalsA.commented, totalsB.commented)),
  };
}

/** Top-level themes with at least `minCount` verbatims in either period, by their larger count. */
function shownThemes(themesA: readonly ThemeAggregate[], themesB: readonly ThemeAggregate[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const row of [...themesA, ...themesB]) {
    if (parentTheme(row.theme) === null) counts.set(row.theme, Math.max(counts.get(row.theme) ?? 0, row.count));
  }
  return [...counts].filter(([, count]) => count >= minCount).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([theme]) => theme);
}

function themeShift(theme: string, themesA: readonly ThemeAggregate[], themesB: readonly ThemeAggregate[], commentedA: number, commentedB: number): ThemeShift {
  const a = themesA.find((row) => row.theme === theme);
  const b = themesB.find((row) => row.theme === theme);
  const [countA, countB] = [a?.count ?? 0, b?.count ?? 0];
  return {
    theme,
    count_previous: countA,
    count_current: countB,
    volume_share: twoProportions(countA, commentedA, countB, commentedB),
    negative_share: twoProportions(a?.negative ?? 0, countA, b?.negative ?? 0, countB),
  };
}

const ZERO: Estimate = { value: 0, se: 0 };

/** `+ 0`: a −0.04 rounds to −0, which JSON and `toEqual` would tell apart from 0. */
const tenths = (value: number): number => Math.round(value * 10) + 0;

function roundInterval(estimate: Estimate): readonly [number, number] {
  const [lo, hi] = interval95(estimate);
  return [round(lo), round(hi)];
}

/**
 * Rows rounded to 0.1 point so that what is shown adds up: a theme's total and volume
 * are rounded, its rate is the total minus the volume, and `other` takes the change
 * minus the themes' totals (its true value plus their rounding, at most 0.05 a row).
 * Counted in tenths, integers, so no floating-point dust.
 */
function roundedContributions(change: Estimate, rows: readonly Contribution[]): CompareContribution[] {
  const themes = rows
    .filter((row) => row.key !== null)
    .map((row) => ({ row, volume: tenths(row.volume.value), total: tenths(row.total.value) }))
    .sort((x, y) => Math.abs(y.total) - Math.abs(x.total) || String(x.row.key).localeCompare(String(y.row.key)));
  const other = rows.find((row) => row.key === null) ?? { key: null, volume: ZERO, rate: ZERO, total: ZERO, shareA: 0, shareB: 0, npsA: null, npsB: null };
  const otherTotal = tenths(change.value) - themes.reduce((sum, item) => sum + item.total, 0);
  return [...themes.map((item) => shown(item.row, item.volume, item.total)), shown(other, tenths(other.volume.value), otherTotal)];
}


/** A row for display, from its volume and total in tenths of a point. */
function shown(row: Contribution, volume: number, total: number): CompareContribution {
  const arrow = direction(row.total);
  return {
    theme: row.key ?? OTHER_THEME,
    residual: row.key === null,
    volume_effect: volume / 10,
    rate_effect: (total - volume) / 10,
    total: total / 10,
    ci95: roundInterval(row.total),
    volume_ci95: roundInterval(row.volume),
    rate_ci95: roundInterval(row.rate),
    significant: arrow !== null,
    direction: arrow,
    share_previous: round(row.shareA, 4),
    share_current: round(row.shareB, 4),
    nps_previous: row.npsA === null ? null : round(row.npsA),
    nps_current: row.npsB === null ? null : round(row.npsB),
  };
}
